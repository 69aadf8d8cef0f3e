// Sorts the portfolio table by the column whose heading is clicked; a
// second click reverses the order. Cells sort by their data-sort value
// when they have one, else by their text.
(function () {
  "use strict";
  var table = document.getElementById("portfolio");
  if (!table) { return; }
  var heads = table.querySelectorAll("thead th[data-type]");
  var body = table.tBodies[0];
  function value(row, i, type) {
    var cell = row.children[i];
    var v = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (type === "num") { var n = parseFloat(v); return isNaN(n) ? -1 : n; }
    return v;
  }
  Array.prototype.forEach.call(heads, function (th) {
    var button = th.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var i = Array.prototype.indexOf.call(th.parentNode.children, th);
      var type = th.getAttribute("data-type");
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a, i, type), y = value(b, i, type);
        if (x < y) { return -dir; }
        if (x > y) { return dir; }
        return 0;
      });
      rows.forEach(function (r) { body.appendChild(r); });
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    });
  });
})();
