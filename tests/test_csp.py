"""The post-build Content-Security-Policy: hashes for inline scripts, nothing else allowed inline."""
import base64
import hashlib

import pytest

from hulproute import csp

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script>var a = 1;</script><script src="x.js"></script>
<script id="__config" type="application/json">{"base": "."}</script></head><body></body></html>"""


def test_inline_script_is_hashed_and_data_script_is_not():
    expected = base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode()
    assert csp.inline_script_hashes(PAGE) == [f"'sha256-{expected}'"]


def test_policy_is_placed_before_any_script_and_has_no_unsafe_inline():
    html = csp.add_policy(PAGE)
    meta_at = html.index('http-equiv="Content-Security-Policy"')
    assert meta_at < html.index("<script")
    policy = html[meta_at:html.index(">", meta_at)]
    assert "default-src 'none'" in policy and "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in policy
    # WebAssembly (search) may be compiled; JavaScript may not be evaluated from strings.
    assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy
    assert "worker-src" not in policy


def test_policy_is_added_once_and_needs_a_charset():
    with pytest.raises(RuntimeError, match="already has"):
        csp.add_policy(csp.add_policy(PAGE))
    with pytest.raises(RuntimeError, match="charset"):
        csp.add_policy("<html><head></head></html>")
