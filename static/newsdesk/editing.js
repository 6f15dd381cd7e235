// Editing helpers for editors: selection offsets and keyboard shortcuts.
// No inline code anywhere: the page's Content-Security-Policy allows only files like this one.
(function () {
  "use strict";

  // Python counts characters by code point; JavaScript strings count UTF-16 units.
  function codePoints(text) {
    return Array.from(text).length;
  }

  // The body offset of a point in the text: its paragraph's data-start plus the text before it.
  function offsetOf(node, offset) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    var paragraph = element && element.closest("#article-body p[data-start]");
    if (!paragraph) return null;
    var range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEnd(node, offset);
    return Number(paragraph.dataset.start) + codePoints(range.toString());
  }

  function rememberSelection() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    // Leave out spaces caught at either end of the selection.
    var text = range.toString();
    var leading = codePoints(text) - codePoints(text.replace(/^\s+/, ""));
    var trailing = codePoints(text) - codePoints(text.replace(/\s+$/, ""));
    start += leading;
    end -= trailing;
    document.querySelectorAll("[data-selection=start]").forEach(function (input) { input.value = start; });
    document.querySelectorAll("[data-selection=end]").forEach(function (input) { input.value = end; });
    var preview = document.querySelector(".selection-preview");
    if (preview) preview.textContent = "“" + text.trim() + "”";
  }

  document.addEventListener("mouseup", rememberSelection);
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) rememberSelection();
  });

  var KINDS = { p: "PERSON", l: "PLACE", o: "ORG", g: "GROUP" };

  function post(url, values) {
    if (!window.htmx) return;
    window.htmx.ajax("POST", url, { target: "#edit-result", swap: "innerHTML", values: values });
  }

  function toggleHelp(show) {
    var help = document.getElementById("shortcuts-help");
    if (!help) return;
    help.hidden = show === undefined ? !help.hidden : !show;
    if (!help.hidden) help.querySelector("button").focus();
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-close-shortcuts]")) toggleHelp(false);
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest("input, textarea, select")) return;
    if (event.key === "Escape") return toggleHelp(false);
    if (event.key === "?") { event.preventDefault(); return toggleHelp(); }
    var mention = target.closest && target.closest("a.mention[data-mention]");
    if (mention && (KINDS[event.key] || event.key === "x")) {
      event.preventDefault();
      var values = { version: mention.dataset.version };
      if (event.key === "x") values.action = "reject";
      else { values.action = "relabel"; values.kind = KINDS[event.key]; }
      return post("/edit/mentions/" + mention.dataset.mention + "/", values);
    }
    var button = document.querySelector('[data-shortcut="' + event.key + '"]');
    if (!button) return;
    event.preventDefault();
    var form = button.closest("form");
    if (form && form.getAttribute("hx-post") && window.htmx) {
      // Send the form through htmx, as a click on its button would.
      window.htmx.ajax("POST", form.getAttribute("hx-post"), {
        source: form,
        target: form.getAttribute("hx-target") || "#edit-result",
        swap: form.getAttribute("hx-swap") || "innerHTML",
      });
    } else {
      button.click();
    }
  });

  // After a correction, the panel beside the text shows the entity as it is now.
  document.body.addEventListener("annotationsChanged", function () {
    var panel = document.getElementById("entity-panel");
    if (!panel || !panel.dataset.panelUrl || !window.htmx) return;
    window.htmx.ajax("GET", panel.dataset.panelUrl, {
      target: "#entity-panel", swap: "outerHTML", select: "#entity-panel",
    });
  });

  // After a correction the body is reloaded; keep keyboard focus near where it was.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "article-body") {
      var first = document.querySelector("#article-body a.mention");
      if (document.activeElement === document.body && first) first.focus();
    }
  });
})();
