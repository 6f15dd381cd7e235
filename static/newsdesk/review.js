// The review queue from the keyboard: j and k move between items, the key shown on a fix
// applies it to the current item (which leaves at once, the next one taking its place while the
// server answers), t moves into the item's field for a name (Esc back out), u undoes the last.
// A refused fix brings the item back.
// No inline code anywhere: the page's Content-Security-Policy allows only files like this one.
(function () {
  "use strict";

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("#review-queue .review-item:not(.review-item--leaving)"));
  }

  function current() {
    return document.querySelector("#review-queue .review-item--current:not(.review-item--leaving)") || items()[0] || null;
  }

  function select(item) {
    document.querySelectorAll("#review-queue .review-item").forEach(function (each) {
      each.classList.toggle("review-item--current", each === item);
      if (each === item) each.setAttribute("aria-current", "true");
      else each.removeAttribute("aria-current");
    });
    if (!item) return;
    item.focus({ preventScroll: true });
    var box = item.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      item.scrollIntoView({ block: box.height > window.innerHeight ? "start" : "nearest", behavior: "instant" });
    }
  }

  function move(step) {
    var list = items();
    if (!list.length) return;
    var at = list.indexOf(current());
    select(list[Math.max(0, Math.min(list.length - 1, at + step))]);
  }

  function fixButton(item, key) {
    var buttons = item.querySelectorAll("button[data-key]");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].dataset.key === key) return buttons[i];
    }
    return null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!document.getElementById("review-queue")) return;
    var target = event.target;
    if (event.key === "Escape" && target.matches && target.matches("[data-typed]")) {
      select(target.closest(".review-item")); // back to the item, its keys working again
      return;
    }
    if (target.closest && target.closest("input, textarea, select")) return;
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      move(event.key === "j" ? 1 : -1);
      return;
    }
    if (event.key === "u") {
      var undo = document.querySelector("#edit-result [data-shortcut=u]");
      if (undo) {
        event.preventDefault();
        undo.click();
      }
      return;
    }
    var item = current();
    var field = item && event.key === "t" ? item.querySelector("[data-typed]") : null;
    if (field) {
      event.preventDefault();
      field.focus();
      return;
    }
    var button = item && fixButton(item, event.key);
    if (!button) return;
    event.preventDefault();
    button.click();
    // The next item at once; the server's answer then puts the queue as it is in place.
    var list = items();
    var next = list[list.indexOf(item) + 1] || list[list.indexOf(item) - 1] || null;
    item.classList.add("review-item--leaving");
    select(next);
  });

  // A refusal is shown in the notice and the queue stays: the item that left comes back.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var failed = event.detail && event.detail.xhr && event.detail.xhr.status >= 400;
    if (!failed) return;
    var leaving = document.querySelector("#review-queue .review-item--leaving");
    if (leaving) {
      leaving.classList.remove("review-item--leaving");
      select(leaving);
    }
  });

  document.body.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id === "review-queue") select(current());
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("review-queue")) select(current());
  });
})();
