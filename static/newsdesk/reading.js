// Reading helpers for everyone: the entity panel kept in view and closed with Esc or Back,
// keyboard focus moved into it and back to the name, the shortcuts list, notices dismissed, and
// the filters kept in step with the results for the back button.
// No inline code anywhere: the page's Content-Security-Policy allows only files like this one.
(function () {
  "use strict";

  var OPENER_KEY = "newsdesk-panel-opener";
  var opener = null; // the name (or link) the open panel was opened from

  function panel() {
    return document.getElementById("entity-panel");
  }

  function isOpen(element) {
    return element && !element.classList.contains("panel--empty");
  }

  // The panel is a sheet over the text on narrow screens (see newsdesk.css), beside it otherwise.
  function narrow() {
    return window.matchMedia("(max-width: 60rem)").matches;
  }

  function mentionById(id) {
    return id ? document.querySelector('#article-body a.mention[data-mention="' + id + '"]') : null;
  }

  function rememberOpener(element) {
    opener = element;
    try {
      sessionStorage.setItem(OPENER_KEY, (element && element.dataset.mention) || "");
    } catch (error) { /* storage refused: focus simply stays put after Back */ }
  }

  function storedOpener() {
    try {
      return mentionById(sessionStorage.getItem(OPENER_KEY));
    } catch (error) {
      return null;
    }
  }

  function focusWithoutScrolling(element) {
    if (element) element.focus({ preventScroll: true });
  }

  // Beside the text: scroll the sidebar (which has its own scroll) so the panel's top shows.
  // As a sheet: scroll the page so the name that opened it stays visible above the sheet.
  function bringIntoView(open) {
    if (narrow()) {
      var name = opener && document.body.contains(opener) ? opener : null;
      if (!name) return;
      var sheetTop = open.getBoundingClientRect().top;
      var box = name.getBoundingClientRect();
      if (box.bottom > sheetTop - 8 || box.top < 0) {
        window.scrollBy({ top: box.top - Math.min(80, sheetTop / 3), behavior: "instant" });
      }
      return;
    }
    var sidebar = open.closest(".sidebar");
    if (sidebar) {
      sidebar.scrollTop += open.getBoundingClientRect().top - sidebar.getBoundingClientRect().top;
    }
    // Not smooth: the panel must be in place when focus moves into it.
    var top = open.getBoundingClientRect().top;
    if (top < 0) window.scrollBy({ top: top - 8, behavior: "instant" });
    else if (top > window.innerHeight - 80) open.scrollIntoView({ block: "start", behavior: "instant" });
  }

  function panelChanged(trigger) {
    var current = panel();
    if (!current) return;
    document.body.classList.toggle("has-sheet", isOpen(current) && current.classList.contains("panel--beside"));
    if (isOpen(current)) {
      if (trigger && trigger.closest && !trigger.closest("#entity-panel")) rememberOpener(trigger);
      bringIntoView(current);
      var heading = current.querySelector("#entity-name");
      if (heading && !current.contains(document.activeElement)) focusWithoutScrolling(heading);
    } else {
      var name = opener && document.body.contains(opener) ? opener : storedOpener();
      if (name) name.focus({ preventScroll: !narrow() });
    }
  }

  // The element that asked for a swap (the settled one is `detail.elt`).
  function requester(event) {
    var config = event.detail && event.detail.requestConfig;
    return config ? config.elt : null;
  }

  document.body.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id === "entity-panel") panelChanged(requester(event));
  });

  // Back and Forward: htmx restores the page as it was; the panel open or closed with it.
  document.body.addEventListener("htmx:historyRestore", function () {
    var current = panel();
    document.body.classList.toggle("has-sheet", Boolean(isOpen(current) && current.classList.contains("panel--beside")));
    if (current && !isOpen(current)) focusWithoutScrolling(storedOpener());
  });

  function closePanel() {
    var close = document.querySelector("#entity-panel [data-close-panel]");
    if (!close) return false;
    close.click();
    return true;
  }

  // -- the shortcuts list ------------------------------------------------------------------------
  function toggleHelp(show) {
    var help = document.getElementById("shortcuts-help");
    if (!help) return false;
    var hidden = help.hidden;
    help.hidden = show === undefined ? !help.hidden : !show;
    if (!help.hidden) help.querySelector("button").focus();
    return hidden !== help.hidden;
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-close-shortcuts]")) toggleHelp(false);
    if (event.target.closest("[data-dismiss-notice]")) {
      var notice = document.getElementById("edit-result");
      if (notice) notice.replaceChildren();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target.closest && target.closest("input, textarea, select");
    if (event.key === "Escape") {
      if (toggleHelp(false)) return;
      if (!typing && isOpen(panel()) && closePanel()) event.preventDefault();
      return;
    }
    if (typing) return;
    if (event.key === "?") {
      event.preventDefault();
      toggleHelp();
    }
  });

  // -- the filters and the back button -----------------------------------------------------------
  // htmx keeps a copy of the page for the back button, made from the markup: a value typed into
  // a field lives in the field, not its markup. Once a list of results is in place, the form's
  // markup is made to say what that list was asked for, so the copy shows the two together.
  function markValues(form, values) {
    form.querySelectorAll("input[name], select[name]").forEach(function (field) {
      var value = values.has(field.name) ? String(values.get(field.name)) : "";
      if (field.tagName === "SELECT") {
        field.querySelectorAll("option").forEach(function (option) {
          option.toggleAttribute("selected", option.value === value);
        });
      } else if (field.type === "checkbox" || field.type === "radio") {
        field.toggleAttribute("checked", values.getAll(field.name).indexOf(field.value) >= 0);
      } else {
        field.setAttribute("value", value);
      }
    });
  }

  document.body.addEventListener("htmx:afterSettle", function (event) {
    var config = event.detail && event.detail.requestConfig;
    var form = config && config.elt && config.elt.matches && config.elt.matches("form.filters") ? config.elt : null;
    if (form && config && config.verb === "get" && config.formData) markValues(form, config.formData);
  });
})();
