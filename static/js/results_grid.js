// The results grid as a spreadsheet: arrow keys move between cells, a block pasted into
// a cell is sent for a preview, saves are announced. Without it the grid is plain forms.
(function () {
  "use strict";

  function grid() { return document.querySelector(".results-grid"); }

  function cellOf(element) {
    return element && element.closest ? element.closest("td.result-cell") : null;
  }

  // The cell across or down from this one; rows with a rowspan header still line up,
  // since every row has the same cells after its headers.
  function neighbour(cell, across, down) {
    const row = cell.parentElement;
    const cells = Array.from(row.querySelectorAll("td.result-cell"));
    const column = cells.indexOf(cell);
    if (down === 0) return cells[column + across] || null;
    const rows = Array.from(grid().querySelectorAll("tbody tr"));
    const next = rows[rows.indexOf(row) + down];
    return next ? next.querySelectorAll("td.result-cell")[column] || null : null;
  }

  function focusCell(cell) {
    const control = cell && (cell.querySelector("input[name='value']") || cell.querySelector("a"));
    if (control) control.focus();
  }

  const MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  document.addEventListener("keydown", function (event) {
    const cell = cellOf(event.target);
    const move = MOVES[event.key];
    if (!cell || !move || event.altKey || event.ctrlKey || event.metaKey) return;
    // In an open cell, left and right edit the text; up and down leave the cell, as in a
    // spreadsheet, rather than nudging the number.
    if (event.target.matches("textarea") || (event.target.matches("input") && move[0] !== 0)) return;
    const target = neighbour(cell, move[0], move[1]);
    if (!target) return;
    event.preventDefault();
    focusCell(target);
  });

  function announce(text) {
    const region = document.getElementById("grid-announce");
    if (!region) return;
    region.textContent = "";
    // A fresh text, so that the same words said twice are announced twice.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  document.addEventListener("paste", function (event) {
    const cell = cellOf(event.target);
    const form = document.getElementById("paste-form");
    if (!cell || !form || !event.clipboardData) return;
    const text = event.clipboardData.getData("text/plain");
    const block = /[\t\n]/.test(text.replace(/\r?\n$/, ""));
    // One value pasted into an open cell is just typing.
    if (!block && event.target.matches("input, textarea")) return;
    event.preventDefault();
    form.elements.start.value = cell.dataset.row;
    form.elements.year.value = cell.dataset.year;
    form.elements.block.value = text;
    form.requestSubmit();
  });

  // A saved cell or a preview says what happened (data-announce); the live region reads it.
  document.addEventListener("htmx:afterSettle", function () {
    const said = document.querySelector("[data-announce]");
    if (!said) return;
    announce(said.dataset.announce);
    said.removeAttribute("data-announce");
  });
})();
