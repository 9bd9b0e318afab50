// Language tabs for forms with one panel per language. Without JavaScript every
// panel stays visible; with it, one panel shows at a time. The panel holding an
// error opens first, so nobody misses what needs fixing.
(function () {
  document.querySelectorAll("[data-tabs]").forEach(function (container) {
    var panels = Array.prototype.slice.call(container.querySelectorAll("[data-tab-panel]"));
    if (!panels.length) return;
    var list = document.createElement("div");
    list.className = "tabs";
    list.setAttribute("role", "tablist");
    var buttons = panels.map(function (panel) {
      var button = document.createElement("button");
      button.type = "button";
      button.id = panel.id + "-tab";
      button.textContent = panel.getAttribute("data-tab-label");
      button.setAttribute("role", "tab");
      button.setAttribute("aria-controls", panel.id);
      button.setAttribute("lang", panel.getAttribute("lang"));
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", button.id);
      list.appendChild(button);
      return button;
    });
    container.insertBefore(list, panels[0]);
    function show(index) {
      panels.forEach(function (panel, i) {
        panel.hidden = i !== index;
        buttons[i].setAttribute("aria-selected", i === index ? "true" : "false");
        buttons[i].tabIndex = i === index ? 0 : -1;
      });
    }
    buttons.forEach(function (button, i) {
      button.addEventListener("click", function () { show(i); });
      button.addEventListener("keydown", function (event) {
        var rtl = document.documentElement.dir === "rtl";
        var step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
        if (!step) return;
        var next = (i + step + buttons.length) % buttons.length;
        show(next);
        buttons[next].focus();
      });
    });
    var withError = panels.findIndex(function (p) { return p.querySelector(".has-error"); });
    var preferred = panels.findIndex(function (p) { return p.getAttribute("lang") === container.getAttribute("data-tabs"); });
    show(withError >= 0 ? withError : Math.max(preferred, 0));
  });
})();
