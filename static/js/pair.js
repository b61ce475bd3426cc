/* Pairing a wall screen: submit the one-time pairing form by itself, so that opening the link on
   the TV is enough. (Link previews and mail scanners do not run scripts, so they cannot use up
   the link.) */
(function () {
  "use strict";
  const form = document.querySelector("form[data-autosubmit]");
  if (form) form.submit();
})();
