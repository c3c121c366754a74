/* Names for the admin's autocomplete boxes. select2 labels its combobox only by the value shown
   in it, so an empty box (a village not chosen yet) has no name at all (WCAG 4.1.2): put the
   field's own <label> in front of that value. Runs on every admin page (admin/base_site.html). */
(function () {
  "use strict";

  function name(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    var box = select.parentNode.querySelector(".select2-selection[role=combobox]");
    if (!label || !box) return;
    if (!label.id) label.id = select.id + "-label";
    /* The combobox and the read-only box inside it showing the value both need the name. */
    [box, box.querySelector("[role=textbox]")].forEach(function (el) {
      if (!el) return;
      var ids = (el.getAttribute("aria-labelledby") || el.id || "").split(" ").filter(function (id) {
        return id && id !== label.id;
      });
      el.setAttribute("aria-labelledby", [label.id].concat(ids).join(" "));
    });
  }

  function nameAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(name);
  }

  /* select2 builds its boxes when jQuery is ready, and again for each inline row added. */
  new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  nameAll();
})();
