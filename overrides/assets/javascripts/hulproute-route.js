/* Route finder, in-page version (loaded only on /hulp-zoeken/). Without JavaScript the same
   questions are plain links to static pages; both come from the same routes and cards
   (hulproute/route_pages.py): the data as JSON in #hr-route-data, the cards as server-rendered
   <template data-hr-card> elements that are cloned, never parsed. Text goes in only through
   textContent (no innerHTML anywhere). Only the place lookup runs here, on the table in
   assets/hulproute/locaties.json, fetched when the reader reaches that question; if that download
   fails or stalls, the reader is told so, offered the municipality list, and the next search tries again.
   Answers live in this script's memory only: never in the address, the history or storage. */
(function () {
  "use strict";
  var app = document.getElementById("hr-route");
  var source = document.getElementById("hr-route-data");
  if (!app || !source) { return; }
  var D = JSON.parse(source.textContent);
  var T = D.t;
  var state = { step: "danger", urgent: false, who: null, what: null, recent: null, found: null, message: "", options: [] };
  var places = null;
  var loading = null;
  var first = true;

  /* The same normalisation as hulproute.route_finder.normalise (tests compare both). */
  function norm(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/['\u2019]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  function resolve(query, table) {
    var postcode = /^\s*([1-9]\d{3})\s*(?:[a-zA-Z]{2})?\s*$/.exec(query);
    var codes = postcode ? table.p[postcode[1]] : table.n[norm(query)];
    if (!codes || !codes.length) { return { status: "unknown", codes: [] }; }
    return { status: codes.length === 1 ? "found" : "choose", codes: codes };
  }
  /* The two pure lookup functions, exposed so the tests can run this very code in Chromium on
     every postcode and name (~6,600 queries) against Python's Locations.resolve(): driving the form
     once per query would take minutes. They hold no state and see no answers. */
  window.HulprouteRoute = Object.freeze({ resolve: resolve, norm: norm });

  var cards = {};
  document.querySelectorAll("template[data-hr-card]").forEach(function (node) {
    cards[node.getAttribute("data-hr-card") + "|" + (node.getAttribute("data-hr-speaker") || "")] = node;
  });
  var notices = {};
  document.querySelectorAll("template[data-hr-notice]").forEach(function (node) {
    notices[node.getAttribute("data-hr-notice")] = node;
  });

  /* A copy of a server-rendered card (route_card.html.j2, route_local_card.html.j2, danger_panel). */
  function card(name, speaker) {
    return cards[name + "|" + (speaker || "")].content.cloneNode(true).firstElementChild;
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  /* A text with {placeholders} as a list of strings and nodes (e.g. a phone number in <bdi>). */
  function fillNodes(text, values) {
    return text.split(/\{(\w+)\}/).map(function (part, i) { return i % 2 ? values[part] : part; });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; }
      else if (key === "onclick") { node.addEventListener("click", attrs[key]); } else { node.setAttribute(key, attrs[key]); }
    });
    node.append.apply(node, (children || []).filter(function (child) { return child; }));
    return node;
  }

  function button(label, onclick, kind) {
    return el("button", { type: "button", "class": "hr-route-choice" + (kind ? " hr-route-choice--" + kind : ""), text: label, onclick: onclick });
  }

  function go(step) { state.step = step; render(); }

  function question(number, text, choices) {
    return [
      el("p", { "class": "hr-route-step", text: number ? fill(T.step, { number: number }) : T.step_extra }),
      el("h2", { id: "hr-route-q", tabindex: "-1", text: text }),
      el("ul", { "class": "hr-route-choices" }, choices.map(function (c) { return el("li", {}, [c]); }))
    ];
  }

  function nav(back) {
    return el("p", { "class": "hr-route-nav" }, [
      button(T.back, function () { state.message = ""; state.options = []; go(back); }, "link"),
      button(T.restart, function () {
        state = { step: "danger", urgent: false, who: null, what: null, recent: null, found: null, message: "", options: [] };
        render();
      }, "link")
    ]);
  }

  /* Veilig Thuis's card with the region of the chosen municipality under its name. */
  function regionCard(index) {
    var m = places.m[index];
    var region = places.r[m[2]];
    var item = withNotices(card("veilig-thuis", speaker()), "veilig-thuis");
    var lines = [el("p", { "class": "hr-route-region", text: fill(T.municipality_vt_region, { municipality: m[0], organisation: region[0] }) })];
    if (region[1]) {
      lines.push(el("p", {}, [el("a", { href: region[1], rel: "noreferrer noopener",
        text: fill(T.municipality_vt_website, { organisation: region[0] }) })]));
    }
    if (state.chosen) { lines.push(el("p", { "class": "hr-route-same-region", text: state.chosen })); }
    var name = item.querySelector(".hr-route-item__name");
    name.after.apply(name, lines);
    return item;
  }

  /* The route's notices for this card (from route() in Python), before its "what happens" line. */
  function withNotices(item, service) {
    currentRoute().n.forEach(function (notice) {
      if (notice[0] === service) {
        item.querySelector(".hr-route-does").before(notices[notice[1]].content.cloneNode(true).firstElementChild);
      }
    });
    return item;
  }

  /* The route for the answers so far: the key is built as Route.key in Python. */
  function currentRoute() {
    return D.routes[state.who + "|" + state.what + (state.recent === null ? "" : "|" + (state.recent ? 1 : 0))];
  }

  function localCard(index) {
    var m = places.m[index];
    /* A team with neither a phone nor a website is no help to offer: leave it out. */
    var teams = (places.l[String(index)] || []).filter(function (team) { return team[2] || team[3]; });
    var item = el("li", { "class": "hr-route-item", "data-service": "local" }, [
      el("p", { "class": "hr-route-item__name" }, [el("strong", { text: T.local_title })])
    ]);
    if (!teams.length) { item.appendChild(el("p", { text: fill(T.local_unknown, { municipality: m[0] }) })); }
    teams.forEach(function (team) {
      item.appendChild(el("p", {}, [el("strong", { text: team[0] })]));
      if (team[2]) {
        item.appendChild(el("p", {}, [el("a", { "class": "hr-call", href: team[2] }, [
          el("span", {}, fillNodes(T.call_label, { phone: el("bdi", { dir: "ltr", text: team[1] }) }))])]));
      }
      if (team[3]) { item.appendChild(el("p", {}, [el("a", { href: team[3], rel: "noreferrer noopener", text: T.website_label + ": " + new URL(team[3]).hostname.replace(/^www\./, "") })])); }
      /* Checked long ago (data/freshness.yaml): the reader sees that it may have changed. */
      if (team[4]) { item.appendChild(el("p", { "class": "hr-check hr-check--old", text: T.local_check_old })); }
    });
    item.appendChild(el("p", {}, [el("a", { href: D.base + "gemeente/" + m[1] + "/", text: fill(T.municipality_page, { municipality: m[0] }) })]));
    return item;
  }

  function speaker() {
    return D.who.filter(function (w) { return w[0] === state.who; })[0][2];
  }

  function result() {
    var who = D.who.filter(function (w) { return w[0] === state.who; })[0];
    var what = D.what.filter(function (w) { return w[0] === state.what; })[0];
    var found = currentRoute();
    var services = found.s.slice();
    if (state.urgent) { services.unshift("emergency"); }
    var list = el("ol", { "class": "hr-route-list" });
    services.forEach(function (service) {
      if (service === "veilig-thuis" && state.found !== null) {
        list.appendChild(regionCard(state.found));
        list.appendChild(localCard(state.found));
        return;
      }
      list.appendChild(withNotices(card(service, who[2]), service));
      if (service === "veilig-thuis") { list.appendChild(card("local")); }
    });
    var answers = [state.urgent ? T.danger_yes : T.danger_no, who[1], what[1]];
    if (state.recent !== null) { answers.push(state.recent ? T.recent_yes : T.recent_no); }
    var more = found.p.map(function (page) { return D.pages[page]; }).concat([[what[2], what[3]], [who[3], who[4]]]);
    if (state.found !== null) { answers.push(places.m[state.found][0]); }
    return [
      el("h2", { id: "hr-route-q", tabindex: "-1", text: T.result_title }),
      el("p", { "class": "hr-route-answers" }, [el("strong", { text: T.answers + ":" }), document.createTextNode(" " + answers.join(" · "))]),
      list,
      el("h2", { text: T.read_more }),
      el("ul", { "class": "hr-route-more" }, more.map(function (link) {
        return el("li", {}, [el("a", { href: link[0], text: link[1] })]);
      })),
      nav("where")
    ];
  }

  function where() {
    var input = el("input", { id: "hr-route-place", type: "text", autocomplete: "off", autocapitalize: "words", spellcheck: "false", "aria-describedby": "hr-route-hint hr-route-message" });
    var form = el("form", { "class": "hr-route-where", novalidate: "" }, [
      el("label", { "for": "hr-route-place", text: T.where_label }), input,
      el("button", { type: "submit", "class": "md-button md-button--primary", text: T.where_submit })
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      lookup(input.value);
    });
    if (state.message && state.query) { input.value = state.query; }  // kept in memory only, to try again
    var message = el("div", { id: "hr-route-message", role: "status" });
    if (state.message) { message.appendChild(el("p", { text: state.message })); }
    if (state.message && state.failed) {
      message.appendChild(el("p", {}, [el("a", { href: D.base + "gemeente/", text: T.where_list })]));
    }
    if (state.options.length) {
      message.appendChild(el("ul", { "class": "hr-route-choices" }, state.options.map(function (index) {
        return el("li", {}, [button(places.m[index][0], function () { choose(index); })]);
      })));
      if (state.note) { message.appendChild(el("p", { "class": "hr-route-same-region", text: state.note })); }
    }
    return [
      el("p", { "class": "hr-route-step", text: fill(T.step, { number: 4 }) }),
      el("h2", { id: "hr-route-q", tabindex: "-1", text: T.q_where }),
      el("p", { id: "hr-route-hint", text: T.where_hint }),
      form, message,
      el("p", {}, [button(T.where_skip, function () { state.found = null; go("result"); }, "link")]),
      nav(state.recent === null ? "what" : "recent")
    ];
  }

  /* The result for municipality `index`; a same-region note shown with the choices is kept for it. */
  function choose(index) {
    state.found = index; state.chosen = state.note || ""; state.note = ""; state.message = ""; state.options = [];
    go("result");
  }

  /* A message (and the candidates to choose from) under the field; focus stays there. */
  function show(message, options, failed, note) {
    state.message = message; state.options = options; state.failed = failed; state.note = note;
    render(true);
  }

  /* The one Veilig Thuis of all candidates, or "" when they differ. */
  function sameRegion(codes) {
    var region = places.m[codes[0]][2];
    return codes.every(function (i) { return places.m[i][2] === region; }) ? places.r[region][0] : "";
  }

  function lookup(query) {
    if (!query.trim()) { return; }
    state.query = query;
    if (!places) {
      loadPlaces().then(function () { if (state.step === "where") { lookup(query); } },
        function () { if (state.step === "where") { show(T.where_failed, [], true, ""); } });
      return;
    }
    var answer = resolve(query, places);
    if (answer.status === "found") { state.note = ""; choose(answer.codes[0]); return; }
    var choice = answer.status === "choose";
    var region = choice ? sameRegion(answer.codes) : "";
    show(fill(choice ? T.where_choose : T.where_unknown, { query: query.trim() }), choice ? answer.codes : [],
      false, region ? fill(T.where_same_region, { name: region }) : "");
  }

  /* The location table, fetched once. A failed, refused or stalled download (no answer within
     10 s) rejects and is forgotten, so that the reader's next search tries again. */
  function loadPlaces() {
    if (!loading) {
      var controller = new AbortController();
      var timer = setTimeout(function () { controller.abort(); }, 10000);
      loading = fetch(app.getAttribute("data-locations"), { credentials: "omit", signal: controller.signal })
        .then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.json();
        })
        .then(function (table) { places = table; })
        .catch(function (error) { loading = null; throw error; })
        .finally(function () { clearTimeout(timer); });
    }
    return loading;
  }

  function render(keepFocusInMessage) {
    var parts;
    if (state.step === "danger") {
      parts = question(1, T.q_danger, [
        button(T.danger_yes, function () { state.urgent = true; go("who"); }, "danger"),
        button(T.danger_no, function () { state.urgent = false; go("who"); })
      ]);
    } else if (state.step === "who") {
      parts = (state.urgent ? [card("danger"), el("p", { text: T.after_danger })] : []).concat(
        question(2, T.q_who, D.who.map(function (w) { return button(w[1], function () { state.who = w[0]; go("what"); }); })),
        [nav("danger")]);
    } else if (state.step === "what") {
      parts = question(3, T.q_what, D.what.map(function (w) {
        return button(w[1], function () {
          state.what = w[0];
          state.recent = null;
          /* The table says whether the rules depend on "in the last 7 days?" for these answers. */
          go((state.who + "|" + w[0] + "|1") in D.routes ? "recent" : "where");
        });
      })).concat([nav("who")]);
    } else if (state.step === "recent") {
      parts = question(null, T.q_recent, [
        button(T.recent_yes, function () { state.recent = true; go("where"); }),
        button(T.recent_no, function () { state.recent = false; go("where"); })
      ]).concat([nav("what")]);
    } else if (state.step === "where") {
      if (!places && !state.message) { loadPlaces().catch(function () {}); }  // early, quietly; a search reports failure
      parts = where();
    } else {
      parts = result();
    }
    app.replaceChildren.apply(app, parts);
    if (first) { first = false; return; }  // on load the page starts at its top, as any page
    var target = keepFocusInMessage ? app.querySelector("#hr-route-message button") || app.querySelector("#hr-route-place") : app.querySelector("#hr-route-q");
    if (target) { target.focus(); }
  }

  document.querySelectorAll("[data-hr-route-static]").forEach(function (node) { node.hidden = true; });
  document.querySelector("[data-hr-route-private]").hidden = false;
  app.hidden = false;
  render();
})();
