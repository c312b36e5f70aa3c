// In-place editing on the pages other than the plan page (results, reviews, the making
// of a plan): focus after a swap, Escape to cancel, collapsing, drag-and-drop reordering.
// htmx does the requests; everything here is an enhancement.
(function () {
  "use strict";

  // After a swap, put keyboard focus where the person's work continues.
  document.addEventListener("htmx:afterSettle", function () {
    const marked = document.querySelector("[data-focus]");
    if (!marked) return;
    const want = marked.dataset.focus;
    marked.removeAttribute("data-focus");
    // An item's own controls, not those of the items under it.
    const own = marked.matches(".item-own") ? marked : marked.querySelector(":scope > .item-own");
    const controls = own ? own.querySelector(".controls") : null;
    let target = marked;
    if (controls && (want === "up" || want === "down")) {
      // At the top or bottom the button that was pressed is gone: keep to the other one.
      target = controls.querySelector("button[value='" + want + "']") ||
        controls.querySelector("button[name='direction']") || controls.querySelector("a");
    } else if (controls && want === "edit") {
      target = controls.querySelector("a");
    }
    if (target) target.focus();
  });

  // Escape in an open form is Cancel.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest) return;
    const form = event.target.closest("form.edit-form");
    const cancel = form && form.querySelector("[data-cancel]");
    if (cancel) {
      event.preventDefault();
      cancel.click();
    }
  });

  function enhance(root) {
    root.querySelectorAll("button.toggle[hidden]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        const open = button.getAttribute("aria-expanded") === "true";
        button.setAttribute("aria-expanded", String(!open));
        document.getElementById(button.getAttribute("aria-controls")).hidden = open;
      });
    });
    if (!window.Sortable) return;
    root.querySelectorAll("[data-reorder-url]").forEach(function (block) {
      const list = block.querySelector(":scope > ol, :scope > ul");
      if (!list || list.dataset.sortable) return;
      const kind = block.id.split("-list-")[0];
      list.dataset.sortable = "on";
      window.Sortable.create(list, {
        handle: ".drag-" + kind,
        animation: 150,
        forceFallback: true,  // mouse and touch events: the same on every browser
        onEnd: function (event) {
          if (event.oldIndex === event.newIndex) return;
          const ids = Array.from(list.children).map(function (item) { return item.dataset.id; });
          window.htmx.ajax("POST", block.dataset.reorderUrl, {
            source: block, target: "#" + block.id, swap: "outerHTML", values: { ids: ids },
          });
        },
      });
    });
  }

  document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt); });
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
})();
