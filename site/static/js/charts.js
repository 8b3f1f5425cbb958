// Draws every ECharts chart on the page from its JSON option (<script type="application/json" id="…-option">).
// The tables below each chart carry the same figures, so nothing is lost when scripts are off.
document.addEventListener("DOMContentLoaded", function () {
  if (!window.echarts) return;
  document.querySelectorAll("script[id$='-option']").forEach(function (node) {
    var el = document.getElementById(node.id.replace(/-option$/, ""));
    if (!el) return;
    var chart = echarts.init(el, null, {renderer: "svg"});
    chart.setOption(JSON.parse(node.textContent));
    window.addEventListener("resize", function () { chart.resize(); });
  });
});
