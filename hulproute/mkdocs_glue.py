"""The only module that knows MkDocs and mkdocs-static-i18n internals (pinned in requirements.txt).

Hooks call these functions and nothing else of MkDocs' or the i18n plugin's objects, so a move
to another generator (Material 9 reaches end of life in May 2027) replaces this module and the
thin files in hooks/, not the package. What it knows:
- the i18n plugin's undocumented `building`, `current_language`, `default_language`,
  `i18n_files_per_language` and its per-file attributes (`locale`, `alternates`, …), which it
  uses for the language switcher and `sitemap.xml` (tests/test_site_build.py guards them);
- that the plugin's loop over the other languages calls the `build` its module imported, which
  is replaced here to share those builds out over two processes (hulproute/parallel_languages.py);
- MkDocs' `File.generated` and `generated_by` (generated pages are rendered once, up front), and
  that MkDocs converts a page by calling `page.render(config, files)` (render_generated);
- how an error reaches the person building: `PluginError` is printed without a traceback.
"""
from __future__ import annotations

import copy
import functools
import os
from datetime import date
from pathlib import Path
from typing import Any, Callable, TypeVar

from jinja2 import TemplateError
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import mkdocs_static_i18n.plugin as i18n_plugin_module

from hulproute import forked, page_blocks, parallel_languages, preview_cache
from hulproute.errors import SiteError
from hulproute.loader import SiteData
from hulproute.render import Renderer
from hulproute.site_state import BuildState, GeneratedPage
from hulproute.urls import language_prefix

_STATE: dict[str, BuildState] = {}
_DATA: dict[str, SiteData] = {}
# The MkDocs command running ('build' or 'serve'), from on_startup.
_COMMAND: dict[str, str] = {}
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


class HulprouteSettings(base.Config):
    """`extra.hulproute` in mkdocs.yml, typed and checked like a Material plugin's config."""

    # The data folder, relative to mkdocs.yml.
    data_dir = opt.Type(str, default="data")
    # Where "Snel weg" (quick exit) sends the reader: the full address of a neutral page.
    exit_url = opt.URL()
    # Fixture builds: only these municipality pages (CBS codes); empty means all.
    only_municipalities = opt.ListOfItems(opt.Type(str), default=[])
    # Fixture builds: the day the freshness policy (data/freshness.yaml) counts from, YYYY-MM-DD;
    # empty means the day of the build.
    today = opt.Optional(opt.Type(str))
    # scripts/serve.py's preview (hulproute/preview_mode.py): no materials, no search index.
    preview = opt.Type(bool, default=False)


def remember_command(command: str) -> None:
    _COMMAND["name"] = command


def is_serving() -> bool:
    """`mkdocs serve`: its live-reload script is inline (no CSP) and it rebuilds in a loop."""
    return _COMMAND.get("name") == "serve"


def settings(config: MkDocsConfig) -> HulprouteSettings:
    """The validated settings; every mistake is named with its key and the fix."""
    raw = config.extra.get("hulproute")
    if not isinstance(raw, dict):
        raise SiteError(f"{_config_name(config)}: 'extra: hulproute:' is missing or not a list of settings",
                        "add it as in the project's mkdocs.yml (data_dir, exit_url)")
    checked = HulprouteSettings(config_file_path=config.config_file_path)
    checked.load_dict(raw)
    failed, _warnings = checked.validate()
    if not failed and checked.today is not None:
        try:
            date.fromisoformat(checked.today)
        except ValueError:
            failed = [("today", f"'{checked.today}' is not a date (write YYYY-MM-DD)")]
    if failed:
        lines = [f"extra.hulproute.{key}: {error}" for key, error in failed]
        raise SiteError(f"{_config_name(config)}: " + "; ".join(lines),
                        "exit_url must be the full address of a neutral page (e.g. https://www.knmi.nl/); "
                        "data_dir a folder name; only_municipalities a list of CBS codes; today YYYY-MM-DD or left out")
    return checked


def build_day(config: MkDocsConfig) -> date:
    """The day the freshness policy counts from: `extra.hulproute.today`, or today."""
    day = settings(config).today
    return date.fromisoformat(day) if day else date.today()


def data_dir(config: MkDocsConfig, hulproute: HulprouteSettings) -> Path:
    return (Path(config.config_file_path).parent / hulproute.data_dir).resolve()


def _config_name(config: MkDocsConfig) -> str:
    return Path(config.config_file_path or "mkdocs.yml").name


# ---- the build in progress ------------------------------------------------------------------------

def set_data(config: MkDocsConfig, data: SiteData) -> None:
    """Remember the validated data of the build in progress, before its pages are rendered (the
    materials start from it at once: hooks/partner_materials.py)."""
    _DATA[str(config.config_file_path)] = data


def current_data(config: MkDocsConfig) -> SiteData:
    return _of_this_build(_DATA, config)


def set_state(config: MkDocsConfig, state: BuildState) -> None:
    """Remember the state of the build in progress (hook modules are loaded separately), keyed by
    its mkdocs.yml: the language builds nested in it share it, another site never sees it."""
    _STATE[str(config.config_file_path)] = state


def current_state(config: MkDocsConfig) -> BuildState:
    return _of_this_build(_STATE, config)


def _of_this_build(remembered: dict[str, T], config: MkDocsConfig) -> T:
    try:
        return remembered[str(config.config_file_path)]
    except KeyError:
        raise SiteError("the Hulproute data was not loaded",
                        "list hooks/data.py first under 'hooks:' in mkdocs.yml") from None


def _i18n(config: MkDocsConfig) -> Any:
    try:
        return config.plugins["i18n"]
    except KeyError:
        raise SiteError("mkdocs.yml does not enable the 'i18n' plugin (mkdocs-static-i18n)",
                        "add it under 'plugins:' as in the project's mkdocs.yml") from None


def language(config: MkDocsConfig) -> str:
    """The language whose pages are being built now."""
    return _i18n(config).current_language


def default_language(config: MkDocsConfig) -> str:
    return _i18n(config).default_language


def is_default_language(config: MkDocsConfig) -> bool:
    return language(config) == default_language(config)


def is_nested_build(config: MkDocsConfig) -> bool:
    """True inside the i18n plugin's extra-language builds (they run inside the default one's
    on_post_build); once-per-site work runs in the outer build only."""
    return bool(_i18n(config).building)


def built_languages(config: MkDocsConfig) -> list[str]:
    """The languages this build makes (all, or a preview's few)."""
    return list(_i18n(config).build_languages)


def configured_languages(config: MkDocsConfig) -> list[str]:
    return [lang.locale for lang in _i18n(config).config.languages]


def check_languages(config: MkDocsConfig, data: SiteData) -> None:
    """mkdocs.yml and data/languages.yaml must list the same languages in the same order."""
    configured = configured_languages(config)
    if configured != data.language_codes:
        raise SiteError(
            f"mkdocs.yml i18n languages {configured} differ from data/languages.yaml {data.language_codes}",
            "list the same codes in the same order in both (README: 'Adding a language')")
    if configured[0] != default_language(config):
        raise SiteError(f"mkdocs.yml: the first language ({configured[0]}) is not the i18n default language",
                        f"mark '{configured[0]}' with 'default: true', or list the default language first")


def switch_to_language_homes(config: MkDocsConfig) -> None:
    """Make the language switcher of the page being rendered point at each language's home.

    mkdocs-static-i18n rewrites `extra.alternate` for every page and never for 404.html, so a 404
    would offer the translations of whichever page was built last. Its own language-root links
    are `extra_alternate`; it sets the per-page links as an attribute of `config.extra`, which
    shadows the mapping key for Jinja, so the attribute is what must be set."""
    roots = _i18n(config).extra_alternate
    if not roots and len(built_languages(config)) == 1:
        return  # a one-language preview (scripts/serve.py) has no language menu
    if not roots or any(not alt.get("link", "").startswith(("/", "http://", "https://")) for alt in roots):
        raise SiteError(f"mkdocs-static-i18n gave no absolute language-home links for the 404 switcher: {roots!r}",
                        "check the mkdocs-static-i18n version pinned in requirements.txt")
    config.extra.alternate = copy.deepcopy(roots)


# ---- the other languages on two cores ------------------------------------------------------------
# The i18n plugin builds the other languages one after another, inside the default language's
# on_post_build: `for locale in build_languages: current_language = locale; build(config)`, with
# the `build` its module imported. That name is replaced by _build_language, which passes every
# call through unless share_language_builds asked for the work to be shared: then the first call
# forks a process that builds the first half of the languages into a staging folder
# (hulproute/parallel_languages.py), this process builds the others, and after the last one the
# staged languages join the site. tests/test_site_build.py checks the joined site.

_MKDOCS_BUILD = i18n_plugin_module.build
_SHARED: dict[str, Any] = {}


def share_language_builds(config: MkDocsConfig) -> None:
    """Build this (outermost) build's other languages in two processes."""
    others = [code for code in built_languages(config) if code != default_language(config)]
    if len(others) >= 2:
        _SHARED.clear()
        _SHARED.update(config=config, elsewhere=parallel_languages.languages_elsewhere(others), last=others[-1],
                       staging=Path(config.site_dir) / parallel_languages.STAGING, task=None)


def cancel_shared_language_builds() -> None:
    """The build failed: stop the second process (its staging folder goes with the failed site)."""
    task = _SHARED.pop("task", None)
    _SHARED.clear()
    if task is not None:
        task.cancel()


def _build_language(config: MkDocsConfig, *args: Any, **kwargs: Any) -> Any:
    if _SHARED.get("config") is not config:
        return _MKDOCS_BUILD(config, *args, **kwargs)
    locale = _i18n(config).current_language
    if _SHARED["task"] is None:
        _SHARED["staging"].mkdir()
        _SHARED["task"] = forked.ForkedTask(_build_elsewhere, config, _SHARED["elsewhere"], _SHARED["staging"], kwargs)
    if locale not in _SHARED["elsewhere"]:
        _MKDOCS_BUILD(config, *args, **kwargs)
    if locale == _SHARED["last"]:
        task, elsewhere, staging = _SHARED["task"], _SHARED["elsewhere"], _SHARED["staging"]
        _SHARED.clear()
        try:
            task.result()
        except SiteError as exc:
            raise PluginError(str(exc)) from None
        parallel_languages.join(staging, Path(config.site_dir), elsewhere)
    return None


def _build_elsewhere(config: MkDocsConfig, languages: list[str], staging: Path, options: dict[str, Any]) -> None:
    """In the forked process: build `languages` into `staging`, as the plugin's loop would."""
    config["site_dir"] = str(staging)
    plugin = _i18n(config)
    try:
        for locale in languages:
            plugin.current_language = locale
            _MKDOCS_BUILD(config, **options)
    except MkDocsException as exc:  # already printed in this process; the other reports it
        problem, _, fix = str(exc).partition("\n    fix: ")
        raise SiteError(f"building {plugin.current_language}: {problem}", fix or "see the messages above") from None


i18n_plugin_module.build = _build_language


# ---- generated pages ------------------------------------------------------------------------------

def add_generated_pages(files: Files, config: MkDocsConfig, pages: list[GeneratedPage]) -> Files:
    """Add the current language's generated pages, with the attributes the i18n plugin gives its
    own files, so the language switcher and sitemap.xml include them."""
    plugin = _i18n(config)
    current, languages = plugin.current_language, configured_languages(config)
    default = languages[0]
    made = []
    for page in pages:
        src_uri = language_prefix(current, default) + page.norm_src_uri
        if files.get_file_from_path(src_uri) is not None:
            raise SiteError(f"docs/{src_uri} exists, but the build generates that page from data",
                            "remove or rename the hand-written file")
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, src_uri, content=page.markdown[current], inclusion=inclusion)
        file.locale = current
        file.locale_alternate_of = current
        file.localization = current
        file.norm_src_uri = page.norm_src_uri
        file.alternates = {
            other: file if other == current else File(
                language_prefix(other, default) + page.norm_src_uri, src_dir=None,
                dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
            for other in languages
        }
        files.append(file)
        if page.in_sitemap:
            made.append(file)
    # The plugin writes sitemap.xml from this list (and nothing else reads it).
    plugin.i18n_files_per_language.setdefault(current, []).extend(made)
    return files


def is_generated(page: Page) -> bool:
    """Generated pages are final HTML-in-Markdown: they never pass through Jinja again."""
    return page.file.generated_by is not None


def render_generated(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Page.render for a generated page: Markdown only for its headings (hulproute/page_blocks.py),
    the HTML blocks put back as Markdown would; any other page the ordinary way."""
    blocks = page_blocks.split(page.markdown or "")
    if blocks is None:
        Page.render(page, config, files)
        return
    whole = page.markdown
    page.markdown = page_blocks.headings(blocks)
    try:
        Page.render(page, config, files)
    finally:
        page.markdown = whole
    page.content = page_blocks.join(blocks, page.content or "")
    page.present_anchor_ids = (page.present_anchor_ids or set()) | page_blocks.anchors(blocks)


def use_fast_render(page: Page) -> Page:
    """Generated pages render with render_generated (MkDocs calls page.render)."""
    if is_generated(page):
        page.render = functools.partial(render_generated, page)  # type: ignore[method-assign]
    return page


def site_path(page: Page) -> str:
    """The page's path without the language folder, the same in every language
    ('signalen/partnergeweld.md'), as data/ names pages."""
    return getattr(page.file, "norm_src_uri", None) or page.file.src_uri


def page_path(page: Page) -> str:
    """The page's source as a maintainer finds it: docs/<lang>/… or '(generated) …'."""
    if is_generated(page):
        return f"(generated from data/) {page.file.src_uri}"
    return f"docs/{page.file.src_uri}"


# ---- the editors' preview (scripts/serve.py): rebuild only what changed ---------------------------

_PREVIEW: dict[str, Any] = {"keys": preview_cache.PageKeys(), "generated_key": None, "state": None}


def preview_state(config: MkDocsConfig, render: Callable[[], BuildState]) -> BuildState:
    """The preview's BuildState: made again only when data/, the page templates or a page's front
    matter changed since the last preview build (hulproute/preview_cache.py)."""
    key = preview_cache.generated_key(data_dir(config, settings(config)), Path(config.docs_dir))
    if _PREVIEW["generated_key"] != key or _PREVIEW["state"] is None:
        _PREVIEW["state"], _PREVIEW["generated_key"] = render(), key
    return _PREVIEW["state"]


def mark_unchanged_pages(files: Files, config: MkDocsConfig) -> None:
    """In a preview's dirty rebuild, MkDocs skips a page whose file says it is not modified: say so
    exactly for pages whose inputs are unchanged since the last preview build."""
    folder = data_dir(config, settings(config))
    pages = list(files.documentation_pages())
    chrome = preview_cache.chrome_key(folder, Path(config.config_file_path), Path(config.theme.custom_dir or "."),
                                      [file.src_uri for file in pages])
    renderer = current_state(config).renderers[language(config)]
    keys: preview_cache.PageKeys = _PREVIEW["keys"]
    for file in pages:
        if file.generated_by is not None:
            key = preview_cache.text_key(chrome, file.content_string)
        else:
            source = Path(file.abs_src_path).read_text(encoding="utf-8")
            key = preview_cache.text_key(chrome, source, _with_macros(renderer, source, folder))
        changed = keys.changed(file.abs_dest_path, key)
        file.is_modified = (lambda: True) if changed else (lambda: False)  # type: ignore[method-assign]


def _with_macros(renderer: Renderer, source: str, data_folder: Path) -> str:
    """What a hand-written page's macros print (they read data/): an edit in data/ rebuilds only
    the pages that show it. A page whose macros fail is keyed on every data file instead, so it
    is built again, and reports the error, whenever data/ changes."""
    try:
        return renderer.render_markdown(source, "")
    except (SiteError, TemplateError):
        return preview_cache.files_key([data_folder])


def preview_finished(succeeded: bool) -> None:
    keys: preview_cache.PageKeys = _PREVIEW["keys"]
    keys.finished() if succeeded else keys.failed()


# ---- errors -----------------------------------------------------------------------------------------

def reported(hook: F) -> F:
    """Every failure of a hook reaches the maintainer as a PluginError: MkDocs prints it without a
    traceback and stops before writing. SiteError carries its own fix; anything unexpected still
    names the hook and the page it was working on. HULPROUTE_DEBUG=1 keeps the traceback."""
    @functools.wraps(hook)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return hook(*args, **kwargs)
        except PluginError:
            raise
        except SiteError as exc:
            raise PluginError(str(exc)) from (exc if os.environ.get("HULPROUTE_DEBUG") else None)
        except TemplateError as exc:
            raise PluginError(f"{_where(kwargs)}template error: {exc}") from (exc if os.environ.get("HULPROUTE_DEBUG") else None)
        except Exception as exc:  # noqa: BLE001 - reported with where it happened
            if os.environ.get("HULPROUTE_DEBUG"):
                raise
            raise PluginError(
                f"internal error in {hook.__module__}.{hook.__name__} {_where(kwargs)}{type(exc).__name__}: {exc}\n"
                "    fix: this is a bug in Hulproute, not in your input; run again with HULPROUTE_DEBUG=1 "
                "for the traceback and report it") from None
    return run  # type: ignore[return-value]


def _where(kwargs: dict[str, Any]) -> str:
    page = kwargs.get("page")
    return f"while processing {page_path(page)}: " if isinstance(page, Page) else ""
