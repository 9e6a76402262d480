"""`{name}` placeholders in translated UI strings, and nothing more.

Why not `str.format`: a translation is data written by many hands, and `str.format` is a small
language — `{phone.__class__.__mro__}` prints Python internals, a stray `{` crashes the build.
Here a placeholder is exactly `{name}`; anything else with a brace is refused when the strings
are loaded (`brace_problem`), and filling replaces only the names it is given.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Mapping, Optional

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_BRACE = re.compile(r"[{}]")


def names(template: str) -> list[str]:
    """The placeholder names in a string, sorted (to compare a translation with its source)."""
    return sorted(PLACEHOLDER.findall(template))


def brace_problem(template: str) -> Optional[str]:
    """Why a string's braces are not plain placeholders, or None when they are."""
    leftover = PLACEHOLDER.sub("", template)
    stray = _BRACE.search(leftover)
    if stray is None:
        return None
    start = max(0, stray.start() - 15)
    return f"has a '{stray.group(0)}' that is not part of a {{name}} placeholder (near '…{leftover[start:stray.end() + 15]}…')"


def fill(template: str, values: Mapping[str, Any], escape: Callable[[Any], str] = str) -> str:
    """Replace each `{name}` with its value; a name the caller did not give is a loud error.

    `escape` is applied to the template's own text and to each value (e.g. HTML escaping), never
    to the placeholders, so a translation's braces cannot be escaped away or smuggled in."""
    parts, end = [], 0
    for match in PLACEHOLDER.finditer(template):
        name = match.group(1)
        if name not in values:
            raise KeyError(f"placeholder {{{name}}} has no value here (given: {', '.join(sorted(values)) or 'none'})")
        parts += [escape(template[end:match.start()]), escape(values[name])]
        end = match.end()
    parts.append(escape(template[end:]))
    return "".join(str(part) for part in parts)
