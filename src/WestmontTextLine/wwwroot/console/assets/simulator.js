// The simulator without page reloads: each form posts as usual, asking for JSON, and the answer is added to the phone.
// When the session has ended, the text goes back into the box and the page says so, with a way to sign in again;
// when the console could not send it (its store not answering), the text goes back with the console's own words.
(function () {
  "use strict";
  const messages = document.getElementById("messages");
  const lockscreen = document.getElementById("lockscreen");
  const clock = document.getElementById("clock-offset");
  const sendForm = document.getElementById("send");
  const body = document.getElementById("body");

  const ended = document.getElementById("session-ended");
  const notSent = document.getElementById("not-sent");
  const done = document.getElementById("simulator-done");
  const SessionEnded = "session-ended";

  function post(form, extra) {
    const data = new FormData(form);
    if (extra) Object.keys(extra).forEach(function (key) { data.set(key, extra[key]); });
    // A post after the session ended is answered with the sign-in page (a redirect): not followed, it is recognised.
    return fetch(form.action, { method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        if (consoleSession.isSignedOut(response)) throw new Error(SessionEnded);
        if (!response.ok) return refused(response);
        consoleSession.clearEnded(ended);
        notSent.textContent = "";
        // A text sent is activity: the session's idle time starts again (session-time.js).
        if (window.consoleIdle) window.consoleIdle.touched();
        return response.json();
      });
  }

  // The console's refusal in words (503: its store is not answering) is meant for the person; anything else, its status.
  function refused(response) {
    return response.text().then(function (text) {
      const plain = (response.headers.get("Content-Type") || "").indexOf("text/plain") === 0 && text.trim();
      throw new Error(plain ? text.trim() : "The console answered " + response.status + ". Try again.");
    });
  }

  function sessionEnded() {
    consoleSession.showEnded(ended, "Your session has ended, so nothing was sent. ", "Sign in again in a new tab", ", then send it again.");
  }

  function add(className, prefix, text, meter) {
    const item = document.createElement("li");
    item.className = className;
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = prefix;
    item.appendChild(hidden);
    const span = document.createElement("span");
    span.className = "text";
    span.textContent = text;
    item.appendChild(span);
    if (meter) {
      const m = document.createElement("span");
      m.className = "meter";
      m.textContent = meter;
      item.appendChild(m);
    }
    messages.appendChild(item);
    // The list scrolls to her newest text, not the page: scrolling the page to it pushed the box she types in out of
    // view (below the phone, on a phone-sized screen).
    messages.scrollTop = messages.scrollHeight;
  }

  // Said in a status (a screen reader reads it without the focus moving): emptied first, so a second press is said too.
  function said(words) {
    done.textContent = "";
    window.setTimeout(function () { done.textContent = words; }, 100);
  }

  function notDone(error) {
    done.textContent = "";
    if (error.message === SessionEnded) sessionEnded();
    else notSent.textContent = "Not done. " + reason(error);
  }

  function reason(error) {
    return error instanceof TypeError ? "The console could not be reached. Try again." : error.message;
  }

  function send(text) {
    add("sent", "You sent: ", text);
    const sent = messages.lastElementChild;
    return post(sendForm, { Body: text }).catch(function (error) {
      // Not sent: off the phone, and back in the box to send again.
      sent.remove();
      if (!body.value) body.value = text;
      if (error.message === SessionEnded) sessionEnded();
      else notSent.textContent = "Not sent. " + reason(error);
      throw error;
    }).then(function (reply) {
      if (reply.text === null) {
        add("silent", "", reply.silence || "(no reply)");
      } else {
        add("received", "The line replied: ", reply.text,
          reply.segments + " segment(s), " + reply.encoding + ", " + reply.characters + " chars" + (reply.node ? ", at " + reply.node : ""));
      }
      lockscreen.textContent = reply.lockScreen || "";
    });
  }

  sendForm.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = body.value.trim();
    if (!text) return;
    body.value = "";
    send(text).catch(function () { });
    body.focus();
  });

  document.querySelectorAll(".send-word").forEach(function (button) {
    button.addEventListener("click", function () {
      send(button.getAttribute("data-word")).catch(function () { });
    });
  });

  const newTexter = document.getElementById("new-texter");
  newTexter.form.addEventListener("submit", function (event) {
    event.preventDefault();
    post(newTexter.form).then(function () {
      messages.innerHTML = "";
      lockscreen.textContent = "";
      clock.textContent = "0";
      said("A new texter: the phone is empty, and her first text gets the welcome.");
    }).catch(notDone);
  });

  const advance = document.getElementById("advance-clock");
  advance.form.addEventListener("submit", function (event) {
    event.preventDefault();
    post(advance.form).then(function (answer) {
      clock.textContent = String(answer.minutes);
      said("The clock moved on: " + answer.minutes + " minutes in all. Her next text comes after the session timeout.");
    }).catch(notDone);
  });
})();
