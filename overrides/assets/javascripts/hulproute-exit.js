/* Quick exit ("Snel weg"), after GOV.UK Frontend's "Exit this page" component.
   Without JavaScript the button is a plain link to a neutral page. With it:
   - a click, or Shift pressed on its own three times within 5 seconds, starts the exit once:
     the page's content is hidden, an overlay with role="alert" says "you are leaving" (it sits
     outside the hidden content, so it is seen and announced), and location.replace() swaps this
     history entry for the neutral page, so Back does not return here;
   - each Shift press fills one of three dots on the button (for sighted keyboard users) and is
     announced in a polite live region (for screen-reader users);
   - keys are read in the capture phase on window, before any widget on the page can stop them.
   - the hint "or press Shift 3 times" is added to the button's name (visually hidden) only where
     it can work: when the device has a mouse or touchpad (any-hover / any-pointer: fine), or once
     Tab or Shift is pressed (a keyboard attached to a tablet; on-screen keyboards send neither).
     Without JavaScript, or on a touch screen alone, it is never said.
   Every text comes from the button's data attributes (translated, escaped by the template) and is
   set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var link = document.querySelector("[data-hr-exit]");
  if (!link) { return; }
  var status = document.getElementById("hr-exit-status");
  var root = document.documentElement;
  var WINDOW_MS = 5000;
  var presses = 0;
  var windowTimer = null;    // ends the 5-second window for three presses
  var quietTimer = null;     // clears the "stopped" message, so it is not read again later
  var shiftWasModifier = false;
  var exiting = false;
  var overlay = null;
  var title = "";
  var dots = buildDots();
  var hint = null;
  var KEYBOARD_LIKELY = "(any-hover: hover), (any-pointer: fine)";

  function addHint() {
    if (hint) { return; }
    hint = document.createElement("span");
    hint.className = "hr-visually-hidden";
    hint.textContent = " " + (link.getAttribute("data-hr-hint") || "");
    link.insertBefore(hint, dots);
  }
  if (window.matchMedia && window.matchMedia(KEYBOARD_LIKELY).matches) { addHint(); }

  function buildDots() {
    // Decoration only: screen readers get the same progress from the live region.
    var box = document.createElement("span");
    box.className = "hr-exit__dots";
    box.setAttribute("aria-hidden", "true");
    for (var i = 0; i < 3; i += 1) {
      var dot = document.createElement("span");
      dot.className = "hr-exit__dot";
      box.appendChild(dot);
    }
    link.appendChild(box);
    link.classList.add("hr-exit__link--dots");
    return box;
  }

  function showPresses() {
    dots.classList.toggle("hr-exit__dots--active", presses > 0);
    for (var i = 0; i < dots.children.length; i += 1) {
      dots.children[i].classList.toggle("hr-exit__dot--on", i < presses);
    }
  }

  function say(attribute) {
    if (quietTimer) { clearTimeout(quietTimer); quietTimer = null; }
    if (status) { status.textContent = attribute ? link.getAttribute(attribute) || "" : ""; }
  }

  function stopCounting(announce) {
    presses = 0;
    if (windowTimer) { clearTimeout(windowTimer); windowTimer = null; }
    showPresses();
    if (announce) {
      say("data-hr-expired");
      quietTimer = setTimeout(function () { say(null); }, WINDOW_MS);
    }
  }

  function leave() {
    if (exiting) { return; }  // a second click or press must not start a second navigation
    exiting = true;
    stopCounting(false);
    say(null);
    title = document.title;
    document.title = "";
    root.classList.add("hr-exiting");
    overlay = document.createElement("div");
    overlay.className = "hr-exit-overlay";
    overlay.setAttribute("role", "alert");
    document.body.appendChild(overlay);
    // Text set after the alert is in the document: screen readers announce a change of an
    // existing alert more reliably than an alert inserted with its text.
    overlay.textContent = link.getAttribute("data-hr-leaving") || "";
    window.location.replace(link.href);
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();  // also on a second click: a plain link would add a history entry
    leave();
  });

  window.addEventListener("keydown", function (event) {
    if (event.key === "Tab" || event.key === "Shift") { addHint(); }
    if (exiting) { return; }
    if (event.key === "Shift") {
      if (!event.repeat) { shiftWasModifier = false; }
      return;
    }
    // Shift held for a capital letter or a shortcut is not a quick-exit press; any other key
    // ends a started count.
    if (event.shiftKey) { shiftWasModifier = true; }
    if (presses > 0) { stopCounting(true); }
  }, true);

  // Shift+click (selecting text) uses Shift as a modifier too.
  window.addEventListener("mousedown", function (event) {
    if (event.shiftKey) { shiftWasModifier = true; }
  }, true);

  window.addEventListener("keyup", function (event) {
    if (exiting || event.key !== "Shift") { return; }
    if (shiftWasModifier) { shiftWasModifier = false; return; }
    presses += 1;
    if (presses >= 3) { leave(); return; }
    if (presses === 1) {
      windowTimer = setTimeout(function () { stopCounting(true); }, WINDOW_MS);
      say("data-hr-press-2");
    } else {
      say("data-hr-press-1");
    }
    showPresses();
  }, true);

  // A page restored from the browser's cache must come back usable, not blank.
  window.addEventListener("pageshow", function () {
    if (overlay && overlay.parentNode) { overlay.parentNode.removeChild(overlay); }
    overlay = null;
    root.classList.remove("hr-exiting");
    if (exiting) { document.title = title; }
    exiting = false;
    stopCounting(false);
    say(null);
  });
})();
