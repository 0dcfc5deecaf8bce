"""In a real browser (Debian's Chromium, headless), markup that came in through the write API runs
nowhere: not on the article pages, the lists, the truce and incident pages, nor in the map popup
built by the dashboard's script. A page-wide flag stays unset, no dialog opens, nothing is
fetched from off this machine, and an inline script forced into the page is refused by the CSP.

tests/web/test_browser.py checks a hand-built malicious article; this one goes through the
pipeline, as an attacker's article would.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from marsad.api.app import create_app
from marsad.store import open_store
from tests.api.conftest import TOKEN, make_settings
from tests.security import payloads
from tests.web.browser import CHROMIUM_ARGS, artifacts_dir, chromium_path, serve

pytestmark = pytest.mark.browser

READY = '#map[data-ready="1"]'
FLAG_SET = f"() => window.{payloads.FLAG} !== undefined"


def _post(base: str, path: str, body: object) -> Any:
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def _get(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def evil_base(filled_path: Path, tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    db = tmp_path_factory.mktemp("xss-browser") / "store.db"
    db.write_bytes(filled_path.read_bytes())
    with pytest.MonkeyPatch.context() as patch, open_store(str(db)) as store:
        patch.setenv("MARSAD_TOKEN", TOKEN)
        app = create_app(make_settings(), store)
        with serve(app) as base:
            answer = _post(base, "/api/ingest", {"documents": payloads.documents()})
            assert answer["counts"]["new"] == len(payloads.documents()), answer
            _post(base, "/api/truces", payloads.truce())
            yield base


@dataclass
class Watch:
    """What the page did that it must not: dialogs, requests off this machine; and CSP refusals."""

    dialogs: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


@contextmanager
def _open_tab(browser: Any, bypass_csp: bool) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-US", bypass_csp=bypass_csp
    )
    page = context.new_page()
    watch = Watch()

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_request(request: Any) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:")) and host not in {"127.0.0.1", "localhost"}:
            watch.remote.append(request.url)

    page.on("dialog", on_dialog)
    page.on("request", on_request)
    page.on("console", lambda m: "Content Security Policy" in m.text and watch.refused.append(m.text))
    try:
        yield page, watch
    finally:
        context.close()


@pytest.fixture(params=[False, True], ids=["with-csp", "csp-bypassed"])
def tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[tuple[Any, Watch]]:
    """A tab as users have it, and one that ignores the CSP: escaping alone must hold there too."""
    with _open_tab(browser, bypass_csp=request.param) as opened:
        yield opened


@pytest.fixture
def csp_tab(browser: Any) -> Iterator[tuple[Any, Watch]]:
    with _open_tab(browser, bypass_csp=False) as opened:
        yield opened


def _pages(base: str) -> list[str]:
    incidents = _get(base, "/api/incidents?limit=1000")["items"]
    evil = quote(payloads.MARKUP[1])
    return [
        "/",
        f"/?q={evil}",
        "/articles",
        f"/articles?q={evil}",
        *(f"/articles/{doc_id}" for doc_id in (payloads.TEXT_ID, payloads.HTML_ID, payloads.RLO_ID)),
        f"/articles/{evil}",
        "/truces",
        f"/truces/{payloads.TRUCE_ID}",
        "/incidents",
        *(f"/incidents/{item['incident_id']}" for item in incidents),
        "/contradictions",
    ]


def test_no_page_runs_the_markup(evil_base: str, tab: tuple[Any, Watch]) -> None:
    page, watch = tab
    visited = 0
    for path in _pages(evil_base):
        response = page.goto(evil_base + path)
        assert response is not None
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("load")
        if urlsplit(path).path == "/":
            page.wait_for_selector(READY)
        page.wait_for_timeout(50)  # let autofocus, toggle and error handlers fire, were any there
        assert not page.evaluate(FLAG_SET), path
        visited += 1
    assert watch.dialogs == []
    assert watch.remote == []
    assert visited >= 12


def test_the_map_popup_shows_the_markup_as_text(evil_base: str, tab: tuple[Any, Watch]) -> None:
    page, watch = tab
    events = _get(evil_base, f"/api/events?doc_id={payloads.TEXT_ID}")["items"]
    target = next(e for e in events if payloads.MARKUP[1] in e["evidence"])
    page.goto(f"{evil_base}/?doc_id={payloads.TEXT_ID}")
    page.wait_for_selector(READY)
    single = page.evaluate(  # bring the event's marker out of its cluster (static/js/cluster.js)
        """(eventId) => {
            const board = window.marsadDashboard;
            const entry = board.entries().find(e => e.id === eventId);
            return board.cluster.reveal(entry).then(found => {
                found.element.id = 'evil-marker';
                return found.single;
            });
        }""",
        target["id"],
    )
    page.click("#evil-marker")
    if not single:  # events at one spot are listed first; pick ours from the list
        page.click(f'.popup-list button[data-event-id="{target["id"]}"]')
    popup = page.wait_for_selector('.leaflet-popup-content .popup[data-loaded="1"]')
    assert payloads.MARKUP[1] in popup.inner_text()
    assert popup.query_selector_all("img, svg, iframe, script, style") == []
    page.wait_for_timeout(100)
    assert not page.evaluate(FLAG_SET)
    assert watch.dialogs == []
    page.screenshot(path=str(artifacts_dir() / "security-xss-popup.png"))


def test_the_policy_refuses_a_script_forced_into_the_article_page(
    evil_base: str, csp_tab: tuple[Any, Watch]
) -> None:
    page, watch = csp_tab
    page.goto(f"{evil_base}/articles/{payloads.HTML_ID}")
    assert payloads.MARKUP[0] in page.inner_text("#comments")
    page.evaluate(
        f"""() => {{ const s = document.createElement('script');
                   s.textContent = 'window.{payloads.FLAG} = 99'; document.body.appendChild(s); }}"""
    )
    page.wait_for_timeout(200)
    assert not page.evaluate(FLAG_SET)
    assert watch.refused, "the browser did not report the refused inline script"
    page.screenshot(path=str(artifacts_dir() / "security-xss-article.png"), full_page=True)
