"""The number-word grammar shared by quantities and dates."""

from __future__ import annotations

import pytest

from marsad.normalize import fold
from marsad.normalize.numerals import parse_digits, parse_number_words


def words(text: str) -> list[str]:
    return fold(text).split()


@pytest.mark.parametrize(
    ("text", "value", "used"),
    [
        ("ثلاثة آلاف شخص", 3000, 2),
        ("ثلاثة وعشرين جنديا", 23, 2),
        ("مئة وخمسة وعشرون", 125, 3),
        ("عشرات الآلاف من", 10000, 2),
        ("خمسة عشر ألفا", 15000, 3),
        ("ثلاثة أربعة", 3, 1),  # two numbers, not seven
        ("أحد عشر", 11, 2),
        ("ألف ومئتان", 1200, 2),
        ("نصف مليون", 500000, 2),
        ("مليون وألفين", 1002000, 2),
    ],
)
def test_longest_phrase(text: str, value: int, used: int) -> None:
    parsed = parse_number_words(words(text))
    assert parsed is not None
    assert (parsed.value, parsed.words) == (value, used)


@pytest.mark.parametrize("text", ["أحد", "نصف", "وخمسة", "اثنا", "حلب", "عشرات عشرات"])
def test_not_a_number_on_its_own(text: str) -> None:
    parsed = parse_number_words(words(text))
    assert parsed is None or parsed.words < len(words(text))


@pytest.mark.parametrize(
    ("text", "vague"), [("عشرات", True), ("آلاف", True), ("ثلاثة آلاف", False), ("مئة", False)]
)
def test_vague_flag(text: str, vague: bool) -> None:
    parsed = parse_number_words(words(text))
    assert parsed is not None
    assert parsed.vague is vague


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,500", 1500.0), ("2.5", 2.5), ("42", 42.0), ("1,50", None), ("", None), ("a1", None)],
)
def test_parse_digits(text: str, value: float | None) -> None:
    assert parse_digits(text) == value
