// Paged.js settings for the handbook: lay it out in A4 pages — page
// numbers in the table of contents, the clinic and the document in the
// running header — on a screen wide enough to show a page, and when anzen
// prints the PDF (it sets __anzenPrint before the page loads). On a phone
// the handbook stays one flowing, readable page. When done, the html
// element gets data-paged="done".
window.PagedConfig = {
  auto: window.__anzenPrint === true || window.matchMedia("(min-width: 60em)").matches,
  after: function () { document.documentElement.setAttribute("data-paged", "done"); }
};
