"""Material's files this site does not use stay out of the build, and its stylesheet is trimmed to
what the built pages use (issue 16: a first view of at most 40 KB on a prepaid phone).

Dropped: the JavaScript bundle and its search workers and lunr languages (overrides/main.html
empties the blocks that load them; search is Pagefind), the palette sheet (no palette is
configured) and the source maps (of files we change or drop). Fewer files also make the CSP and
gzip passes shorter.
"""
from __future__ import annotations

import re
from pathlib import Path

import material

from hulproute import css_trim

UNUSED_THEME_FILES = re.compile(
    r"^assets/javascripts/(?:bundle\.[0-9a-f]+\.min\.js|lunr/.*|workers/.*)$"
    r"|^assets/stylesheets/palette\.[0-9a-f]+\.min\.css$"
    r"|\.min\.(?:js|css)\.map$"
)
# Material's own files, as the theme ships them (the untrimmed stylesheet, for comparisons).
MATERIAL_SITE = Path(material.__file__).parent / "templates"
OUR_SCRIPTS = "assets/javascripts/hulproute-*.js"
OUR_STYLESHEETS = "assets/stylesheets/hulproute*.css"


def is_unused(site_path: str) -> bool:
    """Is this theme file (path in the site, e.g. 'assets/javascripts/bundle.a5f9d56c.min.js') unused?"""
    return bool(UNUSED_THEME_FILES.search(site_path))


def material_stylesheet(site_dir: Path) -> Path:
    found = [path for path in (site_dir / "assets" / "stylesheets").glob("main.*.min.css")
             if css_trim.MATERIAL_CSS.search(path.relative_to(site_dir).as_posix())]
    if len(found) != 1:
        raise RuntimeError(f"expected Material's one main.<hash>.min.css in {site_dir}/assets/stylesheets, found {len(found)}")
    return found[0]


def trim_material_stylesheet(site_dir: Path, used: css_trim.UsedNames) -> tuple[str, str]:
    """Replace Material's stylesheet by the rules that the pages (`used`) and our scripts can use,
    under a new content-hashed name. Returns (old name, new name), for the pages' links."""
    for script in sorted(site_dir.glob(OUR_SCRIPTS)):
        used.add_script(script.read_text(encoding="utf-8"))
    original = material_stylesheet(site_dir)
    ours = [path.read_text(encoding="utf-8") for path in sorted(site_dir.glob(OUR_STYLESHEETS))]
    css = css_trim.trim(original.read_text(encoding="utf-8"), used, ours)
    name = css_trim.fingerprinted_name(css)
    (original.parent / name).write_text(css, encoding="utf-8")
    if name != original.name:
        original.unlink()
    return original.name, name
