"""RSS and Atom feeds, from local files and from a server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.article import InputFormat
from marsad.errors import INGEST_CODES
from marsad.ingest import iter_documents
from tests.ingest.conftest import ARABIC, documents, errors

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>المرصد نيوز</title><link>https://example.org</link>
<item><title>قصف على إدلب</title><link>https://example.org/news/1</link><guid>news-1</guid>
<pubDate>Wed, 22 May 2019 09:14:00 +0300</pubDate>
<description><![CDATA[<p>{ARABIC}</p>]]></description></item>
<item><title>هدنة في درعا</title><link>https://example.org/news/2</link>
<pubDate>Fri, 24 May 2019 18:00:00 +0300</pubDate><description>{ARABIC}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>صوت نينوى</title><id>urn:feed:1</id>
<updated>2019-11-14T21:40:00Z</updated>
<entry><title>انفجار جنوب الموصل</title><id>urn:news:881</id><link href="https://example.org/881"/>
<published>2019-11-14T21:40:00Z</published><updated>2019-11-14T21:40:00Z</updated>
<content type="html">&lt;p&gt;{ARABIC}&lt;/p&gt;</content></entry></feed>"""


def test_rss_items_become_documents(tmp_path: Path) -> None:
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    first, second = documents(list(iter_documents([str(tmp_path / "feed.rss")])))
    assert (first.title, first.url, first.published, first.source, first.format) == (
        "قصف على إدلب",
        "https://example.org/news/1",
        dt.date(2019, 5, 22),
        "المرصد نيوز",
        InputFormat.FEED,
    )
    assert ARABIC in first.content
    assert first.doc_id.startswith("feed-")
    assert first.doc_id != second.doc_id


def test_atom_entries_become_documents(tmp_path: Path) -> None:
    (tmp_path / "feed.atom").write_text(ATOM, encoding="utf-8")
    (entry,) = documents(list(iter_documents([str(tmp_path / "feed.atom")])))
    assert (entry.title, entry.published, entry.url) == (
        "انفجار جنوب الموصل",
        dt.date(2019, 11, 14),
        "https://example.org/881",
    )
    assert ARABIC in entry.content


def test_entry_ids_do_not_depend_on_where_the_feed_was_read(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "b.rss").write_text(RSS, encoding="utf-8")
    ids = [
        d.doc_id for d in documents(list(iter_documents([str(tmp_path / "a.xml"), str(tmp_path / "b.rss")])))
    ]
    assert ids[:2] == ids[2:]


@pytest.mark.parametrize(
    ("content", "kind"), [("<rss><channel></channel></rss>", "empty"), ("not xml at all <", "corrupt")]
)
def test_unreadable_feeds_are_errors(tmp_path: Path, content: str, kind: str) -> None:
    (tmp_path / "bad.xml").write_text(content, encoding="utf-8")
    (error,) = errors(list(iter_documents([str(tmp_path / "bad.xml")])))
    assert error.code == INGEST_CODES[kind]


class FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/feed.xml":
            body = RSS.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_feed_url_is_fetched_and_read(local_server: str, tmp_path: Path) -> None:
    fetched = documents(list(iter_documents([f"{local_server}/feed.xml"])))
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    local = documents(list(iter_documents([str(tmp_path / "feed.xml")])))
    assert [d.doc_id for d in fetched] == [d.doc_id for d in local]
    assert [d.title for d in fetched] == ["قصف على إدلب", "هدنة في درعا"]


def test_a_missing_url_is_an_error(local_server: str) -> None:
    (error,) = errors(list(iter_documents([f"{local_server}/nothing.xml"])))
    assert error.code == INGEST_CODES["not_found"]
