/* Replaces Material's storage helpers (partials/javascripts/base.html) with an in-memory store:
   Material remembers UI state through __md_get/__md_set in localStorage and sessionStorage, and
   nothing may be left in the browser of someone whose device is checked. State lasts one page. */
(function () {
  "use strict";
  var memory = new Map();
  window.__md_scope = new URL(".", location);
  window.__md_hash = function (value) {
    return Array.prototype.reduce.call(value, function (hash, char) {
      return (hash << 5) - hash + char.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key) {
    return memory.has(key) ? JSON.parse(memory.get(key)) : null;
  };
  window.__md_set = function (key, value) {
    memory.set(key, JSON.stringify(value));
  };
})();
