// A step that cannot be undone asks first. Its link opens a page that asks (and works
// without JavaScript); here that page's question is shown in a modal dialog instead, so
// the person stays where they were. Escape or Cancel closes it and focus goes back to
// the link.
(function () {
  "use strict";

  function ask(link, html) {
    const question = new DOMParser().parseFromString(html, "text/html").querySelector(".confirm");
    if (!question || !question.querySelector(".confirm-cancel")) {
      window.location.assign(link.href);
      return;
    }
    const dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-heading");
    if (question.querySelector("#confirm-warning")) {
      dialog.setAttribute("aria-describedby", "confirm-warning");
    }
    dialog.append(document.importNode(question, true));
    dialog.querySelector(".confirm-cancel").addEventListener("click", function (event) {
      event.preventDefault();
      dialog.close();
    });
    dialog.addEventListener("close", function () {
      dialog.remove();
      link.focus();
    });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector("button[type=submit]").focus();
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("a[data-confirm]");
    if (!link || typeof HTMLDialogElement === "undefined") return;
    event.preventDefault();
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.statusText);
        return response.text();
      })
      .then(function (html) { ask(link, html); })
      .catch(function () { window.location.assign(link.href); });
  });
})();
