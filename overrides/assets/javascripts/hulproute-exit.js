/* Quick exit ("Snel weg"), after the GOV.UK "Exit this page" component.
   Without JavaScript the button is a plain link to a neutral page. With it:
   - a click hides the page at once and replaces this history entry, so Back does not return here;
   - pressing Shift three times within 5 seconds does the same, with each step announced to
     screen readers through a polite live region. Texts come from data attributes (translated). */
(function () {
  "use strict";
  var link = document.querySelector("[data-hr-exit]");
  if (!link) { return; }
  var status = document.getElementById("hr-exit-status");
  var WINDOW_MS = 5000;
  var presses = 0;
  var timer = null;
  var otherKeyWithShift = false;

  function say(attribute) {
    if (status) { status.textContent = link.getAttribute(attribute) || ""; }
  }

  function reset(announce) {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
    if (announce) { say("data-hr-expired"); }
  }

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.documentElement.classList.add("hr-exiting");
    document.title = "";
    say("data-hr-leaving");
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      // Shift used for a capital letter or a shortcut is not a quick-exit press.
      otherKeyWithShift = event.shiftKey;
      if (presses > 0) { reset(false); }
    }
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    if (otherKeyWithShift) { otherKeyWithShift = false; return; }
    presses += 1;
    if (presses === 1) {
      timer = setTimeout(function () { reset(true); }, WINDOW_MS);
      say("data-hr-press-2");
    } else if (presses === 2) {
      say("data-hr-press-1");
    } else {
      reset(false);
      leave();
    }
  });

  // Coming back through the browser cache must not show a hidden page.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("hr-exiting");
  });
})();
