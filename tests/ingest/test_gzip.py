"""Compressed inputs: every format as .gz, bounded decompression, damaged streams."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from marsad.article import InputFormat
from marsad.errors import INGEST_CODES
from marsad.ingest import iter_documents
from marsad.settings import IngestSettings
from tests.ingest.conftest import ARABIC, HTML, documents, errors

RSS = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع</title>
<item><title>خبر</title><link>https://example.org/1</link><guid>n-1</guid><description>{ARABIC}</description></item>
</channel></rss>"""


@pytest.mark.parametrize(
    ("name", "content", "fmt", "doc_id"),
    [
        ("a.txt.gz", ARABIC, InputFormat.TEXT, "a"),
        ("b.html.gz", HTML, InputFormat.HTML, "b"),
        (
            "c.jsonl.gz",
            json.dumps({"id": "rec-9", "text": ARABIC}, ensure_ascii=False),
            InputFormat.TEXT,
            "rec-9",
        ),
        ("d.xml.gz", RSS, InputFormat.FEED, None),
        ("e.gz", HTML, InputFormat.HTML, "e"),  # no inner suffix: sniffed
    ],
)
def test_each_format_reads_through_gzip(
    tmp_path: Path, name: str, content: str, fmt: InputFormat, doc_id: str | None
) -> None:
    (tmp_path / name).write_bytes(gzip.compress(content.encode("utf-8")))
    (doc,) = documents(list(iter_documents([str(tmp_path / name)])))
    assert doc.format is fmt
    if doc_id is not None:
        assert doc.doc_id == doc_id


def test_a_gzip_bomb_is_stopped(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"\x00" * (8 * 1024 * 1024)))
    assert bomb.stat().st_size < 64 * 1024
    results = list(iter_documents([str(bomb)], IngestSettings(max_decompressed_bytes=1024 * 1024)))
    (error,) = errors(results)
    assert error.code == INGEST_CODES["too_large"]
    assert "gzip bomb" in str(error)


def test_a_truncated_gzip_is_reported(tmp_path: Path) -> None:
    data = gzip.compress((ARABIC * 50).encode())
    (tmp_path / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    (error,) = errors(list(iter_documents([str(tmp_path / "cut.txt.gz")])))
    assert error.code == INGEST_CODES["corrupt"]
    assert "truncated gzip" in str(error)


def test_a_gz_name_on_plain_bytes_is_reported(tmp_path: Path) -> None:
    (tmp_path / "fake.txt.gz").write_text(ARABIC, encoding="utf-8")
    (error,) = errors(list(iter_documents([str(tmp_path / "fake.txt.gz")])))
    assert error.code == INGEST_CODES["corrupt"]
