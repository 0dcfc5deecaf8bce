"""JSONL input: one JSON object per line with ``id``, ``text`` or ``html``, and optional
``title``, ``published``, ``url``, ``source`` and ``crawl_date``. A bad line is an error for that
line only; the rest of the file is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from marsad.article import InputFormat
from marsad.errors import ingest_error
from marsad.ingest.documents import Provenance, ReadResult, document_or_error, iso_date
from marsad.settings import IngestSettings


def read_jsonl(
    text: str, origin: str, settings: IngestSettings, encoding: str | None = None
) -> Iterator[ReadResult]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ingest_error(where, "bad_record", f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield record_document(record, where, number, settings, encoding)


def record_document(
    record: object, where: str, number: int, settings: IngestSettings, encoding: str | None = None
) -> ReadResult:
    if not isinstance(record, dict):
        return ingest_error(where, "bad_record", "a JSONL line must be a JSON object")
    text, html = record.get("text"), record.get("html")
    content = text if isinstance(text, str) and text.strip() else html
    if not isinstance(content, str) or not content.strip():
        return ingest_error(where, "bad_record", "the record has no non-empty 'text' or 'html' string")
    fmt = InputFormat.TEXT if content is text else InputFormat.HTML
    record_id = record.get("id", record.get("doc_id"))
    provenance = Provenance(
        origin=where,
        doc_id=str(record_id) if record_id not in (None, "") else f"line{number}",
        encoding=encoding,
        title=_text_or_none(record.get("title")),
        published=iso_date(record.get("published")),
        url=_text_or_none(record.get("url")),
        source=_text_or_none(record.get("source")),
        crawl_date=iso_date(record.get("crawl_date")),
    )
    return document_or_error(content, fmt, provenance, settings)


def _text_or_none(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
