// The debrief polls for new records every few seconds. Polling pauses once nobody has used the page
// for a while (data-pause-after, in seconds), so that an unattended tablet's session can still time
// out; the next touch, key or scroll resumes it at once. A poll answered by the sign-in page (the
// session ended) loads that page instead of swapping it into the tables.
(function () {
  "use strict";
  var lastUse = Date.now();
  var paused = false;

  function live() { return document.getElementById("debrief-live"); }

  function setPaused(value) {
    var el = live();
    paused = value;
    if (!el) { return; }
    el.classList.toggle("is-paused", value);
    var badge = el.querySelector(".debrief-paused");
    if (badge) { badge.classList.toggle("d-none", !value); }
  }

  function used() {
    lastUse = Date.now();
    if (paused) {
      setPaused(false);
      var el = live();
      if (el && window.htmx) { window.htmx.trigger(el, "debrief-resume"); }
    }
  }

  ["pointerdown", "keydown", "scroll", "wheel", "touchstart"].forEach(function (name) {
    window.addEventListener(name, used, { passive: true });
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var el = live();
    if (!el || event.detail.elt !== el) { return; }
    var limit = parseInt(el.dataset.pauseAfter || "600", 10) * 1000;
    if (Date.now() - lastUse > limit) {
      event.preventDefault();
      setPaused(true);
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var el = live();
    if (!el || event.detail.elt !== el) { return; }
    var url = event.detail.xhr.responseURL || "";
    if (url.indexOf("/accounts/login/") !== -1) {
      event.detail.shouldSwap = false;
      window.location.assign(url);
    }
  });

  document.addEventListener("htmx:afterSwap", function () {
    if (paused) { setPaused(true); }
  });
})();
