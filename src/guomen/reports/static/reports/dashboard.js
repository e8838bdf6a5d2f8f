// Draws the dashboard's charts from their JSON options, again after each htmx swap.
(function () {
  "use strict";
  function draw(root) {
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var option = JSON.parse(document.getElementById(el.dataset.chart).textContent);
      option.toolbox = {feature: {saveAsImage: {title: el.dataset.saveLabel, name: el.dataset.name}}};
      var chart = echarts.getInstanceByDom(el) || echarts.init(el);
      chart.setOption(option, true);
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  draw(document);
  document.body.addEventListener("htmx:afterSwap", function (e) { draw(e.target); });
})();
