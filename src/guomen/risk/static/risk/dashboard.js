// Risk dashboard: one ECharts chart per figure, each with a table view behind a toggle button.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("risk-charts").textContent);
  var charts = [];
  function option(kind, rows) {
    var labels = rows.map(function (r) { return r[0]; });
    var values = rows.map(function (r) { return r[1]; });
    if (kind === "pie") {
      rows = rows.filter(function (r) { return r[1] > 0; });
      if (!rows.length) {
        return { title: { text: "—", left: "center", top: "middle", textStyle: { color: "#999" } }, series: [] };
      }
      return {
        tooltip: { trigger: "item" },
        series: [{ type: "pie", radius: ["35%", "65%"], data: rows.map(function (r) { return { name: r[0], value: r[1] }; }) }],
      };
    }
    if (kind === "line") {
      return {
        tooltip: { trigger: "axis" },
        grid: { left: 40, right: 12, top: 16, bottom: 40 },
        xAxis: { type: "category", data: labels },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "line", data: values, smooth: true, areaStyle: {} }],
      };
    }
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 90, right: 16, top: 8, bottom: 24 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: labels.slice().reverse(), axisLabel: { width: 80, overflow: "truncate" } },
      series: [{ type: "bar", data: values.slice().reverse() }],
    };
  }
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    if (typeof echarts === "undefined") { return; }
    var chart = echarts.init(el);
    chart.setOption(option(el.dataset.kind, data[el.dataset.chart] || []));
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  document.querySelectorAll("[data-toggle-table]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var key = btn.dataset.toggleTable;
      document.getElementById("table-" + key).classList.toggle("d-none");
      document.getElementById("chart-" + key).classList.toggle("d-none");
    });
  });
})();
