"""The route finder's pages in one language: static steps for reading without JavaScript, and the
data the in-page version needs. Both are made from the same `route()` results and card templates,
so the two versions cannot drift apart.

Static pages (directory URLs, the same in every language; addresses from `rf.step_path`):
  hulp-zoeken/                                  is someone in danger now?
  hulp-zoeken/<1|2>/                            who are you worried about? (112 first when urgent)
  hulp-zoeken/<urgency>/<who code>/             what is happening?
  hulp-zoeken/<urgency>/<who code>/<what code>/ the help, in order; or, where a rule depends on
                                                it, "in the last 7 days?" with the help at 1/, 2/
Each step is a page in the browser history, so its address holds neutral codes and its title only
the step number; the pages say they stay in the history and are kept out of search engines.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from hulproute import route_finder as rf
from hulproute.content import page_href, read_meta
from hulproute.render import Renderer
from hulproute.schema import RouteWhat, RouteWho
from hulproute.schema import SourceRef

# Texts the browser needs besides the cards (keys of data/strings/<lang>.yaml).
CLIENT_TEXTS = (
    "route_step", "route_q_danger", "route_danger_yes", "route_danger_no", "route_after_danger",
    "route_q_who", "route_q_what", "route_q_where", "route_where_hint", "route_where_label",
    "route_where_submit", "route_where_skip", "route_where_choose", "route_where_unknown",
    "route_result_title", "route_answers", "route_read_more", "route_back", "route_restart",
    "route_local_title", "route_municipality_page", "municipality_vt_region", "municipality_vt_website",
    "local_unknown", "call_label", "website_label",
    "route_step_extra", "route_q_recent", "route_recent_yes", "route_recent_no",
)
# The place lookup's own texts (download failed, the municipality list, one region for all candidates).
CLIENT_TEXTS += ("route_where_failed", "route_where_list", "route_where_same_region")
# A local team whose check is old (data/freshness.yaml) says so under its name.
CLIENT_TEXTS += ("route_local_check_old",)


def _depth_prefix(depth: int) -> str:
    return "../" * depth


class RoutePages:
    def __init__(self, renderer: Renderer, docs_dir: Optional[Path]) -> None:
        self.r = renderer
        self.t = renderer.t
        self.finder = rf.finder_of(renderer.data)
        self.docs_dir = docs_dir

    # ---- pieces shared by both versions ---------------------------------------------------------
    def card(self, service_id: str, speaker: str, notices: tuple[Markup, ...] = ()) -> Markup:
        return Markup(self.r.env.get_template("route_card.html.j2").render(
            service=self.r.service(service_id), speaker=speaker, notices=notices).strip())

    def notice(self, key: str, source_ids: tuple[str, ...]) -> Markup:
        """A rule's notice with a source line like a card's: each source's site and date, and the
        earliest day one of them was checked (so the line never claims a later check)."""
        sources = [self.r.data.sources[i] for i in source_ids]
        refs = [SourceRef(url=s.url, date=s.date) for s in sources]
        line = self.r.source_line(refs, min(s.checked_on for s in sources))
        return Markup(self.r.env.get_template("route_notice.html.j2").render(key=key, sources=line).strip())

    def local_card(self, base: str) -> Markup:
        return Markup(self.r.env.get_template("route_local_card.html.j2").render(base=base).strip())

    def items(self, route: rf.Route, base: str) -> Markup:
        """The ordered help of a route; the local step (choose a municipality) follows Veilig Thuis."""
        parts = []
        for service in route.services:
            notices = tuple(self.notice(n.text, n.sources) for n in route.notices if n.service == service)
            parts.append(self.card(service, route.who.speaker, notices))
            if service == rf.VEILIG_THUIS:
                parts.append(self.local_card(base))
        return Markup("\n".join(parts))

    def page_title(self, page: str, fallback: str) -> str:
        """A linked content page's title in this language (its front matter), else a fallback."""
        path = (self.docs_dir / self.r.language / f"{page}.md") if self.docs_dir else None
        if path is not None and path.is_file():
            return str(read_meta(path).get("title") or fallback)
        return fallback

    def choices(self, number: int, question: str, choices: list[tuple[str, str, str]]) -> Markup:
        return Markup(self.r.env.get_template("route_choices.html.j2").render(
            number=number, question=question, choices=choices).strip())

    # ---- static pages ---------------------------------------------------------------------------
    @staticmethod
    def page_uri(path: str) -> str:
        """The Markdown source of the step at `path` (an `rf.step_path`)."""
        return f"{rf.SECTION}/{path}index.md"

    @staticmethod
    def base_of(path: str) -> str:
        """From the step at `path` back to the language's root (the section is one level)."""
        return _depth_prefix(1 + path.count("/"))

    def history_note(self, path: str) -> Markup:
        """'These pages stay in your history', linking the safe-browsing page: every static step
        is a page the browser keeps (the in-page version says its answers are not kept)."""
        return Markup(self.r.env.get_template("route_history.html.j2").render(base=self.base_of(path)).strip())

    def step_page(self, path: str, parent: str, number: int, question: str, choices: list[tuple[str, str, str]],
                  urgent: bool, show_danger: bool) -> str:
        """A question page at `path` ("back" leads to `parent`); `choices` hold (step path, label, kind).
        Number 0 is the extra question some situations get (titled as such, not numbered)."""
        linked = [(rf.step_href(path, there), label, kind) for there, label, kind in choices]
        title = self.r.text("route_title_step", number=number) if number else f"{self.t['route_title']} – {self.t['route_step_extra']}"
        return self.r.env.get_template("route_step.md.j2").render(
            title=title, urgent=urgent, show_danger=show_danger,
            choices=self.choices(number, question, linked), history=self.history_note(path),
            back=rf.step_href(path, parent), restart=rf.step_href(path, rf.step_path()))

    def pages(self, locations_href: str) -> dict[str, str]:
        """{norm_src_uri: markdown} of every route-finder page in this language."""
        t, out, entry = self.t, {}, rf.step_path()
        danger = self.choices(1, t["route_q_danger"], [
            (rf.step_href(entry, rf.step_path(True)), t["route_danger_yes"], "danger"),
            (rf.step_href(entry, rf.step_path(False)), t["route_danger_no"], "")])
        out[self.page_uri(entry)] = self.r.env.get_template("route_entry.md.j2").render(
            choices=danger, locations_href=locations_href, cards=self.client_cards(),
            notices=self.client_notices(), history=self.history_note(entry),
            # Jinja's |tojson escaping (<, >, & and ' as \\u escapes): the JSON can never end the
            # <script> element or start markup. Not ASCII-only: Arabic and Ukrainian stay readable.
            client_json=htmlsafe_json_dumps(self.client_data(), ensure_ascii=False, separators=(",", ":")))
        for urgent in rf.URGENCIES.values():
            answer = t["route_danger_yes"] if urgent else t["route_danger_no"]
            here = rf.step_path(urgent)
            out[self.page_uri(here)] = self.step_page(
                here, entry, 2, t["route_q_who"], [(rf.step_path(urgent, w), t[f"route_who_{w.id}"], "") for w in self.finder.who],
                urgent=urgent, show_danger=True)
            for who in self.finder.who:
                here = rf.step_path(urgent, who)
                out[self.page_uri(here)] = self.step_page(
                    here, rf.step_path(urgent), 3, t["route_q_what"],
                    [(rf.step_path(urgent, who, w), t[f"route_what_{w.id}"], "") for w in self.finder.what],
                    urgent=urgent, show_danger=False)
                for what in self.finder.what:
                    out.update(self.what_pages(urgent, who, what, answer))
        return out

    def what_pages(self, urgent: bool, who: RouteWho, what: RouteWhat, danger_answer: str) -> dict[str, str]:
        """The page(s) after the 'what' answer: the result; or, where a rule depends on it, the
        recency question ("in the last 7 days?") with its two results one step further."""
        here = rf.step_path(urgent, who, what)
        if not rf.asks_recent(self.finder, who.id, what.id):
            return {self.page_uri(here): self.result_page(rf.route(self.finder, urgent, who.id, what.id), danger_answer)}
        t = self.t
        choices = [(rf.step_path(urgent, who, what, recent), t["route_recent_yes" if recent else "route_recent_no"], "")
                   for recent in (True, False)]
        out = {self.page_uri(here): self.step_page(here, rf.step_path(urgent, who), 0, t["route_q_recent"], choices,
                                                   urgent=urgent, show_danger=False)}
        for recent in (True, False):
            route = rf.route(self.finder, urgent, who.id, what.id, recent)
            out[self.page_uri(rf.step_path(urgent, who, what, recent))] = self.result_page(route, danger_answer)
        return out

    def answer_labels(self, route: rf.Route) -> list[str]:
        """Who, what and (when asked) the recency answer, as the reader chose them."""
        t = self.t
        labels = [t[f"route_who_{route.who.id}"], t[f"route_what_{route.what.id}"]]
        if route.recent is not None:
            labels.append(t["route_recent_yes"] if route.recent else t["route_recent_no"])
        return labels

    def more(self, route: rf.Route, base: str) -> list[tuple[str, str]]:
        """'Read more': the rules' extra pages first, then the signs page and the guide."""
        t = self.t
        links = [(page_href(p, base), self.page_title(p, t["route_guide_link"])) for p in route.pages]
        return links + [(page_href(route.what.signs, base), self.page_title(route.what.signs, t["route_signs_link"])),
                        (page_href(route.who.guide, base), self.page_title(route.who.guide, t["route_guide_link"]))]

    def result_page(self, route: rf.Route, danger_answer: str) -> str:
        t = self.t
        here = rf.step_path(route.urgent, route.who, route.what, route.recent)
        parent = rf.step_path(route.urgent, route.who, route.what if route.recent is not None else None)
        base = self.base_of(here)
        return self.r.env.get_template("route_result.md.j2").render(
            title=t["route_title_result"], answers=[danger_answer, *self.answer_labels(route)],
            items=self.items(route, base), more=self.more(route, base), history=self.history_note(here),
            back=rf.step_href(here, parent), restart=rf.step_href(here, rf.step_path()))

    # ---- the in-page version --------------------------------------------------------------------
    def client_cards(self) -> list[tuple[str, str, Markup]]:
        """(card, speaker, markup) of every card some route shows (112 included: urgent routes),
        rendered by the same autoescaped templates as the static pages. The entry page ships them
        as inert <template> elements that the script clones, so it never parses markup itself."""
        base = _depth_prefix(1)
        pairs = sorted({(s, r.who.speaker) for r in rf.all_routes(self.finder) for s in r.services})
        cards = [(s, speaker, self.card(s, speaker)) for s, speaker in pairs]
        return cards + [("local", "", self.local_card(base)), ("danger", "", self.r.danger_panel())]

    def client_notices(self) -> list[tuple[str, Markup]]:
        """(notice key, markup) of every rule's notice; the script puts it into its card."""
        notices = {n.text: n.sources for r in rf.all_routes(self.finder) for n in r.notices}
        return [(key, self.notice(key, sources)) for key, sources in sorted(notices.items())]

    def client_data(self) -> dict:
        """The data the entry page's script needs in this language (embedded as JSON; no markup)."""
        base = _depth_prefix(1)
        t = self.t
        return {
            "t": {key.removeprefix("route_"): t[key] for key in CLIENT_TEXTS},
            "who": [[w.id, t[f"route_who_{w.id}"], w.speaker, page_href(w.guide, base),
                     self.page_title(w.guide, t["route_guide_link"])] for w in self.finder.who],
            "what": [[w.id, t[f"route_what_{w.id}"], page_href(w.signs, base),
                      self.page_title(w.signs, t["route_signs_link"])] for w in self.finder.what],
            "routes": rf.client_routes(self.finder),
            "pages": {p: [page_href(p, base), self.page_title(p, t["route_guide_link"])]
                      for r in rf.all_routes(self.finder) for p in r.pages},
            "base": base,
        }
