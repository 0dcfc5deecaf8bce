"""The checks every reader applies before it hands out a document, in one place.

Readers decode and split their input; :func:`document_or_error` turns one decoded text into
a :class:`~marsad.article.RawDocument`, or into the :class:`~marsad.errors.IngestError`
that says why it cannot be one (too long, empty, HTML without any visible text).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from marsad.article import InputFormat, RawDocument
from marsad.errors import IngestError, ingest_error
from marsad.settings import IngestSettings

ReadResult = RawDocument | IngestError

#: Deeper element nesting is refused: no real page comes near it (our corpus: 16), and parsing
#: 100,000 nested divs takes selectolax ~30 s (quadratic in the depth), trafilatura's lxml less.
MAX_HTML_DEPTH = 2000
_MARKUP_FORMATS = frozenset({InputFormat.HTML, InputFormat.FEED})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
#: Void elements, and elements whose end tag HTML implies (a new <p> closes the open one):
#: neither adds depth when left unclosed.
# fmt: off
_FLAT_TAGS = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead",
    "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
))
# fmt: on
#: The most bytes one character takes in the encodings we read (UTF-8, UTF-16, UTF-32).
MAX_BYTES_PER_CHAR = 4
_INVISIBLE_TAGS = ["script", "style", "noscript", "template", "svg", "head"]
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a document came from, as far as its reader knows."""

    origin: str
    doc_id: str
    encoding: str | None = None
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    crawl_date: dt.date | None = None


def document_or_error(text: str, fmt: InputFormat, where: Provenance, settings: IngestSettings) -> ReadResult:
    if len(text) > settings.max_document_chars:
        return ingest_error(
            where.origin,
            "too_large",
            f"{len(text)} characters is over max_document_chars={settings.max_document_chars}",
        )
    if not text.strip():
        return ingest_error(where.origin, "empty", "the document is empty")
    if fmt in _MARKUP_FORMATS and nested_deeper_than(text):
        return ingest_error(
            where.origin,
            "too_large",
            f"the HTML nests elements more than {MAX_HTML_DEPTH} deep; refused, as parsing time grows "
            "with the square of the depth",
        )
    if fmt is InputFormat.HTML and not has_visible_text(text):
        return ingest_error(where.origin, "no_body", "the HTML page has no visible text in its body")
    return RawDocument(
        doc_id=storable(where.doc_id),
        content=storable(text),
        format=fmt,
        origin=storable(where.origin),
        title=_storable_or_none(where.title),
        published=where.published,
        url=_storable_or_none(where.url),
        source=_storable_or_none(where.source),
        crawl_date=where.crawl_date,
        encoding=where.encoding,
    )


def storable(text: str) -> str:
    """``text`` with what a store cannot hold replaced by U+FFFD: NUL (PostgreSQL text refuses
    it, and one such record stopped a whole ingest) and lone surrogates (a JSON ``"\\ud800"``
    escape, an undecodable file name: not UTF-8, so SQLite and stdout refuse them)."""
    return _UNSTORABLE.sub("\ufffd", text) if _UNSTORABLE.search(text) else text


def _storable_or_none(text: str | None) -> str | None:
    return None if text is None else storable(text)


def most_document_bytes(settings: IngestSettings) -> int:
    """The largest input that can still decode to a document within ``max_document_chars``."""
    return settings.max_document_chars * MAX_BYTES_PER_CHAR


def nested_deeper_than(html: str, limit: int = MAX_HTML_DEPTH) -> bool:
    """Whether the elements of ``html`` nest more than ``limit`` deep, from its tags in one scan.

    Unclosed non-void elements count as open, so the estimate errs high: the safe side for a guard.
    """
    if html.count("<") <= limit:  # too few tags to get there: skip the scan (every normal page)
        return False
    depth = 0
    for tag in _TAG.finditer(html):
        if tag.group(2).lower() in _FLAT_TAGS:
            continue
        if tag.group(1):
            depth = max(0, depth - 1)
        elif not tag.group(3):
            depth += 1
            if depth > limit:
                return True
    return False


def has_visible_text(html: str) -> bool:
    tree = LexborHTMLParser(html)
    tree.strip_tags(_INVISIBLE_TAGS)
    root = tree.body or tree.root
    return bool(root is not None and root.text(separator=" ", strip=True).strip())


def stable_id(prefix: str, *keys: str | None) -> str:
    """A short id that stays the same for the same keys (feed entries, WARC records, URLs)."""
    joined = "\x1f".join(k for k in keys if k)
    return f"{prefix}-{hashlib.sha1(joined.encode('utf-8')).hexdigest()[:16]}"


def iso_date(value: object) -> dt.date | None:
    """The date of an ISO-8601 string ("2018-04-15", "2018-04-15T10:00:00Z"), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
