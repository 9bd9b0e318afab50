// Where the visitor's time zone differs from the event's, add the event's time in theirs.
(function () {
  "use strict";
  var visitorZone;
  try {
    visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  var lang = document.documentElement.lang || "en";
  document.querySelectorAll("time[data-event-zone]").forEach(function (node) {
    if (!visitorZone || node.dataset.eventZone === visitorZone) return;
    var start = new Date(node.dataset.eventStart);
    var end = new Date(node.dataset.eventEnd);
    var format = new Intl.DateTimeFormat(lang, {
      dateStyle: "medium", timeStyle: "short", timeZone: visitorZone
    });
    var time = new Intl.DateTimeFormat(lang, { timeStyle: "short", timeZone: visitorZone });
    var target = node.parentNode.querySelector(".local-time");
    if (!target) return;
    target.textContent = " · " + target.dataset.label + ": " + format.format(start) + "–" + time.format(end) +
      " (" + visitorZone + ")";
    target.hidden = false;
  });
})();
