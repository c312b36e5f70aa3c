// The plan page: one set of controls under the item in hand, focus after in-place
// edits, Escape to cancel, collapsing items, a jump menu of the plan's top items, a
// reading view, and drag-and-drop reordering. htmx does the requests. All of it is an
// enhancement: without JavaScript each item's link opens its own page and its controls.
(function () {
  "use strict";

  const plan = document.querySelector("article.plan[data-base]");
  if (!plan) return;
  const base = plan.dataset.base;
  const adds = plan.dataset.adds ? JSON.parse(plan.dataset.adds) : null;
  const template = document.getElementById("item-controls");
  let controls = null; // the one set of controls, moved to the item in hand
  let own = null; // the item in hand: its .item-own block

  // "strategy-44-own" -> {kind: "strategy", pk: "44"}
  function itemOf(block) {
    const found = /^(.+)-(\d+)-own$/.exec(block.id);
    return found ? { kind: found[1], pk: found[2] } : null;
  }

  function labelOf(block) {
    const link = block.querySelector(".item-link");
    return link ? link.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // "item-list-objective-19" -> {list: "item", kind: "objective", pk: "19"}
  function listOf(block) {
    const found = /^(.+)-list-(.+)-(\d+)$/.exec(block.id);
    return found ? { list: found[1], kind: found[2], pk: found[3] } : null;
  }

  function url(item, action) {
    return base + item.kind + "/" + item.pk + "/" + action + "/";
  }

  // What may be added under an item: the plan's levels, or what its section calls them.
  function addsUnder(block, item) {
    const section = block.closest("section.plan-section");
    return (adds[item.kind] || []).map(function (pair) {
      if (pair[1] || !section) return pair;
      const word = pair[0] === "guardrail" ? section.dataset.itemWord : section.dataset.measureWord;
      return [pair[0], word];
    });
  }

  function make() {
    controls = template.content.firstElementChild.cloneNode(true);
    controls.addEventListener("click", act);
    return controls;
  }

  // Put the controls beside an item (after its heading), named and addressed for it.
  function place(block) {
    if (!template || !adds || plan.classList.contains("reading")) return null;
    if (block.closest("[data-narrowed]")) return null; // a filtered plan is for reading
    const item = itemOf(block);
    if (!item) return null;
    if (own === block && controls && controls.parentElement === block) return controls;
    own = block;
    const set = controls || make();
    const label = labelOf(block);
    const row = block.parentElement;
    set.setAttribute("aria-label", label);
    set.querySelectorAll("[data-label]").forEach(function (span) { span.textContent = " " + label; });
    set.querySelector("[data-do=history]").href = url(item, "history");
    const list = block.closest(".list-block");
    // An adopted plan: its commitments change by proposals, which are plain links.
    const propose = set.dataset.propose;
    set.querySelectorAll("[data-do=add]").forEach(function (old) { old.remove(); });
    if (propose) {
      const update = set.querySelector("[data-do=update]");
      update.href = url(item, "edit");
      update.hidden = update.dataset.kinds.split(" ").indexOf(item.kind) < 0;
      set.querySelector("[data-do=propose]").href = propose + "change/" + item.kind + "/" + item.pk + "/";
      set.querySelector("[data-do=propose-retire]").href = propose + "retire/" + item.kind + "/" + item.pk + "/";
      const up = set.querySelector("[data-do=propose-up]");
      const down = set.querySelector("[data-do=propose-down]");
      up.href = propose + "move_up/" + item.kind + "/" + item.pk + "/";
      down.href = propose + "move_down/" + item.kind + "/" + item.pk + "/";
      up.hidden = !row.previousElementSibling;
      down.hidden = !row.nextElementSibling;
      const correct = set.querySelector("[data-do=correct]");
      if (correct) correct.href = url(item, "correct");
    } else {
      set.querySelector("[data-do=edit]").href = url(item, "edit");
      set.querySelector("[data-do=delete]").href = url(item, "delete");
      set.querySelector("[data-do=up]").hidden = !row.previousElementSibling;
      set.querySelector("[data-do=down]").hidden = !row.nextElementSibling;
      const kind = list ? listOf(list) : null;
      set.querySelector(".drag-handle").className = "drag-handle drag-" + (kind ? kind.list : "none");
    }
    addsUnder(block, item).forEach(function (pair) {
      const add = document.createElement(propose ? "a" : "button");
      if (propose) {
        add.href = propose + "add/" + item.kind + "/" + item.pk + "/" + pair[0] + "/";
      } else {
        add.type = "button";
      }
      add.className = "small-button add";
      add.dataset.do = "add";
      add.dataset.kind = pair[0];
      add.append((propose ? "Propose adding " : "+ Add ") + pair[1].toLowerCase());
      const to = document.createElement("span");
      to.className = "visually-hidden";
      to.textContent = " to " + label;
      add.append(to);
      set.append(add);
    });
    block.firstElementChild.after(set);
    if (list && !propose) sortable(list);
    return set;
  }

  // Where the list of added items of a kind goes under an item, made if it is not there.
  function listFor(block, item, kind) {
    const listKind = kind === "measure" ? "measure" : kind === "guardrail" ? "guardrail" : "item";
    const id = listKind + "-list-" + item.kind + "-" + item.pk;
    let list = document.getElementById(id);
    if (!list) {
      let holder = block.parentElement;
      if (holder.matches("li.item")) {
        holder = holder.querySelector(":scope > .children");
        if (!holder) {
          holder = document.createElement("div");
          holder.className = "children";
          block.after(holder);
        }
      }
      list = document.createElement("div");
      list.className = listKind === "measure" ? "list-block measures" : "list-block";
      list.id = id;
      if (listKind === "measure") holder.prepend(list); else holder.append(list);
    }
    let slot = document.getElementById(id + "-add");
    if (!slot) {
      slot = document.createElement("div");
      slot.className = "add-slot";
      slot.id = id + "-add";
      list.append(slot);
    }
    return slot;
  }

  function act(event) {
    const button = event.target.closest("[data-do]");
    if (!button || !own) return;
    const item = itemOf(own);
    const what = button.dataset.do;
    // Plain links: history, and the proposals of an adopted plan.
    if (what === "history" || what === "correct" || what.startsWith("propose") || (what === "add" && button.href)) {
      return;
    }
    event.preventDefault();
    const list = own.closest(".list-block");
    if (what === "edit" || what === "update") {
      window.htmx.ajax("GET", url(item, "edit"), { source: button, target: own, swap: "outerHTML" });
    } else if (what === "up" || what === "down") {
      window.htmx.ajax("POST", url(item, "move"), {
        source: button, target: list, swap: "outerHTML", values: { direction: what },
      });
    } else if (what === "delete") {
      const all = own.parentElement.matches("li.item, section.plan-section, li.guardrail");
      if (!window.confirm("Delete " + labelOf(own) + (all ? " and everything under it" : "") + "?")) return;
      window.htmx.ajax("POST", url(item, "delete"), { source: button, target: list, swap: "outerHTML" });
    } else if (what === "add") {
      const slot = listFor(own, item, button.dataset.kind);
      window.htmx.ajax("GET", base + item.kind + "/" + item.pk + "/" + button.dataset.kind + "/add/", {
        source: button, target: slot, swap: "outerHTML",
      });
    }
  }

  // The controls follow a click or tap on an item, and the keyboard: a Tab onto an
  // item's link puts them next in the order. (Not the mouse's hover: controls that
  // moved with it would push the page about under it.)
  if (template) document.body.classList.add("can-edit");
  plan.addEventListener("click", function (event) {
    const block = event.target.closest(".item-own");
    if (block && !event.target.closest("a, button, summary")) place(block);
  });
  plan.addEventListener("focusin", function (event) {
    if (event.target.matches(".item-link")) place(event.target.closest(".item-own"));
  });

  // After a swap, put keyboard focus where the person's work continues.
  document.addEventListener("htmx:afterSettle", function () {
    // A form just opened starts in its first field (its autofocus, which the browser
    // may not honour in content added later), unless the person is already in the form:
    // on a busy machine they may be typing in another field by the time it settles.
    const first = document.querySelector("form.edit-form [autofocus]:not([data-focused])");
    if (first) {
      first.dataset.focused = "";
      if (!first.form.contains(document.activeElement)) first.focus();
    }
    let marked = document.querySelector("[data-focus]");
    if (!marked) return;
    const want = marked.dataset.focus;
    marked.removeAttribute("data-focus");
    // A form just opened has put focus in its first field: leave it there.
    if (document.activeElement && document.activeElement.closest("form.edit-form")) return;
    // A list of kept pieces names the item in it to focus.
    if (marked.dataset.focusOn) marked = document.getElementById(marked.dataset.focusOn) || marked;
    if (want === "self") { marked.focus(); return; }
    const block = marked.matches(".item-own, .section-heading-row") ? marked : marked.querySelector(".item-own, .section-heading-row");
    const set = block && place(block);
    if (!set) { marked.focus(); return; }
    let target = set.querySelector("[data-do=edit]");
    if (want === "up" || want === "down") {
      const pressed = set.querySelector("[data-do=" + want + "]");
      const other = set.querySelector("[data-do=" + (want === "up" ? "down" : "up") + "]");
      target = !pressed.hidden ? pressed : !other.hidden ? other : target;
    }
    target.focus();
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

  // Drag and drop, by the handle in the controls; a list is made sortable when one of
  // its items is first in hand.
  function sortable(block) {
    const list = block.querySelector(":scope > ol, :scope > ul");
    const kind = listOf(block);
    if (!window.Sortable || !list || !kind || list.dataset.sortable) return;
    list.dataset.sortable = "on";
    window.Sortable.create(list, {
      handle: ".drag-" + kind.list,
      animation: 150,
      forceFallback: true, // mouse and touch events: the same on every browser
      onEnd: function (event) {
        if (event.oldIndex === event.newIndex) return;
        // The tree's lists name their items "goal-4"; the others by their ids alone.
        const ids = Array.from(list.children).map(function (row) {
          return kind.list === "item" ? row.id : row.id.slice(row.id.lastIndexOf("-") + 1);
        });
        window.htmx.ajax("POST", base + kind.kind + "/" + kind.pk + "/" + kind.list + "/reorder/", {
          source: block, target: block, swap: "outerHTML", values: { ids: ids },
        });
      },
    });
  }

  // Each item with something under it can be folded away.
  function toggles(root) {
    root.querySelectorAll("li.item > .children").forEach(function (under) {
      const heading = under.parentElement.querySelector(":scope > .item-own > .item-heading");
      if (!heading || heading.querySelector(".toggle")) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "toggle";
      button.setAttribute("aria-expanded", "true");
      button.setAttribute("aria-controls", under.id);
      const name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = "Show or hide what is under " + labelOf(heading.parentElement);
      button.append(name);
      button.addEventListener("click", function () {
        const open = button.getAttribute("aria-expanded") === "true";
        button.setAttribute("aria-expanded", String(!open));
        under.hidden = open;
      });
      heading.prepend(button);
    });
  }

  // A menu of the items that hang on the plan itself, above them.
  function jumpMenu() {
    const goals = document.getElementById("goals");
    const tops = goals ? goals.querySelectorAll("#plan-found > .list-block > ol > li.item") : [];
    const old = goals && goals.querySelector(".jump-menu");
    if (old) old.remove();
    if (tops.length < 2) return;
    const nav = document.createElement("nav");
    nav.className = "jump-menu";
    nav.setAttribute("aria-label", "Jump to");
    const list = document.createElement("ul");
    tops.forEach(function (top) {
      const link = document.createElement("a");
      link.href = "#" + top.id;
      const heading = top.querySelector(".item-heading");
      link.textContent = labelOf(top.querySelector(".item-own")) + ": " +
        (heading.querySelector(".item-title") || heading).textContent.trim();
      const row = document.createElement("li");
      row.append(link);
      list.append(row);
    });
    nav.append(list);
    goals.querySelector("h2").after(nav);
  }

  // Editors may read the plan without controls.
  function readingView() {
    if (!template) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "small-button reading-toggle";
    button.textContent = "Reading view";
    function show(reading) {
      plan.classList.toggle("reading", reading);
      button.setAttribute("aria-pressed", String(reading));
      if (reading && controls) controls.remove();
      try { window.localStorage.setItem("plan-reading", reading ? "1" : ""); } catch (e) { /* private mode */ }
    }
    button.addEventListener("click", function () { show(!plan.classList.contains("reading")); });
    let stored = "";
    try { stored = window.localStorage.getItem("plan-reading"); } catch (e) { /* private mode */ }
    show(stored === "1");
    plan.prepend(button);
  }

  // The filter works in place: htmx swaps the found items (the server pushes their
  // address). Nothing of the plan is kept in the browser's history (hx-history="false"),
  // so Back asks the server again for what the address names.
  const finder = document.querySelector("form.plan-find");
  function fillFinder() {
    const asked = new URLSearchParams(window.location.search);
    Array.from(finder.elements).forEach(function (field) {
      if (field.name) field.value = asked.get(field.name) || "";
    });
  }
  document.addEventListener("htmx:historyCacheMiss", function (event) {
    if (!finder || !document.getElementById("plan-found")) return;
    event.preventDefault();
    window.htmx.ajax("GET", event.detail.path, {
      target: "#plan-found", swap: "outerHTML", headers: { "HX-History-Restore-Request": "true" },
    });
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!finder || event.target.id !== "plan-found") return;
    fillFinder();
    jumpMenu();
    // "Clear the filter" went with the count it was in: continue from the form.
    if (document.activeElement === document.body || !document.activeElement) {
      finder.querySelector("input").focus();
    }
  });

  document.addEventListener("htmx:load", function (event) { toggles(event.detail.elt); });
  toggles(plan);
  jumpMenu();
  readingView();
})();
