"""Fuzzing the readers: bytes, encodings, gzip, JSONL, WARC and feeds.

Whatever the bytes, a reader yields RawDocuments and IngestErrors, never raises: an error
names the input (``origin``, ``origin:line``, ``origin#record``) and says why, with a code
from the catalogue; a document is non-empty text within ``max_document_chars`` that can be
written as UTF-8 (to stdout, to the database).
"""

from __future__ import annotations

import gzip
import io
import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from marsad.article import InputFormat, RawDocument
from marsad.errors import INGEST_CODES, IngestError
from marsad.ingest.compressed import ReadLimitError, gunzip_bounded
from marsad.ingest.decode import Decoded, DecodeError, decode_bytes
from marsad.ingest.documents import ReadResult, storable
from marsad.ingest.files import read_bytes
from marsad.settings import IngestSettings
from tests.fuzz import strategies as gen
from tests.fuzz.budget import PER_INPUT_S, fuzz, tried
from tests.hardening.harness import time_limit

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning:feedparser")]

SETTINGS = IngestSettings(max_document_chars=20_000, max_decompressed_bytes=200_000)
CODES = set(INGEST_CODES.values())
ORIGIN = "fuzz/input"


def read_all(data: bytes, fmt: InputFormat | None, *, gzipped: bool = False) -> list[ReadResult]:
    with time_limit(PER_INPUT_S, "reader"):
        return list(read_bytes(data, fmt, ORIGIN, "fuzz-doc", SETTINGS, gzipped=gzipped))


def check_results(results: list[ReadResult]) -> None:
    assert results, "a reader must answer every input with a document or an error"
    for result in results:
        if isinstance(result, IngestError):
            check_error(result)
        else:
            check_document(result)


def check_error(error: IngestError) -> None:
    assert isinstance(error, IngestError)
    assert error.origin.startswith(ORIGIN)
    assert error.reason.strip()
    assert error.code in CODES
    assert error.origin in str(error)


def check_document(document: RawDocument) -> None:
    assert isinstance(document, RawDocument)
    assert document.content.strip()
    assert len(document.content) <= SETTINGS.max_document_chars
    assert document.origin.startswith(ORIGIN)
    assert isinstance(document.doc_id, str)
    assert document.doc_id
    for text in (document.content, document.doc_id, document.title, document.url, document.source):
        if text is not None:
            text.encode("utf-8")  # no lone surrogates: stdout and the database need real UTF-8
            assert "\x00" not in text, "PostgreSQL text cannot hold NUL"


@fuzz("decode.bytes", 900)
@given(
    data=gen.any_bytes(),
    declared=st.one_of(st.none(), st.sampled_from(["utf-8", "windows-1256", "latin-1", "x-bogus", "utf-16"])),
    html=st.booleans(),
)
def test_decode_gives_text_or_a_decode_error(data: bytes, declared: str | None, html: bool) -> None:
    tried("decode.bytes")
    outcome: Decoded | DecodeError
    try:
        with time_limit(PER_INPUT_S, "decode"):
            outcome = decode_bytes(data, declared=declared, html=html)
    except DecodeError as exc:
        outcome = exc
    if isinstance(outcome, DecodeError):
        assert outcome.kind in {"binary", "encoding"}
        assert outcome.detail
    else:
        assert isinstance(outcome.text, str)
        assert outcome.encoding


@fuzz("ingest.bytes", 600)
@given(
    data=gen.any_bytes(),
    fmt=st.sampled_from([None, InputFormat.TEXT, InputFormat.HTML, InputFormat.JSONL]),
    gzipped=st.booleans(),
)
def test_any_bytes_in_any_text_format(data: bytes, fmt: InputFormat | None, gzipped: bool) -> None:
    tried("ingest.bytes")
    check_results(read_all(gzip.compress(data) if gzipped else data, fmt, gzipped=gzipped))


@fuzz("ingest.gzip", 1000)
@given(data=gen.damaged(st.binary(max_size=3000).map(gzip.compress)), limit=st.integers(0, 5000))
def test_damaged_gzip_is_refused_cleanly(data: bytes, limit: int) -> None:
    tried("ingest.gzip")
    outcome: bytes | ReadLimitError
    try:
        with time_limit(PER_INPUT_S, "gunzip"):
            outcome = gunzip_bounded(io.BytesIO(data), limit)
    except ReadLimitError as exc:
        outcome = exc
    if isinstance(outcome, ReadLimitError):
        assert outcome.kind in {"too_large", "corrupt"}
    else:
        assert len(outcome) <= limit


@fuzz("ingest.jsonl", 500)
@given(lines=gen.jsonl_lines(), newline=st.sampled_from(["\n", "\r\n"]))
def test_jsonl_one_result_per_line_with_its_number(lines: list[str], newline: str) -> None:
    tried("ingest.jsonl")
    data = newline.join(lines).encode("utf-8")
    results = read_all(data, InputFormat.JSONL) if data.strip() else []
    for result in results:
        if isinstance(result, IngestError):
            check_error(result)
        else:
            check_document(result)
    numbered = [n for n, line in enumerate(lines, 1) if line.strip()]
    answered = [int(r.origin.rsplit(":", 1)[1]) for r in results]
    assert answered == numbered, "each non-blank line gets exactly one answer, named by its line number"


@fuzz("ingest.jsonl_text", 800)
@given(text=gen.any_text(), ascii_only=st.booleans())
def test_a_good_record_keeps_its_text(text: str, ascii_only: bool) -> None:
    """Line and paragraph separators, NEL and escapes inside a JSON string do not split the line."""
    tried("ingest.jsonl_text")
    line = json.dumps({"id": "r1", "text": text}, ensure_ascii=ascii_only)
    results = read_all(line.encode("utf-8"), InputFormat.JSONL)
    assert len(results) == 1
    if not text.strip():
        check_error(results[0])
        return
    (document,) = results
    check_document(document)
    assert document.content == storable(text)


@fuzz("ingest.warc", 300)
@given(data=gen.warc_archive())
def test_warc_archives_damaged_or_not(data: bytes) -> None:
    tried("ingest.warc")
    if data.strip():
        check_results(read_all(data, InputFormat.WARC))


@fuzz("ingest.feed", 300)
@example(data=b'<?xml version="1.0" encoding="\x80"?><rss></rss>')  # feedparser: UnicodeDecodeError
@example(data=b'<?xml version="1.0" encoding="u\x00"?><rss></rss>')  # feedparser: ValueError
@example(data=b"<rss><channel><item><title>&#xD800;</title></item></channel></rss>")  # surrogate
@given(data=gen.feed_document())
def test_feeds_damaged_or_not(data: bytes) -> None:
    tried("ingest.feed")
    if data.strip():
        check_results(read_all(data, InputFormat.FEED))


@fuzz("ingest.sniffed", 300)
@given(
    data=st.one_of(
        gen.warc_archive(), gen.feed_document(), gen.html_document().map(str.encode), gen.any_bytes()
    )
)
def test_unnamed_input_is_sniffed_and_read(data: bytes) -> None:
    """stdin and URLs: the format is guessed from the bytes, which may lie."""
    tried("ingest.sniffed")
    if data.strip():
        check_results(read_all(data, None))
