// The gap map: a choropleth drawn by ECharts from the page's json_script block (#gapmap-data) and the
// geometry file it names (served from our static files). The table below carries the same figures, so
// without scripts nothing is lost; the measure form then reloads the page.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("gap-measure-form");
  var select = document.getElementById("gap-measure");
  if (form && select) {
    select.addEventListener("change", function () { form.submit(); });
  }
  var node = document.getElementById("gapmap-data");
  var el = document.getElementById("gapmap");
  if (!node || !el || !window.echarts || !window.fetch) return;
  var data = JSON.parse(node.textContent);
  if (!data.geometry) return;
  var byCode = {};
  data.units.forEach(function (u) { byCode[u.code] = u; });
  // A province's map draws counties coloured by their prefecture (or by themselves under 市辖区 and the like).
  function unitOf(code) { return byCode[code] || byCode[code.slice(0, 4) + "00"] || null; }

  fetch(data.geometry, {credentials: "same-origin"}).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(function (geo) {
    var features = geo.features.filter(function (f) {
      return !data.prefix || f.properties.code.indexOf(data.prefix) === 0;
    });
    echarts.registerMap(data.map, {type: "FeatureCollection", features: features});
    var values = data.units.map(function (u) { return u.value; });
    var min = Math.min(0, Math.min.apply(null, values.concat([0])));
    var max = Math.max(1, Math.max.apply(null, values.concat([1])));
    var high = data.measure.worse_when_high ? "#b0221b" : "#2f6f9f";
    var colors = min < 0 ? ["#5b8c3a", "#f7f3ee", high] : ["#f7f3ee", high];
    var items = features.map(function (f) {
      var u = unitOf(f.properties.code);
      var item = {name: f.properties.code, value: u ? u.value : null, unit: u, place: f.properties.name};
      if (u && u.level === "county" && (u.deep || u.designated)) {
        item.itemStyle = {borderColor: "#222", borderWidth: 2};
      }
      return item;
    });
    var chart = echarts.init(el, null, {renderer: "svg"});
    chart.setOption({
      aria: {enabled: true},
      tooltip: {trigger: "item", formatter: function (p) {
        var u = p.data && p.data.unit;
        if (!u) return (p.data && p.data.place) || p.name;
        var marks = [];
        var county = u.level === "county";
        if (u.deep) marks.push(data.labels.deep + (county ? "" : " × " + u.deep));
        if (u.designated) marks.push(data.labels.designated + (county ? "" : " × " + u.designated));
        var place = p.data.place !== u.name ? u.name + " · " + p.data.place : u.name;
        return echarts.format.encodeHTML(place) + "<br>" + echarts.format.encodeHTML(data.measure.label) + "：" +
          echarts.format.encodeHTML(u.display) + (marks.length ? "<br>" + echarts.format.encodeHTML(marks.join("、")) : "");
      }},
      visualMap: {min: min, max: max, calculable: true, left: 8, bottom: 8, inRange: {color: colors},
                  formatter: function (v) { return Math.round(v); }},
      series: [{type: "map", map: data.map, nameProperty: "code", roam: true, data: items,
                emphasis: {label: {show: false}, itemStyle: {areaColor: "#f0c36d"}},
                select: {disabled: true}}]
    });
    chart.on("click", function (p) {
      var u = p.data && p.data.unit;
      if (u && u.url) window.location.href = u.url + "?measure=" + encodeURIComponent(data.measure.key);
    });
    el.setAttribute("data-ready", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  }).catch(function () {
    el.setAttribute("hidden", "");  // the table below still has every figure
  });
});
