"""http(s) inputs: fetch a feed or a page given on the command line, within the size limits.

This is a user feature (``marsad extract https://example.org/feed.xml``); nothing in marsad
fetches anything by itself, and tests serve their feeds from 127.0.0.1.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.request
from dataclasses import dataclass

from marsad import __version__
from marsad.ingest.compressed import gunzip_bounded, read_bounded
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
