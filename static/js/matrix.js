/* Drag and drop on the effect × reach matrix (Metode 6). The "Placér og beslut" form on each
   item does the same from the keyboard; both post to the item's place URL, and the server
   answers with the new matrix. */
(function () {
  "use strict";

  let dragged = null;

  document.addEventListener("dragstart", function (event) {
    const item = event.target.closest && event.target.closest(".mx-item[data-place-url]");
    if (!item) return;
    dragged = item;
    item.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.id);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    document.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
  });

  function zoneAt(event) {
    return event.target.closest && event.target.closest("[data-drop-effect]");
  }

  document.addEventListener("dragover", function (event) {
    const zone = zoneAt(event);
    if (!dragged || !zone) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!zone.classList.contains("drop-target")) {
      document.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
      zone.classList.add("drop-target");
    }
  });

  document.addEventListener("drop", function (event) {
    const zone = zoneAt(event);
    if (!dragged || !zone) return;
    event.preventDefault();
    const item = dragged;
    htmx.ajax("POST", item.dataset.placeUrl, {
      source: item,
      target: "#matrix",
      swap: "outerHTML",
      values: {
        effect: zone.dataset.dropEffect,
        reach: zone.dataset.dropReach,
        radius: item.dataset.radius || "",
      },
    });
  });
})();
