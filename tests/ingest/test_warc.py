"""WARC archives written with warcio: HTML responses become documents, the rest is skipped."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.article import InputFormat
from marsad.errors import INGEST_CODES
from marsad.ingest import iter_documents
from tests.ingest.conftest import ARABIC, HTML, documents, errors

LEGACY = f"<html><head><title>x</title></head><body><p>{ARABIC}</p></body></html>"


def response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": "2019-05-22T10:00:00Z"},
    )
    writer.write_record(record)


def write_warc(path: Path, gzipped: bool) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = writer.create_warc_record(
            "https://example.org/a", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
        response(writer, "https://example.org/a", HTML.encode("utf-8"), "text/html; charset=utf-8")
        response(writer, "https://example.org/logo.png", b"\x89PNG\r\n", "image/png")
        response(writer, "https://example.org/gone", b"<html>gone</html>", "text/html", "404 Not Found")
        response(writer, "https://example.org/b", LEGACY.encode("cp1256"), "text/html; charset=windows-1256")


@pytest.mark.parametrize("gzipped", [False, True])
def test_html_responses_become_documents(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    write_warc(path, gzipped)
    results = list(iter_documents([str(path)]))
    assert errors(results) == []
    first, second = documents(results)
    assert (first.url, first.format, first.crawl_date, first.encoding) == (
        "https://example.org/a",
        InputFormat.HTML,
        dt.date(2019, 5, 22),
        "utf-8",
    )
    assert (second.url, second.encoding) == ("https://example.org/b", "cp1256")
    assert ARABIC in second.content
    assert first.doc_id.startswith("warc-")
    assert first.doc_id != second.doc_id


def test_document_ids_are_stable(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, True)
    once = [d.doc_id for d in documents(list(iter_documents([str(path)])))]
    again = [d.doc_id for d in documents(list(iter_documents([str(path)])))]
    assert once == again


@pytest.mark.parametrize("lost", [60, 200, 400])
def test_a_truncated_archive_keeps_what_was_read(tmp_path: Path, lost: int) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, True)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - lost])
    results = list(iter_documents([str(cut)]))
    assert [d.url for d in documents(results)] == ["https://example.org/a"]
    (error,) = errors(results)
    assert error.code == INGEST_CODES["corrupt"]
    assert "cut.warc.gz" in str(error)
