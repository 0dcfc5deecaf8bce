"""Bounded reading: whole inputs under a byte limit, and gzip that cannot blow up memory.

A gzip bomb (a few KB that inflate to gigabytes) is stopped as soon as the output passes
``limit``; a truncated or damaged stream is reported as such instead of as a crash.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from typing import BinaryIO, Protocol

_CHUNK = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"


class ReadLimitError(Exception):
    """Reading stopped: ``kind`` is "too_large" or "corrupt"."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def read_bounded(stream: BinaryIO, limit: int, what: str = "input") -> bytes:
    """All of ``stream``, refusing (without reading on) once it passes ``limit`` bytes."""
    # In chunks: read(limit + 1) would allocate the whole limit (256 MiB) for any small file.
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(_CHUNK, limit + 1 - total)):
        total += len(chunk)
        if total > limit:
            raise ReadLimitError("too_large", f"{what} is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def gunzip_bounded(stream: BinaryIO, limit: int) -> bytes:
    """Decompress gzip data from ``stream``, at most ``limit`` bytes of output."""
    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
            while chunk := unzipped.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise ReadLimitError(
                        "too_large",
                        f"decompresses to more than {limit} bytes (max_decompressed_bytes); refused as a "
                        "possible gzip bomb",
                    )
                chunks.append(chunk)
    except EOFError as exc:
        raise ReadLimitError("corrupt", "truncated gzip: the data ends before the end of the stream") from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise ReadLimitError("corrupt", f"corrupt gzip data: {exc}") from exc
    return b"".join(chunks)


class LineStream(Protocol):
    """What the streaming readers need: files, GzipFile, BytesIO and :class:`BoundedStream` have it."""

    def readline(self, size: int = -1, /) -> bytes: ...

    def read(self, size: int = -1, /) -> bytes: ...

    def seek(self, offset: int, /) -> object: ...


class BoundedStream:
    """Line-by-line reading of a (possibly gzip) stream within a byte budget.

    Readers that stream (JSONL) see damaged gzip and an over-long output as
    :class:`ReadLimitError`, like :func:`gunzip_bounded` callers do, however far in it happens.
    """

    def __init__(self, stream: LineStream, limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._total = 0

    def readline(self, size: int = -1) -> bytes:
        return self._count(lambda: self._stream.readline(size))

    def read(self, size: int = -1) -> bytes:
        return self._count(lambda: self._stream.read(size))

    def seek(self, offset: int) -> None:
        self._total = 0
        self._stream.seek(offset)

    def _count(self, reading: Callable[[], bytes]) -> bytes:
        try:
            data = reading()
        except EOFError as exc:
            raise ReadLimitError(
                "corrupt", "truncated gzip: the data ends before the end of the stream"
            ) from exc
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise ReadLimitError("corrupt", f"corrupt gzip data: {exc}") from exc
        self._total += len(data)
        if self._total > self._limit:
            raise ReadLimitError(
                "too_large",
                f"decompresses to more than {self._limit} bytes (max_decompressed_bytes); refused as a "
                "possible gzip bomb",
            )
        return data
