"""The Arabic-core word lists: shape, folding, duplicates and coverage."""

from __future__ import annotations

from collections import Counter

import pytest

from marsad.normalize import fold, normalize
from marsad.normalize.lexicon import read_rows, source_line

#: file -> the columns that are match keys (folded text)
CORE_LEXICONS = {
    "months.tsv": ("name",),
    "hijri_months.tsv": ("name",),
    "weekdays.tsv": ("name",),
    "relative_dates.tsv": ("phrase",),
    "time_units.tsv": ("word",),
    "ordinal_words.tsv": ("word",),
    "number_words.tsv": ("word",),
    "quantity_qualifiers.tsv": ("phrase",),
    "dual_nouns.tsv": ("stem",),
    "number_context.tsv": ("word", "role"),
    "date_cues.tsv": ("word", "role"),
    "clause_openers.tsv": ("phrase",),
}


@pytest.mark.parametrize("name", sorted(CORE_LEXICONS))
def test_has_a_source_and_rows(name: str) -> None:
    assert source_line(name)
    assert len(read_rows(name)) >= 5


@pytest.mark.parametrize("name", sorted(CORE_LEXICONS))
def test_match_keys_are_folded(name: str) -> None:
    key_column = CORE_LEXICONS[name][0]
    unfolded = [row[key_column] for row in read_rows(name) if fold(row[key_column]) != row[key_column]]
    assert unfolded == []


@pytest.mark.parametrize("name", sorted(CORE_LEXICONS))
def test_no_duplicates(name: str) -> None:
    keys = Counter(tuple(row[c] for c in CORE_LEXICONS[name]) for row in read_rows(name))
    assert [k for k, n in keys.items() if n > 1] == []


def test_every_month_has_a_name_in_every_regional_set() -> None:
    months = {row["name"]: int(row["month"]) for row in read_rows("months.tsv")}
    levantine = [
        "كانون الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول",
        "تشرين الثاني",
        "كانون الأول",
    ]
    egyptian = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ]
    maghrebi = [
        "جانفي",
        "فيفري",
        "مارس",
        "أفريل",
        "ماي",
        "جوان",
        "جويلية",
        "أوت",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ]
    for names in (levantine, egyptian, maghrebi):
        assert [months[fold(n)] for n in names] == list(range(1, 13))


def test_weekdays_and_hijri_months_are_complete() -> None:
    assert {int(r["weekday"]) for r in read_rows("weekdays.tsv")} == set(range(7))
    assert {int(r["month"]) for r in read_rows("hijri_months.tsv")} == set(range(1, 13))


def test_number_words_cover_units_tens_hundreds_scales_and_vague_plurals() -> None:
    values = {row["word"]: float(row["value"]) for row in read_rows("number_words.tsv")}
    covered = set(values.values())
    assert set(range(1, 11)) <= covered
    assert {20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0} <= covered
    assert {100.0 * k for k in range(1, 10)} <= covered
    assert {1000.0, 1e6, 1e9} <= covered
    for vague, value in (("عشرات", 10), ("مئات", 100), ("آلاف", 1000)):
        assert values[fold(vague)] == value


def test_arabic_separators_fold_to_ascii() -> None:
    assert normalize("١٬٥٠٠٫٥").text == "1,500.5"
