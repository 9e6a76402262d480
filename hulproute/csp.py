"""A strict, site-wide Content-Security-Policy, as a <meta> tag added to every page after the build.

Hash-based: every inline script and the inline stylesheets (hulproute.theme_assets) are allowed by
their SHA-256, never by 'unsafe-inline'. Nothing may load from another origin. The policy is the
same on every page (the union of the site's handful of hashes) so that one value can also be sent
as an HTTP header by the web server (hulproute.hosting adds frame-ancestors, which a meta cannot).
"""
from __future__ import annotations

import base64
import hashlib
import re
from typing import Iterable

# Data scripts (<script type="application/json">) are not executed and need no hash.
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_EXECUTABLE_TYPES = ("", "text/javascript", "module", "application/javascript")
CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.I)
MARKER = 'http-equiv="Content-Security-Policy"'

BASE_POLICY = {
    "default-src": ["'none'"],
    # 'wasm-unsafe-eval': search (Pagefind) compiles its WebAssembly; it allows no JavaScript eval.
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    # No worker-src: search runs Pagefind on the page itself (noWorker), so default-src 'none'
    # forbids every worker.
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
}


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        kind = re.search(r'\btype="([^"]*)"', match.group("attrs"))
        if (kind.group(1) if kind else "") not in _EXECUTABLE_TYPES:
            continue
        hashes.append(source_hash(match.group("body")))
    return sorted(set(hashes))


def source_hash(text: str) -> str:
    """The CSP source that allows an inline script or style with exactly this text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def site_policy(pages: Iterable[str], extra: dict[str, list[str]] | None = None) -> str:
    """One policy allowing the inline scripts of all the given pages (and nothing else inline)."""
    return policy_allowing({digest for html in pages for digest in inline_script_hashes(html)}, extra)


def policy_allowing(script_hashes: set[str], extra: dict[str, list[str]] | None = None) -> str:
    """The policy with these inline-script hashes allowed."""
    policy = {key: list(values) for key, values in BASE_POLICY.items()}
    policy["script-src"] += sorted(script_hashes)
    for key, values in (extra or {}).items():
        policy.setdefault(key, []).extend(values)
    return "; ".join(f"{key} {' '.join(values)}" for key, values in policy.items())


def policy_for(html: str, extra: dict[str, list[str]] | None = None) -> str:
    return site_policy([html], extra)


def add_policy(html: str, policy: str | None = None) -> str:
    """Insert the CSP meta right after <meta charset>, before any script it governs.

    Without a policy, the page's own (its inline scripts only) is used.
    """
    if MARKER in html:
        raise RuntimeError("page already has a Content-Security-Policy meta tag")
    match = CHARSET.search(html)
    if not match:
        raise RuntimeError("page has no <meta charset=\"utf-8\">; cannot place the CSP before its scripts")
    tag = f'<meta {MARKER} content="{policy or policy_for(html)}">'
    return html[: match.end()] + "\n    " + tag + html[match.end():]


def meta_policy(html: str) -> str | None:
    """The policy of a page's CSP meta tag, as added by add_policy (None if it has none)."""
    match = re.search(MARKER + r' content="([^"]*)"', html)
    return match.group(1) if match else None

