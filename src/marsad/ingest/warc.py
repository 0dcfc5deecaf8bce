"""WARC input (plain or gzip-compressed, as crawlers write them): one document per HTML or
plain-text ``response``/``resource`` record; other records (requests, metadata, images,
redirects) are skipped. The record id is the stable document id, the record date is the
crawl date, and the HTTP ``charset`` is the declared encoding.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.article import InputFormat
from marsad.errors import ingest_error
from marsad.ingest.decode import DecodeError, decode_bytes
from marsad.ingest.documents import (
    Provenance,
    ReadResult,
    document_or_error,
    iso_date,
    most_document_bytes,
    stable_id,
)
from marsad.settings import IngestSettings

log = logging.getLogger(__name__)

_CONTENT_RECORDS = ("response", "resource", "conversion")
_FORMATS = {
    "text/html": InputFormat.HTML,
    "application/xhtml+xml": InputFormat.HTML,
    "text/plain": InputFormat.TEXT,
}


def read_warc(stream: BinaryIO, origin: str, settings: IngestSettings) -> Iterator[ReadResult]:
    """Documents from a WARC stream; a damaged archive ends with one error after what was read."""
    budget = settings.max_decompressed_bytes
    page_limit = most_document_bytes(settings)  # one record is one document: read no more than it can hold
    number = pages = 0
    try:
        for record in ArchiveIterator(stream):
            number += 1
            fmt, charset = _document_format(record)
            data = record.content_stream().read(min(budget, page_limit) + 1) if fmt is not None else b""
            oversized = len(data) > page_limit
            if _unread_bytes(record) > 0 and not oversized and len(data) <= budget:
                yield ingest_error(origin, "corrupt", f"truncated WARC: record {number} is cut short")
                return
            budget -= len(data)
            if budget < 0:
                yield ingest_error(
                    origin, "too_large", "the WARC content is over max_decompressed_bytes; stopped"
                )
                return
            if fmt is not None:
                pages += 1
                yield (
                    _oversized(f"{origin}#{number}", page_limit, settings)
                    if oversized
                    else _record_document(record, data, fmt, charset, f"{origin}#{number}", settings)
                )
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError) as exc:
        # warcio fails in many ways on damaged archives (a None header, a short read...)
        yield ingest_error(origin, "corrupt", f"damaged or truncated WARC after {number} records: {exc}")
        return
    if not pages:
        # say so rather than yield nothing: a crawl of images or redirects is worth a line in the report
        yield ingest_error(origin, "empty", f"no HTML or plain-text page among its {number} WARC records")


def _oversized(where: str, limit: int, settings: IngestSettings) -> ReadResult:
    return ingest_error(
        where,
        "too_large",
        f"the record is over {limit} bytes: more than one document within "
        f"max_document_chars={settings.max_document_chars} can hold",
    )


def _document_format(record: Any) -> tuple[InputFormat | None, str | None]:
    """The format of a record that holds a page (None for requests, images, redirects ...)."""
    if record.rec_type not in _CONTENT_RECORDS:
        return None, None
    content_type, charset = _content_type(record)
    fmt = _FORMATS.get(content_type)
    if fmt is None or not _ok_status(record):
        log.debug("skipping WARC %s record (%s)", record.rec_type, content_type)
        return None, None
    return fmt, charset


def _unread_bytes(record: Any) -> int:
    """Bytes the record's header announced but the archive does not hold (after reading it all)."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    missing = getattr(raw, "limit", 0)
    return missing if isinstance(missing, int) else 0


def _record_document(
    record: Any, data: bytes, fmt: InputFormat, charset: str | None, where: str, settings: IngestSettings
) -> ReadResult:
    try:
        decoded = decode_bytes(data, declared=charset, html=fmt is InputFormat.HTML)
    except DecodeError as exc:
        return ingest_error(where, exc.kind, exc.detail)
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    url = headers.get_header("WARC-Target-URI")
    provenance = Provenance(
        origin=where,
        doc_id=stable_id("warc", record_id or url or where),
        encoding=decoded.encoding,
        url=url,
        crawl_date=iso_date(headers.get_header("WARC-Date")),
    )
    return document_or_error(decoded.text, fmt, provenance, settings)


def _content_type(record: Any) -> tuple[str, str | None]:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    value = headers.get_header("Content-Type") or ""
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.strip().partition("=")
        if name.lower() == "charset" and val:
            charset = val.strip("\"' ")
    return media.strip().lower(), charset


def _ok_status(record: Any) -> bool:
    if record.http_headers is None:
        return True
    status = record.http_headers.get_statuscode() or "200"
    return str(status).startswith("2")
