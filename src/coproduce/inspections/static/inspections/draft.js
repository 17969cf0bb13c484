// Keeps an unsent inspection form in this browser (localStorage) and offers it back if
// the page is opened again before it was sent: a dropped connection loses nothing. The
// page works without it; the server keeps the draft at every save.
(function () {
  "use strict";
  var form = document.querySelector("form[data-draft-key]");
  if (!form || !window.localStorage) { return; }
  var key = form.getAttribute("data-draft-key");
  var status = document.getElementById("draft-status");
  function say(text) { if (status) { status.hidden = false; status.textContent = text; } }
  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "submit";
    });
  }
  function save() {
    var data = {};
    fields().forEach(function (el) {
      if (el.type === "radio") { if (el.checked) { data[el.name] = el.value; } }
      else { data[el.name] = el.value; }
    });
    try { localStorage.setItem(key, JSON.stringify(data)); } catch (e) { return; }
  }
  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
  if (form.hasAttribute("data-draft-saved")) {
    // the page follows a save that reached the server, which now shows what it kept
    localStorage.removeItem(key);
    kept = null;
  }
  if (kept) {
    fields().forEach(function (el) {
      if (!(el.name in kept)) { return; }
      if (el.type === "radio") { el.checked = el.value === kept[el.name]; }
      else { el.value = kept[el.name]; }
    });
    say(form.getAttribute("data-text-restored"));  // the words, translated by the page
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", save);
})();
