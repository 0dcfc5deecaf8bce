"""Tokens and clitics: proclitics, the article, enclitics, and lexicon lookup forms."""

from __future__ import annotations

import pytest

from marsad.normalize import fold, tokenize
from marsad.normalize.tokens import analyze, match_forms, proclitic_candidates, split_enclitic


@pytest.mark.parametrize(
    ("written", "lexicon_entry"),
    [
        ("وبحلب", "حلب"),
        ("لحلب", "حلب"),
        ("بحلب", "حلب"),
        ("فحلب", "حلب"),
        ("كحلب", "حلب"),
        ("والرقة", "الرقه"),
        ("بالموصل", "الموصل"),
        ("وبالموصل", "الموصل"),
        ("فالموصل", "الموصل"),
        ("للرقة", "الرقه"),
        ("وللرقة", "الرقه"),
        ("كالرقة", "الرقه"),
        ("وسوريا", "سوريا"),
        ("لإدلب", "ادلب"),
        ("وإدلب", "ادلب"),
        ("الموصل", "الموصل"),
        ("حلب", "حلب"),
        ("بيروت", "بيروت"),
        ("لبنان", "لبنان"),
        ("ولبنان", "لبنان"),
        ("بلبنان", "لبنان"),
        ("سيقاتلون", "يقاتلون"),
    ],
)
def test_match_forms_reach_the_lexicon_entry(written: str, lexicon_entry: str) -> None:
    assert lexicon_entry in match_forms(fold(written))


@pytest.mark.parametrize(
    ("written", "never"),
    [
        ("حلب", "لب"),  # a too-short remainder is never offered
        ("بيت", "يت"),
        ("الموصل", "وصل"),
    ],
)
def test_match_forms_do_not_over_strip(written: str, never: str) -> None:
    assert never not in match_forms(fold(written))


def test_match_forms_start_with_the_word_and_have_no_duplicates() -> None:
    forms = match_forms("وبالموصل")
    assert forms[0] == "وبالموصل"
    assert len(forms) == len(set(forms))


@pytest.mark.parametrize(
    ("word", "proclitics", "base", "enclitic", "article"),
    [
        ("وبالموصل", "وب", "موصل", "", True),
        ("للرقه", "ل", "رقه", "", True),
        ("والرقه", "و", "رقه", "", True),
        ("الموصل", "", "موصل", "", True),
        ("قواتها", "", "قوات", "ها", False),
        ("مقاتليهم", "", "مقاتلي", "هم", False),
        ("بلادنا", "", "بلاد", "نا", False),
        ("مدينه", "", "مدينه", "", False),  # ta marbuta folded to ه is not an enclitic
        ("بيروت", "", "بيروت", "", False),  # no article: proclitics stay (callers check a lexicon)
        ("لها", "", "لها", "", False),
        ("حلب", "", "حلب", "", False),
    ],
)
def test_analyze(word: str, proclitics: str, base: str, enclitic: str, article: bool) -> None:
    token = analyze(word)
    assert (token.proclitics, token.base, token.enclitic, token.has_article) == (
        proclitics,
        base,
        enclitic,
        article,
    )


def test_stem_with_article() -> None:
    assert analyze("وبالموصل").stem_with_article == "الموصل"
    assert analyze("حلب").stem_with_article == "حلب"


def test_candidates_end_with_the_unsplit_word() -> None:
    candidates = proclitic_candidates("وبالموصل")
    assert candidates[-1] == ("", "وبالموصل", False)
    assert candidates[0] == ("وب", "موصل", True)


@pytest.mark.parametrize(
    ("word", "split"), [("قواتها", ("قوات", "ها")), ("هم", ("هم", "")), ("كتاب", ("كتاب", ""))]
)
def test_split_enclitic(word: str, split: tuple[str, str]) -> None:
    assert split_enclitic(word) == split


def test_tokenize_offsets_and_glued_numbers() -> None:
    text = fold("أوقع 500شهيد في حلب_الشرقية، و#حمص")
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["اوقع", "500شهيد", "في", "حلب", "الشرقيه", "و", "حمص"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_tokenize_builds_the_same_tokens_as_analyze() -> None:
    text = fold("وبالموصل قواتها لبنان 500شهيد الرقة")
    for token in tokenize(text):
        assert token == analyze(token.text, token.start, token.end)
        assert hash(token) == hash(analyze(token.text, token.start, token.end))
