"""The site's extra languages built by two processes: which ones go to the second, and how its
output joins the site (hulproute/mkdocs_glue.py drives the i18n plugin; nothing here knows MkDocs).

The second process builds its languages into a staging folder of its own, so that nothing both
write can collide: every language build writes the root 404.html and sitemap.xml and copies the
theme's assets. Afterwards its language folders are moved into the site, the two sitemaps are
merged, and everything else it wrote must be what the site already has (else it is a bug, said
loudly rather than a file lost).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from hulproute.staging import move_tree

STAGING = "_languages-in-progress"
SITEMAP = "sitemap.xml"
_URL_BLOCK = re.compile(r"<url>.*?</url>", re.S)


def languages_elsewhere(others: list[str]) -> list[str]:
    """The first half of the extra languages (the larger half when odd): the second process
    starts with them at once, this one has the materials and the search index still to await."""
    return others[: (len(others) + 1) // 2]


def join(staging: Path, site_dir: Path, languages: list[str]) -> None:
    """Move the languages built in `staging` into the site and remove the staging folder."""
    _check_shared_files_match(staging, site_dir, languages)
    for language in languages:
        if not (staging / language).is_dir():
            raise RuntimeError(f"the second process built no {language}/ folder")
        move_tree(staging / language, site_dir / language)
    merged = merge_sitemaps(site_dir / SITEMAP, staging / SITEMAP)
    (site_dir / SITEMAP).write_text(merged, encoding="utf-8")
    (site_dir / f"{SITEMAP}.gz").unlink(missing_ok=True)  # stale: hulproute.hosting compresses it again
    shutil.rmtree(staging)


def merge_sitemaps(own: Path, other: Path) -> str:
    """The other process's sitemap (the default language and the first languages, in their
    order) with this process's entries for the languages it built appended: the order a single
    process writes, each entry as the i18n plugin's template wrote it."""
    theirs, ours = other.read_text(encoding="utf-8"), own.read_text(encoding="utf-8")
    listed = _URL_BLOCK.findall(theirs)
    if not listed:
        raise RuntimeError(f"{other} lists no pages")
    known = set(listed)
    extra = [block for block in _URL_BLOCK.findall(ours) if block not in known]
    end = theirs.rindex("</url>") + len("</url>")
    return theirs[:end] + "".join("\n    " + block for block in extra) + theirs[end:]


def _check_shared_files_match(staging: Path, site_dir: Path, languages: list[str]) -> None:
    """What the second process wrote outside its languages (theme assets, the default 404) must
    already be in the site, with the same size; the sitemap is merged instead."""
    for path in staging.rglob("*"):
        relative = path.relative_to(staging)
        if not path.is_file() or relative.parts[0] in languages or relative.as_posix() in (SITEMAP, f"{SITEMAP}.gz"):
            continue
        built = site_dir / relative
        if not built.is_file() or built.stat().st_size != path.stat().st_size:
            raise RuntimeError(f"the second language process wrote {relative.as_posix()}, which the site "
                               "lacks or has otherwise: hulproute/parallel_languages.py must move it too")
