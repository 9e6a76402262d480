"""The shape of every data file, as pydantic models.

Validators raise `ValueError("problem || fix")`: the loader splits the two halves so each message
tells an editor both what is wrong and what to write instead.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl, field_validator, model_validator

from hulproute import phones
from hulproute.slugs import SLUG_PATTERN

PROVINCES = (
    "Drenthe", "Flevoland", "Fryslân", "Gelderland", "Groningen", "Limburg", "Noord-Brabant",
    "Noord-Holland", "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland",
)


def _today() -> date:
    return date.today()


def _not_future(value: date) -> date:
    if value > _today():
        raise ValueError(
            f"{value.isoformat()} lies in the future || use the date the check was actually done (YYYY-MM-DD)"
        )
    return value


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def partial_date_parts(value: str) -> tuple[int, Optional[int], Optional[int]]:
    """(year, month or None, day or None) of a source date as data/ writes it ('2021-08')."""
    match = _PARTIAL_DATE.fullmatch(value)
    if not match:
        raise ValueError(f"'{value}' is not a date || write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2021-08")
    year, month, day = (int(g) if g else None for g in match.groups())
    return year, month, day  # type: ignore[return-value]


def _partial_date(value: str) -> str:
    """Sources are often dated only by year or month ('2020', '2021-08')."""
    year, month, day = partial_date_parts(value)
    try:
        full = date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"'{value}' is not a real calendar date || check month and day") from None
    if full > _today():
        raise ValueError(f"source date {value} lies in the future || use the date printed on the source")
    return value


def _dutch_phone(value: str) -> str:
    try:
        phones.parse_dutch_number(value)
    except phones.PhoneError as exc:
        raise ValueError(f"{exc} || write a Dutch number as the source shows it, e.g. 0800-2000 or 020 555 1234") from None
    return value


def _slug(value: str) -> str:
    if not SLUG_PATTERN.fullmatch(value):
        raise ValueError(f"'{value}' is not a slug || use lower-case letters, digits and single hyphens, e.g. de-ronde-venen")
    return value


def _https(value: HttpUrl) -> HttpUrl:
    if value.scheme != "https":
        raise ValueError(f"'{value}' is not https || write the address with https:// (readers' connections must be private)")
    return value


def _name(value: str) -> str:
    """A place or organisation name people read; 's-Gravenhage and 't Zandt file under their letter."""
    if not any(c.isalpha() for c in value.removeprefix("'s-").removeprefix("'t ")):
        raise ValueError(f"'{value}' has no letters || write the full name, e.g. 's-Gravenhage")
    return value


CheckedOn = Annotated[date, AfterValidator(_not_future)]
HttpsUrl = Annotated[HttpUrl, AfterValidator(_https)]
Name = Annotated[str, Field(min_length=1), AfterValidator(_name)]
PartialDate = Annotated[str, AfterValidator(_partial_date)]
def _local_phone(value: str) -> str:
    if phones.is_short(value):
        raise ValueError(f"'{value}' is a short national number, not a local one || use national_line: <service id> "
                         "for a national line (112, 113 …), or write the team's own full number")
    return value


DutchPhone = Annotated[str, AfterValidator(_dutch_phone)]
LocalPhone = Annotated[str, AfterValidator(_dutch_phone), AfterValidator(_local_phone)]
Slug = Annotated[str, AfterValidator(_slug)]
MunicipalityCode = Annotated[str, Field(pattern=r"^GM\d{4}$")]
RegionCode = Annotated[str, Field(pattern=r"^VT\d{2}$")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Unknown fields are errors: a typo in a field name must not silently drop a fact."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SourceRef(Strict):
    url: HttpUrl
    date: Optional[PartialDate] = None


class Language(Strict):
    code: LanguageCode
    name: NonEmpty
    direction: Literal["ltr", "rtl"]


class LanguagesFile(Strict):
    languages: list[Language] = Field(min_length=1)


class NationalService(Strict):
    id: Slug
    name: NonEmpty
    phone: Optional[DutchPhone] = None
    free: Optional[bool] = None
    always_open: bool = False
    anonymous_advice: bool = False
    chat: bool = False
    website: Optional[HttpsUrl] = None
    chat_url: Optional[HttpsUrl] = None
    sources: list[SourceRef] = Field(min_length=1)
    unverified: list[NonEmpty] = []
    checked_on: CheckedOn

    @model_validator(mode="after")
    def _free_means_free(self) -> "NationalService":
        """'free' is printed next to the number: it must agree with what the number costs."""
        if self.free and self.phone and not phones.is_free(self.phone):
            raise ValueError(
                f"'free: true' but {self.phone} is not a free number || only 0800 numbers and free short "
                "numbers such as 112 are free; set 'free: false' or correct the number")
        return self


class NationalServicesFile(Strict):
    services: list[NationalService] = Field(min_length=1)


class Region(Strict):
    code: RegionCode
    cbs_name: NonEmpty
    display_name: Name
    name_checked: bool
    website: Optional[HttpsUrl] = None
    website_source: Optional[SourceRef] = None
    checked_on: CheckedOn

    @model_validator(mode="after")
    def _source_with_website(self) -> "Region":
        # A model validator: a field validator would not run when website_source is left out.
        if self.website is not None and self.website_source is None:
            raise ValueError("the website needs a source || add website_source: {url: <page where it was seen>}")
        return self


class RegionsFile(Strict):
    regions: list[Region] = Field(min_length=1)


class Municipality(Strict):
    code: MunicipalityCode
    name: Name
    slug: Slug
    province: Literal[PROVINCES]  # type: ignore[valid-type]
    veilig_thuis_region: RegionCode
    also_known_as: str = ""

    @property
    def sort_key(self) -> str:
        """Dutch order files 's-Gravenhage under G."""
        return self.name.lower().removeprefix("'s-").removeprefix("'t ")


class Place(Strict):
    place: Name
    municipality: MunicipalityCode


class Postcode(Strict):
    pc4: Annotated[str, Field(pattern=r"^[1-9]\d{3}$")]
    municipality: MunicipalityCode
    share: Annotated[float, Field(gt=0, le=1)]
    other_municipalities: list[MunicipalityCode] = []

    @field_validator("other_municipalities", mode="before")
    @classmethod
    def _split(cls, value):
        if isinstance(value, str):
            return [part for part in value.split(";") if part]
        return value


class LocalContact(Strict):
    id: Slug
    kind: Literal["local_team", "shelter", "csg", "regional_info"]
    name: Name
    phone: Optional[LocalPhone] = None
    phone_unverified: Optional[str] = None
    national_line: Optional[Slug] = None
    website: Optional[HttpsUrl] = None
    source: SourceRef
    # The exact words on the source page that show the phone number or website and what it is
    # for; required for every contact that shows a phone number or website (local_contacts.py).
    quote: Optional[str] = None
    checked_on: CheckedOn
    caveat: Optional[str] = None
    municipalities: list[MunicipalityCode] = Field(min_length=1)

    @property
    def published(self) -> bool:
        """Shows a way to reach it (a phone number or a website), so it needs a checked quote."""
        return bool(self.phone or self.website)


class LocalContactsFile(Strict):
    contacts: list[LocalContact] = []


class Source(Strict):
    """A document a content page cites: one of the seed policy documents or a public web page.

    Pages cite it with `{{ cite('id') }}` inside a footnote, so a source is described once and
    every claim can be traced. `quote` holds the words of the source that support the claim.
    """

    id: Slug
    kind: Literal["seed", "web"]
    title: NonEmpty
    publisher: NonEmpty
    region: Optional[str] = None
    date: Optional[PartialDate] = None
    url: Optional[HttpUrl] = None
    seed_file: Optional[str] = None
    quote: Optional[str] = None
    checked_on: CheckedOn

    @model_validator(mode="after")
    def _where_to_find_it(self) -> "Source":
        if self.kind == "web" and self.url is None:
            raise ValueError("a web source has no url || add url: https://… (the page the claim was read on)")
        if self.kind == "seed" and not self.seed_file:
            raise ValueError("a seed source names no document || add seed_file: <file name in shared/seeds/>")
        return self


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


class ContentSection(Strict):
    """A section of hand-written pages (signalen, in-gesprek, …) and their order on its landing page."""

    id: Slug
    pages: list[Slug] = []
    # Pages of other sections shown on this landing page too, as 'section/page'.
    related: list[Annotated[str, Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")]] = []
    needs_sources: bool = True


class ContentFile(Strict):
    sections: list[ContentSection] = Field(min_length=1)


PagePath = Annotated[str, Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")]


SPEAKERS = ("self", "other", "young", "uses-violence", "older")


def _step_code(value: str) -> str:
    """The token of an answer in the no-JavaScript step addresses. It lands in the address bar and
    the browser history, so it is kept too short to say anything about the reader's situation."""
    if not re.fullmatch(r"[a-z0-9]{1,2}", value):
        raise ValueError(f"'{value}' is not a step code || use 1 or 2 lower-case letters or digits "
                         "that say nothing about the answer, e.g. a, b … or 1, 2 …")
    return value


# Quoted or not, a number in YAML is read as text here (YAML gives 1, the address needs "1").
StepCode = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
                     AfterValidator(_step_code)]


class RouteWho(Strict):
    """An answer to 'who are you worried about?'. `speaker` picks the suggested first sentences
    (route_say_<service>_<speaker>): a teenager, a reader who fears using violence and an older
    person each get sentences in their own words, never another reader's."""

    id: Slug
    code: StepCode  # in the step addresses instead of the id (hulproute.route_finder.step_path)
    speaker: Literal[SPEAKERS]
    guide: PagePath


class RouteWhat(Strict):
    """An answer to 'what is happening?', with the signs page it links to."""

    id: Slug
    code: StepCode
    signs: PagePath


class RouteCondition(Strict):
    who: list[Slug] = []
    what: list[Slug] = []
    # Did it happen in the last 7 days? A rule that names this makes the route finder ask it,
    # only for the answers the rule matches; None: the rule does not depend on it.
    recent: Optional[bool] = None


def _notice_key(value: str) -> str:
    if not re.fullmatch(r"route_notice_[a-z0-9_-]+", value):
        raise ValueError(f"'{value}' is not a notice text key || write route_notice_<name>, "
                         "the key of its text in data/strings/nl.yaml")
    return value


class RouteNotice(Strict):
    """A short text shown in a card (key in data/strings/), with the sources that support it."""

    text: Annotated[str, AfterValidator(_notice_key)]
    sources: list[Slug] = Field(min_length=1)


class RouteRule(Strict):
    """What one situation changes in a route.

    services: specialised help added after Veilig Thuis, or before it with `first: true`;
    without: services that never fit this situation (removed whatever other rule adds them);
    notice: shown in the card of the first of this rule's services in the route, else in
    Veilig Thuis's card; pages: extra reading ('section/page'), listed first under 'read more'.
    """

    when: RouteCondition
    services: list[Slug] = []
    first: bool = False
    without: list[Slug] = []
    notice: Optional[RouteNotice] = None
    pages: list[PagePath] = []

    @model_validator(mode="after")
    def _does_something(self) -> "RouteRule":
        if not (self.services or self.without or self.notice or self.pages):
            raise ValueError("this rule changes nothing || give it services, without, notice or pages")
        if self.first and not self.services:
            raise ValueError("first: true without services || list the services that come before Veilig Thuis")
        return self


class RouteFinderFile(Strict):
    who: list[RouteWho] = Field(min_length=1)
    what: list[RouteWhat] = Field(min_length=1)
    rules: list[RouteRule] = []


# -- redirects (data/redirects.yaml): old addresses that must keep working (posters, QR codes) --

_SITE_PATH = re.compile(r"/(?:[A-Za-z0-9._~-]+/)*(?:[A-Za-z0-9._~-]+)?")


def _site_path(value: str) -> str:
    """A path on this site: the redirect files of nginx, Netlify and Cloudflare all read it literally."""
    if not _SITE_PATH.fullmatch(value) or any(part in (".", "..") for part in value.split("/")):
        raise ValueError(
            f"'{value}' is not a path on this site || write it from the site root, with a slash at both ends, "
            "e.g. /gemeente/oude-naam/ (no domain, no ?query or #anchor, no spaces, no ..)"
        )
    return value


SitePath = Annotated[str, AfterValidator(_site_path)]


class Redirect(Strict):
    """One old address sending readers (301, permanent) to the page that replaced it."""

    from_: SitePath = Field(alias="from")
    to: SitePath


class MunicipalityMerger(Strict):
    """A municipality that no longer exists (CBS announces mergers each year) and the one that
    took over its area: its old page in every language redirects (301) to the successor's page,
    so a poster, QR code or partner link printed years ago still reaches the right help."""

    code: MunicipalityCode
    name: NonEmpty
    slug: Slug
    into: MunicipalityCode
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    source: HttpsUrl


class MergersFile(Strict):
    # Empty until the first merger after the site's start: the file is there so the rule is too.
    mergers: list[MunicipalityMerger]


# -- campaigns (data/campaigns/<slug>.yaml): landing pages that posters and QR codes point at --

class CampaignText(Strict):
    """What one language's landing page says, and the discreet preview a shared link shows
    (a message app on a shared phone shows it to whoever holds the phone)."""

    headline: NonEmpty
    message: NonEmpty
    preview_title: NonEmpty
    preview_text: NonEmpty


class CampaignAim(Strict):
    """Whom the campaign is for: route-finder answers (data/route_finder.yaml) and/or a Veilig
    Thuis region or some municipalities. Each adds its help to the landing page: the guide for
    `who`, the signs page for `what`, the municipality pages for the area."""

    who: Optional[Slug] = None
    what: Optional[Slug] = None
    region: Optional[RegionCode] = None
    municipalities: list[MunicipalityCode] = []


class CampaignRoute(Strict):
    """A step of the route finder: the answers already given by the poster's message."""

    who: Optional[Slug] = None
    what: Optional[Slug] = None

    @model_validator(mode="after")
    def _what_needs_who(self) -> "CampaignRoute":
        if self.what is not None and self.who is None:
            raise ValueError("what without who || the route finder asks 'who' first: add who, or leave route: {} for its start")
        return self


class CampaignTarget(Strict):
    """The one help the landing page leads to first."""

    route: Optional[CampaignRoute] = None
    page: Optional[Annotated[str, Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")]] = None
    municipality: Optional[MunicipalityCode] = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "CampaignTarget":
        given = [name for name in ("route", "page", "municipality") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"names {len(given)} kinds of help ({', '.join(given) or 'none'}) || give exactly one: "
                             "route: {who: ..., what: ...}, page: section/page, or municipality: GM0000")
        return self


class Campaign(Strict):
    """A campaign's landing page at /<slug>/ in every language, and its printed materials.

    The page stays after `end`: a poster on a wall outlives its campaign, so the page then says
    the campaign is over and still leads to current help. `languages` are the languages its
    posters, flyers and QR codes are made in; the landing page exists in every site language."""

    slug: Slug
    organiser: NonEmpty
    languages: list[LanguageCode] = Field(min_length=1)
    start: date
    end: date
    aims_at: CampaignAim
    leads_to: CampaignTarget
    texts: dict[LanguageCode, CampaignText]


class RedirectsFile(Strict):
    # An empty list is fine: the file exists so the mechanism is there before the first redirect.
    redirects: list[Redirect]


class GlossaryTerm(Strict):
    """How one Dutch term is written in one language (data/glossary/<lang>.yaml).

    One rendering per term, so a reader meets the same word on every page and can say the Dutch
    word on the phone: `use` is what pages write, `forms` are inflected or short forms that also
    count as a use, `avoid` are other renderings a translation must not use for this term.
    """

    use: NonEmpty
    forms: list[NonEmpty] = Field(default_factory=list)
    avoid: list[NonEmpty] = Field(default_factory=list)
    note: Optional[str] = None


class GlossaryFile(Strict):
    language: NonEmpty
    terms: dict[NonEmpty, GlossaryTerm]


class SearchTermsFile(Strict):
    """data/search/<lang>.yaml: per page, the everyday words a reader may type for it ("mijn man
    slaat me"), indexed with the page but not shown on it (overrides/main.html)."""

    language: NonEmpty
    pages: dict[Annotated[str, Field(pattern=r"^[a-z0-9-]+(/[a-z0-9-]+)*\.md$")], Annotated[list[NonEmpty], Field(min_length=1)]]


class DutchGlossaryFile(Strict):
    """data/glossary/nl.yaml: the Dutch terms every translation's glossary must cover, each with
    what it means (for translators)."""

    language: Literal["nl"]
    terms: dict[NonEmpty, NonEmpty]


class FreshnessPolicy(Strict):
    """data/freshness.yaml: when a checked contact gets a warning, and when it is withdrawn."""

    warn_after_months: int = Field(ge=1)
    withdraw_after_months: int = Field(ge=1)
    stale_source_after_years: int = Field(ge=1)

    @model_validator(mode="after")
    def _warn_before_withdraw(self) -> "FreshnessPolicy":
        if self.withdraw_after_months <= self.warn_after_months:
            raise ValueError(
                f"withdraw_after_months ({self.withdraw_after_months}) is not later than warn_after_months "
                f"({self.warn_after_months}) || a contact must first get a warning, then be withdrawn: "
                "make withdraw_after_months the larger number")
        return self


class OfficialDomain(Strict):
    """data/official_domains.yaml: a site whose pages may be the source of a local contact."""

    domain: NonEmpty
    owner: NonEmpty
    kind: Literal["municipality", "organisation"]

    @field_validator("domain")
    @classmethod
    def _bare_host(cls, value: str) -> str:
        if not re.fullmatch(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", value) or value.startswith("www."):
            raise ValueError(f"'{value}' is not a bare domain || write it like borne.nl: lower case, no https://, no www., no path")
        return value


class OfficialDomainsFile(Strict):
    domains: list[OfficialDomain] = Field(min_length=1)
