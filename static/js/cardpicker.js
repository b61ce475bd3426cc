/* Choosing cards in a form (handleplan/card_picker.py): a card chosen among the text field's
   suggestions joins the ticked list at once, so several can be added before saving. Without
   this script the server finds the typed card when the form is saved. */
(function () {
  "use strict";

  function setUp(picker) {
    const input = picker.querySelector("input[list]");
    const options = input && document.getElementById(input.getAttribute("list"));
    const picked = picker.querySelector(".card-picked");
    const empty = picker.querySelector(".card-picked-empty");
    if (!options || !picked) return;

    function take() {
      const wanted = input.value.trim().replace(/\s+/g, " ").toLowerCase();
      if (!wanted) return false;
      const option = Array.prototype.find.call(options.options, function (o) {
        return o.value.toLowerCase() === wanted;
      });
      if (!option) return false;
      let box = picker.querySelector('input[type=checkbox][value="' + option.dataset.id + '"]');
      if (!box) {
        const item = document.createElement("li");
        const label = document.createElement("label");
        label.className = "check";
        box = document.createElement("input");
        box.type = "checkbox";
        box.name = picker.dataset.name;
        box.value = option.dataset.id;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + option.value));
        const hint = document.createElement("span");
        hint.className = "card-hint";
        hint.textContent = option.dataset.hint || "";
        item.appendChild(label);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(hint);
        picked.appendChild(item);
      }
      box.checked = true;
      if (empty) empty.hidden = true;
      input.value = "";
      return true;
    }

    input.addEventListener("change", take);
    input.addEventListener("input", function (event) {
      // Choosing a suggestion (not typing) replaces the whole text at once.
      if (!event.inputType || event.inputType === "insertReplacementText") take();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && take()) event.preventDefault();
    });
  }

  document.querySelectorAll("[data-card-picker]").forEach(setUp);
})();
