"""Find input files and dispatch each to the reader for its format.

Every problem with one input becomes an :class:`~marsad.errors.IngestError` *yielded* in the
stream (not raised), so a batch goes on past a bad file and the caller can report it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from marsad.article import InputFormat, RawDocument
from marsad.errors import IngestError, ingest_error
from marsad.settings import IngestSettings

ReadResult = RawDocument | IngestError

_FORMATS = {".txt": InputFormat.TEXT, ".html": InputFormat.HTML, ".htm": InputFormat.HTML,
            ".jsonl": InputFormat.JSONL}


def iter_documents(paths: list[str], settings: IngestSettings | None = None) -> Iterator[ReadResult]:
    """Documents from every path (files, folders recursively, ``-`` for stdin), in order."""
    settings = settings or IngestSettings()
    for path in paths:
        if path == "-":
            yield from _read_text_stream(sys.stdin.read(), "<stdin>", "stdin")
            continue
        p = Path(path)
        if p.is_dir():
            for child in sorted(c for c in p.rglob("*") if c.is_file() and c.suffix.lower() in _FORMATS):
                yield from read_file(child, settings)
        elif p.exists():
            yield from read_file(p, settings)
        else:
            yield ingest_error(path, "not_found", "no such file or folder")


def read_file(path: Path, settings: IngestSettings) -> Iterator[ReadResult]:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        yield ingest_error(str(path), "unsupported", f"unsupported file type '{path.suffix}'")
        return
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            yield ingest_error(str(path), "too_large", f"{size} bytes is over the limit of {settings.max_file_bytes}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ingest_error(str(path), "not_found", f"cannot read: {exc.strerror}")
        return
    if not data.strip():
        yield ingest_error(str(path), "empty", "the file is empty")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield ingest_error(str(path), "encoding", "not valid UTF-8")
        return
    if fmt is InputFormat.JSONL:
        yield from read_jsonl(text, str(path))
    else:
        yield RawDocument(path.stem, text, fmt, str(path))


def _read_text_stream(text: str, origin: str, doc_id: str) -> Iterator[ReadResult]:
    first = text.lstrip()[:1]
    if first == "{":
        yield from read_jsonl(text, origin)
    else:
        fmt = InputFormat.HTML if first == "<" else InputFormat.TEXT
        yield RawDocument(doc_id, text, fmt, origin)


def read_jsonl(text: str, origin: str) -> Iterator[ReadResult]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ingest_error(where, "bad_record", f"not valid JSON: {exc.msg}")
            continue
        yield from _record_document(record, where, number)


def _record_document(record: object, where: str, number: int) -> Iterator[ReadResult]:
    if not isinstance(record, dict):
        yield ingest_error(where, "bad_record", "a JSONL line must be an object")
        return
    content = record.get("text") or record.get("html")
    if not isinstance(content, str) or not content.strip():
        yield ingest_error(where, "bad_record", "record has no 'text' or 'html'")
        return
    fmt = InputFormat.TEXT if record.get("text") else InputFormat.HTML
    yield RawDocument(
        doc_id=str(record.get("id") or record.get("doc_id") or f"line{number}"),
        content=content,
        format=fmt,
        origin=where,
        title=_str_or_none(record.get("title")),
        published=_date_or_none(record.get("published")),
        url=_str_or_none(record.get("url")),
        source=_str_or_none(record.get("source")),
    )


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _date_or_none(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
