"""Truces from invented sentences: kinds, zones, exclusions, durations, parties, demands, start and end."""

from __future__ import annotations

import datetime as dt

from marsad.article import DateKind
from marsad.assemble.truces import truce_stage
from marsad.event import DatePrecision, PlaceKind, Truce, TruceKind
from marsad.settings import Settings
from tests.assemble.synthetic import D, N, P, build

TRUCES = truce_stage(Settings())
PLACES = {
    "ريف إدلب": P(PlaceKind.REGION, 35.8, 36.6),
    "ريف حماة": P(PlaceKind.REGION, 35.2, 36.7),
    "جسر الشغور": P(PlaceKind.TOWN, 35.81, 36.32),
    "عفرين": P(PlaceKind.TOWN, 36.51, 36.87),
    "إدلب": P(PlaceKind.CITY, 35.93, 36.63),
    "سوريا": P(PlaceKind.COUNTRY, 35.0, 38.0),
}


def truces_of(text: str, numbers: dict[str, N | int] | None = None) -> list[Truce]:
    return TRUCES(build(text, places=PLACES, numbers=numbers)).truces


def zones(truce: Truce) -> list[str]:
    return [z.name for z in truce.zones]


def test_zones_with_their_own_durations_are_separate_truces_sharing_the_exclusion() -> None:
    text = (
        "واتفقت روسيا وتركيا على نظام تهدئة في ريف إدلب لمدة 48 ساعة "
        "وفي ريف حماة لمدة 12 ساعة، باستثناء جسر الشغور."
    )
    truces = truces_of(text, numbers={"48": 48, "12": 12})
    assert [(zones(t), t.duration_hours, t.kind) for t in truces] == [
        (["ريف إدلب"], 48, TruceKind.CALM),
        (["ريف حماة"], 12, TruceKind.CALM),
    ]
    assert all([p.name for p in t.excluded] == ["جسر الشغور"] for t in truces)
    assert truces[0].parties == ["روسيا", "تركيا"]


def test_durations_in_days_weeks_and_duals() -> None:
    assert truces_of("أعلنت هدنة في ريف إدلب لمدة ثلاثة أيام", {"ثلاثة": 3})[0].duration_hours == 72
    assert truces_of("أعلنت هدنة في ريف إدلب لمدة 6 أسابيع", {"6": 6})[0].duration_hours == 1008
    assert truces_of("أعلنت هدنة في ريف إدلب لمدة يومين")[0].duration_hours == 48


def test_a_truce_over_the_country_keeps_the_country_as_its_zone() -> None:
    truce = truces_of("وتبنى مجلس الأمن قرار هدنة في سوريا لثلاثين يوما", {"ثلاثين": 30})[0]
    assert zones(truce) == ["سوريا"]
    assert truce.duration_hours == 720


def test_exclusion_in_a_later_sentence_joins_the_truce() -> None:
    text = "أعلن الجيش وقف إطلاق النار في ريف إدلب. لكنه قال إن جسر الشغور ستبقى خارج وقف إطلاق النار."
    truce = truces_of(text)[0]
    assert zones(truce) == ["ريف إدلب"]
    assert [p.name for p in truce.excluded] == ["جسر الشغور"]


def test_evacuation_zone_is_where_people_leave_from() -> None:
    truce = truces_of("وتوصل الطرفان إلى اتفاق لإجلاء المقاتلين من عفرين إلى إدلب.")[0]
    assert truce.kind is TruceKind.EVACUATION
    assert zones(truce) == ["عفرين"]


def test_leaving_under_a_deal_is_an_evacuation() -> None:
    truce = truces_of("وبدأ خروج المسلحين من عفرين بموجب الاتفاق.")[0]
    assert truce.kind is TruceKind.EVACUATION
    assert zones(truce) == ["عفرين"]


def test_corridors() -> None:
    assert truces_of("وفتحت روسيا ممرات آمنة لخروج المدنيين من عفرين")[0].kind is TruceKind.CORRIDOR


def test_demands_denials_and_placeless_terms_are_no_truce() -> None:
    assert truces_of("ودعت الأمم المتحدة إلى وقف إطلاق النار في ريف إدلب") == []
    assert truces_of("وقال الجيش إنه لا هدنة في ريف إدلب") == []
    assert truces_of("وانهارت الهدنة الهشة") == []


def test_evidence_spans_point_at_the_words() -> None:
    text = "أعلنت روسيا هدنة في عفرين لمدة 24 ساعة"
    truce = truces_of(text, {"24": 24})[0]
    spans = dict(truce.evidence.field_spans)
    assert text[spans["kind"].start : spans["kind"].end] == "هدنة"
    assert text[spans["zone"].start : spans["zone"].end] == "عفرين"
    assert text[spans["duration"].start : spans["duration"].end] == "24"


# ---------------------------------------------------------------------- start and end

SATURDAY, FRIDAY = dt.date(2019, 5, 11), dt.date(2019, 5, 10)


def dated(text: str, dates: dict[str, dt.date | D], numbers: dict[str, N | int] | None = None) -> Truce:
    truces = TRUCES(build(text, places=PLACES, numbers=numbers, dates=dates)).truces
    assert len(truces) == 1, truces
    return truces[0]


def test_a_start_after_as_of_and_a_duration_give_the_end() -> None:
    text = "وأعلنت روسيا هدنة في ريف إدلب لمدة 72 ساعة اعتبارا من صباح السبت."
    truce = dated(text, {"صباح السبت": SATURDAY}, numbers={"72": 72})
    assert (truce.start, truce.end, truce.duration_hours) == (SATURDAY, dt.date(2019, 5, 14), 72)


def test_until_gives_the_end() -> None:
    text = "وأبرمت روسيا وتركيا في 6 مايو اتفاق هدنة في ريف إدلب يستمر حتى 20 مايو."
    truce = dated(text, {"6 مايو": dt.date(2019, 5, 6), "20 مايو": dt.date(2019, 5, 20)})
    assert (truce.start, truce.end) == (dt.date(2019, 5, 6), dt.date(2019, 5, 20))


def test_since_midnight_starts_the_truce() -> None:
    text = "ويسري وقف إطلاق النار منذ منتصف ليل الجمعة في ريف حماة."
    since = D(FRIDAY, kind=DateKind.SINCE)
    assert dated(text, {"منتصف ليل الجمعة": since}).start == FRIDAY


def test_the_date_of_a_statement_about_a_truce_is_not_its_start() -> None:
    text = "وقالت روسيا يوم السبت إن الهدنة في ريف إدلب صامدة."
    truce = dated(text, {"يوم السبت": SATURDAY})
    assert (truce.start, truce.end) == (None, None)


# ---------------------------------------------------------------------- parties


def parties(text: str) -> list[str]:
    found = truces_of(text)
    assert len(found) == 1, found
    return found[0].parties


def test_a_party_is_named_without_its_prepositions() -> None:
    text = "أعلنت القيادة العامة للجيش السوري تطبيق نظام تهدئة في إدلب لمدة 48 ساعة"
    assert parties(text) == ["الجيش السوري"]


def test_the_sides_that_declared_it_in_a_relative_clause_are_the_parties() -> None:
    text = (
        "قتل أربعة مدنيين جراء قصف لقوات النظام على إدلب "
        "بعد ساعات من دخول نظام التهدئة الذي أعلنته موسكو وواشنطن"
    )
    assert parties(text) == ["موسكو", "واشنطن"]


def test_the_sides_that_reached_the_deal_are_the_parties() -> None:
    text = "ودخل وقف إطلاق النار في إدلب حيز التنفيذ بموجب الاتفاق الذي توصلت إليه روسيا وهيئة تحرير الشام"
    assert parties(text) == ["روسيا", "هيئة تحرير الشام"]


def test_a_deal_between_two_sides() -> None:
    text = "وبدأ سريان الهدنة في إدلب صباح اليوم بموجب اتفاق بين هيئة تحرير الشام وروسيا"
    assert parties(text) == ["هيئة تحرير الشام", "روسيا"]


def test_the_other_side_of_a_deal_with() -> None:
    text = "وأعلنت تركيا التوصل إلى اتفاق مع روسيا على نظام تهدئة في ريف إدلب"
    assert parties(text) == ["تركيا", "روسيا"]


def test_a_force_that_strikes_is_no_party() -> None:
    text = "وقال ناشطون إن غارات من قبل الطيران الروسي استهدفت إدلب رغم سريان الهدنة"
    assert "الطيران الروسي" not in [p for t in truces_of(text) for p in t.parties]


def test_two_sides_named_before_a_deal_between_them() -> None:
    text = "ويستمر التنسيق بين روسيا وتركيا حيث جرى اتفاق بينهما على نظام تهدئة في ريف إدلب"
    assert parties(text) == ["روسيا", "تركيا"]


def test_a_capital_inside_a_place_name_is_no_party() -> None:
    text = "وطرد التنظيم من جنوب دمشق بموجب اتفاق إجلاء نقل مقاتليه إلى ريف إدلب"
    found = TRUCES(build(text, places={**PLACES, "جنوب دمشق": P(PlaceKind.REGION, 33.4, 36.3)})).truces
    assert all("دمشق" not in t.parties for t in found)


def test_a_place_not_covered_by_the_truce_is_left_out_of_it() -> None:
    text = (
        "ودخل وقف إطلاق النار في ريف إدلب حيز التنفيذ. "
        "وأكد مصدر أن مدينة جسر الشغور غير مشمولة بوقف إطلاق النار."
    )
    [truce] = truces_of(text)
    assert zones(truce) == ["ريف إدلب"]
    assert [p.name for p in truce.excluded] == ["جسر الشغور"]


def test_a_wish_to_extend_a_truce_is_no_truce() -> None:
    assert truces_of("وقال مسؤول إن واشنطن تسعى إلى توسيع التهدئة لتشمل إدلب في أقرب وقت") == []


def test_the_collapse_of_a_truce_is_no_truce() -> None:
    assert truces_of("ويأتي القصف وسط تبادل للاتهامات بالمسؤولية عن انهيار الهدنة في إدلب") == []


def test_the_day_a_truce_came_into_force_is_its_start() -> None:
    text = (
        "وتشهد إدلب منذ أسبوع تصعيداً، رغم اتفاق وقف الأعمال العدائية الذي دخل حيز التنفيذ في السابع من أيار."
    )
    week_ago = D(dt.date(2019, 5, 4), DatePrecision.WEEK, DateKind.SINCE)
    truce = dated(text, {"منذ أسبوع": week_ago, "السابع من أيار": dt.date(2019, 5, 7)})
    assert truce.start == dt.date(2019, 5, 7)


def test_two_mentions_of_one_truce_over_a_town_and_its_countryside_are_one() -> None:
    text = (
        "تجددت الاشتباكات في جسر الشغور رغم سريان نظام التهدئة لمدة 72 ساعة. "
        "ويعد هذا الخرق الأبرز لنظام التهدئة في ريف إدلب منذ إعلانه."
    )
    [truce] = truces_of(text, numbers={"72": 72})
    assert sorted(zones(truce)) == ["جسر الشغور", "ريف إدلب"]
    assert truce.duration_hours == 72


def test_commentators_in_later_sentences_are_no_parties() -> None:
    # issue 6 (round 3): only a sentence that makes or declares the deal names its parties
    text = (
        "أعلنت القيادة العامة للجيش السوري تطبيق نظام تهدئة في إدلب لمدة 48 ساعة. "
        "وقالت وزارة الخارجية التركية إن التهدئة في إدلب خطوة مهمة. "
        "في المقابل، طالبت فصائل المعارضة في إدلب بضمانات قبل الالتزام بالتهدئة."
    )
    assert parties(text) == ["الجيش السوري"]
