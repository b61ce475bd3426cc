/* Drag and drop on the handleplan board. The buttons on each card do the same without a mouse;
   both end in the same POST to the card's move URL, and the server answers with the new board. */
(function () {
  "use strict";

  let dragged = null;

  document.addEventListener("dragstart", function (event) {
    const card = event.target.closest && event.target.closest(".card[data-move-url]");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    document.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
  });

  function cellAt(event) {
    return event.target.closest && event.target.closest("[data-drop-status]");
  }

  document.addEventListener("dragover", function (event) {
    const cell = cellAt(event);
    if (!dragged || !cell) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!cell.classList.contains("drop-target")) {
      document.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
      cell.classList.add("drop-target");
    }
  });

  document.addEventListener("drop", function (event) {
    const cell = cellAt(event);
    if (!dragged || !cell) return;
    event.preventDefault();
    // The card lands before the first card whose middle is below the pointer.
    const others = Array.prototype.filter.call(cell.querySelectorAll(".card"), function (c) { return c !== dragged; });
    let index = others.length;
    for (let i = 0; i < others.length; i++) {
      const box = others[i].getBoundingClientRect();
      if (event.clientY < box.top + box.height / 2) { index = i; break; }
    }
    const card = dragged;
    htmx.ajax("POST", card.dataset.moveUrl, {
      source: card,
      target: "#board",
      swap: "outerHTML",
      values: { status: cell.dataset.dropStatus, theme: cell.dataset.dropTheme, index: index },
    });
  });
})();

/* A meeting that has just started puts this browser in meeting mode once (it can be switched
   off again with the button; the choice then sticks for the rest of the meeting), and the
   board after the meeting is back to normal. */
(function () {
  "use strict";
  const running = document.querySelector("[data-meeting-id]");
  const button = document.querySelector("[data-meeting-mode]");
  if (!button) return;
  let seen = null;
  try { seen = sessionStorage.getItem("forkant-meeting-seen"); } catch (e) { /* private mode */ }
  if (!running) {
    // The meeting that switched meeting mode on has ended: switch it off again, once.
    if (seen !== null) {
      try { sessionStorage.removeItem("forkant-meeting-seen"); } catch (e) { /* ignore */ }
      if (document.body.classList.contains("meeting-mode")) button.click();
    }
    return;
  }
  if (seen === running.dataset.meetingId) return;
  try { sessionStorage.setItem("forkant-meeting-seen", running.dataset.meetingId); } catch (e) { /* ignore */ }
  if (!document.body.classList.contains("meeting-mode")) button.click();
})();
