/* Share buttons without third-party scripts: the phone's share sheet (Zalo, Messenger...)
   when the browser has one, otherwise the link is copied; and the print button. */
(function () {
  "use strict";
  /* Material's search dialog has no accessible name; screen readers announce it by this. */
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Tìm kiếm");

  function say(button, text) {
    var status = button.parentNode.querySelector(".sb-share__status");
    if (status) status.textContent = text;
  }
  function copy(button) {
    var url = button.getAttribute("data-url");
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () { say(button, "Đã sao chép liên kết."); },
        function () { say(button, url); }
      );
    } else {
      say(button, url);
    }
  }
  /* Text size: A−, A, A+ scale the text of the page (not the header or menus), and the
     choice is kept for the next pages (main.html applies it before the page is drawn). */
  var SCALES = [0.9, 1, 1.15, 1.3, 1.5];
  var NORMAL = 1;
  function step() {
    var scale = parseFloat(document.documentElement.style.getPropertyValue("--sb-text-scale"));
    var found = SCALES.indexOf(scale);
    return found < 0 ? NORMAL : found;
  }
  function setStep(index) {
    var scale = SCALES[Math.max(0, Math.min(SCALES.length - 1, index))];
    document.documentElement.style.setProperty("--sb-text-scale", String(scale));
    try { localStorage.setItem("sb-text-scale", String(scale)); } catch (e) { /* private mode */ }
  }
  document.querySelectorAll(".sb-text-size").forEach(function (group) { group.hidden = false; });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-sb-text]");
    if (!button) return;
    var change = parseInt(button.getAttribute("data-sb-text"), 10);
    setStep(change === 0 ? NORMAL : step() + change);
  });

  /* Keyboard shortcuts, as the site map page lists them: h home, m site map (Material's own
     /, s and f open search). Not while typing, nor with a modifier key held. */
  var script = document.currentScript;
  var targets = script ? { h: script.getAttribute("data-home"), m: script.getAttribute("data-site-map") } : {};
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    var field = event.target;
    if (field.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(field.tagName)) return;
    var target = targets[event.key];
    if (target) window.location.href = new URL(target, window.location.href).href;
  });

  /* "In bài": the browser's own print dialog, with the print styles of site-builder.css. */
  document.querySelectorAll("[data-sb-print]").forEach(function (button) {
    button.hidden = false;
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-sb-print]")) {
      window.print();
      return;
    }
    var button = event.target.closest("[data-sb-share], [data-sb-copy]");
    if (!button) return;
    if (button.hasAttribute("data-sb-share") && navigator.share) {
      navigator.share({ title: button.getAttribute("data-title"), url: button.getAttribute("data-url") })
        .catch(function () { /* the reader closed the share sheet */ });
    } else {
      copy(button);
    }
  });
})();
