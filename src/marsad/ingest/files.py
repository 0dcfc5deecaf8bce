"""Find inputs and dispatch each to the reader for its format.

Inputs are files (.txt .html .htm .jsonl .xml .rss .atom .warc, each also as .gz), folders
(searched recursively, in name order), ``-`` for stdin and http(s) URLs. Every problem with
one input becomes an :class:`~marsad.errors.IngestError` *yielded* in the stream (not
raised), so a batch goes on past a bad file and the caller can report it.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import sys
import urllib.error
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from marsad.article import InputFormat
from marsad.errors import ingest_error
from marsad.ingest.compressed import (
    GZIP_MAGIC,
    BoundedStream,
    ReadLimitError,
    gunzip_bounded,
    read_bounded,
)
from marsad.ingest.decode import DecodeError, decode_bytes
from marsad.ingest.documents import (
    MAX_BYTES_PER_CHAR,
    Provenance,
    ReadResult,
    document_or_error,
    most_document_bytes,
    stable_id,
    storable,
)
from marsad.ingest.feeds import read_feed
from marsad.ingest.records import read_jsonl_stream
from marsad.ingest.warc import read_warc
from marsad.ingest.web import fetch, is_url
from marsad.settings import IngestSettings

__all__ = ["ReadResult", "iter_documents", "read_bytes", "read_file", "sniff_format"]

SUFFIX_FORMATS = {
    ".txt": InputFormat.TEXT,
    ".text": InputFormat.TEXT,
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".jsonl": InputFormat.JSONL,
    ".ndjson": InputFormat.JSONL,
    ".warc": InputFormat.WARC,
    ".xml": InputFormat.FEED,
    ".rss": InputFormat.FEED,
    ".atom": InputFormat.FEED,
}
#: Formats whose file is one document: a file larger than max_document_chars can hold is refused unread.
SINGLE_DOCUMENT_FORMATS = frozenset({InputFormat.TEXT, InputFormat.HTML})
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|article|meta|title)[\s>/]", re.IGNORECASE)
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)


def iter_documents(paths: list[str], settings: IngestSettings | None = None) -> Iterator[ReadResult]:
    """Documents from every path (files, folders recursively, ``-`` for stdin, URLs), in order."""
    settings = settings or IngestSettings()
    for path in paths:
        if path == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", "stdin", settings)
        elif is_url(path):
            yield from read_url(path, settings)
        elif Path(path).is_dir():
            for child in walk(Path(path)):
                yield from read_file(child, settings)
        elif Path(path).exists():
            yield from read_file(Path(path), settings)
        else:
            yield ingest_error(storable(path), "not_found", "no such file or folder")


def input_format(path: Path) -> tuple[InputFormat | None, bool]:
    """The format a file name announces, and whether it is gzip-compressed (``x.html.gz``)."""
    name = path.name.lower()
    gzipped = name.endswith(".gz")
    inner = Path(name[:-3] if gzipped else name)
    return SUFFIX_FORMATS.get(inner.suffix), gzipped


def document_stem(path: Path) -> str:
    """The file name without its extensions: ``a/b/x.html.gz`` -> ``x``."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return Path(name).stem


def walk(folder: Path) -> list[Path]:
    found = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    return sorted((p for p in found if input_format(p)[0] is not None), key=lambda p: str(p))


def read_file(path: Path, settings: IngestSettings) -> Iterator[ReadResult]:
    origin = storable(str(path))  # a name that is not UTF-8 comes with surrogates: no store takes them
    fmt, gzipped = input_format(path)
    if fmt is None and not gzipped:
        yield ingest_error(
            origin, "unsupported", f"unsupported file type '{path.suffix}' (see docs/ingest.md)"
        )
        return
    try:
        refusal = _size_refusal(path.stat().st_size, fmt, gzipped, settings)
        if refusal is not None:
            yield ingest_error(origin, "too_large", refusal)
            return
        with path.open("rb") as stream:
            if fmt is InputFormat.WARC:  # warcio undoes the per-record gzip of .warc.gz itself
                yield from read_warc(stream, origin, settings)
                return
            if fmt is InputFormat.JSONL:  # streamed: a big crawl costs one line of memory
                yield from _read_jsonl_file(stream, origin, gzipped, settings)
                return
            data = read_bounded(stream, settings.max_file_bytes, "the file")
    except OSError as exc:
        yield ingest_error(origin, "not_found", f"cannot read: {exc.strerror or exc}")
        return
    except ReadLimitError as exc:
        yield ingest_error(origin, exc.kind, exc.detail)
        return
    yield from read_bytes(data, fmt, origin, storable(document_stem(path)), settings, gzipped=gzipped)


def _size_refusal(size: int, fmt: InputFormat | None, gzipped: bool, settings: IngestSettings) -> str | None:
    """Why a file of ``size`` bytes is refused before reading it, or None."""
    if size > settings.max_file_bytes:
        return f"{size} bytes is over max_file_bytes={settings.max_file_bytes}"
    most = most_document_bytes(settings)
    if fmt in SINGLE_DOCUMENT_FORMATS and not gzipped and size > most:
        return (
            f"{size} bytes cannot be one document within max_document_chars={settings.max_document_chars} "
            f"(at most {MAX_BYTES_PER_CHAR} bytes a character: {most} bytes)"
        )
    return None


def _read_jsonl_file(
    stream: BinaryIO, origin: str, gzipped: bool, settings: IngestSettings
) -> Iterator[ReadResult]:
    if not gzipped:
        yield from read_jsonl_stream(stream, origin, settings)
        return
    with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
        yield from read_jsonl_stream(
            BoundedStream(unzipped, settings.max_decompressed_bytes), origin, settings
        )


def read_stream(stream: BinaryIO, origin: str, doc_id: str, settings: IngestSettings) -> Iterator[ReadResult]:
    try:
        data = read_bounded(stream, settings.max_file_bytes, "the input")
    except ReadLimitError as exc:
        yield ingest_error(origin, exc.kind, exc.detail)
        return
    yield from read_bytes(data, None, origin, doc_id, settings, gzipped=data.startswith(GZIP_MAGIC))


def read_url(url: str, settings: IngestSettings) -> Iterator[ReadResult]:
    try:
        fetched = fetch(url, settings)
    except ReadLimitError as exc:
        yield ingest_error(url, exc.kind, exc.detail)
        return
    except (urllib.error.URLError, OSError, ValueError) as exc:
        yield ingest_error(url, "not_found", f"cannot fetch: {getattr(exc, 'reason', exc)}")
        return
    fmt = sniff_format(fetched.data, fetched.content_type)
    doc_id = _url_id(fetched.url)
    yield from read_bytes(fetched.data, fmt, url, doc_id, settings, declared=fetched.charset, url=fetched.url)


def read_bytes(
    data: bytes,
    fmt: InputFormat | None,
    origin: str,
    doc_id: str,
    settings: IngestSettings,
    *,
    gzipped: bool = False,
    declared: str | None = None,
    url: str | None = None,
) -> Iterator[ReadResult]:
    """Documents from the bytes of one input whose format is ``fmt`` (None: sniff it)."""
    if gzipped:
        limit = settings.max_decompressed_bytes
        if fmt in SINGLE_DOCUMENT_FORMATS:  # one document: no need to inflate more than it can hold
            limit = min(limit, most_document_bytes(settings))
        try:
            data = gunzip_bounded(io.BytesIO(data), limit)
        except ReadLimitError as exc:
            yield ingest_error(origin, exc.kind, exc.detail)
            return
    if not data.strip():
        yield ingest_error(origin, "empty", "the input is empty")
        return
    fmt = fmt or sniff_format(data)
    if fmt is InputFormat.WARC:
        yield from read_warc(io.BytesIO(data), origin, settings)
    elif fmt is InputFormat.FEED:
        yield from read_feed(data, origin, settings)
    else:
        yield from _read_text(data, fmt, Provenance(origin, doc_id, url=url), settings, declared)


def _read_text(
    data: bytes, fmt: InputFormat, where: Provenance, settings: IngestSettings, declared: str | None
) -> Iterator[ReadResult]:
    if fmt is InputFormat.JSONL:
        yield from read_jsonl_stream(io.BytesIO(data), where.origin, settings, declared)
        return
    try:
        decoded = decode_bytes(data, declared=declared, html=fmt is InputFormat.HTML)
    except DecodeError as exc:
        yield ingest_error(where.origin, exc.kind, exc.detail)
        return
    provenance = Provenance(where.origin, where.doc_id, encoding=decoded.encoding, url=where.url)
    yield document_or_error(decoded.text, fmt, provenance, settings)


def sniff_format(data: bytes, content_type: str = "") -> InputFormat:
    """Guess the format of unnamed input (stdin, URLs) from its first bytes."""
    if data.startswith(b"WARC/"):
        return InputFormat.WARC
    head = _peek(data)
    stripped = head.lstrip("\ufeff \t\r\n")
    if _FEED_ROOT.search(head) and (stripped.startswith("<?xml") or content_type in _FEED_TYPES):
        return InputFormat.FEED
    if content_type == "text/html" or _HTML_TAG.search(head):
        return InputFormat.HTML
    if stripped.startswith("{"):
        return InputFormat.JSONL
    return InputFormat.TEXT


def _peek(data: bytes) -> str:
    """The first characters, good enough to sniff ASCII markup in any encoding we read."""
    sample = data[:4096]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return sample.decode("utf-16", "ignore")
    if sample[1:2] == b"\x00":
        return sample.decode("utf-16-le", "ignore")
    if sample[:1] == b"\x00":
        return sample.decode("utf-16-be", "ignore")
    return sample.removeprefix(codecs.BOM_UTF8).decode("latin-1")


def _url_id(url: str) -> str:
    return stable_id("web", url)
