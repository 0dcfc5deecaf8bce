"""Stored and reflected markup stays text on every page that shows it (the server-rendered HTML,
parsed as a browser would, with selectolax's HTML5 parser). The malicious articles, comments
and truce come in through the write API (tests/security/payloads.py). The browser test
(test_xss_browser.py) then proves that nothing runs, popups included.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from selectolax.lexbor import LexborHTMLParser, LexborNode

from marsad.api.app import create_app
from marsad.store import open_store
from tests.api.conftest import TOKEN, make_settings
from tests.security import payloads

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Elements whose content is its own paragraph: an override inside ends with it.
BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "li", "dd", "dt", "td", "th", "blockquote", "title", "option"}
)
#: Elements no template writes into a page body; markup from data would be the only source.
FOREIGN = frozenset(
    {"iframe", "object", "embed", "img", "base", "math", "style", "details", "frame", "video"}
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")


def ingest_payloads(test_client: TestClient) -> None:
    """The malicious documents and truce, through the API with the token."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    answer = test_client.post("/api/ingest", json={"documents": payloads.documents()}, headers=auth)
    assert answer.status_code == 200, answer.text
    assert {d["status"] for d in answer.json()["documents"]} == {"new"}, answer.text
    truce = test_client.post("/api/truces", json=payloads.truce(), headers=auth)
    assert truce.status_code == 201, truce.text


@pytest.fixture(scope="module")
def xss_client(filled_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("xss") / "store.db"
    db.write_bytes(filled_path.read_bytes())
    with pytest.MonkeyPatch.context() as patch, open_store(str(db)) as store:
        patch.setenv("MARSAD_TOKEN", TOKEN)
        app = create_app(make_settings(), store)
        patch.delenv("MARSAD_TOKEN")  # the app has read it; nothing else needs it
        with TestClient(app, raise_server_exceptions=False) as test_client:
            ingest_payloads(test_client)
            yield test_client
    assert "MARSAD_TOKEN" not in os.environ or os.environ["MARSAD_TOKEN"] != TOKEN


def pages(test_client: TestClient) -> list[str]:
    """Every page that can show the payloads: lists, the articles, the truce, incidents, searches."""
    incidents = test_client.get("/api/incidents", params={"limit": 1000}).json()["items"]
    evil = payloads.MARKUP[0]
    return [
        "/",
        f"/?doc_id={payloads.TEXT_ID}",
        f"/?q={evil}&place={payloads.MARKUP[4]}&source={payloads.MARKUP[5]}",
        "/articles",
        f"/articles?q={evil}",
        *(f"/articles/{doc_id}" for doc_id in (payloads.TEXT_ID, payloads.HTML_ID, payloads.RLO_ID)),
        f"/articles/{evil}",  # a 404 page that names the id it did not find
        "/truces",
        f"/truces/{payloads.TRUCE_ID}",
        "/incidents",
        *(f"/incidents/{item['incident_id']}" for item in incidents),
        "/contradictions",
    ]


def scan(page: str, html: str) -> None:
    """No script but ours, no event handler, no script URL, no element that data could bring."""
    tree = LexborHTMLParser(html)
    for script in tree.css("script"):
        source = script.attributes.get("src") or ""
        assert source.startswith("/static/") or script.attributes.get("type") == "application/json", (
            page,
            script.html,
        )
        if script.attributes.get("type") == "application/json":
            assert "<" not in (script.text() or ""), page  # tojson escapes "<", so no "</script>" break-out
    for node in tree.root.traverse() if tree.root else ():
        assert node.tag not in FOREIGN, (page, node.html)
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), (page, node.tag, name)
            if name.lower() in URL_ATTRIBUTES and value:
                assert not value.strip().lower().startswith(("javascript:", "vbscript:")), (page, node.html)


def isolated(node: LexborNode) -> bool:
    """True when a bidi override in ``node``'s text cannot reach text outside ``node``."""
    element = node.parent
    if element is None:
        return False
    if element.tag == "bdi" or "dir" in element.attributes:
        return True
    only_child = element.child == node and node.next is None
    return element.tag in BLOCKS and only_child


def test_every_page_shows_the_markup_as_text(xss_client: TestClient) -> None:
    for page in pages(xss_client):
        response = xss_client.get(page, headers={"accept": "text/html"})
        assert response.status_code in {200, 404}, page
        assert response.headers["content-type"].startswith("text/html"), page
        scan(page, response.text)
        for payload in payloads.MARKUP:
            if str(escape(payload)) != payload:
                assert payload not in response.text, (page, payload)


@pytest.mark.parametrize(
    ("doc_id", "where"),
    [
        (payloads.TEXT_ID, "#article-body"),  # highlights may cut a payload into runs
        (payloads.HTML_ID, "#comments"),  # reader comments and their authors
    ],
)
def test_the_article_page_shows_every_payload_as_text(
    xss_client: TestClient, doc_id: str, where: str
) -> None:
    """Escaped, not dropped: the reader sees the markup as it was written."""
    node = LexborHTMLParser(xss_client.get(f"/articles/{doc_id}").text).css_first(where)
    assert node is not None
    shown = node.text(separator="")
    assert [payload for payload in payloads.MARKUP if payload not in shown] == []


def test_reader_comments_came_through_the_api(xss_client: TestClient) -> None:
    comments = xss_client.get(f"/api/articles/{payloads.HTML_ID}").json()["article"]["comments"]
    texts = " ".join(f"{c['author']} {c['text']}" for c in comments)
    assert all(payload in texts for payload in payloads.MARKUP)


def test_the_event_evidence_holds_markup_for_the_map_popup(xss_client: TestClient) -> None:
    events = xss_client.get("/api/events", params={"doc_id": payloads.TEXT_ID}).json()["items"]
    located = [e for e in events if e["location"] and e["location"]["lat"] is not None]
    assert any(payloads.MARKUP[1] in e["evidence"] for e in located)


def test_api_answers_are_json_never_html(xss_client: TestClient) -> None:
    for path in (
        f"/api/articles/{payloads.TEXT_ID}",
        f"/api/events?doc_id={payloads.TEXT_ID}",
        "/api/truces",
    ):
        response = xss_client.get(path, headers={"accept": "text/html"})
        assert response.headers["content-type"] == "application/json"
        assert response.headers["x-content-type-options"] == "nosniff"


def test_bidi_overrides_stay_inside_their_field(xss_client: TestClient) -> None:
    for page in pages(xss_client):
        tree = LexborHTMLParser(xss_client.get(page).text)
        body = tree.body
        assert body is not None
        for node in body.traverse(include_text=True):
            if node.tag == "-text" and BIDI_CONTROLS & set(node.text_content or ""):
                assert isolated(node), (page, node.parent.html if node.parent else None)
