"""The editors' preview (scripts/serve.py): which parts of mkdocs.yml it changes, and what it says
it left out.

A preview builds one language (and the default language, which mkdocs-static-i18n always
builds) and sets `extra.hulproute.preview`, which makes the hooks skip what only a published site
needs: the materials for organisations (8,000 files) and the search index. Everything it builds
comes from the same templates and data as the full build.
"""
from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

import yaml

from hulproute.errors import SiteError

SKIPPED_PARTS = ("posters, flyers and QR codes for organisations (voor-organisaties/<kind>/<slug>/)",
                 "the search index (the search page finds nothing)",
                 "the Content-Security-Policy meta (live reload needs an inline script)")


def _i18n(settings: dict[str, Any]) -> dict[str, Any]:
    for plugin in settings.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]
    raise SiteError("mkdocs.yml has no i18n plugin with its languages", "restore the `plugins: - i18n:` section")


def languages(settings: dict[str, Any]) -> tuple[str, list[str]]:
    """(default language, all languages) as mkdocs.yml lists them."""
    listed = _i18n(settings)["languages"]
    default = next(entry["locale"] for entry in listed if entry.get("default"))
    return default, [entry["locale"] for entry in listed]


def config_overrides(settings: dict[str, Any], language: str | None) -> dict[str, Any]:
    """The top-level mkdocs.yml keys a preview of `language` replaces (MkDocs' load_config overrides)."""
    default, every = languages(settings)
    language = language or default
    if language not in every:
        raise SiteError(f"--language {language}: the site has no such language",
                        f"use one of {', '.join(every)}")
    plugins = copy.deepcopy(settings["plugins"])
    for entry in _i18n({"plugins": plugins})["languages"]:
        entry["build"] = entry["locale"] in (default, language)
    extra = copy.deepcopy(settings.get("extra") or {})
    extra.setdefault("hulproute", {})["preview"] = True
    return {"plugins": plugins, "extra": extra}


def write_config(config_file: Path, settings: dict[str, Any], overrides: dict[str, Any], folder: Path) -> Path:
    """An mkdocs.yml for the preview: it inherits `config_file` and replaces the preview's keys.

    A file, not load_config overrides: MkDocs keeps the override objects and changes them while it
    loads, so `mkdocs serve` could not load them again for a rebuild. Paths are made absolute, as
    MkDocs would resolve them next to `config_file`."""
    base = config_file.resolve().parent
    theme = dict(settings.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(base / theme["custom_dir"])
    extra = copy.deepcopy(overrides["extra"])
    extra["hulproute"]["data_dir"] = str(base / extra["hulproute"].get("data_dir", "data"))
    preview = {
        "INHERIT": str(config_file.resolve()),
        "docs_dir": str(base / settings.get("docs_dir", "docs")),
        "theme": theme,
        "extra": extra,
        "hooks": [str(base / hook) for hook in settings.get("hooks", [])],
        "plugins": overrides["plugins"],
    }
    target = folder / "mkdocs.preview.yml"
    target.write_text(yaml.safe_dump(preview, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def built_languages(overrides: dict[str, Any]) -> list[str]:
    return [entry["locale"] for entry in _i18n(overrides)["languages"] if entry["build"]]


def skipped_message(settings: dict[str, Any], overrides: dict[str, Any]) -> str:
    """What the preview builds and leaves out, for the editor's terminal."""
    built = built_languages(overrides)
    _default, every = languages(settings)
    left_out = [code for code in every if code not in built]
    lines = [f"Preview of {', '.join(built)}: every page of {'these languages' if len(built) > 1 else 'this language'}, "
             "as the full build makes it.", "Not built in this preview:"]
    if left_out:
        lines.append(f"  - the other languages ({', '.join(left_out)}): not in the language menu, their pages answer 404")
    lines += [f"  - {part}" for part in SKIPPED_PARTS]
    lines.append("The complete site: `make build` (or scripts/serve.py --all).")
    return "\n".join(lines)


DIRTY_WARNING = "A 'dirty' build is being performed"


class _KnownDirtyBuild(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def quiet_dirty_warning() -> None:
    """MkDocs warns on every dirty build (pages it skips may show a stale navigation), and
    `strict: true` stops on any warning. The preview decides itself which pages to build again,
    from everything they are made of (hooks/preview.py), so that warning does not apply."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(known, _KnownDirtyBuild) for known in logger.filters):
        logger.addFilter(_KnownDirtyBuild())
