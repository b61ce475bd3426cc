/* På forkant: the little behaviour every page shares. htmx does the requests; this file opens and
   closes the dialog, shows messages, asks before destructive actions and copies links. */
(function () {
  "use strict";

  const dialog = document.getElementById("dialog");
  const dialogBody = document.getElementById("dialog-body");
  const toasts = document.getElementById("toasts");
  let opener = null;
  // User-facing texts come from the page (data-msg-* on the toast area), so they are translated.
  const texts = toasts ? toasts.dataset : {};

  function toast(message, kind) {
    if (!message || !toasts) return;
    const p = document.createElement("p");
    p.className = "toast toast-" + (kind || "success");
    p.textContent = message;
    toasts.appendChild(p);
    setTimeout(function () { p.remove(); }, kind === "error" ? 9000 : 5000);
  }
  window.forkantToast = toast;

  // Messages rendered by the server fade out by themselves too.
  document.querySelectorAll(".toasts .toast").forEach(function (p) {
    setTimeout(function () { p.remove(); }, 7000);
  });

  function closeDialog() {
    if (dialog && dialog.open) dialog.close();
  }

  if (dialog) {
    dialog.addEventListener("close", function () {
      dialogBody.innerHTML = "";
      if (opener && document.body.contains(opener)) opener.focus();
      opener = null;
    });
    // Clicking the backdrop closes the dialog.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) closeDialog();
    });
  }

  document.addEventListener("click", function (event) {
    const closer = event.target.closest("[data-close-dialog]");
    if (closer && dialog && dialog.contains(closer)) {
      event.preventDefault();
      closeDialog();
    }
    const copy = event.target.closest("[data-copy]");
    if (copy) {
      const input = document.querySelector(copy.dataset.copy);
      if (input) {
        input.select();
        const done = function () { toast(texts.msgCopied, "success"); };
        if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(done, done);
        else { document.execCommand("copy"); done(); }
      }
    }
    const busy = event.target.closest("[data-busy-text]");
    if (busy && !busy.getAttribute("aria-busy")) {
      const text = busy.textContent;
      busy.setAttribute("aria-busy", "true");
      busy.textContent = busy.dataset.busyText;
      setTimeout(function () { busy.removeAttribute("aria-busy"); busy.textContent = text; }, 6000);
    }
  });

  // Ask before destroying things; works for plain forms and htmx forms alike (capture phase
  // runs before htmx's own submit handler).
  document.addEventListener("submit", function (event) {
    const form = event.target.closest("[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.target && event.detail.target.id === "dialog-body" && !(dialog && dialog.open)) {
      opener = document.activeElement;
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "dialog-body" && dialog) {
      // The dialog is named by the heading of what was loaded into it (none on an empty page).
      const heading = dialogBody.querySelector("h1[id], h2[id]");
      if (heading) dialog.setAttribute("aria-labelledby", heading.id);
      if (!dialog.open) dialog.showModal();
      const field = dialogBody.querySelector(".has-error input, .has-error select, .has-error textarea")
        || dialogBody.querySelector("input:not([type=hidden]), select, textarea")
        || dialogBody.querySelector("a, button");
      if (field) field.focus();
    }
  });

  document.addEventListener("board:changed", function (event) {
    const detail = event.detail || {};
    closeDialog();
    toast(detail.message, "success");
    const focusTarget = detail.focus && document.getElementById(detail.focus);
    if (focusTarget) focusTarget.focus();
  });

  document.addEventListener("board:error", function (event) {
    toast((event.detail || {}).message, "error");
  });

  const statusMessages = { 403: texts.msgForbidden, 404: texts.msgGone, 413: texts.msgTooLarge };
  document.addEventListener("htmx:responseError", function (event) {
    toast(statusMessages[event.detail.xhr.status] || texts.msgError, "error");
  });
  document.addEventListener("htmx:sendError", function () {
    toast(texts.msgOffline, "error");
  });

  // "/" puts the cursor in the page's search box (the top bar's, or the search page's own),
  // unless the person is typing or has turned the shortcut off on the search page (WCAG 2.1.4:
  // a one-key shortcut must be possible to turn off).
  const SHORTCUT_KEY = "forkant-search-shortcut";
  function shortcutOn() {
    try { return localStorage.getItem(SHORTCUT_KEY) !== "off"; } catch (e) { return true; }
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])")) return;
    if ((dialog && dialog.open) || !shortcutOn()) return;
    const box = document.querySelector("[data-search-box]");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });
  const shortcutSetting = document.querySelector("[data-shortcut-setting]");
  if (shortcutSetting) {
    const toggle = shortcutSetting.querySelector("[data-shortcut-toggle]");
    toggle.checked = shortcutOn();
    shortcutSetting.hidden = false;  // without script there is no shortcut to set
    toggle.addEventListener("change", function () {
      try { localStorage.setItem(SHORTCUT_KEY, toggle.checked ? "on" : "off"); } catch (e) { /* private mode */ }
    });
  }

  // Meeting mode: bigger text, no chrome, for the projector in the meeting room.
  const modeButton = document.querySelector("[data-meeting-mode]");
  function setMeetingMode(on) {
    document.body.classList.toggle("meeting-mode", on);
    if (modeButton) modeButton.setAttribute("aria-pressed", on ? "true" : "false");
    try { sessionStorage.setItem("forkant-meeting-mode", on ? "1" : ""); } catch (e) { /* private mode */ }
  }
  if (modeButton) {
    let stored = "";
    try { stored = sessionStorage.getItem("forkant-meeting-mode") || ""; } catch (e) { /* ignore */ }
    setMeetingMode(stored === "1");
    modeButton.addEventListener("click", function () {
      setMeetingMode(!document.body.classList.contains("meeting-mode"));
    });
  }
})();
