// anzen site search: finds sections whose text contains every word of the
// query. Japanese needs no word segmentation for this: a section matches
// when it contains the query's characters in order (a substring), which
// is what a reader expects of 「バックアップ」 or 「ランサムウェア」. The
// index (search-index.js) is a script, so it loads from file:// too.
(function () {
  "use strict";
  var index = window.anzenSearch || [];
  function norm(s) { return (s || "").normalize("NFKC").toLowerCase(); }
  var docs = index.map(function (e) { return { e: e, text: norm(e.d + " " + e.s + " " + e.t), title: norm(e.d + " " + e.s) }; });

  function search(q) {
    var words = norm(q).split(/\s+/).filter(Boolean);
    if (!words.length) { return []; }
    var hits = [];
    docs.forEach(function (d) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var n = d.text.split(words[i]).length - 1;
        if (!n) { return; }
        score += n + (d.title.indexOf(words[i]) >= 0 ? 100 : 0);
      }
      hits.push({ d: d, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.slice(0, 50);
  }

  // snippet shows the text as written around the first match; when only
  // the normalised text matches (全角/半角 differences), the normalised one.
  function snippet(text, word) {
    var t = text, i = t.toLowerCase().indexOf(word);
    if (i < 0) { t = text.normalize("NFKC"); i = t.toLowerCase().indexOf(word); }
    if (i < 0) { return t.slice(0, 120); }
    var start = Math.max(0, i - 40);
    return (start > 0 ? "…" : "") + t.slice(start, i + word.length + 80) + "…";
  }

  function render(form, list, status) {
    var q = form.q.value;
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var hits = search(q);
    status.textContent = q ? hits.length + " " + (status.getAttribute("data-unit") || "") : "";
    var first = norm(q).split(/\s+/).filter(Boolean)[0] || "";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.d.e.u;
      a.textContent = h.d.e.d + " — " + h.d.e.s;
      var p = document.createElement("p");
      p.textContent = snippet(h.d.e.t, first);
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  var form = document.getElementById("search-form");
  if (!form) { return; }
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var q = new URLSearchParams(location.search).get("q");
  if (q) { form.q.value = q; }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); render(form, list, status); });
  form.q.addEventListener("input", function () { render(form, list, status); });
  render(form, list, status);
})();
