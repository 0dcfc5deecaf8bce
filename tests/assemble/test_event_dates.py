"""Event dates from invented sentences: which date belongs to the event word, and the published date."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.article import DateKind
from marsad.assemble.events import event_stage
from marsad.event import DatePrecision, Event, PlaceKind
from marsad.settings import Settings
from tests.assemble.synthetic import D, N, P, build

EVENTS = event_stage(Settings())
PLACES = {"سراقب": P(PlaceKind.TOWN, 35.86, 36.80), "كفرنبل": P(PlaceKind.TOWN, 35.61, 36.56)}
PUBLISHED = dt.date(2019, 5, 11)  # a Saturday
SATURDAY, SUNDAY_BEFORE, MAY_3 = dt.date(2019, 5, 11), dt.date(2019, 5, 5), dt.date(2019, 5, 3)


def events_of(text: str, places: dict[str, P] | None = None, **mentions: object) -> list[Event]:
    mentions.setdefault("published", PUBLISHED)
    article = build(text, places=places or PLACES, **mentions)  # type: ignore[arg-type]
    return EVENTS(article).events


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [(e.sub_event_type, e.location and e.location.name, e.date) for e in events]
    return events[0]


def test_a_date_in_the_reported_words_beats_the_date_of_the_statement() -> None:
    text = "قالت المنظمة الأحد إن غارة جوية استهدفت سراقب في 3 مايو."
    event = only(events_of(text, dates={"الأحد": SUNDAY_BEFORE, "3 مايو": MAY_3}))
    assert event.date == MAY_3


def test_a_date_in_parentheses_next_to_the_statement_dates_the_accused_strike() -> None:
    text = "واتهمت الحكومة الاثنين الماضي (6 مايو) المعارضة بشن غارة على سراقب."
    monday = dt.date(2019, 5, 6)
    event = only(events_of(text, dates={"الاثنين الماضي": monday, "6 مايو": monday}))
    assert event.date == monday


def test_a_known_attack_takes_the_date_of_its_relative_clause_not_the_visit() -> None:
    text = "وأعلنت المنظمة السبت أن خبراءها زاروا موقع الهجوم الكيماوي الذي وقع في 3 مايو على سراقب."
    event = only(events_of(text, dates={"السبت": SATURDAY, "3 مايو": MAY_3}))
    assert event.date == MAY_3


def test_a_known_attack_does_not_take_a_date_far_before_it() -> None:
    text = "وتمكن خبراء المنظمة السبت من دخول مدينة سراقب للتحقيق في الهجوم الكيماوي."
    assert only(events_of(text, dates={"السبت": SATURDAY})).date is None


def test_an_attack_counted_back_from_a_statement_is_not_dated_by_the_statement() -> None:
    text = "وحذر الوزير الأحد من التصعيد بعد أسبوع على قصف سراقب."
    assert only(events_of(text, dates={"الأحد": SUNDAY_BEFORE})).date is None


def test_an_attack_responded_to_is_not_dated_by_the_response() -> None:
    text = "وقصفت الطائرات الأمريكية السبت مطار الشعيرات ردا على هجوم كيماوي في سراقب."
    places = {**PLACES, "مطار الشعيرات": P(PlaceKind.FACILITY, 34.49, 36.91)}
    events = events_of(text, places=places, dates={"السبت": SATURDAY})
    chemical = [e for e in events if e.weapon and "chemical" in e.weapon]
    assert chemical, events
    assert chemical[0].date is None


def test_a_date_in_a_relative_clause_belongs_to_that_clause() -> None:
    text = "ونفت روسيا، التي تدخلت في الحرب عام 2015، مسؤوليتها عن قصف سراقب."
    year = D(dt.date(2015, 1, 1), DatePrecision.YEAR)
    assert only(events_of(text, dates={"عام 2015": year})).date is None


def test_ongoing_since_is_dated_at_the_report() -> None:
    text = "وتشن القوات الحكومية هجوما على سراقب منذ ثلاثة أسابيع."
    since = D(dt.date(2019, 4, 20), DatePrecision.WEEK, DateKind.SINCE)
    event = only(events_of(text, dates={"منذ ثلاثة أسابيع": since}))
    assert (event.date, event.date_precision) == (PUBLISHED, DatePrecision.WEEK)


def test_this_month_is_dated_at_the_report_with_month_precision() -> None:
    text = "وشنت الطائرات مئة غارة على سراقب هذا الشهر."
    month = D(dt.date(2019, 5, 1), DatePrecision.MONTH)
    event = only(events_of(text, dates={"هذا الشهر": month}))
    assert (event.date, event.date_precision) == (PUBLISHED, DatePrecision.MONTH)


@pytest.mark.parametrize(
    "text",
    [
        "قتل خمسة مدنيين في قصف على سراقب.",
        "سيطرت قوات النظام على سراقب.",
        "ونفذت الطائرات ثماني غارات على سراقب.",
    ],
)
def test_news_of_the_day_without_a_date_takes_the_published_date(text: str) -> None:
    event = only(events_of(text, numbers={"خمسة": 5, "ثماني": 8}))
    assert (event.date, event.date_precision) == (PUBLISHED, DatePrecision.DAY)


def test_a_death_toll_over_a_period_is_dated_at_the_report_with_week_precision() -> None:
    text = "وقتل أكثر من 500 مدني خلال أسبوع منذ بدء القصف على سراقب."
    event = only(events_of(text, numbers={"أكثر من 500": 500}))
    assert event.aggregate
    assert (event.date, event.date_precision) == (PUBLISHED, DatePrecision.WEEK)


@pytest.mark.parametrize(
    "text",
    [
        "وكانت قوات النظام قد سيطرت على سراقب.",
        "وطالب الوزير بالتحقيق ردا على هجوم كيماوي على سراقب.",
        "ووصف المندوب الهجوم الكيماوي على سراقب بأنه مفبرك.",
        "ونفى الجيش شن غارات على سراقب.",
        "وتعهد الحشد بقتال تنظيم داعش الذي سيطر على سراقب.",
        "وتحركت الدول على خلفية هجوم كيماوي أسفر عن مقتل خمسة في سراقب.",
    ],
)
def test_background_commentary_and_denials_take_no_published_date(text: str) -> None:
    assert only(events_of(text, numbers={"خمسة": 5})).date is None


def test_no_published_date_leaves_undated_news_undated() -> None:
    assert only(events_of("سيطرت قوات النظام على سراقب.", published=None)).date is None


def test_an_undated_mention_takes_the_date_of_the_dated_mention_of_the_same_event() -> None:
    text = "شنت الطائرات غارات على سراقب يوم الثلاثاء. وقتل خمسة مدنيين في غارات على سراقب."
    tuesday = dt.date(2019, 5, 7)
    event = only(events_of(text, numbers={"خمسة": N(5)}, dates={"يوم الثلاثاء": tuesday}))
    assert event.date == tuesday
    assert event.fatalities == 5


def test_a_date_after_another_event_verb_is_that_verb_s_date() -> None:
    # issue 6 (round 3): "ناشطين اعتقلتهم جبهة النصرة قبل أسبوعين" dates the arrest, not the chant
    text = "وردد المتظاهرون في سراقب هتافات تطالب بإطلاق سراح ناشطين اعتقلتهم جبهة النصرة قبل أسبوعين."
    two_weeks = dt.date(2019, 4, 27)
    events = events_of(text, dates={"قبل أسبوعين": two_weeks})
    protests = [e for e in events if e.event_type.value == "protests"]
    assert [e.date for e in protests] != [two_weeks]
    assert len(protests) == 1
