// What she chose in a part of the page that a live refresh draws again, and has not sent yet: a colleague picked to
// transfer to, the box that confirms Delete now. Her next text redrew the conversation with the list back at its first
// colleague (Transfer then went to someone she had not picked) and the box unticked. Read before the part is replaced,
// put back after, by each control's id; a colleague no longer offered is not swapped for another: nobody is chosen,
// and Transfer asks her to choose.
window.consoleChoices = (function () {
  "use strict";

  // The option the page drew as chosen: the one marked selected, else the first.
  function drawnIndex(select) {
    const marked = Array.prototype.findIndex.call(select.options, function (option) { return option.defaultSelected; });
    return marked < 0 ? 0 : marked;
  }

  function read(part) {
    const choices = [];
    part.querySelectorAll("select[id], input[type=checkbox][id]").forEach(function (control) {
      if (control.tagName === "SELECT") {
        if (control.selectedIndex !== drawnIndex(control)) choices.push({ id: control.id, value: control.value });
      } else if (control.checked !== control.defaultChecked) {
        choices.push({ id: control.id, checked: control.checked });
      }
    });
    return choices;
  }

  function putBack(part, choices) {
    choices.forEach(function (choice) {
      const control = document.getElementById(choice.id);
      if (!control || !part.contains(control)) return;
      if (control.tagName !== "SELECT") {
        control.checked = choice.checked;
        return;
      }
      const offered = Array.prototype.some.call(control.options, function (option) { return option.value === choice.value; });
      if (offered) control.value = choice.value;
      else control.selectedIndex = -1;
    });
  }

  return { read: read, putBack: putBack };
})();
