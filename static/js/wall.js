/* The wall screen keeps itself up to date for months without anyone touching it.

   Every few seconds it asks for the board with the ETag it has; an unchanged board answers
   304 and nothing happens. A changed board is swapped in. If the server is away (restart,
   redeploy, network drop), the last board stays on screen and polling backs off, then resumes
   by itself. If a deploy changed the wall's own page, it reloads; if the screen was revoked,
   it reloads to show that. */
(function () {
  "use strict";

  const root = document.querySelector("[data-wall]");
  if (!root) return;
  const board = document.getElementById("wall-board");
  const status = document.getElementById("wall-status");
  const url = root.dataset.pollUrl;
  const interval = Math.max(1, parseInt(root.dataset.pollSeconds, 10) || 3) * 1000;
  const release = root.dataset.release;
  const startedAt = Date.now();
  let etag = root.dataset.etag || null;
  let failures = 0;

  // Cards that do not fit in their cell are hidden from the bottom up and counted in "+ N mere",
  // so the board always fits the screen, whatever the titles' lengths.
  const moreText = root.dataset.moreText || "+ {n}";
  function fit() {
    board.querySelectorAll(".wall-cell").forEach(function (cell) {
      const cards = Array.prototype.slice.call(cell.querySelectorAll(".wall-card"));
      const more = cell.querySelector(".wall-more");
      const serverMore = parseInt(more.dataset.more, 10) || 0;
      cards.forEach(function (card) { card.hidden = false; });
      let hidden = 0;
      const label = function () {
        more.hidden = hidden + serverMore === 0;
        more.textContent = moreText.replace("{n}", String(hidden + serverMore));
      };
      label();
      while (cell.scrollHeight > cell.clientHeight + 1 && hidden < cards.length - 1) {
        hidden += 1;
        cards[cards.length - hidden].hidden = true;
        more.hidden = false;
        label();
      }
    });
  }
  fit();
  window.addEventListener("resize", fit);

  function healthy() {
    failures = 0;
    status.hidden = true;
    // A page that has been up for a day reloads itself, once the server is known to answer.
    if (Date.now() - startedAt > 24 * 3600 * 1000) window.location.reload();
  }

  function failed() {
    failures += 1;
    if (failures >= 2) status.hidden = false;
  }

  async function poll() {
    try {
      const headers = { Accept: "text/html" };
      if (etag) headers["If-None-Match"] = etag;
      const response = await fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" });
      const serverRelease = response.headers.get("X-Forkant-Release");
      if (response.status === 403) { window.location.reload(); return; }
      if (serverRelease && serverRelease !== release) { window.location.reload(); return; }
      if (response.status === 304) {
        healthy();
      } else if (response.ok) {
        const html = await response.text();
        board.innerHTML = html;
        fit();
        etag = response.headers.get("ETag");
        healthy();
      } else {
        failed();
      }
    } catch (error) {
      failed();
    }
    const delay = failures ? Math.min(60000, interval * Math.pow(2, Math.min(failures, 5))) : interval;
    setTimeout(poll, delay);
  }

  setTimeout(poll, interval);
})();
