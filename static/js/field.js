// Field pages (check-in screens): progressive enhancement only; every page works without it.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    // "Full screen" on the projector screen, where the browser allows it.
    var root = document.documentElement;
    if (!root.requestFullscreen) { return; }
    document.querySelectorAll("[data-fullscreen]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        if (document.fullscreenElement) { document.exitFullscreen(); } else { root.requestFullscreen(); }
      });
    });
  });
})();
