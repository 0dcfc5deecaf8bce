"""Quantities: digits in every script, number words, duals, vague plurals, qualifiers, kinds."""

from __future__ import annotations

import pytest

from marsad.article import Qualifier, QuantityKind
from marsad.extract.numbers import find_quantities, parse_quantity, quantity_stage
from marsad.normalize import normalize
from marsad.settings import Settings
from tests.conftest import make_article

EXACT, AT_LEAST, ABOUT, AT_MOST, RANGE, VAGUE = (
    Qualifier.EXACT,
    Qualifier.AT_LEAST,
    Qualifier.ABOUT,
    Qualifier.AT_MOST,
    Qualifier.RANGE,
    Qualifier.VAGUE,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # digits in every script, separators, glued to words
        ("قتل 14 شخصا", 14),
        ("قتل ١٤ شخصاً", 14),
        ("قتل ۱۴ نفر", 14),
        ("أوقع 500شهيد", 500),
        ("أوقع ٥٠٠شهيد", 500),
        ("1,500 قتيل", 1500),
        ("١٬٥٠٠ قتيل", 1500),
        ("12,345,678 دولار", 12345678),
        ("350 ألف", 350000),
        ("٣٥٠ ألف شخص", 350000),
        ("1.5 مليون", 1500000),
        ("٢٫٥ مليون", 2500000),
        ("3 آلاف", 3000),
        ("أكثر من 2 مليون", 2000000),
        # units with gender and case forms
        ("واحد", 1),
        ("اثنان", 2),
        ("اثنين", 2),
        ("ثلاث", 3),
        ("ثلاثة", 3),
        ("أربع", 4),
        ("أربعة", 4),
        ("خمسة", 5),
        ("ستة", 6),
        ("سبع", 7),
        ("سبعة", 7),
        ("ثمانية", 8),
        ("ثماني ضربات", 8),
        ("ثمان", 8),
        ("تسعة", 9),
        ("عشر سنوات", 10),
        ("عشرة", 10),
        # teens, tens, compounds
        ("أحد عشر", 11),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("اثني عشر", 12),
        ("ثلاثة عشر", 13),
        ("خمس عشرة", 15),
        ("تسعة عشر", 19),
        ("عشرون", 20),
        ("عشرين", 20),
        ("ثلاثين", 30),
        ("أربعون", 40),
        ("تسعين", 90),
        ("ثلاثة وعشرين", 23),
        ("خمسة وأربعون", 45),
        ("تسع وتسعين", 99),
        # hundreds in one word or two
        ("مئة", 100),
        ("مائة", 100),
        ("مئتان", 200),
        ("مئتي", 200),
        ("مائتين", 200),
        ("ثلاثمئة", 300),
        ("ثلاثمائة", 300),
        ("ثلاث مئة", 300),
        ("خمسمئة", 500),
        ("خمسمائة", 500),
        ("ثمانمئة", 800),
        ("تسعمائة", 900),
        ("مئة وخمسة وعشرون", 125),
        ("مائتين وخمسين", 250),
        # scales
        ("ألف", 1000),
        ("ألفين", 2000),
        ("ألفان", 2000),
        ("ألفي شخص", 2000),
        ("ثلاثة آلاف", 3000),
        ("عشرة آلاف", 10000),
        ("خمسة عشر ألفاً", 15000),
        ("ثلاثة وعشرين ألف", 23000),
        ("مئتي ألف", 200000),
        ("ثلاثة آلاف وخمسمئة", 3500),
        ("ألف ومئتان", 1200),
        ("مليون", 1000000),
        ("مليونين", 2000000),
        ("ثلاثة ملايين", 3000000),
        ("مليار", 1000000000),
        ("نصف مليون", 500000),
        ("ربع مليون", 250000),
        ("نحو أربعين ألف", 40000),
        # proclitics on the first word
        ("بثلاثين", 30),
        ("لثلاثين يوماً", 30),
        ("وخمسة", 5),
        ("والعشرات", 10),
        # duals of countable nouns
        ("طفلان", 2),
        ("طفلين", 2),
        ("جنديين", 2),
        ("جنديان", 2),
        ("مدنيان", 2),
        ("شخصين", 2),
        ("امرأتين", 2),
        ("الطفلان", 2),
        ("غارتين", 2),
        ("صاروخين", 2),
        ("طفلين اثنين", 2),
        ("يومين", 2),
        ("ساعتين", 2),
    ],
)
def test_value(text: str, value: int) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == value


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "upper"),
    [
        ("أكثر من 65", 65, AT_LEAST, None),
        ("أكثر من 65 من المرضى", 65, AT_LEAST, None),
        ("بأكثر من 100", 100, AT_LEAST, None),
        ("ما يزيد عن 100", 100, AT_LEAST, None),
        ("ما يزيد على 100", 100, AT_LEAST, None),
        ("ما لا يقل عن 20", 20, AT_LEAST, None),
        ("لا يقل عن 20", 20, AT_LEAST, None),
        ("أزيد من 30", 30, AT_LEAST, None),
        ("يربو على 40", 40, AT_LEAST, None),
        ("تجاوز 3000 خرق", 3000, AT_LEAST, None),
        ("150 شخصا على الأقل", 150, AT_LEAST, None),
        ("ثماني ضربات جوية على الأقل", 8, AT_LEAST, None),
        ("20 قتيلا أو أكثر", 20, AT_LEAST, None),
        ("نحو 500", 500, ABOUT, None),
        ("حوالي 40", 40, ABOUT, None),
        ("حوالى 40", 40, ABOUT, None),
        ("قرابة 12", 12, ABOUT, None),
        ("زهاء 300", 300, ABOUT, None),
        ("ما يقارب 25", 25, ABOUT, None),
        ("ما يناهز 60", 60, ABOUT, None),
        ("نحو خمسين", 50, ABOUT, None),
        ("70 شخصا تقريبا", 70, ABOUT, None),
        ("أقل من 10", 10, AT_MOST, None),
        ("ما لا يزيد عن 15", 15, AT_MOST, None),
        ("بين 5 و7", 5, RANGE, 7),
        ("ما بين 5 و7 قتلى", 5, RANGE, 7),
        ("من 5 إلى 7", 5, RANGE, 7),
        ("من 5 حتى 7", 5, RANGE, 7),
        ("5-7 قتلى", 5, RANGE, 7),
        ("5 أو 6 قتلى", 5, RANGE, 6),
        ("بين خمسة وسبعة", 5, RANGE, 7),
        ("بين ١٠ و٢٠", 10, RANGE, 20),
        ("عشرات", 10, VAGUE, None),
        ("العشرات", 10, VAGUE, None),
        ("مئات الشهداء", 100, VAGUE, None),
        ("المئات", 100, VAGUE, None),
        ("آلاف", 1000, VAGUE, None),
        ("الآلاف", 1000, VAGUE, None),
        ("عشرات الآلاف", 10000, VAGUE, None),
        ("مئات الآلاف", 100000, VAGUE, None),
        ("ملايين", 1000000, VAGUE, None),
        ("عشرات الملايين", 10000000, VAGUE, None),
        ("15 قتيلا", 15, EXACT, None),
    ],
)
def test_qualifier(text: str, value: int, qualifier: Qualifier, upper: int | None) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.value, quantity.qualifier, quantity.upper) == (value, qualifier, upper)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("في عام 2018", QuantityKind.YEAR),
        ("العام 2011", QuantityKind.YEAR),
        ("في مارس 2018", QuantityKind.YEAR),
        ("منذ 2011،", QuantityKind.YEAR),
        ("في 2011.", QuantityKind.YEAR),
        ("9 أبريل", QuantityKind.DATE),
        ("السبت 9 من شهر أبريل", QuantityKind.DATE),
        ("15/4/2018", QuantityKind.DATE),
        ("اللواء 65", QuantityKind.IDENTIFIER),
        ("من اللواء 65 بأوامر", QuantityKind.IDENTIFIER),
        ("القرار 2401", QuantityKind.IDENTIFIER),
        ("قرار مجلس الأمن رقم 2254", QuantityKind.IDENTIFIER),
        ("طائرات F16", QuantityKind.IDENTIFIER),
        ("طائرات إف-16", QuantityKind.IDENTIFIER),
        ("صواريخ S-300", QuantityKind.IDENTIFIER),
        ("13062333_1057005177689284_n", QuantityKind.IDENTIFIER),
        ("الطريق M5", QuantityKind.IDENTIFIER),
        ("بنسبة 85 في المئة", QuantityKind.PERCENT),
        ("85 بالمئة", QuantityKind.PERCENT),
        ("90%", QuantityKind.PERCENT),
        ("٩٠٪", QuantityKind.PERCENT),
        ("الساعة 5", QuantityKind.TIME),
        ("في تمام 10:30", QuantityKind.TIME),
        ("لمدة 72 ساعة", QuantityKind.COUNT),
        ("قتل 2011 شخصا", QuantityKind.COUNT),
        ("بلغ المؤشر 88.2.", QuantityKind.COUNT),  # four characters, not a year
        ("في 2011 غارة", QuantityKind.COUNT),
        ("500شهيد", QuantityKind.COUNT),
        ("أكثر من 150 جندي", QuantityKind.COUNT),
    ],
)
def test_kind(text: str, kind: QuantityKind) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.kind is kind


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("أوقع 500شهيد", "شهيد"),
        ("أكثر من 65 من المرضى", "المرضي"),
        ("لمدة 72 ساعة", "ساعه"),
        ("بين 5 و7 قتلى", "قتلي"),
        ('بوجود ثمانية "ممرات آمنة"', "ممرات"),
        ("جنديين", "جندي"),
        ("15", ""),
    ],
)
def test_noun(text: str, noun: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.noun == noun


@pytest.mark.parametrize(
    "text",
    [
        "أحد المقاتلين",  # "one of"
        "مدنيين",  # a plural, not a dual: the sound plural looks the same
        "المقاتلين",
        "السادس من تموز",  # ordinals are not quantities
        "الأول",
        "الحرب الأهلية",
        "",
    ],
)
def test_no_quantity(text: str) -> None:
    assert parse_quantity(text) is None


def test_two_numbers_in_a_row_stay_apart() -> None:
    text = "ثلاثة أربعة"
    assert [q.value for q in find_quantities(text, normalize(text))] == [3, 4]


def test_seed_sentence() -> None:
    body = (
        "انقضت ستة أسابيع من عمر الهدنة ،كانت حصيلتها تجاوز 3000 خرق ،و مئات الشهداء "
        "،واستشهاد أكثر من 65 من المرضى . أسبوع دامي أوقع 500شهيد ،وصول مئات الجنود من اللواء 65"
    )
    found = [(q.text, q.value, q.qualifier, q.kind) for q in find_quantities(body, normalize(body))]
    assert found == [
        ("ستة", 6, EXACT, QuantityKind.COUNT),
        ("تجاوز 3000", 3000, AT_LEAST, QuantityKind.COUNT),
        ("مئات", 100, VAGUE, QuantityKind.COUNT),
        ("أكثر من 65", 65, AT_LEAST, QuantityKind.COUNT),
        ("500", 500, EXACT, QuantityKind.COUNT),
        ("مئات", 100, VAGUE, QuantityKind.COUNT),
        ("65", 65, EXACT, QuantityKind.IDENTIFIER),
    ]


def test_spans_point_at_the_body_despite_diacritics() -> None:
    body = "قُتِلَ ثَلاثَةُ آلافٍ وَأُصيبَ ١٤ شخصاً"
    quantities = find_quantities(body, normalize(body))
    assert [(q.text, q.value) for q in quantities] == [("ثَلاثَةُ آلافٍ", 3000), ("١٤", 14)]
    assert all(q.span.slice(body) == q.text for q in quantities)


def test_stage_fills_mentions() -> None:
    article = make_article("قتل أكثر من 65 شخصا")
    article.normalized = normalize(article.body)
    run = quantity_stage(Settings())
    assert [q.value for q in run(article).mentions.quantities] == [65]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("يسيطر منذ 2015 على الجزء الأكبر", QuantityKind.YEAR),
        ("وقع في 2011 في حلب", QuantityKind.YEAR),
        ("في 2011 غارة", QuantityKind.COUNT),
    ],
)
def test_a_function_word_after_a_year_keeps_it_a_year(text: str, kind: QuantityKind) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.kind is kind


@pytest.mark.parametrize("text", ["قتلى غزة الاثنين برصاص الجنود", "والاثنين أكد الوزير", "يوم الأحد"])
def test_weekdays_are_not_numbers(text: str) -> None:
    assert parse_quantity(text) is None
