// Charts of the engagement dashboard, from the JSON the page embeds.
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var colours = ["#1b7f3b", "#c98a00", "#b3261e"];
  var rtl = document.documentElement.dir === "rtl";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  new Chart(document.getElementById("chart-hubs"), {
    type: "bar",
    data: {
      labels: data.hubs,
      datasets: Object.keys(data.series).map(function (label, i) {
        return { label: label, data: data.series[label], backgroundColor: colours[i] };
      }),
    },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      scales: { x: { stacked: true, reverse: rtl }, y: { stacked: true, position: rtl ? "right" : "left" } },
      plugins: { legend: { rtl: rtl } },
    },
  });
  new Chart(document.getElementById("chart-trend"), {
    type: "line",
    data: {
      labels: data.trend.map(function (p) { return p.year; }),
      datasets: [{ label: data.trend_label, data: data.trend.map(function (p) { return p.share; }), borderColor: "#0b5c7a" }],
    },
    options: {
      maintainAspectRatio: false,
      scales: { x: { reverse: rtl, offset: true }, y: { min: 0, max: 100, position: rtl ? "right" : "left" } },
      plugins: { legend: { rtl: rtl } },
    },
  });
});
