/* Names and keyboard access for what Swagger UI renders without them (WCAG 2.1.1, 4.1.2):
   a parameter's choice list gets the parameter's name, the examples' list its own, a scrolling code sample gets a tab stop.
   Swagger UI renders as the reader opens operations, so every change is looked at. */
(function () {
  "use strict";

  function fix(root) {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.closest("tr").getAttribute("data-param-name"));
    });
    // The examples of an operation (request or response) are a choice list without a name.
    root.querySelectorAll("select.examples-select-element:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", "Contoh");
    });
    root.querySelectorAll(".highlight-code .microlight:not([tabindex])").forEach(function (code) {
      code.setAttribute("tabindex", "0");
    });
  }

  var ui = document.getElementById("swagger-ui");
  new MutationObserver(function () { fix(ui); }).observe(ui, { childList: true, subtree: true });
  fix(ui);
})();
