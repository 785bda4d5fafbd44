// Keeps the page accessible after htmx swaps: announce errors returned as 422 and swap them in.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
