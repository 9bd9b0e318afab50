// Charts of the annual report, drawn from the JSON the page embeds (no inline script).
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("report-charts");
  if (!source || typeof Chart === "undefined") return;
  var charts = JSON.parse(source.textContent);
  var colours = ["#0b5c7a", "#c98a00", "#b3261e", "#1b7f3b"];
  var rtl = document.documentElement.dir === "rtl";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  charts.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    var valueAxis = { stacked: spec.stacked, beginAtZero: true, reverse: rtl };
    if (spec.percent) { valueAxis.max = 100; }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d, i) {
          return { label: d.label, data: d.data.map(Number), backgroundColor: colours[i % colours.length] };
        }),
      },
      options: {
        indexAxis: "y",
        // the canvas sits in a wrapper of fixed height (.chart-canvas), so it never grows
        maintainAspectRatio: false,
        scales: { x: valueAxis, y: { stacked: spec.stacked, position: rtl ? "right" : "left" } },
        plugins: { legend: { rtl: rtl, display: spec.datasets.length > 1 } },
      },
    });
  });
});
