// The pictures of an entity's page and a period's network. A chart wider than the screen (a
// phone's) opens scrolled to its latest months. In a network of who appears with whom, pointing
// at or focusing a name lights it, the lines it is on and the names at their other ends, and says
// its figures in the line under the picture (read out politely). The pictures work without this
// file: each bar and name is a link with its figures in a title, and the year selector is plain
// links that htmx swaps.
(function () {
  "use strict";

  // A row of years scrolling sideways (a phone's) shows the year drawn.
  function yearInView() {
    document.querySelectorAll(".year-selector").forEach(function (row) {
      var current = row.querySelector("[aria-current]");
      if (current && row.scrollWidth > row.clientWidth) {
        row.scrollLeft = current.offsetLeft - row.offsetLeft - row.clientWidth / 2;
      }
    });
  }

  function latestInView() {
    document.querySelectorAll(".picture__scroll").forEach(function (box) {
      box.scrollLeft = box.scrollWidth;
    });
    yearInView();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", latestInView);
  } else {
    latestInView();
  }

  function clear(network) {
    network.classList.remove("network--focused");
    network.querySelectorAll(".is-lit").forEach(function (element) {
      element.classList.remove("is-lit");
    });
  }

  function light(node) {
    var network = node.closest("[data-network]");
    if (!network) return;
    clear(network);
    var id = node.getAttribute("data-node");
    var lit = {};
    lit[id] = true;
    network.querySelectorAll(".network__edge").forEach(function (edge) {
      var one = edge.getAttribute("data-one");
      var other = edge.getAttribute("data-other");
      if (one === id || other === id) {
        edge.classList.add("is-lit");
        lit[one] = true;
        lit[other] = true;
      }
    });
    network.querySelectorAll("[data-node]").forEach(function (each) {
      if (lit[each.getAttribute("data-node")]) each.classList.add("is-lit");
    });
    network.classList.add("network--focused");
    var status = network.querySelector("[data-network-status]");
    if (status) status.textContent = node.getAttribute("data-description");
  }

  function nodeOf(event) {
    var target = event.target;
    return target && target.closest ? target.closest("[data-network] [data-node]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var node = nodeOf(event);
    if (node) light(node);
  });
  document.addEventListener("focusin", function (event) {
    var node = nodeOf(event);
    if (node) light(node);
  });
  function leave(event) {
    var node = nodeOf(event);
    if (!node) return;
    var next = event.relatedTarget;
    if (next && next.closest && next.closest("[data-node]") === node) return;
    clear(node.closest("[data-network]"));
  }
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusout", leave);

  // The year selector's picture is swapped whole: keep keyboard focus on the year chosen.
  var choosingYear = false;
  document.addEventListener("htmx:beforeRequest", function () {
    var active = document.activeElement;
    choosingYear = !!(active && active.closest && active.closest(".year-selector"));
  });
  document.addEventListener("htmx:afterSettle", function () {
    yearInView();
    if (!choosingYear) return;
    choosingYear = false;
    var current = document.querySelector("#entity-network .year-selector [aria-current]");
    if (current) current.focus();
  });
})();
