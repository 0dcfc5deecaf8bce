"""Encodings of Arabic pages: BOMs, UTF-16 without a BOM, legacy code pages, declared charsets."""

from __future__ import annotations

import pytest

from marsad.ingest.decode import DecodeError, arabic_score, decode_bytes
from tests.ingest.conftest import ARABIC

# a text every encoding under test can write (no characters outside ISO-8859-6)
PLAIN = (
    "قال المرصد إن خمسة مدنيين قتلوا في قصف على ريف إدلب، "
    "وإن فرق الدفاع المدني انتشلت الضحايا من تحت الأنقاض."
)


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("cp1256", "cp1256"),
        ("iso8859_6", "iso8859-6"),
    ],
)
def test_each_encoding_is_recognised(encoding: str, reported: str) -> None:
    decoded = decode_bytes(PLAIN.encode(encoding))
    assert decoded.text == PLAIN
    assert decoded.encoding == reported


def test_windows_1256_text_with_latin_accents_in_its_bytes() -> None:
    # cp1256 bytes that are Latin letters in ISO-8859-1 must not be read as French
    text = ARABIC + " (تقرير خاص)"
    assert decode_bytes(text.encode("cp1256")).text == text


def html_page(charset: str) -> str:
    return f'<html><head><meta charset="{charset}"></head><body><p>{PLAIN}</p></body></html>'


@pytest.mark.parametrize(("charset", "codec"), [("windows-1256", "cp1256"), ("iso-8859-6", "iso8859_6")])
def test_meta_charset_is_honoured(charset: str, codec: str) -> None:
    decoded = decode_bytes(html_page(charset).encode(codec), html=True)
    assert decoded.text == html_page(charset)


def test_valid_utf8_wins_over_an_old_meta_charset() -> None:
    page = html_page("windows-1256")
    assert decode_bytes(page.encode("utf-8"), html=True).encoding == "utf-8"


def test_a_wrong_declared_charset_is_overruled() -> None:
    decoded = decode_bytes(PLAIN.encode("cp1256"), declared="iso-8859-1")
    assert decoded.text == PLAIN


def test_damaged_utf8_is_an_encoding_error() -> None:
    head, tail = PLAIN[:10].encode(), PLAIN[10:].encode()
    with pytest.raises(DecodeError) as caught:
        decode_bytes(head + b"\xff" + tail)
    assert caught.value.kind == "encoding"
    assert f"byte {len(head)}" in caught.value.detail


def test_binary_data_is_refused() -> None:
    with pytest.raises(DecodeError) as caught:
        decode_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    assert caught.value.kind == "binary"


def test_arabic_score_prefers_the_right_code_page() -> None:
    data = PLAIN.encode("cp1256")
    right, wrong = data.decode("cp1256"), data.decode("latin-1")
    assert arabic_score(right) > arabic_score(wrong) + 1
