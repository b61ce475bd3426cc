/* The wall screen keeps itself up to date for months without anyone touching it.

   Every few seconds it asks for the board with the ETag it has; an unchanged board answers
   304 and nothing happens. A changed board is swapped in. If the server is away (restart,
   redeploy, network drop), the last board stays on screen and polling backs off, then resumes
   by itself. If a deploy changed the wall's own page, it reloads; if the screen was revoked,
   it reloads to show that. While the page is hidden it does not poll.

   Every public card is shown: a board too full for the screen is first compacted (titles only),
   and if it still does not fit, its themes are split into pages that take turns on a timer,
   with a page indicator. A theme too full for a page of its own is split by its cards. */
(function () {
  "use strict";

  const root = document.querySelector("[data-wall]");
  if (!root) return;
  const board = document.getElementById("wall-board");
  const status = document.getElementById("wall-status");
  const pager = document.getElementById("wall-pages");
  const pagerText = document.getElementById("wall-pages-text");
  const pagerDots = document.getElementById("wall-pages-dots");
  const url = root.dataset.pollUrl;
  const interval = Math.max(1, parseInt(root.dataset.pollSeconds, 10) || 3) * 1000;
  const pageInterval = Math.max(1, parseInt(root.dataset.pageSeconds, 10) || 15) * 1000;
  const pageText = root.dataset.pageText || "{n} / {total}";
  const release = root.dataset.release;
  const startedAt = Date.now();
  let etag = root.dataset.etag || null;
  let failures = 0;
  let pollTimer = null;
  let paused = false;  // hidden page: no polling until it is visible again

  // Layout: compact, then pages -------------------------------------------------------------

  let pages = [];
  let pageIndex = 0;
  let pageTimer = null;

  function grid() { return board.querySelector(".wall-grid"); }
  function rows() { return Array.prototype.slice.call(board.querySelectorAll(".wall-row")); }
  function cardsOf(cell) { return Array.prototype.slice.call(cell.querySelectorAll(".wall-card")); }

  // Rows grow with their cards, so what does not fit shows as the grid growing past its box.
  function overflowing() {
    const g = grid();
    if (!g) return false;
    if (g.scrollHeight > g.clientHeight + 1) return true;
    return Array.prototype.some.call(board.querySelectorAll(".wall-row:not([hidden]) .wall-cell"), function (cell) {
      return cell.scrollHeight > cell.clientHeight + 1;
    });
  }

  function show(page) {
    rows().forEach(function (row, index) {
      row.hidden = page.rows.indexOf(index) === -1;
      row.querySelectorAll(".wall-cell").forEach(function (cell) {
        cardsOf(cell).forEach(function (card, n) {
          card.hidden = page.slice ? n < page.slice[0] || n >= page.slice[1] : false;
        });
      });
    });
  }

  // A theme whose cards overflow even on a page of its own: split it by its cards, as many per
  // cell as fit in the fullest cell.
  function slices(index) {
    show({ rows: [index], slice: null });
    const bottom = grid().getBoundingClientRect().bottom;
    let perPage = Infinity;
    let most = 0;
    rows()[index].querySelectorAll(".wall-cell").forEach(function (cell) {
      const cards = cardsOf(cell);
      most = Math.max(most, cards.length);
      const fitting = cards.filter(function (card) { return card.getBoundingClientRect().bottom <= bottom - 4; }).length;
      if (fitting < cards.length) perPage = Math.min(perPage, Math.max(1, fitting));
    });
    if (!isFinite(perPage)) return [{ rows: [index], slice: null }];
    const result = [];
    for (let from = 0; from < most; from += perPage) result.push({ rows: [index], slice: [from, from + perPage] });
    return result;
  }

  function paginate() {
    const result = [];
    let current = [];
    rows().forEach(function (_row, index) {
      const trial = current.concat([index]);
      show({ rows: trial, slice: null });
      if (!overflowing()) { current = trial; return; }
      if (current.length) result.push({ rows: current, slice: null });
      show({ rows: [index], slice: null });
      if (!overflowing()) { current = [index]; return; }
      Array.prototype.push.apply(result, slices(index));
      current = [];
    });
    if (current.length) result.push({ rows: current, slice: null });
    return result;
  }

  function layout() {
    const g = grid();
    const all = { rows: rows().map(function (_row, index) { return index; }), slice: null };
    root.classList.remove("wall-paged");
    pages = [all];
    if (g) {
      g.classList.remove("wall-compact");
      show(all);
      if (overflowing()) {
        g.classList.add("wall-compact");
        if (overflowing()) {
          root.classList.add("wall-paged");  // room for the page indicator
          pages = paginate();
        }
      }
    }
    if (pageIndex >= pages.length) pageIndex = 0;
    showPage();
  }

  function showPage() {
    clearTimeout(pageTimer);
    show(pages[pageIndex]);
    const paged = pages.length > 1;
    pager.hidden = !paged;
    if (!paged) return;
    pagerText.textContent = pageText.replace("{n}", String(pageIndex + 1)).replace("{total}", String(pages.length));
    pagerDots.textContent = "";
    pages.forEach(function (_page, index) {
      const dot = document.createElement("span");
      if (index === pageIndex) dot.className = "is-current";
      pagerDots.appendChild(dot);
    });
    pageTimer = setTimeout(function () {
      pageIndex = (pageIndex + 1) % pages.length;
      showPage();
    }, pageInterval);
  }

  layout();
  let resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(layout, 200);
  });

  // Polling -------------------------------------------------------------------------------------

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

  function schedule(delay) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, delay);
  }

  async function poll() {
    if (document.visibilityState === "hidden") { paused = true; return; }
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
        layout();
        etag = response.headers.get("ETag");
        healthy();
      } else {
        failed();
      }
    } catch (error) {
      failed();
    }
    const delay = failures ? Math.min(60000, interval * Math.pow(2, Math.min(failures, 5))) : interval;
    schedule(delay);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && paused) { paused = false; schedule(0); }
  });

  schedule(interval);
})();
