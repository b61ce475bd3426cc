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
      values: {
        status: cell.dataset.dropStatus,
        theme: cell.dataset.dropTheme,
        index: index,
        version: card.dataset.version,
      },
    });
  });
})();

/* The live board: changes made by others (at the meeting, on another laptop) appear within a few
   seconds, like on the wall. Every few seconds the board asks with its ETag; an unchanged board
   answers 304. A changed board is swapped in, but never while the member is in the middle of
   something: a drag, a request of their own, or typing in a field on the board. The dialog is
   outside the board and is never touched; keyboard focus stays where it was. */
(function () {
  "use strict";

  const live = document.querySelector("[data-board-poll]");
  if (!live) return;
  const url = live.dataset.boardPoll;
  const interval = Math.max(1, parseInt(live.dataset.pollSeconds, 10) || 3) * 1000;
  let etag = live.dataset.etag || null;
  let pending = null;  // a newer board waiting for the member to finish what they are doing
  let busy = 0;
  let timer = null;
  let paused = false;

  document.addEventListener("htmx:beforeRequest", function () { busy += 1; });
  // The server answers a move with only the changed cells, and tells whether the board is then
  // current (its ETag) only if it was current before: so it needs to know which board this is.
  document.addEventListener("htmx:configRequest", function (event) {
    if (etag) event.detail.headers["X-Board-ETag"] = etag;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    busy = Math.max(0, busy - 1);
    const xhr = event.detail.xhr;
    const fresh = xhr && xhr.getResponseHeader("X-Board-ETag");
    if (fresh) { etag = fresh; pending = null; }
  });

  function board() { return document.getElementById("board"); }

  function occupied() {
    const current = board();
    if (!current || busy > 0 || document.querySelector(".card.dragging")) return true;
    const active = document.activeElement;
    if (active && current.contains(active) && active.matches("input, textarea, select")) return true;
    return Array.prototype.some.call(current.querySelectorAll("input:not([type=hidden]), textarea"), function (field) {
      return field.value !== field.defaultValue;
    });
  }

  function swap(html) {
    const current = board();
    const active = document.activeElement;
    const focusId = active && current.contains(active) ? active.id : "";
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const fresh = template.content.firstElementChild;
    if (!fresh || fresh.id !== "board") return;
    current.replaceWith(fresh);
    htmx.process(fresh);
    if (focusId) {
      const again = document.getElementById(focusId);
      if (again) again.focus({ preventScroll: true });
    }
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(poll, delay);
  }

  async function poll() {
    if (document.visibilityState === "hidden") { paused = true; return; }
    if (pending && !occupied()) { swap(pending); pending = null; }
    try {
      const headers = { Accept: "text/html" };
      if (etag) headers["If-None-Match"] = etag;
      const response = await fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" });
      if (response.status === 200) {
        const html = await response.text();
        etag = response.headers.get("ETag");
        if (occupied()) pending = html; else { swap(html); pending = null; }
      } else if (response.status === 404 || response.status === 403) {
        return;  // no longer a member: the next page load says so
      }
    } catch (error) {
      /* offline for a moment: try again at the next tick */
    }
    schedule(interval);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && paused) { paused = false; schedule(0); }
  });
  schedule(interval);
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
