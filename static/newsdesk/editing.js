// Editing helpers for editors: the words selected in the text, one-key corrections, and keyboard
// focus kept on the corrected name while the text reloads around it.
// No inline code anywhere: the page's Content-Security-Policy allows only files like this one.
// No address is written here: each comes from the page (a form's hx-post, the body's data-*).
(function () {
  "use strict";

  var KINDS = { p: "PERSON", l: "PLACE", o: "ORG", g: "GROUP" };
  // Where focus goes once the text has reloaded after a correction: the mention the correction
  // leaves marked, else the name that came after the one corrected.
  var focusAfter = null;

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

  // The words selected in the article's text, without spaces caught at either end; or null.
  function selectedWords() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    var text = range.toString();
    start += codePoints(text) - codePoints(text.replace(/^\s+/, ""));
    end -= codePoints(text) - codePoints(text.replace(/\s+$/, ""));
    return end > start ? { start: start, end: end, text: text.trim() } : null;
  }

  // Fill every form that acts on a selection, and show the words so the editor sees what a key
  // or button will mark (never the offsets themselves).
  function rememberSelection() {
    var words = selectedWords();
    if (!words) return null;
    document.querySelectorAll("[data-selection=start]").forEach(function (input) { input.value = words.start; });
    document.querySelectorAll("[data-selection=end]").forEach(function (input) { input.value = words.end; });
    document.querySelectorAll("[data-selection-preview]").forEach(function (preview) {
      preview.textContent = "Selected: “" + words.text + "”";
    });
    return words;
  }

  document.addEventListener("mouseup", rememberSelection);
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) rememberSelection();
  });

  function mentions() {
    return Array.prototype.slice.call(document.querySelectorAll("#article-body a.mention[data-mention]"));
  }

  function post(url, values, source) {
    if (!window.htmx || !url) return;
    var options = { target: "#edit-result", swap: "innerHTML" };
    if (values) options.values = values;
    if (source) options.source = source;
    window.htmx.ajax("POST", url, options);
  }

  function postForm(form) {
    if (form) post(form.getAttribute("hx-post"), null, form);
  }

  function correctMention(mention, key) {
    var body = document.getElementById("article-body");
    var url = body && body.dataset.editMentionUrl;
    if (!url) return;
    var values = { version: mention.dataset.version };
    if (key === "x") values.action = "reject";
    else { values.action = "relabel"; values.kind = KINDS[key]; }
    focusAfter = { mention: mention.dataset.mention, index: mentions().indexOf(mention) };
    post(url.replace(/0\/$/, mention.dataset.mention + "/"), values);
  }

  function markSelection(words, key) {
    var form = key === "d" ? document.getElementById("add-date")
      : key === "q" ? document.getElementById("add-quote")
      : document.getElementById("add-mention");
    if (!form) return;
    focusAfter = { mention: null, index: null };
    if (KINDS[key]) {
      post(form.getAttribute("hx-post"), { start: words.start, end: words.end, kind: KINDS[key] });
    } else {
      postForm(form);
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    // Enter on a list in a form that asks for it (a quote's speaker) saves the form.
    if (event.key === "Enter" && target.tagName === "SELECT") {
      var form = target.closest("form[data-submit-on-enter]");
      if (form) { event.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (target.closest && target.closest("input, textarea, select")) return;
    var key = event.key;
    if (KINDS[key] || key === "x" || key === "d" || key === "q") {
      var words = KINDS[key] || key === "d" || key === "q" ? rememberSelection() : null;
      var mention = target.closest && target.closest("a.mention[data-mention]");
      if (words) {
        event.preventDefault();
        markSelection(words, key);
      } else if (mention && (KINDS[key] || key === "x")) {
        event.preventDefault();
        correctMention(mention, key);
      }
      return;
    }
    if (key === "u") {
      var undo = document.querySelector('#edit-result [data-shortcut="u"]');
      if (!undo) return;
      event.preventDefault();
      var focused = target.closest && target.closest("a.mention[data-mention]");
      focusAfter = { mention: null, index: focused ? mentions().indexOf(focused) : null };
      postForm(undo.closest("form"));
    }
  });

  // After a correction, the panel beside the text shows the entity as it is now.
  document.body.addEventListener("annotationsChanged", function (event) {
    if (focusAfter && event.detail && event.detail.mention) focusAfter.mention = String(event.detail.mention);
    var panel = document.getElementById("entity-panel");
    if (!panel || !panel.dataset.panelUrl || !window.htmx) return;
    window.htmx.ajax("GET", panel.dataset.panelUrl, {
      target: "#entity-panel", swap: "outerHTML show:none", select: "#entity-panel",
    });
  });

  // The text has reloaded: put keyboard focus back on the corrected name (or where it was).
  document.body.addEventListener("htmx:afterOnLoad", function (event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.hasAttribute || !elt.hasAttribute("data-reload-annotations") || !focusAfter) return;
    var wanted = focusAfter;
    focusAfter = null;
    var all = mentions();
    var mention = wanted.mention && document.querySelector('#article-body a.mention[data-mention="' + wanted.mention + '"]');
    if (!mention && wanted.index !== null && all.length) mention = all[Math.min(wanted.index, all.length - 1)];
    if (mention) mention.focus();
  });

  // A selection that runs into marked names: the offer to replace them takes the focus, so
  // Enter accepts it.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "edit-result") return;
    var offer = target.querySelector("[data-offer]");
    if (offer) offer.focus({ preventScroll: true });
  });
})();
