/* An unpaired wall screen: it shows a short code until a member enters it in the app. Every few
   seconds it asks whether that happened; the answer pairs this browser (a cookie) and the page
   then shows the board. A code that expired (or a refused one) gives way to a new one by reloading.
   The screen never shows a login page and needs nobody to touch it. */
(function () {
  "use strict";

  const root = document.querySelector("[data-code-poll]");
  if (!root) return;
  const url = root.dataset.codePoll;
  const interval = Math.max(1, parseInt(root.dataset.pollSeconds, 10) || 3) * 1000;
  const renewAt = Date.now() + Math.max(5, parseInt(root.dataset.secondsLeft, 10) || 60) * 1000;
  let failures = 0;

  function reload() { window.location.reload(); }

  async function poll() {
    if (Date.now() >= renewAt) { reload(); return; }
    try {
      const response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
      failures = 0;
      if (response.status === 200) { window.location.replace(window.location.pathname); return; }
      if (response.status === 410) { reload(); return; }
    } catch (error) {
      failures += 1;  // the server is away for a moment: keep the code, ask again later
    }
    setTimeout(poll, failures ? Math.min(60000, interval * Math.pow(2, Math.min(failures, 5))) : interval);
  }

  setTimeout(poll, interval);
})();
