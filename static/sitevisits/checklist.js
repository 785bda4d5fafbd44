// Site checklist: say so in the item's row when it could not be sent (no signal, a timeout, too large,
// session expired). What the user entered stays on the page; 422 answers are swapped in by app.js.
(function () {
  "use strict";

  function show(form, text) {
    var box = form.querySelector(".obs-feedback");
    if (!box) {
      return;
    }
    box.textContent = "";
    var span = document.createElement("span");
    span.className = "text-danger fw-semibold";
    span.textContent = text;
    box.appendChild(span);
  }

  function formOf(event) {
    var elt = event.detail && event.detail.elt;
    return elt && elt.closest ? elt.closest(".obs-form") : null;
  }

  function offline(event) {
    var form = formOf(event);
    if (form) {
      show(form, form.dataset.offlineMessage);
    }
  }

  document.addEventListener("htmx:sendError", offline);
  document.addEventListener("htmx:timeout", offline);
  document.addEventListener("htmx:responseError", function (event) {
    var form = formOf(event);
    if (!form) {
      return;
    }
    var xhr = event.detail.xhr;
    show(form, xhr.status === 413 ? xhr.responseText : form.dataset.failedMessage);
  });
})();
