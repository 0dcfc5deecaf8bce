"""RSS and Atom feeds: one document per entry, its HTML content (or summary) cleaned later.

feedparser reads the raw bytes (it applies the XML encoding rules itself) and is never given
a URL or a path: fetching is ours (:mod:`marsad.ingest.web`), with our limits. An entry's id
is derived from its guid/id (else its link, else its title), so it is stable between runs.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import feedparser

from marsad.article import InputFormat
from marsad.errors import ingest_error
from marsad.ingest.documents import Provenance, ReadResult, document_or_error, stable_id
from marsad.settings import IngestSettings


def read_feed(data: bytes, origin: str, settings: IngestSettings) -> Iterator[ReadResult]:
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser breaks in many ways on damaged feeds
        # (found by fuzzing: an undecodable encoding name, a NUL byte, a &#xD800; reference)
        yield ingest_error(origin, "corrupt", f"not a readable RSS/Atom feed ({type(exc).__name__}: {exc})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f"not a readable RSS/Atom feed ({problem})" if problem else "the feed has no entries"
        yield ingest_error(origin, "corrupt" if problem else "empty", detail)
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    encoding = parsed.get("encoding")
    for number, entry in enumerate(entries, 1):
        yield _entry_document(entry, f"{origin}#{number}", feed_title, encoding, settings)


def _entry_document(
    entry: Any, where: str, feed_title: str | None, encoding: str | None, settings: IngestSettings
) -> ReadResult:
    content = _entry_content(entry)
    if not content.strip():
        return ingest_error(where, "empty", "the feed entry has no content or summary")
    key = entry.get("id") or entry.get("link") or entry.get("title")
    provenance = Provenance(
        origin=where,
        doc_id=stable_id("feed", key or where),
        encoding=encoding,
        title=(entry.get("title") or "").strip() or None,
        published=_entry_date(entry),
        url=entry.get("link"),
        source=feed_title,
    )
    return document_or_error(content, InputFormat.FEED, provenance, settings)


def _entry_content(entry: Any) -> str:
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if value.strip():
            return str(value)
    return str(entry.get("summary") or "")


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None
