// The ballot's running total: as projects are chosen it says how much of the budget they
// cost, or how many choices are left, in a live region read out to screen readers. The
// form works without it; the server checks every ballot the same way.
(function () {
  "use strict";
  var form = document.querySelector("form[data-ballot]");
  var status = document.getElementById("ballot-status");
  if (!form || !status) { return; }
  var budget = Number(form.getAttribute("data-budget"));
  var most = Number(form.getAttribute("data-max-choices"));
  if (!budget && !most) { return; }
  var money = new Intl.NumberFormat("en-GB", {
    style: "currency", currency: form.getAttribute("data-currency") || "GBP"
  });
  var bar = status.querySelector("progress");
  var words = status.querySelector("[data-words]");
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
      words.textContent = money.format(spent / 100) + " of " + money.format(budget / 100) +
        (spent > budget ? ": " + money.format((spent - budget) / 100) + " over the budget"
                        : ": " + money.format((budget - spent) / 100) + " left");
    } else if (most) {
      bar.max = most;
      bar.value = Math.min(picked.length, most);
      var left = most - picked.length;
      words.textContent = picked.length + " of " + most + " chosen: " +
        (left < 0 ? (-left) + " too many" : left + " choice" + (left === 1 ? "" : "s") + " left");
    }
  }
  form.addEventListener("change", update);
  form.addEventListener("input", update);
  status.hidden = false;
  update();
}());
