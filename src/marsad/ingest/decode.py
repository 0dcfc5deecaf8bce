"""Bytes to text for Arabic pages: BOMs, UTF-16 without a BOM, UTF-8, declared charsets,
and the legacy Arabic code pages (Windows-1256, ISO-8859-6).

Order of evidence, strongest first: a byte-order mark; the zero/0x06 high-byte pattern of
UTF-16 text; valid UTF-8 (legacy Arabic bytes almost never form valid UTF-8, so a page that
decodes as UTF-8 *is* UTF-8 even when an old meta tag still says windows-1256); the charset
declared by the HTTP/WARC header or an HTML ``<meta>``; and last a guess. The guess asks
charset-normalizer, then checks its answer against Windows-1256 and ISO-8859-6 with an
Arabic-aware score, because the two code pages share most letter positions and a wrong
pick still yields Arabic letters (ال becomes اف) or Latin accents (و becomes è).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "gzip data (name the file .gz)"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"),
)
#: High bytes of UTF-16 code units in Arabic pages: ASCII, Arabic, punctuation, presentation forms.
_UTF16_HIGH_BYTES = frozenset({0x00, 0x06, 0x20, 0xFB, 0xFC, 0xFD, 0xFE})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_LEGACY_ARABIC = ("cp1256", "iso8859_6")
#: Frequent Arabic letter sequences; text decoded with the wrong code page loses them.
_COMMON_ARABIC = ("ال", "في", "من", "على", "أن", "إلى", "ان", "لا", "ما", "ية")
_SNIFF_BYTES = 200_000
#: UTF-8 text with at most this share of bad sequences (and enough good ones) is damaged UTF-8.
_DAMAGED_UTF8_SHARE = 0.02
_DAMAGED_UTF8_MIN_CHARS = 20
#: Legacy Arabic code pages form valid UTF-8 by chance for at most ~2 % of their bad sequences
#: (measured on 400 corpus articles in cp1256 and ISO-8859-6); a tenth means real UTF-8 is mixed in.
_MIXED_UTF8_SHARE = 0.1


class DecodeError(Exception):
    """The bytes are not text (``kind`` "binary") or not in an encoding we can tell ("encoding")."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes, *, declared: str | None = None, html: bool = False) -> Decoded:
    """Decode one document; raises :class:`DecodeError` for binary data or unknown encodings."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding) or _fail(
                f"starts with a {encoding} byte-order mark but does not decode"
            )
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    _refuse_binary(data)
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        return utf8
    _refuse_damaged_utf8(data)
    announced = [
        d for name in (declared, _meta_charset(data) if html else None) if name and (d := _strict(data, name))
    ]
    guess = _guess(data)
    for candidate in announced:
        # honour the declaration unless it is plainly wrong (Arabic read as Latin-1, say)
        if arabic_score(candidate.text) >= arabic_score(guess.text) - 0.5:
            return candidate
    return guess


def _strict(data: bytes, encoding: str) -> Decoded | None:
    try:
        name = codecs.lookup(encoding).name
        return Decoded(data.decode(name), encoding if encoding.endswith("-sig") else name)
    except (LookupError, UnicodeDecodeError):
        return None


def _fail(detail: str) -> Decoded:
    raise DecodeError("encoding", detail)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]

    def share(high: bytes) -> float:
        return sum(b in _UTF16_HIGH_BYTES for b in high) / len(high)

    for encoding, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if share(high) > 0.9 and share(low) < 0.5 and (b"\x00" in high):
            decoded = _strict(data[: len(data) - len(data) % 2], encoding)
            if decoded is not None:
                return decoded
    return None


def _refuse_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError("binary", f"binary data ({what}), not a text document")
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if b"\x00" in sample or controls > len(sample) * 0.05:
        raise DecodeError("binary", "binary data (control bytes), not a text document")


def _refuse_damaged_utf8(data: bytes) -> None:
    """UTF-8 with a few bad bytes is a damaged file, and UTF-8 mixed with another encoding is
    no one encoding: say so, rather than guess a code page and garble the UTF-8 part."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        return
    good, bad = _utf8_counts(data)
    if good >= _DAMAGED_UTF8_MIN_CHARS and bad <= good * _DAMAGED_UTF8_SHARE:
        raise DecodeError(
            "encoding",
            f"invalid UTF-8: {bad} bad byte sequence(s), the first at byte {first_bad}, "
            "in otherwise valid UTF-8 "
            "(the file is damaged; re-fetch it or convert it with errors replaced)",
        )
    if good >= _DAMAGED_UTF8_MIN_CHARS and good >= bad * _MIXED_UTF8_SHARE:
        raise DecodeError(
            "encoding",
            f"mixed encodings: {good} characters of valid UTF-8 and {bad} byte sequences that are not, "
            f"the first at byte {first_bad} (split the file by encoding, or convert it to UTF-8)",
        )


def _utf8_counts(data: bytes) -> tuple[int, int]:
    """Non-ASCII characters that decode as UTF-8, and byte sequences that do not."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    return good, bad


def is_line_utf8(sample: bytes) -> bool:
    """Whether a file that starts with ``sample`` is to be decoded as UTF-8 one line at a time.

    True for UTF-8 (a BOM allowed), including UTF-8 with damaged or foreign lines, which then
    fail one by one; False for UTF-16/32 and for legacy code pages, whose encoding can only be
    told from the whole file.
    """
    if any(sample.startswith(bom) for bom, encoding in _BOMS if encoding != "utf-8-sig"):
        return False
    if _utf16_without_bom(sample) is not None:
        return False
    good, bad = _utf8_counts(sample)
    return bad <= 1 or good >= bad * _MIXED_UTF8_SHARE  # one bad sequence: the sample cut a character


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def arabic_score(text: str) -> float:
    """How much ``text`` reads like Arabic: common letter sequences up, Latin accents down."""
    sample = text[:20_000]
    letters = sum(1 for c in sample if c.isalpha()) or 1
    arabic = sum(1 for c in sample if "\u0621" <= c <= "\u064a")
    accented = sum(1 for c in sample if "\u00c0" <= c <= "\u024f")
    common = sum(sample.count(seq) for seq in _COMMON_ARABIC)
    return arabic / letters + 4 * common / letters - 3 * accented / letters


def _guess(data: bytes) -> Decoded:
    candidates: dict[str, Decoded] = {}
    best = from_bytes(data[:_SNIFF_BYTES]).best()
    guessed = best.encoding if best is not None else None
    for encoding in (*_LEGACY_ARABIC, *([guessed] if guessed else [])):
        decoded = _strict(data, encoding)
        if decoded is not None:
            candidates[decoded.encoding] = decoded
    if not candidates:
        raise DecodeError("encoding", "not UTF-8, UTF-16, Windows-1256 or ISO-8859-6, and no encoding fits")
    scored = sorted(
        candidates.values(), key=lambda d: (arabic_score(d.text), d.encoding == guessed), reverse=True
    )
    return scored[0]
