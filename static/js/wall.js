/* The wall screen keeps itself up to date for months without anyone touching it.

   Every few seconds it asks for the board with the ETag it has; an unchanged board answers
   304 and nothing happens. A changed board is swapped in. If the server is away (restart,
   redeploy, network drop), the last board stays on screen and polling backs off, then resumes
   by itself. If a deploy changed the wall's own page, it reloads; if the screen was revoked,
   it reloads to show that. While the page is hidden it does not poll.

   Every public card is shown, in text read from 3 m: the largest size that fits the whole board;
   if not even the smallest (24 px at 1080 p) fits, the themes are shared fairly between pages
   that take turns on a timer, with a page indicator, each page in the largest text it has room
   for. A theme too full for a page of its own is split by its cards. Titles are never cut short
   while anything else would fit, and who moves a card is always shown. */
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

  // Layout: the largest text that fits, then balanced pages --------------------------------------

  // Text sizes, largest first (wall.css); the last is the smallest the wall ever uses, 24 px or
  // more at 1080 p, with the names after the titles.
  const SIZES = ["wall-size-0", "wall-size-1", "wall-size-2", "wall-size-3"];
  const SMALLEST = SIZES.length - 1;
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

  function setSize(size, clamp) {
    const g = grid();
    SIZES.forEach(function (name, index) { g.classList.toggle(name, index === size); });
    g.classList.toggle("wall-clamp", !!clamp);
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

  // The largest size at which the page fits (null: not even the smallest).
  function largestFitting(page) {
    show(page);
    for (let size = 0; size < SIZES.length; size++) {
      setSize(size, false);
      if (!overflowing()) return size;
    }
    return null;
  }

  // Each theme's own height at the smallest size, and the height the themes share on a page.
  function measure() {
    const g = grid();
    setSize(SMALLEST, false);
    show({ rows: [], slice: null });
    const free = g.clientHeight;
    g.classList.add("wall-measure");
    const gap = parseFloat(getComputedStyle(g).rowGap) || 0;
    const head = g.querySelector(".wall-col-head").getBoundingClientRect().height;
    const heights = rows().map(function (row, index) {
      show({ rows: [index], slice: null });
      return row.querySelector(".wall-theme").getBoundingClientRect().height;
    });
    g.classList.remove("wall-measure");
    return { heights: heights, gap: gap, room: free - head - 2 };  // 2 px for rounding
  }

  // Consecutive themes on as few pages as will hold them, shared evenly between them (not 4 + 2,
  // leaving a page mostly empty). A theme too full for a page of its own is split by its cards,
  // into slices of even size.
  function paginate() {
    const m = measure();
    const cost = function (from, to) {  // themes from..to-1 on one page
      let sum = 0;
      for (let i = from; i < to; i++) sum += m.heights[i] + m.gap;
      return sum;
    };
    const result = [];
    let start = 0;
    const flush = function (end) {  // themes start..end-1, each of which fits a page alone
      if (end > start) Array.prototype.push.apply(result, balanced(start, end, cost, m.room));
    };
    m.heights.forEach(function (height, index) {
      if (height + m.gap <= m.room) return;
      flush(index);
      Array.prototype.push.apply(result, slices(index));
      start = index + 1;
    });
    flush(m.heights.length);
    return result;
  }

  function balanced(from, to, cost, room) {
    // On the fewest pages that hold them, the sharing with the least sum of squared page
    // heights: pages as even as the themes allow. best[k][j] is that sum for the first j themes
    // on k pages (a small table: a board has a handful of themes).
    const n = to - from;
    for (let count = 1; count <= n; count++) {
      const best = [];
      const cut = [];
      for (let k = 0; k <= count; k++) { best.push(new Array(n + 1).fill(Infinity)); cut.push(new Array(n + 1).fill(0)); }
      best[0][0] = 0;
      for (let k = 1; k <= count; k++) {
        for (let j = 1; j <= n; j++) {
          for (let i = k - 1; i < j; i++) {
            const page = cost(from + i, from + j);
            const value = best[k - 1][i] + page * page;
            if (page <= room && value < best[k][j]) { best[k][j] = value; cut[k][j] = i; }
          }
        }
      }
      if (isFinite(best[count][n])) {
        const result = [];
        for (let k = count, j = n; k > 0; k--) {
          const i = cut[k][j];
          const themes = [];
          for (let t = from + i; t < from + j; t++) themes.push(t);
          result.unshift({ rows: themes, slice: null });
          j = i;
        }
        return result;
      }
    }
    return [];
  }

  function slices(index) {
    setSize(SMALLEST, false);
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
    const count = Math.ceil(most / perPage);
    const even = Math.ceil(most / count);  // as many on each page, not a full one and a few
    const result = [];
    for (let from = 0; from < most; from += even) result.push({ rows: [index], slice: [from, from + even] });
    return result;
  }

  function layout() {
    const g = grid();
    const all = { rows: rows().map(function (_row, index) { return index; }), slice: null };
    root.classList.remove("wall-paged");
    pages = [all];
    if (g) {
      all.size = largestFitting(all);
      if (all.size === null) {
        root.classList.add("wall-paged");  // room for the page indicator
        pages = paginate();
        // Each page in the largest text it has room for; a title is cut short only on a page
        // where even one card per cell does not fit at the smallest size.
        pages.forEach(function (page) {
          page.size = largestFitting(page);
          if (page.size === null) { page.size = SMALLEST; page.clamp = true; }
        });
      }
    }
    if (pageIndex >= pages.length) pageIndex = 0;
    showPage();
  }

  function showPage() {
    clearTimeout(pageTimer);
    const page = pages[pageIndex];
    if (grid()) setSize(typeof page.size === "number" ? page.size : SMALLEST, page.clamp);
    show(page);
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
    expire();
    const delay = failures ? Math.min(60000, interval * Math.pow(2, Math.min(failures, 5))) : interval;
    schedule(delay);
  }

  // A panel that ends at a known time (data-until: a pulse that closes) goes at that time, not
  // at the ETag's next quarter-hour; the next board the server sends no longer has it.
  function expire() {
    const now = Date.now();
    let gone = false;
    board.querySelectorAll("[data-until]").forEach(function (panel) {
      if (Date.parse(panel.dataset.until) <= now) { panel.remove(); gone = true; }
    });
    if (gone) layout();
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && paused) { paused = false; schedule(0); }
  });

  schedule(interval);
})();
