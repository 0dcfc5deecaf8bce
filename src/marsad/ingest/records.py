"""JSONL input: one JSON object per line with ``id``, ``text`` or ``html``, and optional
``title``, ``published``, ``url``, ``source`` and ``crawl_date``. A bad line is an error for that
line only; the rest of the file is read.

A UTF-8 file (what JSON is written in) is read one line at a time, so a crawl of a million
records costs the memory of one line; a line that is not UTF-8 is an error for that line.
A file in UTF-16 or a legacy code page is decoded whole first, as the encoding can only be
told from all of it. Lines end at ``\\n`` only: U+2028, U+2029 and NEL are valid inside a JSON
string and must not split a record.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator

from marsad.article import InputFormat
from marsad.errors import ingest_error
from marsad.ingest.compressed import LineStream, ReadLimitError
from marsad.ingest.decode import DecodeError, decode_bytes, is_line_utf8
from marsad.ingest.documents import Provenance, ReadResult, document_or_error, iso_date
from marsad.settings import IngestSettings

#: Bytes looked at to choose between streaming UTF-8 and decoding the whole file.
_SAMPLE_BYTES = 64 * 1024
#: A JSON string may spell each character as a 6-byte ``\\uXXXX`` escape; other fields get this much.
_BYTES_PER_CHAR_ESCAPED = 6
_LINE_SLACK = 1024 * 1024


def read_jsonl_stream(
    stream: LineStream, origin: str, settings: IngestSettings, declared: str | None = None
) -> Iterator[ReadResult]:
    """Records of a JSONL byte stream: UTF-8 line by line, other encodings decoded whole.

    A stream that fails part way (truncated gzip, over the decompression limit) ends with
    one error after the records read.
    """
    answered = 0
    for result in _read_records(stream, origin, settings, declared):
        answered += 1
        yield result
    if not answered:
        yield ingest_error(origin, "empty", "the JSONL input has no records, only blank lines")


def _read_records(
    stream: LineStream, origin: str, settings: IngestSettings, declared: str | None
) -> Iterator[ReadResult]:
    try:
        sample = stream.read(_SAMPLE_BYTES)
        stream.seek(0)
        if is_line_utf8(sample):
            yield from _read_utf8_lines(stream, origin, settings)
            return
        data = stream.read()
    except ReadLimitError as exc:
        yield ingest_error(origin, exc.kind, exc.detail)
        return
    try:
        decoded = decode_bytes(data, declared=declared)
    except DecodeError as exc:
        yield ingest_error(origin, exc.kind, exc.detail)
        return
    yield from read_jsonl(decoded.text, origin, settings, decoded.encoding)


def _read_utf8_lines(stream: LineStream, origin: str, settings: IngestSettings) -> Iterator[ReadResult]:
    longest = settings.max_document_chars * _BYTES_PER_CHAR_ESCAPED + _LINE_SLACK
    encoding = "utf-8"
    number = 0
    try:
        while line := stream.readline(longest + 1):
            number += 1
            where = f"{origin}:{number}"
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line, encoding = line[len(codecs.BOM_UTF8) :], "utf-8-sig"
            if len(line) > longest and not line.endswith(b"\n"):
                _skip_line(stream, longest)
                yield ingest_error(
                    where, "too_large", f"the line is over {longest} bytes (max_document_chars)"
                )
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield ingest_error(
                    where, "encoding", f"the line is not valid UTF-8 (bad byte at {exc.start})"
                )
                continue
            if text.strip():
                yield line_result(text, where, number, settings, encoding)
    except ReadLimitError as exc:
        yield ingest_error(origin, exc.kind, f"{exc.detail} (after line {number})")


def _skip_line(stream: LineStream, chunk: int) -> None:
    while (rest := stream.readline(chunk)) and not rest.endswith(b"\n"):
        pass


def read_jsonl(
    text: str, origin: str, settings: IngestSettings, encoding: str | None = None
) -> Iterator[ReadResult]:
    """Records of an already decoded JSONL text."""
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield line_result(line, f"{origin}:{number}", number, settings, encoding)


def line_result(
    line: str, where: str, number: int, settings: IngestSettings, encoding: str | None
) -> ReadResult:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ingest_error(where, "bad_record", f"not valid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return ingest_error(where, "bad_record", "not valid JSON: nested too deeply")
    return record_document(record, where, number, settings, encoding)


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
