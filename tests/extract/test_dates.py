"""Date expressions resolved against an anchor, following SCHEMA.md's "Dates" section."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.article import DateKind
from marsad.event import DatePrecision
from marsad.extract.dates import date_stage, find_dates, resolve_expression
from marsad.normalize import normalize
from marsad.settings import Settings
from tests.conftest import make_article

D, W, M, Y = DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR
#: Sunday 22 November 2026.
ANCHOR = dt.date(2026, 11, 22)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        # relative days
        ("أمس", "2026-11-21", D),
        ("امس", "2026-11-21", D),
        ("بالأمس", "2026-11-21", D),
        ("البارحة", "2026-11-21", D),
        ("أول أمس", "2026-11-20", D),
        ("أول من أمس", "2026-11-20", D),
        ("اليوم", "2026-11-22", D),
        ("غداً", "2026-11-23", D),
        ("بعد غد", "2026-11-24", D),
        ("الليلة الماضية", "2026-11-21", D),
        ("مساء أمس", "2026-11-21", D),
        ("صباح اليوم", "2026-11-22", D),
        ("ليل أمس", "2026-11-21", D),
        # weekdays: the latest such day on or before the anchor (a Sunday)
        ("اليوم الثلاثاء", "2026-11-17", D),
        ("مساء أمس السبت", "2026-11-21", D),
        ("الاثنين الماضي", "2026-11-16", D),
        ("الإثنين", "2026-11-16", D),
        ("والاثنين", "2026-11-16", D),
        ("يوم الأحد", "2026-11-22", D),
        ("الأحد الماضي", "2026-11-15", D),
        ("الخميس الماضي", "2026-11-19", D),
        ("الجمعة", "2026-11-20", D),
        ("فجر السبت", "2026-11-21", D),
        ("صباح يوم الأربعاء", "2026-11-18", D),
        ("الثلاثاء المقبل", "2026-11-24", D),
        ("السبت القادم", "2026-11-28", D),
        ("يوم جمعة", "2026-11-20", D),
        # weeks, months, years relative to the anchor
        ("الأسبوع الماضي", "2026-11-15", W),
        ("الأسبوع المنصرم", "2026-11-15", W),
        ("هذا الأسبوع", "2026-11-22", W),
        ("الأسبوع المقبل", "2026-11-29", W),
        ("الشهر الماضي", "2026-10-01", M),
        ("الشهر الفائت", "2026-10-01", M),
        ("الشهر الجاري", "2026-11-01", M),
        ("هذا الشهر", "2026-11-01", M),
        ("الشهر المقبل", "2026-12-01", M),
        ("العام الماضي", "2025-01-01", Y),
        ("العام الفائت", "2025-01-01", Y),
        ("السنة الماضية", "2025-01-01", Y),
        ("العام المنصرم", "2025-01-01", Y),
        ("هذا العام", "2026-01-01", Y),
        ("العام المقبل", "2027-01-01", Y),
        # counted back with قبل / منذ: the anchor minus the amount, at its finest unit
        ("منذ 7 سنوات 6 أشهر", "2019-05-22", M),
        ("·منذ 7 سنوات 6 أشهر", "2019-05-22", M),
        ("منذ 7 سنوات و6 أشهر", "2019-05-22", M),
        ("منذ سنة وشهرين", "2025-09-22", M),
        ("منذ ستة أسابيع", "2026-10-11", W),
        ("منذ 3 أسابيع", "2026-11-01", W),
        ("منذ شهر", "2026-10-22", M),
        ("منذ 7 أيام", "2026-11-15", D),
        ("منذ يومين", "2026-11-20", D),
        ("منذ أسبوعين", "2026-11-08", W),
        ("منذ عامين", "2024-11-22", Y),
        ("منذ سبع سنوات", "2019-11-22", Y),
        ("منذ ٣ ساعات", "2026-11-22", D),
        ("قبل أسبوع", "2026-11-15", W),
        ("قبل نحو أسبوع", "2026-11-15", W),
        ("منذ حوالي الأسبوع", "2026-11-15", W),
        ("منذ أكثر من أسبوع", "2026-11-15", W),
        ("قبل ثمانية أشهر", "2026-03-22", M),
        ("قبل عشرة أيام", "2026-11-12", D),
        ("قبل ثلاثة وعشرين يوما", "2026-10-30", D),
        # periods counted back from the report: their end date
        ("الأيام السبعة الأخيرة", "2026-11-22", W),
        ("خلال الأيام السبعة الماضية", "2026-11-22", W),
        ("خلال الـ24 ساعة الماضية", "2026-11-22", D),
        ("الساعات الـ48 الأخيرة", "2026-11-22", W),
        ("الأسبوعين الماضيين", "2026-11-22", W),
        ("الأشهر الثلاثة الأخيرة", "2026-11-22", M),
        ("السنوات الخمس الماضية", "2026-11-22", Y),
        ("في الأيام الأخيرة", "2026-11-22", W),
        # named months and years: the first day
        ("في مارس 2018", "2018-03-01", M),
        ("آذار 2018", "2018-03-01", M),
        ("مارس/آذار 2018", "2018-03-01", M),
        ("آب/أغسطس 2016", "2016-08-01", M),
        ("كانون الثاني/يناير 2018", "2018-01-01", M),
        ("ديسمبر/ كانون الأول من عام 2016", "2016-12-01", M),
        ("مايو/ أيار عام 2003", "2003-05-01", M),
        ("جويلية 2019", "2019-07-01", M),
        ("أفريل 2019", "2019-04-01", M),
        ("في نوفمبر الماضي", "2025-11-01", M),
        ("نوفمبر الماضي", "2025-11-01", M),
        ("في يونيو حزيران", "2026-06-01", M),
        ("شهر مارس", "2026-03-01", M),
        ("في ديسمبر", "2025-12-01", M),
        ("ديسمبر المقبل", "2026-12-01", M),
        ("في تشرين الأول", "2026-10-01", M),
        ("تشرين الثاني الجاري", "2026-11-01", M),
        ("عام 2011", "2011-01-01", Y),
        ("العام 2011", "2011-01-01", Y),
        ("في العام 2011", "2011-01-01", Y),
        ("سنة 2015", "2015-01-01", Y),
        ("صيف 2015", "2015-01-01", Y),
        ("منذ عام 2011", "2011-01-01", Y),
        ("في 2011", "2011-01-01", Y),
        ("منذ 1984.", "1984-01-01", Y),
        # day and month
        ("9 أبريل", "2026-04-09", D),
        ("(9 أبريل)", "2026-04-09", D),
        ("٩ أبريل ٢٠١٨", "2018-04-09", D),
        ("في 7 أبريل/نيسان", "2026-04-07", D),
        ("7 نيسان/أبريل 2018", "2018-04-07", D),
        ("في 7 أبريل/نيسان الجاري", "2026-04-07", D),
        ("20 يناير/ كانون الثاني الماضي", "2026-01-20", D),
        ("19 حزيران/يونيو", "2026-06-19", D),
        ("السادس من تموز/يوليو", "2026-07-06", D),
        ("السادس من سبتمبر عام 2007", "2007-09-06", D),
        ("الرابع عشر من نيسان/أبريل", "2026-04-14", D),
        ("الحادي والعشرين من آذار", "2026-03-21", D),
        ("الأول من أيار", "2026-05-01", D),
        ("25 أكتوبر 2016", "2016-10-25", D),
        ("الثلاثاء 25 أكتوبر 2016", "2016-10-25", D),
        ("يوم 21 نيسان/أبريل", "2026-04-21", D),
        ("5 ديسمبر", "2026-12-05", D),
        ("1 جانفي 2020", "2020-01-01", D),
        ("3 جوان", "2026-06-03", D),
        ("15 أوت 2019", "2019-08-15", D),
        ("الخامس من الشهر الجاري", "2026-11-05", D),
        ("العاشر من الشهر الماضي", "2026-10-10", D),
        ("15/04/2018", "2018-04-15", D),
        ("2018-04-15", "2018-04-15", D),
        ("٢٠١٨/٤/١٥", "2018-04-15", D),
        # day ranges: the end of the period
        ("في الفترة ما بين 18-27 فبراير/شباط", "2026-02-27", W),
        ("بين 1 و3 مارس 2018", "2018-03-03", W),
        ("من 1 إلى 30 سبتمبر", "2026-09-30", M),
        # Hijri
        ("15 رمضان 1439 هـ", "2018-05-30", D),
        ("1 محرم 1440", "2018-09-11", D),
        ("شهر رمضان", "2026-02-18", M),
        ("ذي الحجة 1439", "2018-08-12", M),
        # an impossible day falls back to its month
        ("31 فبراير 2018", "2018-02-01", M),
        # the day after / the eve of
        ("غداة 7 أبريل", "2026-04-08", D),
        ("عشية 7 أبريل", "2026-04-06", D),
    ],
)
def test_resolve_expression(text: str, expected: str, precision: DatePrecision) -> None:
    assert resolve_expression(text, ANCHOR) == (day(expected), precision)


@pytest.mark.parametrize(
    "text",
    [
        "لمدة 72 ساعة",  # a duration, not a date
        "ستة أسابيع",
        "منذ أيام",  # no count: unresolvable
        "منذ أشهر",
        "قبل أيام",
        "رمضان قديروف",  # a name, not the month
        "شعبان",
        "أحد المقاتلين",  # "one of", not Sunday
        "اثنين من الجنود",
        "مارس ضغوطا",  # a verb, not March
        "صفر",  # zero, not the Hijri month
        "2011 شخصا",
        "في 2011 غارة",
        "اليوم التالي",  # relative to another event, not to the anchor
        "قبل أقل من ثلاثة أسابيع من الانتخابات",
        "قبل أسبوع من الهجوم",
        "كتاب الحرب",
        "",
    ],
)
def test_not_a_date(text: str) -> None:
    assert resolve_expression(text, ANCHOR) is None


@pytest.mark.parametrize(
    ("anchor", "text", "expected"),
    [
        # dev-gold cases: a month without a year is the latest one on or before the anchor
        ("2018-03-13", "في يونيو حزيران", "2017-06-01"),
        ("2018-06-08", "نوفمبر الماضي", "2017-11-01"),
        ("2018-06-08", "في كانون الثاني/يناير", "2018-01-01"),
        ("2018-04-15", "الاثنين الماضي (9 أبريل)", "2018-04-09"),
        ("2018-05-14", "الخميس الماضي", "2018-05-10"),
        ("2018-04-02", "الليلة الماضية", "2018-04-01"),
        ("2018-07-14", "قبل أسبوع", "2018-07-07"),
        ("2018-02-25", "في 20 يناير/ كانون الثاني الماضي", "2018-01-20"),
        # a day and month without a year: within a fortnight after the anchor stays this year
        ("2018-04-02", "في 10 أبريل", "2018-04-10"),
        ("2018-04-02", "في 30 أبريل", "2017-04-30"),
        ("2018-12-28", "2 يناير", "2019-01-02"),
        ("2018-04-02", "25 ديسمبر المقبل", "2018-12-25"),
        ("2018-04-02", "25 مارس الماضي", "2018-03-25"),
        ("2019-03-01", "29 فبراير", "2019-02-01"),  # no 29 February near the anchor: the month
        ("2018-06-30", "مارس المقبل", "2019-03-01"),
        ("2018-06-30", "يونيو الماضي", "2017-06-01"),
        ("2018-06-30", "يونيو الجاري", "2018-06-01"),
        ("2018-01-15", "الشهر الماضي", "2017-12-01"),
        ("2018-03-31", "قبل شهر", "2018-02-28"),
        ("2018-06-10", "شهر رمضان", "2018-05-16"),
        ("2018-04-21", "يوم الأربعاء", "2018-04-18"),
    ],
)
def test_resolution_depends_on_anchor(anchor: str, text: str, expected: str | None) -> None:
    result = resolve_expression(text, day(anchor))
    assert (result[0] if result else None) == (day(expected) if expected else None)


def test_find_dates_spans_map_to_body() -> None:
    body = "واتهمت دمشق وموسكو وطهران الاثنينَ الماضي (9 أبريل) إسرائيل بشن ضربة في عام 2018."
    mentions = find_dates(body, normalize(body), day("2018-04-15"))
    assert [(m.text, m.date.isoformat()) for m in mentions] == [
        ("الاثنينَ الماضي", "2018-04-09"),
        ("9 أبريل", "2018-04-09"),
        ("عام 2018", "2018-01-01"),
    ]
    assert all(body[m.span.start : m.span.end] == m.text for m in mentions)


def test_relative_dates_need_an_anchor() -> None:
    body = "قصفت الطائرات أمس السبت مواقع في 7 نيسان/أبريل 2018 وفي 9 أبريل"
    mentions = find_dates(body, normalize(body), None)
    assert [m.text for m in mentions] == ["7 نيسان/أبريل 2018"]
    assert mentions[0].relative is False


@pytest.mark.parametrize(
    ("text", "kind", "relative"),
    [
        ("منذ 7 أيام", DateKind.SINCE, True),
        ("قبل 7 أيام", DateKind.POINT, True),
        ("الأيام السبعة الأخيرة", DateKind.PERIOD_END, True),
        ("ما بين 18-27 فبراير", DateKind.PERIOD_END, True),
        ("9 أبريل 2018", DateKind.POINT, False),
        ("أمس", DateKind.POINT, True),
    ],
)
def test_date_kind(text: str, kind: DateKind, relative: bool) -> None:
    (mention,) = find_dates(text, normalize(text), ANCHOR)
    assert (mention.kind, mention.relative) == (kind, relative)


def test_longest_expression_wins() -> None:
    text = "منذ عام 2011"
    (mention,) = find_dates(text, normalize(text), ANCHOR)
    assert (mention.text, mention.precision) == ("عام 2011", Y)


def test_stage_uses_published_then_crawl_date() -> None:
    run = date_stage(Settings().with_overrides("ingest", crawl_date="2026-11-22"))
    article = make_article("قال المتحدث أمس إن الهجوم وقع")
    article.normalized = normalize(article.body)
    assert run(article).mentions.dates[0].date == day("2026-11-21")
    article = make_article("قال المتحدث أمس إن الهجوم وقع", published=day("2018-04-15"))
    article.normalized = normalize(article.body)
    article.published = day("2018-04-15")
    assert run(article).mentions.dates[0].date == day("2018-04-14")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("التقتا في يونيو حزيران وأعلنتا في الشهر التالي هدنة", [("2017-06-01", M), ("2017-07-01", M)]),
        ("قصفت في 7 أبريل 2018 وفي اليوم التالي انسحبت", [("2018-04-07", D), ("2018-04-08", D)]),
        ("في اليوم التالي للهجوم", []),  # nothing before it to count from
    ],
)
def test_following_unit_counts_from_the_previous_mention(
    text: str, expected: list[tuple[str, DatePrecision]]
) -> None:
    mentions = find_dates(text, normalize(text), day("2018-03-13"))
    assert [(m.date.isoformat(), m.precision) for m in mentions] == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("مواجهات في عفرين منذ الشهر الماضي", DateKind.SINCE),
        ("يشهد مواجهات منذ عام 2011", DateKind.SINCE),
        ("مواجهات في عفرين الشهر الماضي", DateKind.POINT),
    ],
)
def test_since_marks_a_period_to_the_anchor(text: str, kind: DateKind) -> None:
    (mention,) = find_dates(text, normalize(text), ANCHOR)
    assert mention.kind is kind


def test_a_year_before_a_function_word() -> None:
    assert resolve_expression("يسيطر منذ 2015 على الجزء الأكبر", ANCHOR) == (day("2015-01-01"), Y)
