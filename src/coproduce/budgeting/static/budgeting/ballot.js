// The ballot's running total: as projects are chosen it says how much of the budget they
// cost, or how many choices are left, in a live region read out to screen readers. The
// form works without it; the server checks every ballot the same way. Its words come from
// the page, translated there: data-text-* attributes with {name} placeholders.
(function () {
  "use strict";
  var form = document.querySelector("form[data-ballot]");
  var status = document.getElementById("ballot-status");
  if (!form || !status) { return; }
  var budget = Number(form.getAttribute("data-budget"));
  var most = Number(form.getAttribute("data-max-choices"));
  if (!budget && !most) { return; }
  var language = document.documentElement.lang || "en-GB";
  var money = new Intl.NumberFormat(language === "cy" ? "cy-GB" : "en-GB", {
    style: "currency", currency: form.getAttribute("data-currency") || "GBP"
  });
  var bar = status.querySelector("progress");
  var words = status.querySelector("[data-words]");
  function say(name, values) {
    return (status.getAttribute("data-text-" + name) || "").replace(/\{(\w+)\}/g, function (all, key) {
      return String(values[key]);
    });
  }
  function chosen() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.hasAttribute("data-cost") && (el.type === "checkbox" ? el.checked : el.value);
    });
  }
  function update() {
    var picked = chosen();
    if (budget) {
      var spent = picked.reduce(function (sum, el) {
        return sum + Number(el.getAttribute("data-cost"));
      }, 0);
      bar.max = budget;
      bar.value = Math.min(spent, budget);
      words.textContent = say(spent > budget ? "over-budget" : "under-budget", {
        spent: money.format(spent / 100), budget: money.format(budget / 100),
        over: money.format((spent - budget) / 100), left: money.format((budget - spent) / 100)
      });
    } else if (most) {
      bar.max = most;
      bar.value = Math.min(picked.length, most);
      var left = most - picked.length;
      words.textContent = say(left < 0 ? "too-many" : (left === 1 ? "one-left" : "left"), {
        chosen: picked.length, most: most, over: -left, left: left
      });
    }
  }
  form.addEventListener("change", update);
  form.addEventListener("input", update);
  status.hidden = false;
  update();
}());
