"""Normalization: every folding rule, the offset map back to the raw text, and its invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.article import OffsetMap
from marsad.normalize import fold, normalize, tokenize


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        # diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic marks)
        ("مُحَمَّدٌ", "محمد"),
        ("شخصاً", "شخصا"),
        ("الرَّحْمٰن", "الرحمن"),
        ("قُتِلَ", "قتل"),
        ("ذكّر", "ذكر"),
        ("صلى\u06d6", "صلي"),
        # tatweel
        ("الـ24", "ال24"),
        ("هـ", "ه"),
        ("حـــلـــب", "حلب"),
        # alef and hamza forms
        ("أحمد", "احمد"),
        ("إسرائيل", "اسراييل"),
        ("آذار", "اذار"),
        ("ٱلله", "الله"),
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        ("اللواء", "اللواء"),
        # alef maqsura and ta marbuta (matching only)
        ("مستشفى", "مستشفي"),
        ("على", "علي"),
        ("الرقة", "الرقه"),
        ("مدينة", "مدينه"),
        # presentation forms to base letters
        ("ﻻ", "لا"),
        ("ﻷ", "لا"),
        ("ﺣﻠﺐ", "حلب"),
        ("ﺍﻟﺮﻗﺔ", "الرقه"),
        ("ﷲ", "الله"),
        ("ﺀ", "ء"),
        ("ﻋﺸﺮﺓ", "عشره"),
        # Persian / Urdu / Kurdish letter variants
        ("کرکوک", "كركوك"),
        ("ایران", "ايران"),
        ("ئەو", "يهو"),
        ("ھ", "ه"),
        # digits and separators
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("١٬٥٠٠", "1,500"),
        ("٢٫٥", "2.5"),
        ("٩٠٪", "90%"),
        ("１２", "12"),
        # Arabic punctuation
        ("حلب، دمشق؛ لماذا؟", "حلب, دمشق; لماذا?"),
        # quotes and brackets
        ("«نظام هدوء»", '"نظام هدوء"'),
        ("“نظام هدوء”", '"نظام هدوء"'),
        ("‘x’", "'x'"),
        ("﴿آية﴾", "(ايه)"),
        # dashes and spaces
        ("الرقة بوست – خاص", "الرقه بوست - خاص"),
        ("حلب\u00a0ودمشق", "حلب ودمشق"),
        # invisible controls
        ("حلب\u200f", "حلب"),
        ("\ufeffحلب", "حلب"),
        ("ح\u200cلب", "حلب"),
        ("\u202bحلب\u202c", "حلب"),
        # ASCII case
        ("MSF", "msf"),
        ("CNN", "cnn"),
        # untouched
        ("حلب", "حلب"),
        ("", ""),
        ("123", "123"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded
    assert normalize(raw).text == folded


@pytest.mark.parametrize(
    ("raw", "word"),
    [
        ("قصفت الطائراتُ حَلَبَ أمس", "حلب"),
        ("في ﺣﻠﺐ الشرقية", "حلب"),
        ("شهداءٌ في الـرقّـة", "الرقه"),
        ("مدينة إعزاز", "اعزاز"),
        ("وصلﷺ المدينة", "المدينه"),
        ("ﻻ تقترب", "لا"),
        ("مقتل ١٤ شخصاً", "14"),
        ("مقتل ١٤ شخصاً", "شخصا"),
    ],
)
def test_a_word_maps_back_to_its_raw_characters(raw: str, word: str) -> None:
    normalized = normalize(raw)
    start = normalized.text.index(word)
    span = normalized.body_span(start, start + len(word))
    assert fold(span.slice(raw)) == word
    assert span.slice(raw).strip() == span.slice(raw)


def test_marks_after_a_word_belong_to_it() -> None:
    raw = "حَلَبُ اليوم"
    normalized = normalize(raw)
    assert normalized.body_span(0, 3).slice(raw) == "حَلَبُ"


def test_expanded_ligature_maps_to_the_whole_source_character() -> None:
    raw = "ﻻ"
    normalized = normalize(raw)
    assert normalized.text == "لا"
    assert normalized.body_span(0, 1).slice(raw) == "ﻻ"
    assert normalized.body_span(1, 2).slice(raw) == "ﻻ"


def test_text_without_special_characters_has_an_identity_map() -> None:
    normalized = normalize("قصفت الطائرات حلب")
    assert normalized.offsets.is_identity


def test_identity_map() -> None:
    offsets = OffsetMap.identity(5)
    assert offsets.to_source(1, 3) == offsets.to_source(1, 3)
    assert (offsets.source_start(2), offsets.source_end(4)) == (2, 4)
    assert OffsetMap.identity(0).to_source(0, 0).start == 0


def test_empty_range_maps_to_a_point() -> None:
    raw = "قُتِلَ"
    span = normalize(raw).body_span(1, 1)
    assert span.start == span.end


# ----------------------------------------------------------------- properties

ARABIC_HEAVY = st.text(
    alphabet=st.sampled_from(
        [
            *"ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأؤإئىة،؛؟«»0123456789٠١٢٣٤٥٦٧٨٩٬٫.\n",
            *["\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0670", "\u0640", "\u200f", "\ufeff"],
            *["ﻻ", "ﷲ", "ﷺ", "ﺣ", "ﻠ", "ﺐ", "ﺓ", "ک", "ی", "ە", "۴"],
        ]
    ),
    max_size=60,
)
ANY_TEXT = st.text(max_size=40)


@given(st.one_of(ARABIC_HEAVY, ANY_TEXT))
@settings(max_examples=300, deadline=None)
def test_normalize_never_raises_and_spans_stay_inside(raw: str) -> None:
    normalized = normalize(raw)
    length = len(normalized.text)
    for start in range(length + 1):
        for end in range(start, min(length, start + 6) + 1):
            span = normalized.body_span(start, end)
            assert 0 <= span.start <= span.end <= len(raw)


@given(st.one_of(ARABIC_HEAVY, ANY_TEXT))
@settings(max_examples=300, deadline=None)
def test_raw_slice_of_a_token_folds_back_to_the_token(raw: str) -> None:
    normalized = normalize(raw)
    for token in tokenize(normalized.text):
        span = normalized.body_span(token.start, token.end)
        assert fold(span.slice(raw)) == token.text


@given(st.one_of(ARABIC_HEAVY, ANY_TEXT))
@settings(max_examples=200, deadline=None)
def test_fold_is_idempotent_and_agrees_with_normalize(raw: str) -> None:
    folded = fold(raw)
    assert folded == normalize(raw).text
    assert fold(folded) == folded


@given(ARABIC_HEAVY)
@settings(max_examples=200, deadline=None)
def test_spans_are_monotonic(raw: str) -> None:
    normalized = normalize(raw)
    starts = [normalized.offsets.source_start(i) for i in range(len(normalized.text))]
    assert starts == sorted(starts)
