"""JSONL records: fields, ids, and one error per bad line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from marsad.article import InputFormat
from marsad.errors import INGEST_CODES
from marsad.ingest import iter_documents
from tests.ingest.conftest import ARABIC, HTML, documents, errors


def test_records_become_documents_with_their_fields(tmp_path: Path) -> None:
    lines = [
        {
            "id": "AL-1",
            "title": "عنوان",
            "published": "2018-04-15",
            "url": "http://x/1",
            "source": "alarabia",
            "text": ARABIC,
        },
        {"id": 7, "html": HTML, "published": "2018-04-16T10:00:00Z", "crawl_date": "2018-05-01"},
        {"text": ARABIC},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n\n", encoding="utf-8")
    first, second, third = documents(list(iter_documents([str(path)])))
    assert (first.doc_id, first.title, first.published, first.url, first.source, first.format) == (
        "AL-1",
        "عنوان",
        dt.date(2018, 4, 15),
        "http://x/1",
        "alarabia",
        InputFormat.TEXT,
    )
    assert (second.doc_id, second.format, second.published, second.crawl_date) == (
        "7",
        InputFormat.HTML,
        dt.date(2018, 4, 16),
        dt.date(2018, 5, 1),
    )
    assert third.doc_id == "line3"
    assert first.origin == f"{path}:1"


def test_bad_lines_are_errors_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok-1", "text": ARABIC}, ensure_ascii=False),
                "{not json",
                "[1, 2]",
                json.dumps({"id": "no-text", "title": "x"}),
                json.dumps({"id": "ok-2", "text": ARABIC}, ensure_ascii=False),
            ]
        ),
        encoding="utf-8",
    )
    results = list(iter_documents([str(path)]))
    assert [d.doc_id for d in documents(results)] == ["ok-1", "ok-2"]
    problems = errors(results)
    assert [e.code for e in problems] == [INGEST_CODES["bad_record"]] * 3
    assert [e.origin for e in problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]
