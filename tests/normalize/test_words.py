"""Words for lexicon matching (``normalize.words``) and the offset map's many-offsets walk.

Both exist for speed (issue 9), so each is checked against the slow, obvious way of getting
the same answer: per-offset ``OffsetMap`` look-ups, a per-word form list, a scan of every word.
"""

from __future__ import annotations

import random

import pytest

from marsad.article import Article, OffsetMap, Words
from marsad.extract.phrases import article_words
from marsad.normalize import normalize, tokenize
from marsad.normalize.letters import DROPPED, EXPANDED, ONE_TO_ONE
from marsad.normalize.stages import normalize_body, tokenize_body
from marsad.normalize.text import fold
from marsad.normalize.words import build_words, word_forms
from tests.conftest import make_article

#: Letters, a ligature that expands (ﻻ), marks that are deleted (harakat, tatweel, bidi marks).
ALPHABET = "ابتلمنوكفيه ﻻ\u064e\u064f\u0651\u0640\u200f،. "


def random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def test_source_ranges_agree_with_one_lookup_per_offset() -> None:
    for text in random_texts(500, seed=9):
        offsets = normalize(text).offsets
        indices = list(range(-1, offsets.derived_length + 2))
        starts, ends = offsets.source_ranges(indices, indices)
        assert starts == [offsets.source_start(i) for i in indices], text
        assert ends == [offsets.source_end(i) for i in indices], text


def test_source_ranges_map_offsets_given_out_of_order() -> None:
    offsets = normalize("قَصَفَ ﻻ الطـيران\u200f حلب").offsets
    indices = [9, 2, 14, 0, 7, 7, 3]
    starts, ends = offsets.source_ranges(indices, indices)
    assert starts == [offsets.source_start(i) for i in indices]
    assert ends == [offsets.source_end(i) for i in indices]


@pytest.mark.parametrize("length", [0, 1, 5])
def test_source_ranges_of_a_plain_copy(length: int) -> None:
    offsets = OffsetMap.identity(length)
    indices = list(range(-1, length + 2))
    assert offsets.source_ranges(indices, indices) == (
        [offsets.source_start(i) for i in indices],
        [offsets.source_end(i) for i in indices],
    )


def test_a_ligature_with_a_mark_is_not_a_plain_copy() -> None:
    """ "ﻻَ": one source character expands to two and one is deleted: same lengths, no copy."""
    offsets = normalize("ﻻ\u064e").offsets
    assert offsets.source_ranges([0, 1], [1, 2]) == ([0, 0], [2, 2])


@pytest.mark.parametrize("text", ["وللنظام في حلب", "قَصَفَ الطيرانُ ﻻذقية وبالموصل", "", "كالنظام كيري"])
def test_words_carry_their_forms_and_body_spans(text: str) -> None:
    normalized = normalize(text)
    tokens = tokenize(normalized.text)
    words = build_words(tokens, normalized)
    assert [w.text for w in words] == [t.text for t in tokens]
    assert [w.forms for w in words] == [word_forms(t.text, t.start) for t in tokens]
    assert [words.body_span(w.index) for w in words] == [normalized.body_span(t.start, t.end) for t in tokens]
    assert words.in_order


def test_word_forms_strip_proclitics_and_keep_the_lam_of_lil() -> None:
    assert word_forms("وللنظام", 10) == (
        ("وللنظام", 10, ""),
        ("لنظام", 12, "ول"),
        ("النظام", 11, "ول"),
        ("للنظام", 11, "و"),
    )
    assert word_forms("كيري") == (("كيري", 0, ""),)  # ك only before a definite word


def test_the_form_index_finds_every_word_with_a_form() -> None:
    normalized = normalize("والنظام قصف النظام وبالنظام ثم للنظام وحلب")
    words = build_words(tokenize(normalized.text), normalized)
    for form in {f for w in words for f, _, _ in w.forms}:
        expected = [w.index for w in words if w.has_form(form)]
        assert words.by_form[form] == expected
        assert words.starting_with({form, "غير موجود"}) == expected
    assert words.starting_with({"النظام", "حلب"}) == [0, 2, 3, 5, 6]
    assert words.starting_with(set()) == []


def test_the_tokens_stage_fills_words_and_stale_words_are_not_used() -> None:
    article = tokenize_body(normalize_body(make_article("قصفت الطائرات حلب")))
    assert isinstance(article.words, Words)
    assert article_words(article) is article.words
    article.tokens = tokenize(article.normalized.text if article.normalized else "")  # re-tokenized
    assert article_words(article) is not article.words
    assert [w.text for w in article_words(article)] == ["قصفت", "الطايرات", "حلب"]


def test_words_survive_pickling_with_their_index() -> None:
    import pickle

    article: Article = tokenize_body(normalize_body(make_article("قصفت الطائرات وحلب")))
    copy = pickle.loads(pickle.dumps(article))
    assert copy.words == article.words
    assert copy.words.by_form == article.words.by_form  # type: ignore[union-attr]
    assert copy.words.body_starts == article.words.body_starts  # type: ignore[union-attr]


def test_fold_is_the_text_normalize_gives() -> None:
    specials = sorted(DROPPED | set(EXPANDED) | set(ONE_TO_ONE))
    rng = random.Random(4)
    texts = ["".join(rng.choice([*specials, *"حلب لا 12"]) for _ in range(12)) for _ in range(2000)]
    for text in [*texts, *specials]:
        assert fold(text) == normalize(text).text
