// A form a script posted, refused by the server (a reply too long, or sent just after the chat closed, was transferred
// or was deleted): the server's answer is the page it draws for that, and what that page says is shown here, from that
// first answer. The browser used to post the form a second time to show the page, which sent nothing again but doubled
// the request, and a line that stopped in between left the page for the browser's own error.
window.consoleRefusal = (function () {
  "use strict";

  // The refusal's page, read (never run: DOMParser runs no script), or null when the answer is no page of refusal (a
  // plain error, with nothing of the page's to show).
  function read(html) {
    const page = new DOMParser().parseFromString(html, "text/html");
    return page.querySelector("[data-outcome]") ? page : null;
  }

  // Its outcomes (why it was refused) put where the page keeps them, in place of the last action's; its title (which
  // starts with "Error: ") and heading taken too. Returns the ids of the outcomes shown.
  function show(page, before) {
    document.querySelectorAll("main [data-outcome]").forEach(function (old) { old.remove(); });
    const ids = [];
    page.querySelectorAll("[data-outcome]").forEach(function (outcome) {
      before.parentNode.insertBefore(document.importNode(outcome, true), before);
      if (outcome.id) ids.push(outcome.id);
    });
    document.title = page.title;
    const heading = document.querySelector("main h1");
    const drawn = page.querySelector("main h1");
    if (heading && drawn) heading.textContent = drawn.textContent;
    return ids;
  }

  return { read: read, show: show };
})();
