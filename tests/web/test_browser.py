"""The dashboard in a real browser (headless Chromium): map, timeline, filters, popups, the article
page, the language toggle, and markup in articles and comments that must stay inert.

A server on 127.0.0.1 serves the demo corpus (ingested with ``marsad demo --no-serve``); a
second one serves the hand-built store of tests/api (with its malicious article). Every page
must load with no script error and no request leaving 127.0.0.1. Screenshots go to the
artifacts folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from marsad.api.app import create_app
from marsad.settings import Settings
from marsad.store import open_store
from tests.web.browser import CHROMIUM_ARGS, artifacts_dir, chromium_path, serve

pytestmark = pytest.mark.browser

READY = '#map[data-ready="1"]'


@dataclass
class Watch:
    """What a page did that it should not: script errors, requests off this machine."""

    errors: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.remote == []


# Module-scoped: Playwright's sync API keeps an event loop running until it stops, which would
# break later modules that start their own (tests/security runs asyncio and Playwright too).
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    subprocess.run(
        [sys.executable, "-m", "marsad", "demo", "--no-serve", "--db", str(db)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with open_store(str(db)) as store, serve(create_app(Settings(), store)) as url:
        yield url


@pytest.fixture(scope="module")
def evil_url(filled_path: Path, browser: Any) -> Iterator[str]:
    with open_store(str(filled_path)) as store, serve(create_app(Settings(), store)) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    watch = Watch()
    tab.on("pageerror", lambda error: watch.errors.append(str(error)))
    tab.on("console", lambda message: message.type == "error" and watch.errors.append(message.text))

    def note_request(request: Any) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:")) and host not in {"127.0.0.1", "localhost"}:
            watch.remote.append(request.url)

    tab.on("request", note_request)
    yield tab, watch
    context.close()


def api(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.loads(response.read())


def shot(tab: Any, name: str) -> None:
    tab.screenshot(path=str(artifacts_dir() / f"{name}.png"), full_page=True)


def test_dashboard_shows_every_located_event_and_the_timeline(demo_url: str, page: tuple[Any, Watch]) -> None:
    tab, watch = page
    tab.goto(demo_url + "/")
    tab.wait_for_selector(READY)
    located = api(demo_url, "/api/map")["total"]
    assert located > 20
    assert tab.get_attribute("#map", "data-shown") == str(located)
    assert tab.locator(".leaflet-marker-icon").count() > 0  # clusters and single dots
    assert tab.locator("#timeline rect.bar").count() > 0
    assert tab.locator("path.country").count() > 10  # the offline outlines, no tiles
    status = tab.inner_text("#map-status")
    assert status.startswith(f"{located} events on the map")
    shot(tab, "dashboard")
    watch.assert_clean()


def test_filtering_by_type_and_date_is_a_linkable_url(demo_url: str, page: tuple[Any, Watch]) -> None:
    tab, watch = page
    tab.goto(demo_url + "/")
    tab.wait_for_selector(READY)
    tab.check('input[name="type"][value="explosions_remote_violence"]')
    tab.fill("#f-since", "2016-04-01")
    tab.fill("#f-until", "2016-06-30")
    tab.click("#apply")
    tab.wait_for_selector(READY)
    query = urlsplit(tab.url).query
    assert "type=explosions_remote_violence" in query
    assert "since=2016-04-01" in query
    expected = api(demo_url, "/api/map?type=explosions_remote_violence&since=2016-04-01&until=2016-06-30")
    assert 0 < expected["total"] < api(demo_url, "/api/map")["total"]
    assert tab.get_attribute("#map", "data-shown") == str(expected["total"])
    cards = tab.locator(".event-card .badge.ev-explosions_remote_violence").count()
    assert cards == tab.locator(".event-card").count() > 0
    shot(tab, "dashboard-filtered")
    watch.assert_clean()


def test_brushing_the_timeline_filters_the_map(demo_url: str, page: tuple[Any, Watch]) -> None:
    tab, watch = page
    tab.goto(demo_url + "/")
    tab.wait_for_selector(READY)
    total = int(tab.get_attribute("#map", "data-shown"))
    tab.locator("#timeline").scroll_into_view_if_needed()
    box = tab.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] / 2
    tab.mouse.move(box["x"] + 2, y)
    tab.mouse.down()
    tab.mouse.move(box["x"] + box["width"] * 0.15, y, steps=5)
    tab.mouse.up()
    shown = int(tab.get_attribute("#map", "data-shown"))
    since, until = tab.input_value("#f-since"), tab.input_value("#f-until")
    assert since
    assert until
    assert 0 < shown < total
    in_range = [p for p in api(demo_url, "/api/map")["points"] if p[4] and since <= p[4] <= until]
    assert shown == len(in_range)
    groups = tab.evaluate("() => window.marsadDashboard.cluster.drawnGroups()")
    assert {i for g in groups for i in g["ids"]} == {p[0] for p in in_range}  # re-clustered
    assert f"since={since}" in tab.url
    shot(tab, "timeline-brushed")
    tab.click("#timeline-reset")
    assert int(tab.get_attribute("#map", "data-shown")) == total
    watch.assert_clean()


# Finds the newest event alone at its spot (`alone`) or sharing it with others, brings its marker
# out of any cluster (static/js/cluster.js: reveal) and tags that marker for a real click.
REVEAL = """(alone) => {
    const board = window.marsadDashboard;
    const entries = board.entries();
    const atSpot = e => entries.filter(o => o.lat === e.lat && o.lon === e.lon).length;
    const entry = entries.find(e => (atSpot(e) === 1) === alone);
    return board.cluster.reveal(entry).then(found => {
        found.element.id = 'target-marker';
        return { id: entry.id, single: found.single, here: atSpot(entry) };
    });
}"""


def follow_popup_to_article(base: str, tab: Any, event_id: int) -> None:
    loaded = f'.popup[data-event-id="{event_id}"][data-loaded="1"]'
    popup = tab.wait_for_selector(f".leaflet-popup-content {loaded}")
    event = api(base, f"/api/events/{event_id}")["event"]
    text = popup.inner_text()
    assert event["date"] in text
    assert event["evidence"][:20] in text
    tab.click(".leaflet-popup-content a.popup-article")
    tab.wait_for_selector("#article-body")
    assert urlsplit(tab.url).path == f"/articles/{event['doc_id']}"


def test_marker_popup_shows_the_event_and_links_to_its_article(
    demo_url: str, page: tuple[Any, Watch]
) -> None:
    tab, watch = page
    tab.goto(demo_url + "/")
    tab.wait_for_selector(READY)
    target = tab.evaluate(REVEAL, True)
    assert target["single"]
    assert "ev-dot" in tab.get_attribute("#target-marker", "class")
    tab.click("#target-marker")
    shot(tab, "popup")
    follow_popup_to_article(demo_url, tab, target["id"])
    watch.assert_clean()


def test_events_at_one_spot_are_listed_and_each_opens_its_popup(
    demo_url: str, page: tuple[Any, Watch]
) -> None:
    tab, watch = page
    tab.goto(demo_url + "/")
    tab.wait_for_selector(READY)
    target = tab.evaluate(REVEAL, False)
    assert not target["single"]
    assert tab.inner_text("#target-marker") == str(target["here"])
    tab.click("#target-marker")
    picks = tab.locator(".leaflet-popup-content .popup-list button.popup-pick")
    picks.first.wait_for()
    assert picks.count() == target["here"]
    dates = [d for d in (p.split(" · ")[0] for p in picks.all_inner_texts()) if d[:1].isdigit()]
    assert dates == sorted(dates, reverse=True)  # newest first
    shot(tab, "popup-list")
    tab.click(f'.popup-list button[data-event-id="{target["id"]}"]')
    follow_popup_to_article(demo_url, tab, target["id"])
    watch.assert_clean()


def test_clusters_count_every_event_and_a_click_zooms_into_one(
    demo_url: str, page: tuple[Any, Watch]
) -> None:
    tab, watch = page
    tab.goto(demo_url + "/")
    tab.wait_for_selector(READY)
    shown = int(tab.get_attribute("#map", "data-shown"))
    groups = tab.evaluate("() => window.marsadDashboard.cluster.drawnGroups()")
    assert sum(g["count"] for g in groups) == shown  # the fitted view holds every event once
    assert len({i for g in groups for i in g["ids"]}) == shown
    assert tab.locator("#map .leaflet-marker-icon").count() == len(groups)
    biggest = max(groups, key=lambda g: g["count"])
    assert biggest["count"] > 1
    badge = tab.locator("#map .ev-cluster", has_text=str(biggest["count"])).first
    assert badge.get_attribute("title").startswith(f"{biggest['count']} events, mostly ")
    before = tab.evaluate("() => window.marsadDashboard.map.getZoom()")
    badge.focus()
    tab.keyboard.press("Enter")  # markers are buttons for the keyboard too
    tab.wait_for_function(f"() => window.marsadDashboard.map.getZoom() > {before}")
    tab.wait_for_timeout(400)  # the zoom animation ends, the clusters are drawn again
    after = tab.evaluate("() => window.marsadDashboard.cluster.drawnGroups()")
    drawn_ids = {i for g in after for i in g["ids"]}
    assert set(biggest["ids"]) <= drawn_ids  # its events are all in the zoomed view
    assert len([g for g in after if set(g["ids"]) & set(biggest["ids"])]) > 1  # and came apart
    shot(tab, "cluster-zoomed")
    watch.assert_clean()


def test_article_page_is_rtl_with_every_span_highlighted(demo_url: str, page: tuple[Any, Watch]) -> None:
    tab, watch = page
    doc_id = api(demo_url, "/api/events?type=explosions_remote_violence&limit=1")["items"][0]["doc_id"]
    article = api(demo_url, f"/api/articles/{doc_id}")["article"]
    tab.goto(f"{demo_url}/articles/{doc_id}")
    body = tab.locator("#article-body")
    assert body.evaluate("node => getComputedStyle(node).direction") == "rtl"
    assert body.get_attribute("lang") == "ar"
    for kind in ("place", "quantity", "trigger"):
        wanted = {m["text"] for m in article["mentions"] if m["kind"] == kind}
        if not wanted:
            continue
        marked = set(tab.locator(f"#article-body mark.hl-{kind}").all_inner_texts())
        assert marked, kind
        assert all(any(run in text for text in wanted) for run in marked), kind  # runs cut mentions
    assert tab.locator("#span-legend mark").count() >= 3
    assert tab.locator(".event-card").count() == len(article["events"])
    shot(tab, "article")
    tab.click("#lang-toggle")
    tab.wait_for_selector('html[dir="rtl"]')
    assert tab.locator("html").get_attribute("lang") == "ar"
    shot(tab, "article-ar")
    watch.assert_clean()


def test_malicious_markup_in_articles_and_comments_runs_no_script(
    evil_url: str, page: tuple[Any, Watch]
) -> None:
    tab, _ = page
    refused: list[str] = []
    tab.on(
        "console", lambda message: "Content Security Policy" in message.text and refused.append(message.text)
    )
    for path in ("/articles/evil-1", "/", "/articles", "/?q=<script>alert(1)</script>"):
        response = tab.goto(evil_url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert tab.evaluate("() => window.__marsadPwned") is None
        assert tab.locator("#article-body img, .comments img").count() == 0
    tab.goto(evil_url + "/articles/evil-1")
    assert "<script>window.__marsadPwned = 1</script>" in tab.inner_text("#article-body")
    assert '<img src="x" onerror' in tab.inner_text("#comments")
    # The policy is enforced: an inline script added to the page is refused by the browser.
    tab.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.__marsadPwned = 3'; document.body.appendChild(s); }"""
    )
    tab.wait_for_timeout(200)
    assert tab.evaluate("() => window.__marsadPwned") is None
    assert refused
    shot(tab, "malicious-article")
