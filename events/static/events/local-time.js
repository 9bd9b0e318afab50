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
    var target = node.parentNode.querySelector(".local-time");
    if (!target) return;
    // formatRange names the end's date when it falls on another day in the visitor's
    // zone (a two-day summit, or an evening that is past midnight for them).
    var range = format.formatRange
      ? format.formatRange(start, end)
      : format.format(start) + " – " + format.format(end);
    // The label is a whole translated sentence ("Heure chez vous : {time}", French
    // spacing included), shown on a line of its own (site.css).
    target.textContent = target.dataset.label.replace("{time}", range + " (" + visitorZone + ")");
    target.hidden = false;
  });
})();
