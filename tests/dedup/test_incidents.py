from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.dedup.incidents import Grade, LinkRules, Range, link_incidents
from marsad.dedup.index import MemoryIndex
from marsad.dedup.keys import EventFamily
from marsad.dedup.records import SourcedEvent
from marsad.event import DatePrecision, PlaceKind, SubEventType
from tests.dedup.builders import (
    ALEPPO,
    ALEPPO_NORTH,
    ALEPPO_PROVINCE,
    ALL_PLACES,
    AZAZ,
    DOUMA,
    HARASTA,
    IDLIB,
    REBELS,
    REGIME,
    RUSSIA,
    RUSSIAN_AIR,
    SYRIA,
    day,
    event,
    sourced,
)

S = SubEventType


def groups(events: list[SourcedEvent], **kwargs: object) -> set[frozenset[str]]:
    result = link_incidents(events, **kwargs)  # type: ignore[arg-type]
    return {frozenset(incident.event_keys) for incident in result.incidents}


def test_three_outlets_make_a_corroborated_incident_with_a_fatality_range() -> None:
    reports = [
        sourced("a", event(S.AIR_DRONE_STRIKE, ALEPPO, day(0), fatalities=10, injuries=20), source="bbc"),
        sourced("b", event(S.SHELLING_ARTILLERY_MISSILE_ATTACK, ALEPPO, day(1), fatalities=12), source="cnn"),
        sourced("c", event(S.AIR_DRONE_STRIKE, ALEPPO, day(0), fatalities=15, injuries=25), source="f24"),
    ]
    [incident] = link_incidents(reports).incidents
    assert set(incident.event_keys) == {"a", "b", "c"}
    assert incident.fatalities == Range(10, 15)
    assert incident.injuries == Range(20, 25)
    assert str(incident.fatalities) == "10-15"
    assert incident.independent_sources == 3
    assert incident.grade is Grade.CORROBORATED
    assert incident.family is EventFamily.REMOTE_STRIKE
    assert incident.outlets == ("bbc", "cnn", "f24")
    assert incident.window is not None
    assert (incident.window.start, incident.window.end) == (day(0), day(1))


def test_a_single_report_is_single_source() -> None:
    [incident] = link_incidents([sourced("a", event(fatalities=3))]).incidents
    assert incident.grade is Grade.SINGLE_SOURCE
    assert incident.fatalities == Range(3, 3)
    assert incident.independent_sources == 1


WIRE_STORY = (
    "قتل عشرة مدنيين على الأقل في غارات جوية استهدفت أحياء في مدينة حلب شمال سوريا صباح اليوم "
    "بحسب ما أفاد المرصد السوري لحقوق الإنسان الذي قال إن الطائرات الحربية نفذت أكثر من عشرين غارة "
    "على الأحياء الشرقية للمدينة وإن فرق الدفاع المدني ما زالت تبحث عن ناجين تحت الأنقاض"
)


def test_syndicated_copies_are_one_independent_source() -> None:
    index = MemoryIndex()
    copies = {
        "wire-1": WIRE_STORY,
        "wire-2": "حلب (رويترز) - " + WIRE_STORY,
        "wire-3": WIRE_STORY + " وأضاف المرصد أن الحصيلة مرشحة للارتفاع",
    }
    for doc_id, text in copies.items():
        index.add(doc_id, text)
    reports = [
        sourced(f"e-{doc_id}", event(fatalities=10), doc=doc_id, source=f"site-{n}")
        for n, doc_id in enumerate(copies)
    ]
    [incident] = link_incidents(reports, copies=index).incidents
    assert len(incident.members) == 3
    assert incident.independent_sources == 1
    assert incident.grade is Grade.SINGLE_SOURCE

    independent = sourced("e-own", event(fatalities=11), doc="own", source="local-reporter")
    [incident] = link_incidents([*reports, independent], copies=index).incidents
    assert incident.independent_sources == 2
    assert incident.grade is Grade.CORROBORATED


def test_one_outlet_or_one_relayed_monitor_is_one_source() -> None:
    same_outlet = [
        sourced("a", event(), doc="d1", source="skynews"),
        sourced("b", event(), doc="d2", source="skynews"),
    ]
    assert link_incidents(same_outlet).incidents[0].independent_sources == 1
    relayed = [
        sourced("a", event(reported_by="المرصد السوري"), doc="d1", source="bbc"),
        sourced("b", event(reported_by="المرصد السوري"), doc="d2", source="cnn"),
    ]
    assert link_incidents(relayed).incidents[0].independent_sources == 1
    counted_apart = LinkRules(same_relay_is_one_source=False)
    assert link_incidents(relayed, rules=counted_apart).incidents[0].independent_sources == 2


@pytest.mark.parametrize(
    ("low", "high", "contested"),
    [(10, 12, False), (2, 4, False), (5, 50, True), (0, 8, True), (20, 45, False)],
)
def test_tolls_that_differ_wildly_make_an_incident_contested(low: int, high: int, contested: bool) -> None:
    reports = [sourced("a", event(fatalities=low)), sourced("b", event(fatalities=high))]
    [incident] = link_incidents(reports).incidents
    assert (incident.grade is Grade.CONTESTED) is contested
    assert any("fatalities" in reason for reason in incident.reasons) is contested


def test_a_contested_member_makes_its_incident_contested() -> None:
    reports = [sourced("a", event()), sourced("b", event())]
    [incident] = link_incidents(reports, contested={"b": ["denied by X"]}).incidents
    assert incident.grade is Grade.CONTESTED
    assert incident.reasons == ("denied by X",)


def test_different_towns_on_one_day_are_different_incidents() -> None:
    # Douma and Harasta are about 4 km apart.
    reports = [sourced("douma", event(place=DOUMA)), sourced("harasta", event(place=HARASTA))]
    assert groups(reports) == {frozenset({"douma"}), frozenset({"harasta"})}


def test_far_apart_dates_are_different_incidents() -> None:
    reports = [sourced("d0", event(when=day(0))), sourced("d5", event(when=day(5)))]
    assert groups(reports) == {frozenset({"d0"}), frozenset({"d5"})}


def test_one_day_apart_links_and_the_slack_is_a_rule() -> None:
    reports = [sourced("d0", event(when=day(0))), sourced("d1", event(when=day(1)))]
    assert groups(reports) == {frozenset({"d0", "d1"})}
    assert len(groups(reports, rules=LinkRules(day_slack=0))) == 2


def test_daily_strikes_on_one_city_do_not_chain_into_one_incident() -> None:
    reports = [sourced(f"d{n}", event(when=day(n))) for n in range(4)]
    linked = groups(reports)
    assert linked == {frozenset({"d0", "d1"}), frozenset({"d2", "d3"})}


def test_two_events_of_one_article_are_never_merged() -> None:
    reports = [sourced("first", event(), doc="same"), sourced("second", event(), doc="same")]
    assert len(groups(reports)) == 2


def test_incompatible_families_and_actors_are_not_merged() -> None:
    strike = sourced("strike", event(S.AIR_DRONE_STRIKE))
    clash = sourced("clash", event(S.ARMED_CLASH))
    assert len(groups([strike, clash])) == 2
    russian = sourced("ru", event(actor1=RUSSIA))
    rebels = sourced("reb", event(actor1=REBELS))
    assert len(groups([russian, rebels])) == 2
    same_side = sourced("ru-air", event(actor1=RUSSIAN_AIR))
    unknown = sourced("unknown", event(actor1=None))
    assert groups([russian, same_side, unknown]) == {frozenset({"ru", "ru-air", "unknown"})}


def test_clash_sides_may_be_named_in_either_order() -> None:
    one = sourced("one", event(S.ARMED_CLASH, actor1=REGIME, actor2=REBELS))
    other = sourced("other", event(S.GOVERNMENT_REGAINS_TERRITORY, actor1=REBELS, actor2=REGIME))
    assert len(groups([one, other])) == 1


def test_a_town_links_with_its_region_and_province_but_not_a_country_level_report() -> None:
    town = sourced("town", event(place=AZAZ, fatalities=4))
    region = sourced("region", event(place=ALEPPO_NORTH, fatalities=5))
    province = sourced("province", event(place=ALEPPO_PROVINCE))
    country = sourced("country", event(place=SYRIA))
    linked = groups([town, region, province, country])
    assert linked == {frozenset({"town", "region", "province"}), frozenset({"country"})}
    incident = next(i for i in link_incidents([town, region]).incidents)
    assert incident.place == AZAZ  # the most specific place names the incident


def test_aggregates_undated_and_year_precision_reports_stand_alone() -> None:
    reports = [
        sourced("agg", event(aggregate=True)),
        sourced("agg2", event(aggregate=True)),
        sourced("year", event(precision=DatePrecision.YEAR)),
        sourced("year2", event(precision=DatePrecision.YEAR)),
    ]
    assert len(groups(reports)) == 4
    [incident] = [i for i in link_incidents(reports).incidents if i.event_keys == ("agg",)]
    assert incident.aggregate


def test_a_week_precision_report_links_with_a_day_inside_its_week() -> None:
    week = sourced("week", event(when=day(6), precision=DatePrecision.WEEK))
    inside = sourced("inside", event(when=day(2)))
    after = sourced("after", event(when=day(9)))
    assert groups([week, inside, after]) == {frozenset({"week", "inside"}), frozenset({"after"})}


def test_an_undated_report_falls_back_to_its_publication_day() -> None:
    undated = sourced("undated", event(when=None), published=day(1))
    dated = sourced("dated", event(when=day(0)))
    assert len(groups([undated, dated])) == 1


def test_negated_events_are_not_reports() -> None:
    result = link_incidents([sourced("no", event(negated=True)), sourced("yes", event())])
    assert [i.event_keys for i in result.incidents] == [("yes",)]
    assert "no" not in result.incident_of


def test_duplicate_event_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate event key"):
        link_incidents([sourced("a", event()), sourced("a", event(), doc="other")])


def _scenario(seed: int, n: int = 120) -> list[SourcedEvent]:
    rng = random.Random(seed)
    places = [p for p in ALL_PLACES if p.kind is not PlaceKind.COUNTRY] + [ALEPPO_PROVINCE]
    subs = [S.AIR_DRONE_STRIKE, S.SHELLING_ARTILLERY_MISSILE_ATTACK, S.ARMED_CLASH, S.ATTACK]
    actors = [None, None, RUSSIA, REGIME, REBELS]
    return [
        sourced(
            f"k{i:03d}",
            event(rng.choice(subs), rng.choice(places), day(rng.randrange(6)), actor1=rng.choice(actors)),
            doc=f"doc{rng.randrange(n // 2)}",
        )
        for i in range(n)
    ]


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_input_order(rng: random.Random) -> None:
    reports = _scenario(7)
    expected = link_incidents(reports)
    shuffled = list(reports)
    rng.shuffle(shuffled)
    again = link_incidents(shuffled)
    assert again.incidents == expected.incidents
    assert dict(again.incident_of) == dict(expected.incident_of)


def test_every_incident_member_fits_every_other_member() -> None:
    reports = _scenario(11, n=200)
    by_key = {r.event_key: r for r in reports}
    for incident in link_incidents(reports).incidents:
        members = [by_key[k] for k in incident.event_keys]
        assert len({m.doc_id for m in members}) == len(members)
        dates = [m.event.date for m in members if m.event.date]
        assert max(dates) - min(dates) <= day(1) - day(0)


def test_incident_ids_are_stable_and_every_report_has_one() -> None:
    reports = _scenario(3)
    first, second = link_incidents(reports), link_incidents(reports)
    assert [i.incident_id for i in first.incidents] == [i.incident_id for i in second.incidents]
    assert set(first.incident_of) == {r.event_key for r in reports}
    assert len({i.incident_id for i in first.incidents}) == len(first.incidents)


def test_idlib_and_aleppo_never_link() -> None:
    assert len(groups([sourced("a", event(place=ALEPPO)), sourced("i", event(place=IDLIB))])) == 2
