// Draws the backtest's weekly hit rate by strategy (ECharts, vendored). Runs again after HTMX swaps.
(function () {
  function draw() {
    var el = document.getElementById("backtest-chart");
    if (!el || !window.echarts) return;
    var data = JSON.parse(el.dataset.chart);
    var chart = echarts.getInstanceByDom(el) || echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "-" : (v * 100).toFixed(1) + "%"; } },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 40 },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", name: data.axis, axisLabel: { formatter: function (v) { return (v * 100).toFixed(0) + "%"; } } },
      series: data.series.map(function (s) { return { name: s.name, type: "line", data: s.data, connectNulls: true, showSymbol: false }; })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", draw);
  document.body.addEventListener("htmx:afterSwap", draw);
})();
