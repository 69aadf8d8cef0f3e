// anzen site: the document list, heading links, wide tables and search.
// One script file, no inline code, so the page's policy can forbid inline
// scripts; it works from file:// (the search index is a script too).
(function () {
  "use strict";
  var lang = document.documentElement.lang;
  var ja = lang === "ja";

  // The document list is a sidebar on a wide screen: open it there, and
  // leave it closed (a drawer under the header) on a phone.
  var nav = document.getElementById("docnav");
  if (nav && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 64rem)");
    var place = function () { nav.open = wide.matches; };
    place();
    if (wide.addEventListener) { wide.addEventListener("change", place); }
  }

  // On the English pages, the Japanese the profile keeps (names, places,
  // untranslated notes) is marked lang="ja", so that a screen reader reads
  // it in Japanese rather than spelling it out.
  if (lang === "en") {
    var cjk = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff9f]+(?:[\s\u30fb·]*[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff9f]+)*/g;
    var texts = [];
    var walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (var n = walk.nextNode(); n; n = walk.nextNode()) {
      if (cjk.test(n.data) && !n.parentElement.closest("[lang=ja], script, svg, title")) { texts.push(n); }
      cjk.lastIndex = 0;
    }
    texts.forEach(function (n) {
      var s = n.data, at = 0, f = document.createDocumentFragment(), m;
      while ((m = cjk.exec(s))) {
        f.appendChild(document.createTextNode(s.slice(at, m.index)));
        var span = document.createElement("span");
        span.lang = "ja";
        span.textContent = m[0];
        f.appendChild(span);
        at = m.index + m[0].length;
      }
      f.appendChild(document.createTextNode(s.slice(at)));
      n.parentNode.replaceChild(f, n);
    });
  }

  // A link on every heading of a document, to copy or share.
  Array.prototype.forEach.call(document.querySelectorAll("article.doc h2[id], article.doc h3[id]"), function (h) {
    var a = document.createElement("a");
    a.className = "hlink";
    a.href = "#" + h.id;
    a.textContent = "#";
    a.setAttribute("aria-label", ja ? "この見出しへのリンク" : "Link to this heading");
    h.appendChild(a);
  });

  // A table wider than the page scrolls sideways inside itself: it takes
  // the keyboard focus (arrow keys scroll it) and shows a shadow on the
  // side that has more.
  var tables = Array.prototype.slice.call(document.querySelectorAll("main table"));
  function fit() {
    tables.forEach(function (t) {
      var wide = t.scrollWidth > t.clientWidth + 1;
      t.classList.toggle("scrolls", wide);
      // Not a labelled region: a page has many such tables, and
      // landmarks with the same name would be one more thing to skip.
      if (wide) {
        t.setAttribute("tabindex", "0");
      } else {
        t.removeAttribute("tabindex");
      }
      t.classList.toggle("more-right", wide && t.scrollLeft + t.clientWidth < t.scrollWidth - 1);
      t.classList.toggle("more-left", wide && t.scrollLeft > 0);
    });
  }
  tables.forEach(function (t) { t.addEventListener("scroll", fit, { passive: true }); });
  fit();
  window.addEventListener("resize", fit);

  // Search. A section matches when its text contains every word of the
  // query. Japanese needs no word segmentation for this: a substring is
  // what a reader expects of 「バックアップ」 or 「ランサムウェア」. Text
  // and query are folded alike: NFKC (全角/半角), lower case, katakana as
  // hiragana, every dash as a hyphen.
  function foldChar(s) {
    var c0 = s.charCodeAt(0);
    // Kana and kanji are their own NFKC form: skip the costly call.
    if (s.length > 1 || !(c0 >= 0x3041 && c0 <= 0x30f6 || c0 >= 0x4e00 && c0 <= 0x9fff)) {
      s = s.normalize("NFKC").toLowerCase();
    }
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0x30a1 && c <= 0x30f6) { c -= 0x60; }
      else if (c >= 0x2010 && c <= 0x2015 || c === 0x2212) { c = 0x2d; }
      out += String.fromCharCode(c);
    }
    return out;
  }
  // fold returns the folded text and, for each of its characters, the
  // index of the character of s it came from (to highlight s itself).
  function fold(s) {
    var t = "", at = [];
    for (var i = 0; i < s.length; i++) {
      var n = 1, c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) { n = 2; }
      var next = s.charCodeAt(i + n);
      if (next === 0xff9e || next === 0xff9f) { n++; } // ﾊﾟ is one letter
      var f = foldChar(s.substr(i, n));
      for (var k = 0; k < f.length; k++) { at.push(i); }
      t += f;
      i += n - 1;
    }
    at.push(s.length);
    return { t: t, at: at };
  }
  function words(q) { return fold(q).t.split(/\s+/).filter(Boolean); }

  // Okurigana vary: 持ち出し and 持出し, 取り扱い and 取扱い are the
  // same word. okuri drops a kana written between two kanji, unless it is
  // a particle (の, を, に …), from folded text; at maps each character
  // to its index in the folded text. A word is found as typed, or else
  // with both sides without okurigana (so that 持ち still finds 持ちます).
  function isKanji(c) { return c >= 0x4e00 && c <= 0x9fff || c === 0x3005; }
  var particles = "のをにはがとでへもやか";
  function okuri(t) {
    var o = "", at = [];
    for (var i = 0; i < t.length; i++) {
      var c = t.charCodeAt(i);
      if (c >= 0x3041 && c <= 0x3096 && particles.indexOf(t[i]) < 0 &&
          i > 0 && isKanji(t.charCodeAt(i - 1)) && isKanji(t.charCodeAt(i + 1))) { continue; }
      o += t[i];
      at.push(i);
    }
    at.push(t.length);
    return { t: o, at: at };
  }

  var docs = null;
  function load() {
    if (!docs && window.anzenSearch) {
      docs = window.anzenSearch.map(function (e) {
        var text = fold(e.t), title = fold(e.d + " " + e.s).t;
        return { e: e, text: text, okuri: okuri(text.t), title: title, okuriTitle: okuri(title).t, section: fold(e.s) };
      });
    }
    return docs;
  }

  function count(s, w) { return w ? s.split(w).length - 1 : 0; }

  // variants are the forms a word is found in: as typed, and a date typed
  // as 2026-04-01 also as the documents write it, 2026年4月1日 and
  // 1 April 2026 (folded to lower case).
  var months = ["january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"];
  function variants(w) {
    var v = [w], m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(w);
    if (m && +m[2] >= 1 && +m[2] <= 12) {
      v.push(+m[1] + "年" + +m[2] + "月" + +m[3] + "日", +m[3] + " " + months[+m[2] - 1] + " " + +m[1]);
    }
    return v;
  }

  function search(q, limit) {
    var ws = words(q);
    if (!ws.length || !load()) { return []; }
    var hits = [];
    docs.forEach(function (d) {
      var score = 0;
      for (var i = 0; i < ws.length; i++) {
        var alts = variants(ws[i]), ow = okuri(ws[i]).t, n = 0, inTitle = false;
        alts.forEach(function (a) { n += count(d.text.t, a); inTitle = inTitle || d.title.indexOf(a) >= 0; });
        n = n || count(d.okuri.t, ow);
        inTitle = inTitle || d.okuriTitle.indexOf(ow) >= 0;
        if (!n && !inTitle) { return; }
        score += n + (inTitle ? 100 : 0);
      }
      hits.push({ d: d, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.slice(0, limit);
  }

  // matches lists the [start, end) ranges of folded text f.t where the
  // words occur, as typed or without okurigana.
  function matches(f, ws) {
    var ranges = [], o = null;
    ws.forEach(function (w) {
      var found = false;
      variants(w).forEach(function (a) {
        for (var i = f.t.indexOf(a); i >= 0; i = f.t.indexOf(a, i + a.length)) {
          ranges.push([i, i + a.length]);
          found = true;
        }
      });
      if (found) { return; }
      o = o || okuri(f.t);
      var ow = okuri(w).t;
      for (var j = ow ? o.t.indexOf(ow) : -1; j >= 0; j = o.t.indexOf(ow, j + ow.length)) {
        ranges.push([o.at[j], o.at[j + ow.length - 1] + 1]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    return ranges;
  }

  // marked appends text to el with every occurrence of the words marked,
  // from start to end of the original text (indices of f.at).
  function marked(el, text, f, ws, from, to) {
    var ranges = matches(f, ws).filter(function (r) { return r[0] >= from && r[0] < to; })
      .map(function (r) { return [r[0], Math.min(r[1], to)]; });
    var pos = f.at[from];
    ranges.forEach(function (r) {
      var s = f.at[r[0]], e = f.at[r[1]];
      if (s < pos) { return; }
      el.appendChild(document.createTextNode(text.slice(pos, s)));
      var m = document.createElement("mark");
      m.textContent = text.slice(s, e);
      el.appendChild(m);
      pos = e;
    });
    el.appendChild(document.createTextNode(text.slice(pos, f.at[to])));
  }

  // result is one hit as a list item: the document and section, then the
  // text around the first match with the matches highlighted.
  function result(h, ws, base, long) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = base + h.d.e.u;
    a.appendChild(document.createTextNode(h.d.e.d + " — "));
    marked(a, h.d.e.s, h.d.section, ws, 0, h.d.section.t.length);
    li.appendChild(a);
    var f = h.d.text, m = matches(f, ws), first = m.length ? m[0][0] : -1;
    var p = document.createElement("p");
    var from = Math.max(0, first - 30), to = Math.min(f.t.length, (first < 0 ? 0 : first) + (long ? 120 : 60));
    if (from > 0) { p.appendChild(document.createTextNode("…")); }
    marked(p, h.d.e.t, f, ws, from, to);
    if (to < f.t.length) { p.appendChild(document.createTextNode("…")); }
    li.appendChild(p);
    return li;
  }

  function show(list, status, q, limit, base, long) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var hits = search(q, limit), ws = words(q);
    hits.forEach(function (h) { list.appendChild(result(h, ws, base, long)); });
    return hits;
  }

  // The search page: results as the reader types, and for ?q=.
  var form = document.getElementById("search-form");
  if (form) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var render = function () {
      var q = form.q.value, hits = show(list, status, q, 50, "", true);
      status.textContent = q ? hits.length + " " + (status.getAttribute("data-unit") || "") : "";
    };
    var q = new URLSearchParams(location.search).get("q");
    if (q) { form.q.value = q; }
    form.addEventListener("submit", function (ev) { ev.preventDefault(); render(); });
    form.q.addEventListener("input", render);
    render();
  }

  // The search box in the header: the index loads when the box is first
  // used, and the first results show under it as the reader types; Enter
  // opens the search page with every result.
  var box = document.querySelector("form.hsearch");
  if (box) {
    var input = box.q, panel = box.querySelector(".hsearch-results");
    var hlist = panel.querySelector("ol"), hstatus = panel.querySelector(".hsearch-status");
    var base = box.getAttribute("action").replace(/search\.html$/, "");
    var loading = false;
    var update = function () {
      var q = input.value;
      if (!q.trim()) { panel.hidden = true; return; }
      if (!window.anzenSearch) {
        if (!loading) {
          loading = true;
          var s = document.createElement("script");
          s.src = box.getAttribute("data-index");
          s.onload = update;
          document.head.appendChild(s);
        }
        return;
      }
      var hits = show(hlist, hstatus, q, 8, base, false);
      hstatus.textContent = search(q, 1000).length + " " + (box.getAttribute("data-unit") || "");
      var li = document.createElement("li");
      li.className = "more";
      var a = document.createElement("a");
      a.href = box.getAttribute("action") + "?q=" + encodeURIComponent(q);
      a.textContent = box.getAttribute("data-more");
      li.appendChild(a);
      if (hits.length) { hlist.appendChild(li); }
      panel.hidden = false;
    };
    input.addEventListener("input", update);
    input.addEventListener("focus", update);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { panel.hidden = true; }
    });
    document.addEventListener("click", function (ev) {
      if (!box.contains(ev.target)) { panel.hidden = true; }
    });
  }
})();
