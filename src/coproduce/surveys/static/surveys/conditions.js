// A question asked only on an earlier answer is hidden until that answer is given. The
// server skips such a question whatever is sent, so without this script the page works
// the same, with every question shown and its condition written beside it.
(function () {
  "use strict";
  var blocks = document.querySelectorAll("[data-shown-if]");
  if (!blocks.length) {
    return;
  }
  function chosen(names) {
    var values = [];
    names.split(" ").forEach(function (name) {
      document.querySelectorAll('[name="' + name + '"]').forEach(function (field) {
        if (field.tagName === "SELECT") {
          Array.prototype.forEach.call(field.selectedOptions, function (option) {
            values.push(option.value);
          });
        } else if (field.type !== "radio" && field.type !== "checkbox") {
          values.push(field.value);
        } else if (field.checked) {
          values.push(field.value);
        }
      });
    });
    return values;
  }
  function update() {
    blocks.forEach(function (block) {
      var wanted = block.getAttribute("data-shown-if-option");
      block.hidden = chosen(block.getAttribute("data-shown-if")).indexOf(wanted) === -1;
    });
  }
  document.addEventListener("change", update);
  update();
})();
