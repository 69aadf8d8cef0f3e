// The 印刷 button: print this page (the print style sheet lays it out
// on A4). A script file, not an inline handler, so the page's policy can
// forbid inline scripts.
(function () {
  "use strict";
  var b = document.getElementById("print-page");
  if (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  }
})();
