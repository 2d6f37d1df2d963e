// Each generated number in the prose, and each claim's verdict badge, is a link to its entry in the appendix "Where every number
// comes from". Where the browser has native popovers, the link becomes a button that opens the
// number's provenance panel (rendered at the end of the page) beside it: click, Enter or Space
// open it; Escape or a click outside close it, and focus returns to the number. Without
// JavaScript, or without popover support, the number stays a plain link to the appendix.
(function () {
  "use strict";
  if (!Object.prototype.hasOwnProperty.call(HTMLElement.prototype, "popover")) return;

  function place(button, panel) {
    var box = button.getBoundingClientRect();
    var width = Math.min(480, window.innerWidth - 16);
    panel.style.width = width + "px";
    panel.style.left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8)) + "px";
    var below = window.innerHeight - box.bottom - 14;
    var above = box.top - 14;
    var height = panel.offsetHeight;
    if (height <= below || below >= above) {
      panel.style.top = box.bottom + 6 + "px";
      panel.style.maxHeight = below + "px";
    } else {
      panel.style.top = Math.max(8, box.top - 6 - Math.min(height, above)) + "px";
      panel.style.maxHeight = above + "px";
    }
  }

  function upgrade(link) {
    var panel = document.getElementById(link.dataset.panel);
    if (!panel) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    if (link.id) button.id = link.id;
    while (link.firstChild) button.appendChild(link.firstChild);
    button.setAttribute("popovertarget", panel.id);
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", panel.id);
    button.setAttribute("aria-label", link.getAttribute("aria-label") || link.textContent);
    button.dataset.href = link.getAttribute("href");
    link.replaceWith(button);
    // Escape closes the panel wherever focus is in it (the theme's own key handlers may swallow
    // the browser's close request), and focus goes back to the number.
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && panel.matches(":popover-open")) {
        event.preventDefault();
        event.stopPropagation();
        panel.hidePopover();
        button.focus();
      }
    });
    panel.addEventListener("toggle", function (event) {
      var open = event.newState === "open";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        place(button, panel);
        panel.focus();
      } else if (panel.contains(document.activeElement) || document.activeElement === document.body) {
        button.focus();
      }
    });
  }

  function start() {
    document.querySelectorAll("a.bb-number[data-panel], a.bb-claim[data-panel]").forEach(upgrade);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
