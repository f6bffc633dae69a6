// The inbox and conversation pages, live. An EventSource listens to the inbox's event stream (each event is a kind and
// a conversation id, never a body); an event makes the page fetch its live part again (a conversation's page too, for
// its "Others waiting" and the tab's count of texters waiting; the inbox its shift panel too, when the list says that
// changed) and
// put it in place, within 2 seconds, without a reload and without touching the reply being typed. The reply form
// measures the reply as it is typed (segments, encoding, lock-screen words, by the line's own rules on the server) and
// inserts referrals from the directory where the cursor is. What a refresh brings (a new conversation, her new text,
// an urgent flag) is said in a polite live region, and the focus stays where it was. A session that ends while a reply
// is typed keeps the reply on the page and says how to go on, instead of reloading to the sign-in page; so does a
// reply sent while the console's store does not answer (503), or while the line does not answer at all (its check or
// its post), instead of leaving the page for the plain answer or the browser's own error.
(function () {
  "use strict";

  const live = document.querySelector("[data-live-src]");
  const status = document.getElementById("live-status");
  const form = document.getElementById("reply-form");

  function say(text) {
    if (status) status.textContent = text;
  }

  const pausedWords = "Live updates paused; trying again. What this page shows may be out of date until they are back.";

  // ---- Announcements: what changed, for a screen reader, without moving the focus ----

  const news = document.getElementById("live-news");

  function announce(lines) {
    if (!news || lines.length === 0) return;
    // Emptied first, so the same words said twice are announced twice.
    news.textContent = "";
    window.setTimeout(function () { news.textContent = lines.join(" "); }, 100);
  }

  // What the live part shows now, to tell what a refresh added: the inbox's rows, or the conversation's messages.
  function snapshot(root) {
    const rows = {};
    root.querySelectorAll("tr[data-conversation]").forEach(function (row) {
      rows[row.getAttribute("data-conversation")] = { name: row.getAttribute("data-pseudonym"), urgent: row.classList.contains("urgent") };
    });
    // On a conversation's page, the other texters who wait (or are urgent), so their arrival is said there too.
    root.querySelectorAll("li[data-other]").forEach(function (item) {
      rows[item.getAttribute("data-other")] = { name: item.getAttribute("data-pseudonym"), urgent: item.getAttribute("data-urgent") === "true", other: true };
    });
    const messages = {};
    root.querySelectorAll("#thread li[data-number]").forEach(function (item) {
      const body = item.querySelector(".body");
      messages[item.getAttribute("data-number")] = { texter: item.classList.contains("from-texter"), failed: item.classList.contains("failed"), body: body ? body.textContent : "" };
    });
    const conversation = root.querySelector(".conversation");
    const claimed = root.querySelector("#claimed-by");
    const lines = root.querySelectorAll("#thread li.from-line .body");
    return {
      closed: conversation ? conversation.getAttribute("data-state") === "closed" : false,
      lastLine: lines.length > 0 ? lines[lines.length - 1].textContent : "",
      claimedBy: claimed ? claimed.textContent.trim() : "",
      rows: rows,
      messages: messages,
      name: conversation ? conversation.getAttribute("data-pseudonym") : "",
      urgent: conversation ? conversation.getAttribute("data-urgent") === "true" : false,
    };
  }

  function changes(before, after) {
    const lines = [];
    Object.keys(after.rows).forEach(function (id) {
      const row = after.rows[id];
      if (!before.rows[id]) lines.push((row.other ? "Also waiting: " : "New conversation: ") + row.name + (row.urgent ? ", urgent." : "."));
      else if (row.urgent && !before.rows[id].urgent) lines.push(row.name + " is urgent.");
    });
    Object.keys(after.messages).forEach(function (number) {
      const message = after.messages[number];
      const was = before.messages[number];
      if (!was && message.texter) lines.push("New text from " + after.name + ": " + message.body);
      else if (was && message.failed && !was.failed) lines.push("A reply was not delivered.");
    });
    if (after.urgent && !before.urgent && after.name) lines.push(after.name + " is urgent.");
    if (after.claimedBy && before.claimedBy && after.claimedBy !== before.claimedBy) lines.push("Claimed by " + after.claimedBy + ".");
    // Closed while open on the screen (STOP, MENU, a colleague's Close, the idle close): the line's note says why.
    if (after.closed && !before.closed && after.name) lines.push("This conversation closed. " + after.lastLine);
    return lines;
  }

  // ---- A session that ends while a reply is typed ----

  const ended = document.getElementById("session-ended");
  const draft = document.getElementById("reply-body");

  // A closed reply box keeps its text readable, selectable and copyable: the text box is read-only, not disabled (a
  // disabled fieldset made the unsent reply impossible to select), and only the buttons and the picker are disabled.
  function setReplyOpen(fieldset, open) {
    fieldset.setAttribute("data-open", open ? "true" : "false");
    fieldset.querySelectorAll("button, select").forEach(function (control) { control.disabled = !open; });
    const text = document.getElementById("reply-body");
    if (text) text.readOnly = !open;
  }

  function hasDraft() {
    return !!draft && draft.value.trim().length > 0;
  }

  // Says so beside the reply (an alert), with a link to sign in again in a new tab; moves the focus there only when
  // she was about to send.
  function sessionEnded(focus) {
    if (!ended) return;
    consoleSession.showEnded(ended, "Your session has ended, so this reply cannot be sent yet. It is kept here: ",
      "sign in again in a new tab", ", then come back and press Send reply.");
    if (focus) document.getElementById("sign-in-again").focus();
  }

  function sessionBack() {
    consoleSession.clearEnded(ended);
  }

  const isSignedOut = consoleSession.isSignedOut;

  // ---- The tab's title: how many texters wait ("(1 urgent, 2 waiting) Inbox - ..."), seen from another tab ----

  const untitled = function (title) { return title.replace(/^\([^)]*\) /, ""); };
  // A reply refused changes it (to "Error: ..."), as the page drawn for the refusal did.
  let pageTitle = untitled(document.title);

  function retitle(root) {
    const counted = root.querySelector("[data-tab-note]");
    const note = counted ? counted.getAttribute("data-tab-note") : "";
    document.title = (note ? note + " " : "") + pageTitle;
  }

  // ---- The live part ----

  // The live part fetched again now (a reply refused shows what it became: closed, taken over, deleted).
  let refreshLive = function () {};

  if (live) {
    let running = false;
    let again = false;
    let scheduled = null;
    let refreshes = 0;

    // What a live part shows, without its forms' antiforgery tokens (new at every fetch): unchanged, it is left alone,
    // so a refresh that changes nothing never moves the focus or the element someone is about to press.
    const sameAs = function (html) {
      return html.replace(/name="__RequestVerificationToken" type="hidden" value="[^"]*"/g, "").trim();
    };
    // Both as the browser writes them out, so the part the page came with compares with a fetched one: the first
    // refresh (once the stream is open, seconds after the page shows on a slow connection) replaced it unchanged,
    // and a Claim or Close pressed just then was lost with the button it was pressed on.
    const parsed = document.createElement("template");
    const written = function (html) {
      parsed.innerHTML = html;
      return sameAs(parsed.innerHTML);
    };
    let shown = sameAs(live.innerHTML);

    const syncReply = function () {
      const root = live.querySelector(".conversation");
      const fieldset = document.getElementById("reply-fieldset");
      if (!root || !fieldset) return;
      const canReply = root.getAttribute("data-can-reply") === "true";
      // Typing when the box closes (she texted STOP, a colleague took it over): the focus would fall to the top of the
      // page, and nothing would say why. It goes to the note instead, which says so.
      const wasTyping = fieldset.getAttribute("data-open") === "true" && !canReply && fieldset.contains(document.activeElement);
      setReplyOpen(fieldset, canReply);
      const note = document.getElementById("reply-needs-claim");
      if (note) {
        note.hidden = canReply;
        note.textContent = (root.getAttribute("data-reply-note") || "") + (!canReply && hasDraft() ? " Your reply was not sent." : "");
        if (wasTyping) {
          note.setAttribute("tabindex", "-1");
          note.focus();
        }
      }
    };

    // A part's new HTML put in place, the focus kept on what had it (by its id), and what she chose there and has not
    // sent (choices.js). When the focused element is gone (a colleague claimed first, so no Claim button), the focus
    // stays in the part instead of falling to the top of the page.
    const putInPlace = function (part, html) {
      const focused = document.activeElement && part.contains(document.activeElement) ? document.activeElement.id : "";
      const choices = consoleChoices.read(part);
      part.innerHTML = html;
      consoleChoices.putBack(part, choices);
      if (!focused) return;
      const element = document.getElementById(focused);
      if (element) {
        element.focus();
      } else {
        part.setAttribute("tabindex", "-1");
        part.focus();
      }
    };

    // A live part fetched as the page's own refresh: not activity, and 401 (not the sign-in page) once signed out.
    const fetchPart = function (src) {
      return fetch(src, { headers: { "X-Console-Refresh": "1", "Accept": "text/html" }, credentials: "same-origin", cache: "no-store" });
    };

    // Set below: the other parts of the page, fetched again when the live part says they changed.
    let refreshAlsoLive = function () {};

    const replace = function (html) {
      // Counts every live part fetched, changed or not (the browser tests wait on it).
      live.setAttribute("data-refreshes", String(++refreshes));
      const key = written(html);
      if (key !== shown) {
        shown = key;
        const before = snapshot(live);
        putInPlace(live, html);
        syncReply();
        retitle(live);
        announce(changes(before, snapshot(live)));
      }
      refreshAlsoLive();
    };

    const refresh = function () {
      if (running) {
        again = true;
        return;
      }
      running = true;
      fetchPart(live.getAttribute("data-live-src")).then(function (response) {
        if (response.status === 401 || response.status === 403) {
          // Signed out (or the session ended): the page itself goes to sign-in, unless that would lose a reply.
          if (hasDraft()) sessionEnded(false);
          else window.location.reload();
          return null;
        }
        sessionBack();
        if (response.status === 404) {
          const fieldset = document.getElementById("reply-fieldset");
          const wasTyping = !!fieldset && fieldset.getAttribute("data-open") === "true" && fieldset.contains(document.activeElement);
          const wasThere = !document.getElementById("conversation-gone");
          live.innerHTML = "<p id=\"conversation-gone\">This conversation is no longer there: it was deleted.</p>";
          if (fieldset) setReplyOpen(fieldset, false);
          // Deleted while open on the screen (she texted FORGET, a colleague pressed Delete now): said as a closing is,
          // and the focus goes to the note when she was typing, not to the top of the page.
          const note = document.getElementById("reply-needs-claim");
          if (note && wasThere) {
            note.hidden = false;
            note.textContent = "This conversation was deleted." + (hasDraft() ? " Your reply was not sent." : "");
            if (wasTyping) {
              note.setAttribute("tabindex", "-1");
              note.focus();
            }
          }
          if (wasThere) announce(["This conversation was deleted."]);
          return null;
        }
        if (!response.ok) throw new Error("The console answered " + response.status);
        return response.text();
      }).then(function (html) {
        if (typeof html === "string") replace(html);
      }).catch(function () {
        say("Could not update this page; it tries again at the next change.");
      }).finally(function () {
        running = false;
        if (again) {
          again = false;
          refresh();
        }
      });
    };

    // What the live part says of another part (data-also-live-key names its attribute): the value it had when that
    // part was last fetched, or drawn with the page.
    const keyOf = function (name) {
      const marked = name ? live.querySelector("[" + name + "]") : null;
      return marked ? marked.getAttribute(name) : null;
    };

    // Other parts of the page kept live with this one, fetched again only when the live part says they changed (each
    // refresh of the live part carries the key of what they show), and put in place only when they did. The inbox's
    // shift panel is one (who is on shift, the last one's warning, the button): a colleague going on or off shift changes
    // it, and an open inbox went on showing who had been on. It was fetched at every event and every 30 seconds, though
    // it changes rarely.
    const alsoLive = Array.prototype.map.call(document.querySelectorAll("[data-also-live-src]"), function (part) {
      let partShown = sameAs(part.innerHTML);
      const keyName = part.getAttribute("data-also-live-key");
      let fetchedFor = keyOf(keyName);
      let busy = false;
      let busyAgain = false;
      const refreshPart = function () {
        if (busy) {
          busyAgain = true;
          return;
        }
        busy = true;
        const wanted = keyOf(keyName);
        fetchPart(part.getAttribute("data-also-live-src")).then(function (response) {
          // Signed out, or the line away: the live part's own refresh says so.
          return response.ok ? response.text() : null;
        }).then(function (html) {
          if (typeof html !== "string") return;
          fetchedFor = wanted;
          const key = written(html);
          if (key === partShown) return;
          partShown = key;
          putInPlace(part, html);
        }).catch(function () {
          // The next change tries again.
        }).finally(function () {
          busy = false;
          if (busyAgain) {
            busyAgain = false;
            refreshPart();
          }
        });
      };
      // Fetched when the live part's key for it is not the one it was fetched for (a failed fetch is tried again at the
      // next refresh); without a key, at each refresh.
      return function () {
        if (keyName === null || keyOf(keyName) !== fetchedFor) refreshPart();
      };
    });

    refreshAlsoLive = function () {
      alsoLive.forEach(function (refreshIfChanged) { refreshIfChanged(); });
    };

    // Several events in a burst (a text, then its urgent flag) make one refresh.
    const schedule = function () {
      if (scheduled !== null) return;
      scheduled = window.setTimeout(function () {
        scheduled = null;
        refresh();
      }, 50);
    };

    // The stream drops for a moment each minute (its lifetime) and reconnects a second later: only a stream still not
    // back after this long (the line restarting, the connection gone) says that the page may be out of date.
    const pausedAfter = 3000;
    let pausedTimer = null;
    const paused = function () {
      if (pausedTimer !== null) return;
      pausedTimer = window.setTimeout(function () {
        pausedTimer = null;
        if (live.getAttribute("data-live") !== "on") say(pausedWords);
      }, pausedAfter);
    };

    const connect = function () {
      const source = new EventSource(live.getAttribute("data-events"));
      source.addEventListener("ready", function () {
        live.setAttribute("data-live", "on");
        window.clearTimeout(pausedTimer);
        pausedTimer = null;
        say("");
        // Catch up with anything that changed while the stream was not open.
        schedule();
      });
      source.onmessage = function (event) {
        let change;
        try {
          change = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        // A conversation's page refreshes for the others too: they show under "Others waiting", and in the tab's title.
        schedule();
      };
      source.onerror = function () {
        live.setAttribute("data-live", "off");
        if (source.readyState === EventSource.CLOSED) {
          // Refused (the session ended) or the server is away: a refresh finds out which, and reloads to sign-in.
          say(pausedWords);
          window.setTimeout(function () {
            refresh();
            connect();
          }, 5000);
        } else {
          // The browser reconnects by itself: after a stream's lifetime at once, while the line cannot be reached in vain.
          paused();
        }
      };
    };

    refreshLive = refresh;
    connect();
    // Waiting times move on even when nothing happens.
    window.setInterval(refresh, 30000);
  }

  // ---- The reply form ----

  if (form) {
    const body = document.getElementById("reply-body");
    const meter = document.getElementById("reply-meter");
    const problem = document.getElementById("reply-problem");
    const lockscreen = document.getElementById("reply-lockscreen");
    const referral = document.getElementById("referral");
    const insert = document.getElementById("insert-referral");
    const token = form.querySelector("input[name='__RequestVerificationToken']");
    const storeDown = document.getElementById("store-down");
    let timer = null;
    let latest = 0;

    const changeText = function (element, text) {
      if (element.textContent !== text) element.textContent = text;
    };

    const measure = function () {
      const asked = ++latest;
      const data = new FormData();
      data.set("Body", body.value);
      if (token) data.set("__RequestVerificationToken", token.value);
      fetch(form.getAttribute("data-meter"), {
        method: "POST",
        body: data,
        headers: { "Accept": "application/json" },
        credentials: "same-origin",
        redirect: "manual",
      }).then(function (response) {
        if (isSignedOut(response)) {
          sessionEnded(false);
          return null;
        }
        sessionBack();
        // A reply being typed is activity: the session's idle time starts again (session-time.js).
        if (response.ok && window.consoleIdle) window.consoleIdle.touched();
        return response.ok ? response.json() : null;
      }).then(function (draft) {
        if (!draft || asked !== latest) return;
        // The count is read with the box (aria-describedby), not announced: a live count was read out at every pause in
        // her typing. A problem or a lock-screen warning is announced once, when it appears or changes: set again with the
        // same words, a live region reads them again, so a warning was repeated after every word she typed.
        meter.textContent = draft.summary;
        changeText(problem, draft.problem || "");
        changeText(lockscreen, draft.lockScreen || "");
        form.setAttribute("data-measured", String(asked));
      }).catch(function () {
        // The next keystroke measures again.
      });
    };

    const keep = function (why) {
      storeDown.textContent = why + " Your reply is kept here: press Send reply again in a minute.";
    };

    // A reply refused: the page the server drew for it says why (refusal.js), and the reply box takes what that page
    // showed: read-only with its note when the chat closed, was taken over or deleted; the focus where that page put it
    // (the reply box, which reads why first, or the reason itself).
    const refused = function (page) {
      const ids = consoleRefusal.show(page, document.getElementById("live-status"));
      pageTitle = untitled(document.title);
      const drawn = page.getElementById("reply-body");
      const fieldset = document.getElementById("reply-fieldset");
      const stillOpen = !!drawn && !drawn.hasAttribute("readonly");
      if (fieldset) setReplyOpen(fieldset, stillOpen);
      const note = document.getElementById("reply-needs-claim");
      const drawnNote = page.getElementById("reply-needs-claim");
      if (note && drawnNote) {
        note.hidden = drawnNote.hasAttribute("hidden");
        note.textContent = drawnNote.textContent;
      }
      const described = (body.getAttribute("aria-describedby") || "").split(" ")
        .filter(function (id) { return id && id !== "done-notice" && !/^problem-/.test(id); });
      body.setAttribute("aria-describedby", ids.concat(described).join(" "));
      if (stillOpen && drawn.getAttribute("data-focus") === "true") {
        body.focus();
      } else if (ids.length > 0) {
        const reason = document.getElementById(ids[0]);
        reason.setAttribute("tabindex", "-1");
        reason.focus();
      }
      refreshLive();
    };

    // The reply's post goes by script too: a line that stopped between the check and the post (a restart, a deploy)
    // left the page for the browser's own error, and the reply with it. Sent, the page comes again as after any post
    // ("Sent to ..."). Refused (the chat closed, the reply too long), this first answer is the page the server drew for
    // it, and what it says is shown here: the form is not posted again to show it (ReplyPostedOnceBrowserTests).
    const post = function () {
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual" })
        .then(function (response) {
          if (response.type === "opaqueredirect") {
            window.location.assign(form.getAttribute("data-page"));
            return;
          }
          if (response.status === 503) {
            return response.text().then(function (words) { keep(words.trim() || "The console cannot reach its store just now."); });
          }
          if (response.status === 502 || response.status === 504) throw new Error("The line did not answer");
          if (response.status === 401 || response.status === 403) {
            sessionEnded(true);
            return;
          }
          return response.text().then(function (html) {
            const page = consoleRefusal.read(html);
            if (page) refused(page);
            else storeDown.textContent = "Not sent: the console refused it (it answered " + response.status + "). Copy your reply, then reload the page.";
          });
        })
        .catch(function () {
          keep("Not sent, as far as the console knows: the line did not answer (it may be restarting, or the connection " +
            "is down). If it did go, it does not go twice.");
        });
    };

    // Before the reply goes, the session is checked: a post after it ended would land on the sign-in page, and the
    // reply would be lost. A check that reaches no line (restarting, or the connection gone; a proxy's 502 or 504 for
    // it) keeps the reply here too: the post would have left the page for the browser's own error.
    form.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.id !== "send-reply") return;
      event.preventDefault();
      const data = new FormData();
      data.set("Body", body.value);
      if (token) data.set("__RequestVerificationToken", token.value);
      fetch(form.getAttribute("data-meter"), { method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin", redirect: "manual" })
        .then(function (response) {
          // The store not answering (Redis down, a disk full): the post would fail too and leave the page, reply and all.
          if (response.status === 503) return response.text().then(function (words) { return { storeDown: words }; });
          if (response.status === 502 || response.status === 504) return { unreachable: true };
          return { signedIn: !isSignedOut(response) };
        }, function () { return { unreachable: true }; })
        .then(function (check) {
          if (check.unreachable) {
            keep("Not sent: the console cannot be reached just now (the line may be restarting, or the connection is down).");
            return;
          }
          if (typeof check.storeDown === "string") {
            keep(check.storeDown.trim() || "The console cannot reach its store just now.");
            return;
          }
          storeDown.textContent = "";
          if (!check.signedIn) {
            sessionEnded(true);
            return;
          }
          sessionBack();
          post();
        });
    });

    // Back after an action (claimed, sent, refused): the reply box takes the focus, and reads the outcome with it.
    if (body.getAttribute("data-focus") === "true" && !body.readOnly) body.focus();

    body.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(measure, 120);
    });

    if (insert && referral) {
      insert.addEventListener("click", function (event) {
        event.preventDefault();
        const option = referral.options[referral.selectedIndex];
        if (!option) return;
        const text = option.getAttribute("data-text");
        const start = body.selectionStart;
        const end = body.selectionEnd;
        const before = body.value.slice(0, start);
        const after = body.value.slice(end);
        const gap = before.length > 0 && !/\s$/.test(before) ? "\n" : "";
        body.value = before + gap + text + after;
        const caret = (before + gap + text).length;
        body.focus();
        body.setSelectionRange(caret, caret);
        measure();
      });
    }
  }
})();
