// While a draw is queued or running, check its status every few seconds and show it in the
// page's status region (a live region, read out when it changes); once the draw has ended,
// load the page again to show the result. Without JavaScript, "Check again" does the same.
(function () {
  "use strict";
  var status = document.querySelector("[data-draw-busy]");
  if (!status || !window.fetch) { return; }
  function check() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (answer) { return answer.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("#run-status");
        if (!fresh) { return; }
        if (!fresh.hasAttribute("data-draw-busy")) { window.location.reload(); return; }
        if (fresh.textContent !== status.textContent) { status.textContent = fresh.textContent; }
        window.setTimeout(check, 3000);
      })
      .catch(function () { window.setTimeout(check, 10000); });
  }
  window.setTimeout(check, 3000);
})();
