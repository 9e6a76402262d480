/* Search, on the search page only (/zoeken/; every other page just links to it). Pagefind runs in
   this page without a worker (the CSP has no worker-src; 'wasm-unsafe-eval' lets it compile its
   WebAssembly). Nothing is fetched before the reader types or presses the button: then
   pagefind.js, the WebAssembly for this page's language and the index files for the words typed
   are loaded from this site, and only the results shown have their excerpt fetched.
   The query lives in the input and in this script's memory only: the form never submits, so it
   is never in the address, the history, the title or storage. Results are built with textContent;
   Pagefind's excerpt marks (<mark>) become elements, its text is never inserted as HTML. */
(function () {
  "use strict";
  var form = document.querySelector("[data-hr-search]");
  if (!form) { return; }
  var input = form.querySelector("input[type=search]");
  var status = form.querySelector("[data-hr-search-status]");
  var list = form.querySelector("[data-hr-search-results]");
  var more = form.querySelector("[data-hr-search-more]");
  var nojs = document.querySelector("[data-hr-search-nojs]");
  var PAGE_SIZE = 5;
  var DELAY_MS = 300;
  var pagefind = null;
  var results = [];
  var shown = 0;
  var latest = 0;
  var timer = null;

  form.hidden = false;
  if (nojs) { nojs.hidden = true; }

  function text(key, values) {
    return form.getAttribute("data-hr-" + key).replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  /* The module, loaded once; a failed download is tried again by the next search. */
  function load() {
    if (!pagefind) {
      var root = new URL(form.getAttribute("data-hr-root"), location.href);
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options({ noWorker: true, baseUrl: root.pathname }).then(function () { return module; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "hr-search__excerpt";
    html.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var marked = /^<mark>(.*)<\/mark>$/.exec(part);
      var value = new DOMParser().parseFromString(marked ? marked[1] : part, "text/html").documentElement.textContent;
      if (!value) { return; }
      if (marked) {
        var mark = document.createElement("mark");
        mark.textContent = value;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(value));
      }
    });
    return paragraph;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "hr-search__result";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(link);
    if (data.excerpt) { li.appendChild(excerpt(data.excerpt)); }
    return li;
  }

  function showMore(ticket, focusFirst) {
    var next = results.slice(shown, shown + PAGE_SIZE);
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      if (ticket !== latest) { return; }
      var first = null;
      pages.forEach(function (data) {
        var li = item(data);
        first = first || li.querySelector("a");
        list.appendChild(li);
      });
      shown += pages.length;
      list.hidden = shown === 0;
      more.hidden = shown >= results.length;
      if (focusFirst && first) { first.focus(); }
    });
  }

  function clear() {
    results = [];
    shown = 0;
    list.textContent = "";
    list.hidden = true;
    more.hidden = true;
  }

  function search(query) {
    var ticket = ++latest;
    var term = query.trim();
    clearTimeout(timer);
    if (!term) { clear(); status.textContent = ""; return Promise.resolve(); }
    status.textContent = text("searching", { term: term });
    return load().then(function (module) {
      /* Exact matches first: Pagefind also finds words that only look alike ("Haren" finds
         "Haarlem" through stemming and the last word's prefix, and ranks a page that repeats
         it higher). The pages that also match the words as a quoted phrase come first, each
         group in Pagefind's own order. */
      var phrase = '"' + term.replace(/"/g, " ") + '"';
      return Promise.all([module.search(term), module.search(phrase)]);
    }).then(function (found) {
      if (ticket !== latest) { return; }
      clear();
      var exact = {};
      found[1].results.forEach(function (result) { exact[result.id] = true; });
      var loose = found[0].results;
      var inLoose = {};
      loose.forEach(function (result) { inLoose[result.id] = true; });
      results = loose.filter(function (result) { return exact[result.id]; })
        .concat(loose.filter(function (result) { return !exact[result.id]; }))
        .concat(found[1].results.filter(function (result) { return !inLoose[result.id]; }));
      var count = results.length;
      /* The count is announced once the first results are on the page, not before. */
      return showMore(ticket, false).then(function () {
        if (ticket !== latest) { return; }
        status.textContent = text(count === 0 ? "none" : count === 1 ? "one" : "many", { term: term, count: count });
      });
    }).catch(function () {
      if (ticket === latest) { clear(); status.textContent = text("failed", {}); }
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, DELAY_MS);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
  });
  more.addEventListener("click", function () {
    var ticket = latest;
    more.hidden = true;
    status.textContent = text("loading", {});
    showMore(ticket, true).then(function () {
      if (ticket === latest) {
        var count = results.length;
        status.textContent = text(count === 1 ? "one" : "many", { term: input.value.trim(), count: count });
      }
    });
  });
})();
