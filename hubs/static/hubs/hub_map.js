// A small map of a hub's member cities: Leaflet with no tile layer (nothing is
// loaded from other sites), one marker per city from the list's data attributes.
(function () {
  "use strict";
  var element = document.getElementById("hub-map");
  if (!element || typeof L === "undefined") return;
  var items = document.querySelectorAll("[data-lat][data-lon]");
  if (!items.length) { element.hidden = true; return; }
  var map = L.map(element, { attributionControl: false, scrollWheelZoom: false, zoomSnap: 0.25 });
  var points = [];
  items.forEach(function (item) {
    var lat = parseFloat(item.dataset.lat), lon = parseFloat(item.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) return;
    var link = item.querySelector("a");
    var marker = L.circleMarker([lat, lon], { radius: 7, weight: 2, color: "#0b4f6c", fillOpacity: 0.7 });
    marker.bindTooltip(link ? link.textContent : "", { direction: "top" });
    if (link) marker.on("click", function () { window.location.href = link.href; });
    marker.addTo(map);
    points.push([lat, lon]);
  });
  if (points.length === 1) map.setView(points[0], 6);
  else map.fitBounds(points, { padding: [30, 30], maxZoom: 7 });
})();
