/* Netral training pages: NIP preview while typing, and the kiosk answering without a reload.
   Plain script, no library, nothing from a CDN. Both pages also work without it. */
(function () {
  "use strict";

  function $(id) { return document.getElementById(id); }

  function showPreview(box, lines, bad) {
    box.textContent = "";
    box.classList.toggle("bad", !!bad);
    lines.forEach(function (line, index) {
      var el = document.createElement(index === 0 ? "strong" : "span");
      el.textContent = line;
      box.appendChild(el);
    });
  }

  function setupNipPreview() {
    var input = $("nip-input");
    if (!input) return;
    var box = $("nip-preview"), save = $("nip-save"), saveValue = $("nip-save-value");
    var url = input.getAttribute("data-lookup-url"), pending = null;

    function lookup() {
      var digits = input.value.replace(/\D/g, "");
      save.hidden = true;
      if (digits.length !== 18) {
        showPreview(box, digits ? [digits.length + "/18 digit"] : [], false);
        return;
      }
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(url + "?nip=" + encodeURIComponent(digits), {
        headers: { Accept: "application/json" }, credentials: "same-origin", signal: pending.signal
      }).then(function (r) { return r.json(); }).then(function (data) {
        if (data.found) {
          showPreview(box, [data.name, data.note], false);
          saveValue.value = data.nip;
          save.hidden = false;
        } else {
          showPreview(box, [data.message], true);
        }
      }).catch(function (error) {
        if (error.name !== "AbortError") showPreview(box, ["Gagal memeriksa NIP; coba lagi."], true);
      });
    }

    input.addEventListener("input", lookup);
    /* Typed before this script arrived (a slow connection) or restored by the browser: look up
       what is already there, as if it had just been typed. */
    if (input.value !== input.defaultValue) lookup();
    $("nip-search").addEventListener("submit", function (event) {
      event.preventDefault();
      if (!save.hidden) { save.submit(); } else { lookup(); }
    });
  }

  function setupKiosk() {
    var form = $("kiosk-form");
    if (!form) return;
    var input = $("kiosk-input"), answer = $("kiosk-answer"), busy = false;

    function show(data) {
      answer.className = "answer" + (data.tone ? " tone-" + data.tone : "");
      $("kiosk-headline").textContent = data.headline || "";
      $("kiosk-name").textContent = data.name || "";
      $("kiosk-institution").textContent = data.institution || "";
      $("kiosk-detail").textContent = data.detail || "";
      answer.hidden = !data.tone;
      void answer.offsetWidth; /* restart the flash for repeated answers */
      answer.classList.add("flash");
      if (data.counts) {
        $("kiosk-present").textContent = data.counts.present;
        $("kiosk-registered").textContent = data.counts.registered;
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy || !input.value.trim()) { input.focus(); return; }
      busy = true;
      fetch(form.action || window.location.href, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { Accept: "application/json" }
      }).then(function (r) {
        var json = (r.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        if (r.ok && !json) throw new Error("login");  /* the login expired: sent to the login page */
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(show).catch(function (error) {
        show(error.message === "login"
          ? { tone: "bad", headline: "MASUK ULANG", detail: "Sesi login berakhir. Muat ulang halaman ini dan masuk lagi." }
          : { tone: "bad", headline: "GAGAL", detail: "Tidak tersambung ke server; ulangi pindai." });
      }).finally(function () {
        busy = false;
        input.value = "";
        input.focus();
      });
    });
    /* A kiosk never loses the scanner's focus: clicks elsewhere return it to the input. */
    document.addEventListener("click", function (event) {
      if (event.target.tagName !== "A" && event.target.tagName !== "BUTTON") input.focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupNipPreview();
    setupKiosk();
  });
})();
