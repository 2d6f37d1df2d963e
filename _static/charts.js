// A chart drawn from data is inline SVG whose marks are links to their sources (each with a name:
// what it shows, its source and the source's rating). The chart is one Tab stop: the arrow keys
// (and Home, End) move between its marks in drawing order, Enter or Space open the mark's panel,
// Escape closes it and focus returns to the mark. Without JavaScript, or without popover support,
// a mark stays a link to the list of sources under the chart.
(function () {
  "use strict";
  if (!Object.prototype.hasOwnProperty.call(HTMLElement.prototype, "popover")) return;

  function place(mark, panel) {
    var box = mark.getBoundingClientRect();
    var width = Math.min(480, window.innerWidth - 16);
    panel.style.width = width + "px";
    panel.style.left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8)) + "px";
    var below = window.innerHeight - box.bottom - 14;
    var above = box.top - 14;
    if (panel.offsetHeight <= below || below >= above) {
      panel.style.top = box.bottom + 6 + "px";
      panel.style.maxHeight = below + "px";
    } else {
      panel.style.top = Math.max(8, box.top - 6 - Math.min(panel.offsetHeight, above)) + "px";
      panel.style.maxHeight = above + "px";
    }
  }

  function chart(svg) {
    var marks = Array.prototype.slice.call(svg.querySelectorAll("a.bb-mark[data-panel]"));
    marks.forEach(function (mark, index) {
      var panel = document.getElementById(mark.dataset.panel);
      if (!panel) return;
      mark.setAttribute("role", "button");
      mark.setAttribute("aria-haspopup", "dialog");
      mark.setAttribute("aria-expanded", "false");
      mark.setAttribute("aria-controls", panel.id);
      function open() {
        panel.showPopover();
      }
      mark.addEventListener("click", function (event) {
        event.preventDefault();
        open();
      });
      mark.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight" || event.key === "ArrowDown") next = Math.min(index + 1, marks.length - 1);
        else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = Math.max(index - 1, 0);
        else if (event.key === "Home") next = 0;
        else if (event.key === "End") next = marks.length - 1;
        else if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open();
          return;
        }
        if (next === null) return;
        event.preventDefault();
        mark.setAttribute("tabindex", "-1");
        marks[next].setAttribute("tabindex", "0");
        marks[next].focus();
      });
      panel.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && panel.matches(":popover-open")) {
          event.preventDefault();
          event.stopPropagation();
          panel.hidePopover();
          mark.focus();
        }
      });
      panel.addEventListener("toggle", function (event) {
        var opened = event.newState === "open";
        mark.setAttribute("aria-expanded", opened ? "true" : "false");
        if (opened) {
          place(mark, panel);
          panel.focus();
        } else if (panel.contains(document.activeElement) || document.activeElement === document.body) {
          mark.focus();
        }
      });
    });
  }

  function start() {
    document.querySelectorAll("svg.bb-chart").forEach(chart);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
