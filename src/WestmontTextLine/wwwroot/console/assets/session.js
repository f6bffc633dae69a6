// What the console's scripts share about a session that ended while a page was open: how to recognise it in an
// answer, and the notice that says so, with a link to sign in again in a new tab, so that what was typed stays put.
window.consoleSession = (function () {
  "use strict";

  // A console request that the sign-in page answered instead (a redirect, not followed) or refused: the session is over.
  function isSignedOut(response) {
    return response.type === "opaqueredirect" || response.status === 401 || response.status === 403;
  }

  // Fills the notice (an alert) once: the lead, the sign-in link, the rest.
  function showEnded(notice, lead, linkText, rest) {
    if (!notice || notice.firstChild) return;
    notice.appendChild(document.createTextNode(lead));
    const link = document.createElement("a");
    link.id = "sign-in-again";
    link.href = notice.getAttribute("data-sign-in");
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = linkText;
    notice.appendChild(link);
    notice.appendChild(document.createTextNode(rest));
  }

  function clearEnded(notice) {
    if (notice) notice.textContent = "";
  }

  return { isSignedOut: isSignedOut, showEnded: showEnded, clearEnded: clearEnded };
})();
