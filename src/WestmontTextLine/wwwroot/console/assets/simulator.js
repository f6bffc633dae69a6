// The simulator without page reloads: each form posts as usual, asking for JSON, and the answer is added to the phone.
(function () {
  "use strict";
  const messages = document.getElementById("messages");
  const lockscreen = document.getElementById("lockscreen");
  const clock = document.getElementById("clock-offset");
  const sendForm = document.getElementById("send");
  const body = document.getElementById("body");

  function post(form, extra) {
    const data = new FormData(form);
    if (extra) Object.keys(extra).forEach(function (key) { data.set(key, extra[key]); });
    return fetch(form.action, { method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("The console answered " + response.status);
        return response.json();
      });
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
    item.scrollIntoView({ block: "end" });
  }

  function send(text) {
    add("sent", "You sent: ", text);
    return post(sendForm, { Body: text }).then(function (reply) {
      if (reply.text === null) {
        add("silent", "", "(no reply)");
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
    send(text).catch(function (error) { add("silent", "", error.message); });
    body.focus();
  });

  document.querySelectorAll(".send-word").forEach(function (button) {
    button.addEventListener("click", function () { send(button.getAttribute("data-word")); });
  });

  const newTexter = document.getElementById("new-texter");
  newTexter.form.addEventListener("submit", function (event) {
    event.preventDefault();
    post(newTexter.form).then(function () {
      messages.innerHTML = "";
      lockscreen.textContent = "";
      clock.textContent = "0";
    });
  });

  const advance = document.getElementById("advance-clock");
  advance.form.addEventListener("submit", function (event) {
    event.preventDefault();
    post(advance.form).then(function (answer) { clock.textContent = String(answer.minutes); });
  });
})();
