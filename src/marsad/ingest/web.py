"""http(s) inputs: fetch a feed or a page given on the command line, within the size limits.

This is a user feature (``marsad extract https://example.org/feed.xml``); nothing in marsad
fetches anything by itself, and tests serve their feeds from 127.0.0.1.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from marsad import __version__
from marsad.errors import ingest_error
from marsad.ingest.compressed import ReadLimitError, gunzip_bounded, read_bounded
from marsad.ingest.documents import ReadResult
from marsad.settings import IngestSettings

TIMEOUT_S = 30


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    content_type: str
    charset: str | None
    url: str


def is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def fetch(url: str, settings: IngestSettings) -> Fetched:
    """The body of ``url`` (gzip undone); raises ReadLimitError or OSError (URLError) on failure."""
    request = urllib.request.Request(
        url, headers={"User-Agent": f"marsad/{__version__}", "Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
        data = read_bounded(response, settings.max_file_bytes, "the response")
        if response.headers.get("Content-Encoding", "").lower() == "gzip":
            data = gunzip_bounded(io.BytesIO(data), settings.max_decompressed_bytes)
        content_type = response.headers.get_content_type()
        charset = response.headers.get_content_charset()
        return Fetched(data, content_type, charset, response.geturl())


def read_url(url: str, settings: IngestSettings) -> Iterator[ReadResult]:
    from marsad.ingest.files import read_bytes, sniff_format

    try:
        fetched = fetch(url, settings)
    except ReadLimitError as exc:
        yield ingest_error(url, exc.kind, exc.detail)
        return
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        yield ingest_error(url, "not_found", f"cannot fetch: {reason}")
        return
    fmt = sniff_format(fetched.data, fetched.content_type)
    yield from read_bytes(
        fetched.data, fmt, url, doc_id=None, settings=settings, declared=fetched.charset, url=fetched.url
    )
