from __future__ import annotations

from dataclasses import replace

from marsad.dedup.contradictions import (
    DenialKind,
    denial_from_claim,
    denial_from_event,
    denials_from,
    find_contradictions,
)
from marsad.dedup.corroborate import corroborate
from marsad.dedup.incidents import Grade
from marsad.dedup.records import DateWindow, SourcedEvent
from marsad.event import DatePrecision, Evidence, Span, SubEventType
from tests.dedup.builders import (
    ALEPPO,
    ALEPPO_NORTH,
    ALEPPO_PROVINCE,
    AZAZ,
    IDLIB,
    REBELS,
    RUSSIA,
    RUSSIAN_AIR,
    SYRIA,
    day,
    deny_claim,
    event,
    sourced,
)

S = SubEventType
DENIAL_SENTENCE = "زعم الجيش الروسي أن طائراته لم تنفذ أي ضربة على حلب في الأيام السبعة الأخيرة"


def aleppo_denial() -> list[SourcedEvent]:
    """ "No strike on Aleppo in the last seven days", extracted as a negated, undated aggregate."""
    denied = event(
        S.AIR_DRONE_STRIKE,
        ALEPPO,
        None,
        actor1=RUSSIA,
        negated=True,
        aggregate=True,
        reported_by="الجيش الروسي",
        sentence=DENIAL_SENTENCE,
    )
    return [sourced("denial", denied, doc="ru-mod", source="tass", published=day(10))]


def test_a_denial_contradicted_by_two_reports() -> None:
    reports = [
        sourced("strike", event(when=day(8), fatalities=12, sentence="غارات على حلب"), source="bbc"),
        sourced("shelling", event(S.SHELLING_ARTILLERY_MISSILE_ATTACK, ALEPPO, day(5)), source="cnn"),
        sourced("idlib", event(S.AIR_DRONE_STRIKE, IDLIB, day(8))),
        sourced("too-early", event(S.AIR_DRONE_STRIKE, ALEPPO, day(1))),
        sourced("clash", event(S.ARMED_CLASH, ALEPPO, day(8))),
    ]
    events = aleppo_denial() + reports
    found = find_contradictions(denials_from(events), events)
    assert [c.report.event_key for c in found] == ["shelling", "strike"]
    strike = next(c for c in found if c.report.event_key == "strike")
    assert strike.denial.kind is DenialKind.NEGATED_EVENT
    assert strike.denial.evidence.sentence == DENIAL_SENTENCE
    assert strike.denial.source == "tass"
    assert strike.denial.window == DateWindow(day(3), day(10))
    assert strike.report.evidence.sentence == "غارات على حلب"
    assert strike.report.source == "bbc"
    assert strike.report.fatalities == 12
    assert strike.report.window == DateWindow.day(day(8))


def test_a_report_blaming_another_side_does_not_contradict() -> None:
    rebels = sourced("rebels", event(S.SHELLING_ARTILLERY_MISSILE_ATTACK, ALEPPO, day(8), actor1=REBELS))
    events = [*aleppo_denial(), rebels]
    assert find_contradictions(denials_from(events), events) == []
    same_side = sourced("ru-air", event(S.AIR_DRONE_STRIKE, ALEPPO, day(8), actor1=RUSSIAN_AIR))
    events = [*aleppo_denial(), same_side]
    assert len(find_contradictions(denials_from(events), events)) == 1


def test_a_region_or_province_report_may_contradict_a_city_denial() -> None:
    region = sourced("region", event(S.AIR_DRONE_STRIKE, ALEPPO_NORTH, day(8)))
    province = sourced("province", event(S.AIR_DRONE_STRIKE, ALEPPO_PROVINCE, day(8)))
    elsewhere = sourced("azaz", event(S.AIR_DRONE_STRIKE, AZAZ, day(8)))  # ~43 km north of the city
    events = [*aleppo_denial(), region, province, elsewhere]
    keys = {c.report.event_key for c in find_contradictions(denials_from(events), events)}
    assert keys == {"region", "province"}


def test_a_dated_negated_event_denies_only_its_own_days() -> None:
    denied = sourced("no-strike", event(S.AIR_DRONE_STRIKE, ALEPPO, day(4), negated=True), published=day(5))
    reports = [
        sourced("same-day", event(when=day(4))),
        sourced("next-day", event(when=day(5))),
        sourced("later", event(when=day(7))),
    ]
    events = [denied, *reports]
    keys = [c.report.event_key for c in find_contradictions(denials_from(events), events)]
    assert keys == ["next-day", "same-day"]  # one day of slack, as for linking


def test_a_deny_claim_with_a_place_and_the_default_lookback() -> None:
    claim = deny_claim("claim", (ALEPPO,), day(10))
    denial = denial_from_claim(claim)
    assert denial is not None
    assert denial.window == DateWindow(day(3), day(10))
    assert denial.speaker == "وزارة الدفاع الروسية"
    reports = [sourced("strike", event(when=day(9))), sourced("old", event(when=day(1)))]
    found = find_contradictions([denial], reports)
    assert [c.report.event_key for c in found] == ["strike"]
    assert found[0].denial.kind is DenialKind.DENY_CLAIM


def test_claims_that_cannot_be_confronted_are_not_denials() -> None:
    assert denial_from_claim(deny_claim("no-place", (), day(10))) is None
    assert denial_from_claim(deny_claim("about-other", (ALEPPO,), day(10), about="other")) is None
    assert denial_from_event(sourced("not-negated", event())) is None
    assert denial_from_event(sourced("no-place", event(place=None, negated=True))) is None


def test_a_country_wide_denial_meets_every_report_in_the_country() -> None:
    claim = deny_claim("claim", (SYRIA,), day(10), about="explosions_remote_violence")
    reports = [sourced("aleppo", event(when=day(9))), sourced("idlib", event(place=IDLIB, when=day(8)))]
    found = find_contradictions(denials_from([], [claim]), reports)
    assert {c.report.event_key for c in found} == {"aleppo", "idlib"}


def test_a_week_period_from_the_claim_sentence_is_used() -> None:
    period = DateWindow(day(0), day(6))
    claim = replace(deny_claim("claim", (ALEPPO,), day(20)), window=period)
    reports = [sourced("inside", event(when=day(3))), sourced("recent", event(when=day(19)))]
    found = find_contradictions(denials_from([], [claim]), reports)
    assert [c.report.event_key for c in found] == ["inside"]


def test_corroborate_marks_contradicted_incidents_contested() -> None:
    reports = [
        sourced("bbc", event(S.AIR_DRONE_STRIKE, ALEPPO, day(8), fatalities=10), source="bbc"),
        sourced("cnn", event(S.AIR_DRONE_STRIKE, ALEPPO, day(8), fatalities=11), source="cnn"),
        sourced("idlib-a", event(S.AIR_DRONE_STRIKE, IDLIB, day(8)), source="bbc"),
        sourced("idlib-b", event(S.AIR_DRONE_STRIKE, IDLIB, day(8)), source="cnn"),
    ]
    result = corroborate(aleppo_denial() + reports)
    by_keys = {frozenset(i.event_keys): i for i in result.incidents}
    aleppo = by_keys[frozenset({"bbc", "cnn"})]
    assert aleppo.grade is Grade.CONTESTED
    assert any("tass" in reason or "الجيش الروسي" in reason for reason in aleppo.reasons)
    assert by_keys[frozenset({"idlib-a", "idlib-b"})].grade is Grade.CORROBORATED
    assert len(result.contradictions) == 2
    assert {c.incident_id for c in result.contradictions} == {aleppo.incident_id}


def test_week_precision_denial_window() -> None:
    denied = sourced(
        "week", event(S.AIR_DRONE_STRIKE, ALEPPO, day(10), precision=DatePrecision.WEEK, negated=True)
    )
    denial = denial_from_event(denied)
    assert denial is not None
    assert denial.window == DateWindow(day(4), day(10))


def test_a_report_in_the_denial_sentence_itself_is_not_a_contradiction() -> None:
    """A sentence quoting a denial can also yield a (non-negated) event; it must not contradict itself."""
    same_sentence = event(when=day(8), sentence=DENIAL_SENTENCE)
    later = "غارات على حلب"
    start = len(DENIAL_SENTENCE) + 2  # the next sentence of the same article
    other_sentence = replace(
        event(when=day(8), sentence=later), evidence=Evidence(later, Span(start, start + len(later)))
    )
    reports = [
        sourced("echo", same_sentence, doc="ru-mod", published=day(10)),
        sourced("elsewhere", other_sentence, doc="ru-mod", published=day(10)),
    ]
    events = aleppo_denial() + reports
    found = find_contradictions(denials_from(events), events)
    assert [c.report.event_key for c in found] == ["elsewhere"]
