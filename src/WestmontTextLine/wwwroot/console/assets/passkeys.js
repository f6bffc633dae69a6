// Passkeys in the console, with the browser's own WebAuthn API: make one (form data-passkey="create", the Passkeys
// page) or sign in with one (data-passkey="get", the sign-in pages). The script asks the console for options with the
// form's own fields and antiforgery token (data-options), lets the browser and the authenticator do their part, puts
// what the authenticator returned in the form's hidden field and submits the form as usual: the console's answer is
// an ordinary page. Nothing is inline, nothing comes from elsewhere (the console's Content-Security-Policy).
(function () {
  "use strict";

  const supported = typeof window.PublicKeyCredential === "function" && !!navigator.credentials;

  function fromBase64Url(text) {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
    return Uint8Array.from(atob(base64), function (c) { return c.charCodeAt(0); });
  }

  function toBase64Url(buffer) {
    let binary = "";
    new Uint8Array(buffer).forEach(function (b) { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withIds(list) {
    return (list || []).map(function (c) { return Object.assign({}, c, { id: fromBase64Url(c.id) }); });
  }

  // Browsers since 2024 parse the JSON options themselves; older ones get the same done here.
  function creationOptions(json) {
    if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function") return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    return Object.assign({}, json, {
      challenge: fromBase64Url(json.challenge),
      user: Object.assign({}, json.user, { id: fromBase64Url(json.user.id) }),
      excludeCredentials: withIds(json.excludeCredentials),
    });
  }

  function requestOptions(json) {
    if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function") return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    return Object.assign({}, json, { challenge: fromBase64Url(json.challenge), allowCredentials: withIds(json.allowCredentials) });
  }

  function credentialJson(credential) {
    if (typeof credential.toJSON === "function") return JSON.stringify(credential.toJSON());
    const response = credential.response;
    const json = {
      id: credential.id,
      rawId: toBase64Url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toBase64Url(response.clientDataJSON) },
    };
    if (response.attestationObject) {
      json.response.attestationObject = toBase64Url(response.attestationObject);
      json.response.transports = typeof response.getTransports === "function" ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = toBase64Url(response.authenticatorData);
      json.response.signature = toBase64Url(response.signature);
      json.response.userHandle = response.userHandle ? toBase64Url(response.userHandle) : null;
    }
    return JSON.stringify(json);
  }

  // What the console says when it refuses (a wrong password, too many passkeys) is plain text meant for the person.
  function fetchOptions(form) {
    return fetch(form.dataset.options, { method: "POST", body: new FormData(form), headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (response.ok) return response.json();
        return response.text().then(function (text) {
          const error = new Error(response.headers.get("Content-Type") && response.headers.get("Content-Type").indexOf("text/plain") === 0 && text
            ? text : "The console answered " + response.status + ". Try again.");
          error.field = response.headers.get("X-Problem-Field");
          throw error;
        });
      });
  }

  function ceremony(kind, json) {
    return kind === "create"
      ? navigator.credentials.create({ publicKey: creationOptions(json) })
      : navigator.credentials.get({ publicKey: requestOptions(json) });
  }

  function explain(error) {
    // NotAllowedError: the person cancelled, or took too long. InvalidStateError: this device already holds one of
    // your passkeys for the console.
    if (error && error.name === "NotAllowedError") return "The passkey prompt was closed or timed out. Try again when you are ready.";
    if (error && error.name === "InvalidStateError") return "This device already has a passkey for your account here.";
    return (error && error.message) || "Something went wrong. Try again.";
  }

  document.querySelectorAll("form[data-passkey]").forEach(function (form) {
    const kind = form.dataset.passkey;
    const button = form.querySelector("button[type=submit]");
    const field = form.querySelector("[data-passkey-credential]");
    const status = form.querySelector("[data-passkey-status]");
    if (!supported) {
      status.textContent = "This browser cannot use passkeys.";
      return;
    }
    status.textContent = "";
    button.disabled = false;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.reportValidity()) return;
      form.querySelectorAll("[aria-invalid]").forEach(function (field) { field.removeAttribute("aria-invalid"); field.removeAttribute("aria-describedby"); });
      button.disabled = true;
      status.textContent = kind === "create" ? "Follow your browser's prompts to make the passkey." : "Follow your browser's prompts to use your passkey.";
      fetchOptions(form)
        .then(function (json) { return ceremony(kind, json); })
        .then(function (credential) {
          if (!credential) throw new Error("The browser returned no passkey.");
          field.value = credentialJson(credential);
          status.textContent = kind === "create" ? "Saving the passkey." : "Signing in.";
          form.submit();
        })
        .catch(function (error) {
          status.textContent = explain(error);
          button.disabled = false;
          // A refusal about a field (a wrong password) is tied to it and the focus goes there, as when the page
          // comes back with an error at a field; otherwise the focus goes back to the button, which had it.
          const invalid = error && error.field ? form.querySelector("#" + CSS.escape(error.field)) : null;
          if (invalid) {
            if (!status.id) status.id = form.id + "-status";
            invalid.setAttribute("aria-invalid", "true");
            invalid.setAttribute("aria-describedby", status.id);
            invalid.focus();
          } else {
            button.focus();
          }
        });
    });
  });
})();
