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
