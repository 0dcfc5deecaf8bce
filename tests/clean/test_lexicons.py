"""The cleaning word lists: shape, folding and duplicates."""

from __future__ import annotations

from collections import Counter

import pytest

from marsad.clean.lexicon import (
    DATE_WORDS_FILE,
    FUNCTION_WORDS_FILE,
    PHRASES_FILE,
    ChromeKind,
    CleanLexicon,
    DateWordKind,
    MatchMode,
    line_key,
)
from marsad.normalize import fold
from marsad.normalize.lexicon import read_rows, source_line

FILES = {
    PHRASES_FILE: ("phrase", "kind", "match"),
    DATE_WORDS_FILE: ("word", "kind"),
    FUNCTION_WORDS_FILE: ("word",),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_lexicon_has_a_source_and_its_header(name: str) -> None:
    assert source_line(name)
    rows = read_rows(name)
    assert rows
    assert tuple(rows[0]) == FILES[name]


@pytest.mark.parametrize("name", sorted(FILES))
def test_keys_are_folded_line_keys(name: str) -> None:
    key = FILES[name][0]
    bad = [
        row[key] for row in read_rows(name) if fold(row[key]) != row[key] or line_key(row[key]) != row[key]
    ]
    assert bad == []


@pytest.mark.parametrize("name", sorted(FILES))
def test_no_duplicate_entries(name: str) -> None:
    columns = FILES[name]
    # a phrase may appear once per match mode; a date word once per kind
    identity = [c for c in columns if c != "kind"] if name == PHRASES_FILE else list(columns)
    counts = Counter(tuple(row[c] for c in identity) for row in read_rows(name))
    assert [k for k, n in counts.items() if n > 1] == []


def test_kinds_and_modes_are_known_values() -> None:
    for row in read_rows(PHRASES_FILE):
        ChromeKind(row["kind"])
        MatchMode(row["match"])
    for row in read_rows(DATE_WORDS_FILE):
        DateWordKind(row["kind"])


def test_line_key_folds_and_drops_digits_and_symbols() -> None:
    assert line_key("التعليقات (4)") == "التعليقات"
    assert line_key("💡 أهم المواضيع") == "اهم المواضيع"
    assert line_key("Translate »") == "translate"
    assert line_key("اترك تعليقاً") == "اترك تعليقا"


def test_lexicon_lookups() -> None:
    lexicon = CleanLexicon.load()
    assert lexicon.whole_line(line_key("الأكثر قراءة")) is ChromeKind.MOST_READ
    assert lexicon.prefix(line_key("اقرأ أيضاً: عنوان آخر").split()) == (ChromeKind.RELATED, 2)
    assert (
        lexicon.contained(line_key("© 2019 جميع الحقوق محفوظة لموقع المرصد").split()) is ChromeKind.COPYRIGHT
    )
    assert lexicon.covered_by(line_key("فرانس 24/ أ ف ب/ رويترز").split(), frozenset({ChromeKind.AGENCY}))
    assert not lexicon.covered_by(
        line_key("رويترز تقول إن القصف مستمر").split(), frozenset({ChromeKind.AGENCY})
    )
