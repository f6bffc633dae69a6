// Draws the menu with the line's own copy of Mermaid, and shows a node's reply when it is chosen on the diagram or in the list.
(function () {
  "use strict";
  const replies = JSON.parse(document.getElementById("replies").textContent);
  const select = document.getElementById("node");
  const reply = document.getElementById("reply");

  function show(id) {
    if (!replies[id]) return;
    select.value = id;
    reply.textContent = replies[id][1];
  }

  select.addEventListener("change", function () { show(select.value); });

  window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
  window.mermaid.run({ querySelector: "#diagram" }).then(function () {
    // A state's group carries the node id in its own id ("mermaid-123-state-law_status-12"): choosing it shows that node.
    document.querySelectorAll("#graph g.node[id*='-state-']").forEach(function (group) {
      const match = /-state-(.+)-\d+$/.exec(group.id);
      if (!match || !replies[match[1]]) return;
      group.setAttribute("data-node", match[1]);
      group.style.cursor = "pointer";
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "button");
      // The accessible name starts with the text drawn in the box, so speech input can name it.
      group.setAttribute("aria-label", group.textContent.trim().replace(/\s+/g, " ") + ": show the reply");
      group.addEventListener("click", function () { show(match[1]); });
      group.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); show(match[1]); } });
    });
  });
})();
