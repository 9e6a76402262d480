"""A strict Content-Security-Policy per page, as a <meta> tag added after the build.

Hash-based: every inline script on a page (Material emits some, their text varies by page depth)
is allowed by its SHA-256, never by 'unsafe-inline'. Nothing may load from another origin.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# Data scripts (<script type="application/json">) are not executed and need no hash.
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_EXECUTABLE_TYPES = ("", "text/javascript", "module", "application/javascript")
_CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.I)
MARKER = 'http-equiv="Content-Security-Policy"'

BASE_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    # Pagefind (search) runs WebAssembly in a worker.
    "worker-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
}


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        kind = re.search(r'\btype="([^"]*)"', match.group("attrs"))
        if (kind.group(1) if kind else "") not in _EXECUTABLE_TYPES:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(set(hashes))


def policy_for(html: str, extra: dict[str, list[str]] | None = None) -> str:
    policy = {key: list(values) for key, values in BASE_POLICY.items()}
    policy["script-src"] += inline_script_hashes(html)
    for key, values in (extra or {}).items():
        policy.setdefault(key, []).extend(values)
    return "; ".join(f"{key} {' '.join(values)}" for key, values in policy.items())


def add_policy(html: str, extra: dict[str, list[str]] | None = None) -> str:
    """Insert the CSP meta right after <meta charset>, before any script it governs."""
    if MARKER in html:
        raise RuntimeError("page already has a Content-Security-Policy meta tag")
    match = _CHARSET.search(html)
    if not match:
        raise RuntimeError("page has no <meta charset=\"utf-8\">; cannot place the CSP before its scripts")
    tag = f'<meta {MARKER} content="{policy_for(html, extra)}">'
    return html[: match.end()] + "\n    " + tag + html[match.end():]


def apply_to_site(site_dir: Path, extra: dict[str, list[str]] | None = None) -> int:
    """Add the policy to every HTML file in the built site; returns the number of pages."""
    count = 0
    for page in sorted(Path(site_dir).rglob("*.html")):
        page.write_text(add_policy(page.read_text(encoding="utf-8"), extra), encoding="utf-8")
        count += 1
    return count
