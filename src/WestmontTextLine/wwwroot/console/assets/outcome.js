// A page that opens with the outcome of what she just did (a post, then the page again: "Added bob", "Closed the
// conversation", "You went on shift", or why it did not work) puts the focus on that outcome, so a screen reader reads
// it at once and a keyboard user goes on from there. A status shown as a page loads is not announced by a live region,
// and the focus used to start at the top of the page, so she heard the page's name and nothing of what happened.
// A page that puts the focus somewhere of its own (a field with autofocus, the reply box, which reads the outcome
// with it) keeps it there.
(function () {
  "use strict";
  const outcome = document.querySelector("[data-outcome]");
  if (!outcome) return;
  if (document.querySelector("[autofocus], [data-focus='true']")) return;
  if (document.activeElement && document.activeElement !== document.body) return;
  outcome.setAttribute("tabindex", "-1");
  outcome.focus();
})();
