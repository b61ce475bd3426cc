/* Dialogisk APV: on a phone, tap a point on the line to count one more person standing there
   (the number fields stay, for typing the counts in directly). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-tap]");
    if (!button) return;
    const input = document.getElementById(button.dataset.tap);
    if (!input) return;
    const value = parseInt(input.value || "0", 10);
    input.value = String((isNaN(value) ? 0 : value) + 1);
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
})();
