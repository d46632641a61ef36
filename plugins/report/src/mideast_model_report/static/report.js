(function () {
  "use strict";
  function openTo(el) {
    for (var e = el; e; e = e.parentElement) {
      if (e.tagName === "DETAILS") { e.open = true; }
    }
  }
  function byHash(hash) {
    var id = hash.charAt(0) === "#" ? hash.slice(1) : hash;
    if (!id) { return null; }
    try { id = decodeURIComponent(id); } catch (err) { return null; }
    return document.getElementById(id);
  }
  function follow() {
    var el = byHash(location.hash);
    if (el) { openTo(el); el.scrollIntoView(); }
  }
  window.addEventListener("hashchange", follow);
  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    var el = a ? byHash(a.getAttribute("href")) : null;
    if (el) { openTo(el); }
  });
  follow();
  var form = document.getElementById("statement-filters");
  if (!form) { return; }
  form.hidden = false;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  var cards = Array.prototype.slice.call(document.querySelectorAll("details.statement"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("details.source-group"));
  var count = form.querySelector("[data-count]");
  function apply() {
    var want = selects.filter(function (s) { return s.value; }).map(function (s) {
      return [s.getAttribute("data-facet"), s.value];
    });
    var shown = 0;
    cards.forEach(function (card) {
      var ok = want.every(function (w) {
        return (" " + (card.getAttribute("data-" + w[0]) || "") + " ").indexOf(" " + w[1] + " ") >= 0;
      });
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (g) {
      var any = g.querySelector("details.statement:not([hidden])");
      g.hidden = !any;
      if (want.length && any) { g.open = true; }
    });
    if (count) { count.textContent = want.length ? shown + " of " + cards.length + " statements" : ""; }
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
}());
