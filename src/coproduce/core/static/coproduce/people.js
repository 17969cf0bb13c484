// Suggestions as one types a person's name: asks the initiative's members-only list for
// names containing what was typed and offers them in the field's <datalist>. The field
// works without it: the server resolves the name typed and says what to fix.
(function () {
  "use strict";
  if (window.coproducePeople) { return; }
  window.coproducePeople = true;
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-people-url");
    if (!list || !url) { return; }
    var timer = null;
    var asked = "";
    function fill(names) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      names.forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        list.appendChild(option);
      });
    }
    function ask() {
      var text = input.value.trim();
      if (text === asked) { return; }
      asked = text;
      var address = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text);
      fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && asked === text) { fill(data.people || []); }
        })
        .catch(function () { /* the suggestions already there stay */ });
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 200);
    });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-people-url]"), attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
