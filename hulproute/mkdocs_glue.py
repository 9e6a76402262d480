"""The only module that knows MkDocs and mkdocs-static-i18n internals (pinned in requirements.txt).

It turns pre-rendered pages into MkDocs `File`s that the i18n plugin treats like its own: same
attributes for the language switcher (`alternates`) and for `sitemap.xml`
(`i18n_files_per_language`). tests/test_site_build.py guards this against plugin changes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from hulproute.loader import SiteData
from hulproute.site_state import BuildState, GeneratedPage

_STATE: dict[str, BuildState] = {}


def set_state(state: BuildState) -> None:
    """Remember the state of the build in progress (hook modules are loaded separately)."""
    _STATE["build"] = state


def current_state() -> BuildState:
    try:
        return _STATE["build"]
    except KeyError:
        raise RuntimeError("hooks/data.py must be listed first under 'hooks:' in mkdocs.yml") from None


def i18n_plugin(config: MkDocsConfig) -> Any:
    try:
        return config.plugins["i18n"]
    except KeyError:
        raise RuntimeError("mkdocs.yml must enable the 'i18n' plugin (mkdocs-static-i18n)") from None


def hulproute_settings(config: MkDocsConfig) -> dict[str, Any]:
    """`extra.hulproute` in mkdocs.yml: data_dir (relative to mkdocs.yml), only_municipalities."""
    settings = dict(config.extra.get("hulproute") or {})
    base = Path(config.config_file_path).parent
    settings["data_dir"] = (base / settings.get("data_dir", "data")).resolve()
    settings["only_municipalities"] = set(settings.get("only_municipalities") or []) or None
    exit_url = str(settings.get("exit_url") or "")
    if not exit_url.startswith(("https://", "http://")):
        raise RuntimeError(
            f"mkdocs.yml extra.hulproute.exit_url is {exit_url!r}: set it to the full address of a "
            "neutral page (e.g. https://www.knmi.nl/) for the quick-exit button"
        )
    return settings


def check_languages(config: MkDocsConfig, data: SiteData) -> None:
    """mkdocs.yml and data/languages.yaml must list the same languages in the same order."""
    plugin = i18n_plugin(config)
    configured = [lang.locale for lang in plugin.config.languages]
    if configured != data.language_codes:
        raise RuntimeError(
            f"mkdocs.yml i18n languages {configured} differ from data/languages.yaml {data.language_codes}; "
            "list the same codes in the same order in both (README: 'Adding a language')"
        )
    if configured[0] != plugin.default_language:
        raise RuntimeError(f"the first language ({configured[0]}) must be the i18n default language")


def _prefix(language: str, default: str) -> str:
    return "" if language == default else f"{language}/"


def generated_files(config: MkDocsConfig, pages: list[GeneratedPage], language: str, languages: list[str]) -> list[File]:
    """Files for one language build, with i18n attributes so switcher and sitemap include them."""
    default = languages[0]
    made = []
    for page in pages:
        src_uri = _prefix(language, default) + page.norm_src_uri
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, src_uri, content=page.markdown[language], inclusion=inclusion)
        file.locale = language
        file.locale_alternate_of = language
        file.localization = language
        file.norm_src_uri = page.norm_src_uri
        file.alternates = {}
        for other in languages:
            if other == language:
                file.alternates[other] = file
            else:
                file.alternates[other] = File(
                    _prefix(other, default) + page.norm_src_uri, src_dir=None,
                    dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls,
                )
        made.append(file)
    return made


def add_generated_files(files: Files, config: MkDocsConfig, made: list[File]) -> Files:
    plugin = i18n_plugin(config)
    for file in made:
        if files.get_file_from_path(file.src_uri) is not None:
            raise RuntimeError(f"docs/ already has a page at {file.src_uri}; generated pages own that path")
        files.append(file)
    plugin.i18n_files_per_language.setdefault(plugin.current_language, []).extend(made)
    return files
