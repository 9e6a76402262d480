"""Bad input only the build sees (pages, mkdocs.yml, hooks): refused with a clear message, before
anything is written. What the content lint forbids, the build refuses too, so a site that
`make build` produced always passes the content rules.

Each case breaks one thing in private copies of docs/ and data/, then runs the real build; it
must fail with a SiteError or MkDocs' own error (both printed without a traceback by
scripts/build_site.py) that names the file and the fix, and leave no site behind.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from mkdocs.exceptions import MkDocsException

from hulproute.errors import SiteError
from tests.conftest import DATA, HOOKS, ROOT, write_fixture_config
from tests.helpers import build_atomically

PAGE = "signalen/partnergeweld.md"


@dataclass
class Case:
    docs: Path
    data: Path
    work: Path
    exit_url: str = "https://www.knmi.nl/"
    extra_config: str = ""
    hooks: tuple[str, ...] = tuple(HOOKS)


def edit_page(language: str, page: str, old: str, new: str, count: int = 1) -> Callable[[Case], None]:
    def edit(case: Case) -> None:
        path = case.docs / language / page
        text = path.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in docs/{language}/{page}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return edit


def append_page(language: str, page: str, text: str) -> Callable[[Case], None]:
    def edit(case: Case) -> None:
        with (case.docs / language / page).open("a", encoding="utf-8") as handle:
            handle.write(text)
    return edit


def setting(**changes: object) -> Callable[[Case], None]:
    def edit(case: Case) -> None:
        for key, value in changes.items():
            setattr(case, key, value)
    return edit


def first_cite(language: str) -> str:
    text = (ROOT / "docs" / language / PAGE).read_text(encoding="utf-8")
    return text[text.index("cite('"):].split("'")[1]


# (id, edit, words the message must contain)
BUILD_CASES: list[tuple[str, Callable[[Case], None], tuple[str, ...]]] = [
    ("exit-url-missing", setting(exit_url="null"), ("extra.hulproute.exit_url", "fix:")),
    ("exit-url-relative", setting(exit_url="/weg"), ("extra.hulproute.exit_url", "neutral page")),
    ("exit-url-javascript", setting(exit_url="'javascript:alert(1)'"), ("extra.hulproute.exit_url",)),
    ("data-dir-missing", lambda case: shutil.rmtree(case.data), ("languages.yaml", "does not exist")),
    ("translation-front-matter-broken", edit_page("ar", PAGE, "title:", "title: [", 1), (f"docs/ar/{PAGE}", "front matter is not valid YAML")),
    ("translation-front-matter-unclosed", edit_page("pl", PAGE, "\n---\n", "\n", 1), (f"docs/pl/{PAGE}", "front matter has no 'title'")),
    ("footnote-unknown-source", edit_page("nl", PAGE, f"cite('{first_cite('nl')}')", "cite('bestaat-niet')"), (f"docs/nl/{PAGE}", "unknown source 'bestaat-niet'")),
    ("footnote-without-cite", append_page("nl", PAGE, "\nZie noot.[^zz]\n\n[^zz]: een bron\n"), (f"docs/nl/{PAGE}", "cites no source")),
    ("footnote-without-definition", append_page("en", PAGE, "\nSee note.[^qq]\n"), (f"docs/en/{PAGE}", "[^qq] has no source")),
    ("typed-phone-number", append_page("tr", PAGE, "\nArayın: 0800-2000\n"), (f"docs/tr/{PAGE}", "typed by hand")),
    ("typed-112", append_page("uk", PAGE, "\nТелефонуйте 112.\n"), (f"docs/uk/{PAGE}", "typed by hand")),
    ("translation-missing", lambda case: (case.docs / "uk" / PAGE).unlink(), (f"docs/uk/{PAGE}", "translation missing")),
    ("translation-review-state", edit_page("tr", PAGE, "review: unreviewed", "review: maybe"), (f"docs/tr/{PAGE}", "'review' is 'maybe'")),
    ("page-not-in-content-map", lambda case: shutil.copy(case.docs / "nl" / PAGE, case.docs / "nl" / "signalen" / "nieuw.md"),
     ("docs/nl/signalen/nieuw.md", "not listed in data/content.yaml")),
    ("link-to-missing-page", append_page("nl", PAGE, "\n[Meer](bestaat-niet.md)\n"), (f"docs/nl/{PAGE}", "leads nowhere")),
    ("macro-unknown-service", append_page("nl", PAGE, "\n{{ service_card('brandweer') }}\n"), (f"docs/nl/{PAGE}", "unknown service 'brandweer'")),
    # Turkish is built by the second process (hulproute/parallel_languages.py): same message.
    ("macro-in-a-language-built-elsewhere", append_page("tr", PAGE, "\n{{ service_card('brandweer') }}\n"),
     (f"docs/tr/{PAGE}", "unknown service 'brandweer'")),
    ("macro-syntax-error", append_page("nl", PAGE, "\nBel {{ call('veilig-thuis' }}.\n"), (f"docs/nl/{PAGE}", "line", "is not valid")),
    ("macro-undefined", append_page("nl", PAGE, "\n{{ bestaat_niet() }}\n"), (f"docs/nl/{PAGE}", "'bestaat_niet' is undefined")),
    ("macro-call-without-phone", append_page("nl", PAGE, "\nBel {{ call('juridisch-loket') }}.\n"), (f"docs/nl/{PAGE}", "no verified phone number")),
    ("macro-unknown-text", append_page("nl", PAGE, "\n{{ t.bestaat_niet }}\n"), (f"docs/nl/{PAGE}", "bestaat_niet")),
    ("hook-data-missing", setting(hooks=tuple(h for h in HOOKS if h != "data.py")), ("hooks/data.py",)),
    ("i18n-plugin-missing", setting(extra_config="plugins: []\n"), ("i18n",)),
    ("nav-title-unknown", setting(extra_config="nav:\n  - nav_bestaat_niet: index.md\n"), ("nav_bestaat_niet", "data/strings")),
]


@pytest.fixture
def case(tmp_path: Path) -> Case:
    docs, data = tmp_path / "docs", tmp_path / "data"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(DATA, data)
    return Case(docs=docs, data=data, work=tmp_path)


def config_for(case: Case) -> Path:
    config = write_fixture_config(case.work, case.work / "site", data_dir=case.data, exit_url=case.exit_url,
                                  docs_dir=case.docs)
    text = config.read_text(encoding="utf-8")
    text = text.split("hooks:\n")[0] + case.extra_config + "hooks:\n" + "".join(
        f"  - {ROOT / 'hooks' / name}\n" for name in case.hooks)
    config.write_text(text, encoding="utf-8")
    return config


@pytest.mark.parametrize("edit, words", [c[1:] for c in BUILD_CASES], ids=[c[0] for c in BUILD_CASES])
def test_the_build_refuses_with_a_clear_message(case, edit, words, caplog):
    edit(case)
    with pytest.raises((SiteError, MkDocsException)) as caught:
        build_atomically(config_for(case), case.work / "site")
    # MkDocs logs a hook's PluginError, then aborts; scripts/build_site.py prints both.
    message = f"{caught.value}\n{caplog.text}"
    for word in words:
        assert word in message, f"{word!r} not in:\n{message}"
    assert "Traceback" not in message
    assert not (case.work / "site").exists(), "nothing is published when the build fails"
    assert not any((case.work / ".site-builds").glob("*")), "the unfinished build folder is removed"
