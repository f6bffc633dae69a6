// The console's session ends after 30 idle minutes: 30 minutes with no page opened, no form sent and no reply typed
// (what a page fetches by itself, the inbox's updates, does not count). Five minutes before, the page says so in an
// alert, with a Stay signed in button that keeps the session (WCAG 2.2.1: a time limit she is warned of and can
// extend). Before, a volunteer watching a quiet inbox, or reading slowly with a screen reader, was signed out with no
// word. The pages' scripts call consoleIdle.touched() when they reach the console themselves (a reply measured, a
// text sent in the simulator); other tabs of the console share the time of their last activity through localStorage.
window.consoleIdle = (function () {
  "use strict";

  const box = document.getElementById("session-warning");
  const key = "wtl-console-last-activity";
  let last = Date.now();

  function shared() {
    try {
      return Number(window.localStorage.getItem(key)) || 0;
    } catch (error) {
      return 0;
    }
  }

  function touched() {
    last = Date.now();
    try {
      window.localStorage.setItem(key, String(last));
    } catch (error) {
      // No storage (a private window's rules): this tab counts its own activity only.
    }
    if (box) check();
  }

  if (!box) return { touched: function () {} };

  const text = document.getElementById("session-warning-text");
  const stay = document.getElementById("stay-signed-in");
  const kept = document.getElementById("session-kept");
  const idle = Number(box.getAttribute("data-idle-seconds")) * 1000;
  const warnBefore = Number(box.getAttribute("data-warn-seconds")) * 1000;
  let shown = false;
  let ended = false;
  let focusBefore = null;

  function say(words) {
    if (text.textContent !== words) text.textContent = words;
  }

  function minutes(ms) {
    const count = Math.max(1, Math.ceil(ms / 60000));
    return count + (count === 1 ? " minute" : " minutes");
  }

  // Typing in a field: the focus stays there (the alert is read all the same); elsewhere it goes to the button.
  function editing(element) {
    return !!element && (element.tagName === "TEXTAREA" || element.tagName === "SELECT" ||
      (element.tagName === "INPUT" && !/^(button|submit|checkbox|radio|hidden)$/.test(element.type)));
  }

  function warn(left) {
    box.hidden = false;
    stay.hidden = false;
    say("Your session ends in " + minutes(left) + ", because nothing was done in the console. Press Stay signed in to keep it.");
    if (shown) return;
    shown = true;
    kept.textContent = "";
    focusBefore = document.activeElement;
    if (!editing(focusBefore)) stay.focus();
  }

  function hide() {
    shown = false;
    box.hidden = true;
    text.textContent = "";
  }

  function end() {
    ended = true;
    box.hidden = false;
    stay.hidden = true;
    say("Your session has ended: the next page you open asks you to sign in again.");
  }

  function check() {
    const left = Math.max(last, shared()) + idle - Date.now();
    if (ended) {
      // Signed in again in another tab (its pages share their last activity): this page goes on as before.
      if (left > warnBefore) {
        ended = false;
        hide();
      }
      return;
    }
    if (left <= 0) end();
    else if (left <= warnBefore) warn(left);
    else if (shown) hide();
  }

  stay.addEventListener("click", function () {
    stay.disabled = true;
    // Any page of the console, opened by her, renews the session; a redirect (not followed) means it already ended.
    fetch(box.getAttribute("data-stay"), { credentials: "same-origin", redirect: "manual", cache: "no-store" })
      .then(function (response) {
        if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
          end();
          return;
        }
        if (!response.ok) {
          say("The console did not answer, so the session was not kept. Press Stay signed in again.");
          return;
        }
        const back = focusBefore && document.contains(focusBefore) && focusBefore !== document.body ? focusBefore : document.getElementById("main");
        touched();
        hide();
        kept.textContent = "You are still signed in.";
        back.focus();
      }, function () {
        say("The console could not be reached, so the session was not kept. Press Stay signed in again.");
      })
      .finally(function () {
        stay.disabled = false;
      });
  });

  // A form sent after the session ended went to the sign-in page, and what she had typed (an account's name and
  // password, a passkey's name) was lost. It stays, unsent, and the alert says how to go on, with the focus on it.
  // A form a page's own script sends (the reply box, the simulator) checks the session itself; signing out goes on.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (event.defaultPrevented || (form.getAttribute("method") || "get").toLowerCase() !== "post" || form.classList.contains("signout")) return;
    check();
    if (!ended) return;
    event.preventDefault();
    text.textContent = "Your session has ended, so this was not sent. What you typed is kept here: ";
    const link = document.createElement("a");
    link.id = "sign-in-again";
    link.href = box.getAttribute("data-sign-in");
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "sign in again in a new tab";
    text.appendChild(link);
    text.appendChild(document.createTextNode(", then come back and press the button again."));
    link.focus();
  });

  window.addEventListener("storage", function (event) {
    if (event.key === key) check();
  });
  touched();
  window.setInterval(check, 5000);

  return { touched: touched };
})();
