from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from marsad.assemble.ceasefire import (
    TruceOrigin,
    TruceRecord,
    UndeterminedReason,
    count_violations,
    detect_violations,
    headline_counts,
    merge_truces,
    record_from_announcement,
    truce_end,
)
from marsad.assemble.ceasefire_file import TRUCE_FILE_CODE, load_truce_file
from marsad.assemble.ceasefire_zones import Inside, Zone, ZoneKind, zone_contains, zones_overlap
from marsad.dedup.records import SourcedEvent
from marsad.errors import ConfigError
from marsad.event import Actor, DatePrecision, Place, PlaceKind, SubEventType, TruceKind
from marsad.normalize import fold
from tests.dedup.builders import (
    ALEPPO,
    ALEPPO_NORTH,
    ALEPPO_PROVINCE,
    AZAZ,
    CASTELLO_ROAD,
    DAY0,
    DOUMA,
    IDLIB,
    LATAKIA_RURAL,
    MAREA,
    PLACES,
    REBELS,
    REGIME,
    SYRIA,
    announcement,
    day,
    event,
    sourced,
)

S = SubEventType
DAY3 = DAY0 + dt.timedelta(days=3)


def resolve(name: str) -> Place | None:
    return PLACES.get(fold(name))


def truce(
    zones: tuple[Zone, ...],
    *,
    kind: TruceKind = TruceKind.CALM,
    start: dt.date = DAY0,
    end: dt.date | None = DAY3,
    exclusions: tuple[Zone, ...] = (),
    parties: tuple[str, ...] = ("روسيا", "الولايات المتحدة"),
) -> TruceRecord:
    return TruceRecord("t1", "test truce", kind, start, zones, exclusions, parties, end)


def violations_of(record: TruceRecord, events: list[SourcedEvent]) -> list[str]:
    return [v.event_key for v in detect_violations([record], events).violations]


# --- a calm regime over a province, its main city excluded ----------------------------------

CALM = truce((Zone.of_admin("Aleppo", "SY"),), exclusions=(Zone.of_place(ALEPPO),))


def test_calm_regime_flags_events_in_the_zone_during_the_window() -> None:
    events = [
        sourced("azaz", event(S.SHELLING_ARTILLERY_MISSILE_ATTACK, AZAZ, day(1), actor1=REGIME)),
        sourced("marea", event(S.ARMED_CLASH, MAREA, day(3), actor1=REBELS)),
    ]
    report = detect_violations([CALM], events)
    assert [v.event_key for v in report.violations] == ["azaz", "marea"]
    azaz = report.violations[0]
    assert (azaz.truce_id, azaz.zone, azaz.actor, azaz.day) == (
        "t1",
        "Aleppo",
        "Syrian government forces",
        day(1),
    )
    assert report.violations[1].on_boundary  # the last day: the truce's hour is unknown


def test_events_in_the_excluded_city_are_not_violations() -> None:
    events = [sourced("aleppo", event(S.AIR_DRONE_STRIKE, ALEPPO, day(1)))]
    neighbourhood = Place(
        "الشعار", lat=36.21, lon=37.18, country="SY", admin1="Aleppo", kind=PlaceKind.NEIGHBOURHOOD
    )
    events.append(sourced("shaar", event(S.AIR_DRONE_STRIKE, neighbourhood, day(1))))
    assert violations_of(CALM, events) == []


def test_events_outside_the_window_or_zone_are_not_violations() -> None:
    events = [
        sourced("before", event(place=AZAZ, when=day(-1))),
        sourced("after-end", event(place=AZAZ, when=day(4))),
        sourced("idlib", event(place=IDLIB, when=day(1))),
    ]
    report = detect_violations([CALM], events)
    assert report.violations == ()
    assert report.undetermined == ()


def test_only_violent_reported_events_count() -> None:
    events = [
        sourced("protest", event(S.PEACEFUL_PROTEST, AZAZ, day(1))),
        sourced("deployment", event(S.CHANGE_TO_GROUP_ACTIVITY, AZAZ, day(1))),
        sourced("denied", event(S.AIR_DRONE_STRIKE, AZAZ, day(1), negated=True)),
        sourced("riot", event(S.MOB_VIOLENCE, AZAZ, day(1))),
    ]
    assert violations_of(CALM, events) == ["riot"]


def test_an_undated_event_takes_its_article_date() -> None:
    events = [sourced("undated", event(place=AZAZ, when=None), published=day(2))]
    [violation] = detect_violations([CALM], events).violations
    assert violation.date_from_published
    assert violation.day == day(2)


@pytest.mark.parametrize(
    ("ev", "reason"),
    [
        (event(place=AZAZ, when=None), UndeterminedReason.NO_DATE),
        (event(place=AZAZ, when=day(4), precision=DatePrecision.WEEK), UndeterminedReason.DATE_STRADDLES),
        (event(place=SYRIA, when=day(1)), UndeterminedReason.PLACE_TOO_VAGUE),
        (event(place=ALEPPO_NORTH, when=day(1)), UndeterminedReason.EXCLUSION_UNCLEAR),
        (event(place=AZAZ, when=day(1), aggregate=True), UndeterminedReason.AGGREGATE),
    ],
)
def test_undetermined_events_say_why(ev: object, reason: UndeterminedReason) -> None:
    report = detect_violations([CALM], [SourcedEvent("k", "d", ev)])  # type: ignore[arg-type]
    assert report.violations == ()
    assert [u.reason for u in report.undetermined] == [reason]


# --- a corridor and a radius zone ---------------------------------------------------------------


def test_a_corridor_covers_only_its_road() -> None:
    corridor = truce((Zone.of_place(CASTELLO_ROAD),), kind=TruceKind.CORRIDOR)
    on_road = Place(
        "دوار الجندول", lat=36.2600, lon=37.1500, country="SY", admin1="Aleppo", kind=PlaceKind.FACILITY
    )
    events = [
        sourced("on-road", event(S.SHELLING_ARTILLERY_MISSILE_ATTACK, on_road, day(1))),
        sourced("city-centre", event(S.SHELLING_ARTILLERY_MISSILE_ATTACK, ALEPPO, day(1))),  # 5.1 km away
        sourced("azaz", event(S.SHELLING_ARTILLERY_MISSILE_ATTACK, AZAZ, day(1))),
    ]
    assert violations_of(corridor, events) == ["on-road"]


def test_a_radius_zone() -> None:
    circle = truce((Zone.of_radius(36.2021, 37.1343, 10.0, "حلب 10 كم"),))
    inside = Place("x", lat=36.26, lon=37.16, kind=PlaceKind.VILLAGE)  # ~6.8 km
    outside = Place("y", lat=36.31, lon=37.16, kind=PlaceKind.VILLAGE)  # ~12.3 km
    events = [
        sourced("inside", event(place=inside, when=day(1))),
        sourced("outside", event(place=outside, when=day(1))),
        sourced("vague", event(place=ALEPPO_NORTH, when=day(1))),
    ]
    report = detect_violations([circle], events)
    assert [v.event_key for v in report.violations] == ["inside"]
    assert [(u.event_key, u.reason) for u in report.undetermined] == [
        ("vague", UndeterminedReason.PLACE_TOO_VAGUE)
    ]


def test_zone_containment_by_kind() -> None:
    countryside = Zone.of_place(LATAKIA_RURAL)
    village = Place("قرية", lat=35.80, lon=36.20, country="SY", admin1="Lattakia", kind=PlaceKind.VILLAGE)
    assert zone_contains(countryside, village) is Inside.YES  # ~10 km from the centre, reach 50
    assert zone_contains(countryside, AZAZ) is Inside.NO
    assert zone_contains(Zone.of_place(SYRIA), DOUMA) is Inside.YES
    assert zone_contains(Zone.of_place(ALEPPO_PROVINCE), AZAZ) is Inside.YES
    assert zone_contains(Zone.of_place(ALEPPO_PROVINCE), IDLIB) is Inside.NO
    assert zone_contains(Zone.of_admin(None, "SY"), Place("x")) is Inside.UNKNOWN
    pointless = Place("ضواحي دمشق", country="SY", admin1="Rural Damascus", kind=PlaceKind.REGION)
    assert zone_contains(Zone.of_place(pointless), DOUMA) is Inside.YES  # falls back to its admin1
    assert zone_contains(countryside, None) is Inside.UNKNOWN


def test_zones_that_overlap() -> None:
    assert zones_overlap(Zone.of_place(AZAZ), Zone.of_place(ALEPPO_NORTH))
    assert zones_overlap(Zone.of_admin("Aleppo", "SY"), Zone.of_place(AZAZ))
    assert zones_overlap(Zone.of_place(SYRIA), Zone.of_admin("Idlib", "SY"))
    assert not zones_overlap(Zone.of_place(IDLIB), Zone.of_place(DOUMA))
    assert not zones_overlap(Zone.of_admin("Idlib", "SY"), Zone.of_place(AZAZ))


def test_a_zone_needs_its_parts() -> None:
    with pytest.raises(ValueError, match="radius"):
        Zone(ZoneKind.RADIUS, "r", lat=1.0, lon=1.0)
    with pytest.raises(ValueError, match="admin"):
        Zone(ZoneKind.ADMIN, "a")


# --- counts -------------------------------------------------------------------------------------


def test_counts_per_party_zone_and_day_count_incidents_once() -> None:
    zones = (Zone.of_place(AZAZ), Zone.of_place(MAREA))
    record = truce(zones)
    events = [
        sourced("a1", event(place=AZAZ, when=day(1), actor1=REGIME), source="bbc"),
        sourced("a2", event(place=AZAZ, when=day(1), actor1=REGIME), source="cnn"),
        sourced("m1", event(place=MAREA, when=day(2), actor1=REBELS)),
        sourced("m2", event(place=MAREA, when=day(2))),
    ]
    same_strike = {"a1": "inc-1", "a2": "inc-1", "m1": "inc-2", "m2": "inc-3"}
    report = detect_violations([record], events, incident_of=same_strike)
    counts = count_violations(report)["t1"]
    assert (counts.incidents, counts.reports) == (3, 4)
    assert counts.by_party == (
        ("Opposition factions", 1),
        ("Syrian government forces", 1),
        ("unattributed", 1),
    )
    assert counts.by_zone == (("مارع", 2), ("اعزاز", 1))
    assert counts.by_day == ((day(1), 1), (day(2), 2))
    assert [v.actor_is_party for v in report.violations] == [False, False, False, None]


def test_an_actor_named_among_the_parties_is_marked() -> None:
    russia = Actor("روسيا", "Russia", "RU", "russia")
    [violation] = detect_violations(
        [CALM], [sourced("ru", event(place=AZAZ, when=day(1), actor1=russia))]
    ).violations
    assert violation.actor_is_party is True


# --- merging announcements ----------------------------------------------------------------------


def test_truce_end_from_duration() -> None:
    assert truce_end(day(0), None, 72) == day(3)
    assert truce_end(day(0), None, 36) == day(2)
    assert truce_end(day(0), day(9), None) == day(9)
    assert truce_end(day(0), None, None) is None


def test_a_truce_without_a_start_starts_on_its_article_date() -> None:
    record = record_from_announcement(
        announcement("a", TruceKind.CALM, [LATAKIA_RURAL], day(5), duration_hours=72)
    )
    assert record is not None
    assert (record.start, record.end, record.start_inferred) == (day(5), day(8), True)


def test_announcements_of_one_truce_merge_into_one_record() -> None:
    announcements = [
        announcement("a", TruceKind.CALM, [LATAKIA_RURAL], day(0), duration_hours=72, parties=["روسيا"]),
        announcement(
            "b",
            TruceKind.CALM,
            [LATAKIA_RURAL],
            day(1),
            start=day(0),
            parties=["الولايات المتحدة", "روسيا"],
            excluded=[ALEPPO],
        ),
        announcement("c", TruceKind.CALM, [IDLIB], day(0)),  # another zone
        announcement("d", TruceKind.CORRIDOR, [LATAKIA_RURAL], day(0)),  # another kind
    ]
    records = merge_truces(announcements)
    assert len(records) == 3
    [calm] = [r for r in records if set(r.announcements) == {"a", "b"}]
    assert (calm.start, calm.end, calm.duration_hours) == (day(0), day(3), 72)
    assert not calm.start_inferred
    assert calm.parties == ("روسيا", "الولايات المتحدة")
    assert [z.name for z in calm.exclusions] == ["حلب"]
    assert calm.articles == ("doc-a", "doc-b")
    assert calm.origin is TruceOrigin.EXTRACTED


def test_stated_starts_far_apart_or_different_durations_are_different_truces() -> None:
    far = [
        announcement("a", TruceKind.CEASEFIRE, [IDLIB], day(0), start=day(0), duration_hours=72),
        announcement("b", TruceKind.CEASEFIRE, [IDLIB], day(10), start=day(10)),
    ]
    assert len(merge_truces(far)) == 2  # the first ended on day 3
    durations = [
        announcement("a", TruceKind.CALM, [IDLIB], day(0), duration_hours=24),
        announcement("b", TruceKind.CALM, [IDLIB], day(0), duration_hours=72),
    ]
    assert len(merge_truces(durations)) == 2


def test_a_later_mention_refers_to_a_running_open_truce() -> None:
    mentions = [
        announcement("a", TruceKind.CEASEFIRE, [IDLIB], day(0), start=day(0)),
        announcement("b", TruceKind.CEASEFIRE, [IDLIB], day(20)),  # "the ceasefire in Idlib", no date
    ]
    [record] = merge_truces(mentions)
    assert record.start == day(0)
    assert record.end is None


def test_merging_does_not_depend_on_input_order() -> None:
    announcements = [
        announcement(key, TruceKind.CALM, [zone], day(offset))
        for key, zone, offset in [
            ("a", IDLIB, 0),
            ("b", IDLIB, 2),
            ("c", AZAZ, 1),
            ("d", IDLIB, 5),
            ("e", AZAZ, 3),
        ]
    ]
    forward = merge_truces(announcements)
    backward = merge_truces(list(reversed(announcements)))
    assert forward == backward


def test_announcements_attach_to_a_matching_user_truce(tmp_path: Path) -> None:
    [user] = load_from_text(USER_FILE_YAML, tmp_dir=tmp_path)
    extracted = [
        announcement("a", TruceKind.CALM, [LATAKIA_RURAL], day(1)),
        announcement("b", TruceKind.CALM, [IDLIB], day(1)),
    ]
    records = merge_truces(extracted, known=[user])
    attached = next(r for r in records if r.truce_id == user.truce_id)
    assert attached.origin is TruceOrigin.USER
    assert attached.announcements == ("a",)
    assert attached.name == user.name
    assert len(records) == 2


# --- user truce files ---------------------------------------------------------------------------

USER_FILE_YAML = """
truces:
  - id: latakia-calm
    name: Calm regime, Latakia countryside
    kind: calm
    parties: [روسيا, الولايات المتحدة]
    start: 2018-03-10
    duration_hours: 72
    zones:
      - ريف اللاذقيه
      - {admin1: Idlib, country: SY, name: Idlib province}
      - {lat: 36.2, lon: 37.13, radius_km: 10}
    exclusions:
      - place: ادلب
        radius_km: 8
    notes: written by the analyst
"""


def load_from_text(text: str, suffix: str = ".yaml", *, tmp_dir: Path) -> list[TruceRecord]:
    path = tmp_dir / f"truces{suffix}"
    path.write_text(text, encoding="utf-8")
    return load_truce_file(path, resolve)


def test_a_valid_truce_file(tmp_path: Path) -> None:
    [record] = load_from_text(USER_FILE_YAML, tmp_dir=tmp_path)
    assert record.truce_id == "latakia-calm"
    assert record.origin is TruceOrigin.USER
    assert (record.kind, record.start, record.end, record.duration_hours) == (
        TruceKind.CALM,
        day(0),
        day(3),
        72,
    )
    assert record.parties == ("روسيا", "الولايات المتحدة")
    assert [z.kind for z in record.zones] == [ZoneKind.PLACE, ZoneKind.ADMIN, ZoneKind.RADIUS]
    assert record.zones[0].place == LATAKIA_RURAL
    assert record.exclusions[0].place is not None
    assert record.exclusions[0].place.precision_km == 8.0
    assert record.notes == "written by the analyst"
    saraqib_ish = Place("x", lat=35.86, lon=36.80, country="SY", admin1="Idlib", kind=PlaceKind.TOWN)
    events = [
        sourced("idlib-province", event(place=saraqib_ish, when=day(1))),
        sourced("idlib-city", event(place=IDLIB, when=day(1))),  # excluded
        sourced("in-circle", event(place=ALEPPO, when=day(2))),
    ]
    assert violations_of(record, events) == ["idlib-province", "in-circle"]


def test_a_json_truce_file_as_a_plain_list(tmp_path: Path) -> None:
    data = [
        {
            "name": "Douma evacuation",
            "kind": "evacuation",
            "start": "2018-04-01",
            "end": "2018-04-05",
            "zones": ["دوما"],
        }
    ]
    [record] = load_from_text(json.dumps(data, ensure_ascii=False), ".json", tmp_dir=tmp_path)
    assert record.end == dt.date(2018, 4, 5)
    assert record.truce_id.startswith("user-")
    assert record.parties == ()


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ("kind: truce\n    start: 2018-03-10\n    zones: [ادلب]", "kind"),
        ("kind: calm\n    zones: [ريف اللاذقيه]", "start"),
        ("kind: calm\n    start: 2018-03-10\n    zones: [مدينة مجهولة]", "zones[0]"),
        ("kind: calm\n    start: 2018-03-10\n    end: 2018-03-01\n    zones: [ادلب]", "end"),
        (
            "kind: calm\n    start: 2018-03-10\n    end: 2018-03-12\n    duration_hours: 24\n"
            "    zones: [ادلب]",
            "end",
        ),
        ("kind: calm\n    start: 2018-03-10\n    duration_hours: -5\n    zones: [ادلب]", "duration_hours"),
        ("kind: calm\n    start: 2018-03-10\n    zones: []", "zones"),
        ("kind: calm\n    start: 2018-03-10\n    zones: [{lat: 95, lon: 1, radius_km: 3}]", "zones[0].lat"),
        ("kind: calm\n    start: 2018-03-10\n    zones: [{lat: 35, lon: 36}]", "zones[0].radius_km"),
        ("kind: calm\n    start: 2018-03-10\n    zones: [{city: x}]", "zones[0]"),
        ("kind: calm\n    start: 2018-3-10x\n    zones: [ادلب]", "start"),
        ("kind: calm\n    start: 2018-03-10\n    zones: [ادلب]\n    colour: red", "colour"),
    ],
)
def test_an_invalid_truce_file_names_the_file_truce_and_field(tmp_path: Path, entry: str, field: str) -> None:
    text = f"truces:\n  - name: Bad truce\n    {entry}\n"
    with pytest.raises(ConfigError) as caught:
        load_from_text(text, tmp_dir=tmp_path)
    message = str(caught.value)
    assert TRUCE_FILE_CODE in message
    assert "truces.yaml" in message
    assert "truce #1 ('Bad truce')" in message
    assert f"{field}:" in message


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ("truces: [", ".yaml", "not valid YAML"),
        ("{", ".json", "not valid JSON"),
        ("truces: []", ".yaml", "non-empty list"),
        ("name: x", ".toml", "must end in"),
    ],
)
def test_unreadable_truce_files(tmp_path: Path, text: str, suffix: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=expected):
        load_from_text(text, suffix, tmp_dir=tmp_path)


def test_a_missing_truce_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_truce_file(tmp_path / "nope.yaml", resolve)


def test_duplicate_truce_ids_are_refused(tmp_path: Path) -> None:
    entry = "  - {id: same, name: A, kind: calm, start: 2018-03-10, zones: [ادلب]}\n"
    with pytest.raises(ConfigError, match="used twice"):
        load_from_text("truces:\n" + entry + entry.replace("name: A", "name: B"), tmp_dir=tmp_path)


def test_the_merged_end_is_the_stated_start_plus_the_duration() -> None:
    announcements = [
        announcement("a", TruceKind.CALM, [IDLIB], day(2), duration_hours=72),  # start inferred: day 2
        announcement("b", TruceKind.CALM, [IDLIB], day(2), start=day(0)),  # "since Saturday"
    ]
    [record] = merge_truces(announcements)
    assert (record.start, record.end) == (day(0), day(3))


def test_an_open_extracted_truce_is_checked_until_some_weeks_after_its_last_mention() -> None:
    mentions = [
        announcement("a", TruceKind.CEASEFIRE, [IDLIB], day(0), start=day(0)),
        announcement("b", TruceKind.CEASEFIRE, [IDLIB], day(20)),
    ]
    [record] = merge_truces(mentions)
    assert record.last_mentioned == day(20)
    events = [
        sourced("soon", event(place=IDLIB, when=day(45))),
        sourced("late", event(place=IDLIB, when=day(60))),
    ]
    assert violations_of(record, events) == ["soon"]
    forever = detect_violations([record], events, open_horizon_days=None)
    assert {v.event_key for v in forever.violations} == {"late", "soon"}


def test_a_user_truce_without_an_end_stays_open() -> None:
    open_user = TruceRecord(
        "u", "open", TruceKind.CEASEFIRE, day(0), (Zone.of_place(IDLIB),), origin=TruceOrigin.USER
    )
    assert violations_of(open_user, [sourced("late", event(place=IDLIB, when=day(300)))]) == ["late"]


def test_a_regional_deal_is_not_a_mention_of_a_running_country_wide_truce() -> None:
    country_wide = announcement("un", TruceKind.CEASEFIRE, [SYRIA], day(0), duration_hours=720)
    regional = announcement("south", TruceKind.CEASEFIRE, [DOUMA], day(10))
    same_terms = announcement("ghouta", TruceKind.CEASEFIRE, [DOUMA], day(12), duration_hours=720)
    assert len(merge_truces([country_wide, regional])) == 2
    assert len(merge_truces([country_wide, same_terms])) == 1
    nearby_days = announcement("same-week", TruceKind.CEASEFIRE, [DOUMA], day(2))
    assert len(merge_truces([country_wide, nearby_days])) == 1


def test_two_truces_of_one_article_stay_two() -> None:
    same_article = [
        announcement("a", TruceKind.CEASEFIRE, [SYRIA], day(0), doc="one"),
        announcement("b", TruceKind.CEASEFIRE, [DOUMA], day(0), doc="one"),
    ]
    assert len(merge_truces(same_article)) == 2


def test_an_announcement_of_a_truce_that_already_ended_starts_by_its_end() -> None:
    past = announcement("a", TruceKind.CALM, [IDLIB], day(10))
    past = replace(past, truce=replace(past.truce, end=day(4)))
    record = record_from_announcement(past)
    assert record is not None
    assert (record.start, record.end) == (day(4), day(4))
    inverted = announcement("b", TruceKind.CALM, [IDLIB], day(10), start=day(6))
    inverted = replace(inverted, truce=replace(inverted.truce, end=day(2)))
    record = record_from_announcement(inverted)
    assert record is not None
    assert (record.start, record.end) == (day(6), None)


def test_a_re_announcement_of_a_running_truce_in_the_same_zone_is_that_truce() -> None:
    announced = [
        announcement("a", TruceKind.CEASEFIRE, [ALEPPO], day(0), start=day(0)),
        announcement("b", TruceKind.CEASEFIRE, [ALEPPO], day(5), start=day(5)),  # "the truce since ..."
    ]
    [record] = merge_truces(announced)
    assert (record.start, record.end, record.articles) == (day(0), None, ("doc-a", "doc-b"))


def test_a_ceasefire_and_a_calm_regime_announced_together_are_one_truce() -> None:
    announced = [
        announcement("a", TruceKind.CEASEFIRE, [ALEPPO], day(0)),
        announcement("b", TruceKind.CALM, [ALEPPO], day(1)),
    ]
    assert len(merge_truces(announced)) == 1
    corridor = [
        announcement("a", TruceKind.CALM, [ALEPPO], day(0)),
        announcement("c", TruceKind.CORRIDOR, [ALEPPO], day(0)),
    ]
    assert len(merge_truces(corridor)) == 2


def test_a_short_regime_declared_inside_a_running_truce_is_its_own() -> None:
    announced = [
        announcement("a", TruceKind.CEASEFIRE, [ALEPPO], day(0), start=day(0)),
        announcement("b", TruceKind.CALM, [ALEPPO], day(10), start=day(10), duration_hours=48),
    ]
    records = merge_truces(announced)
    assert sorted((r.start, r.end) for r in records) == [(day(0), None), (day(10), day(12))]


def test_an_incident_inside_two_overlapping_truces_counts_once_in_the_headline() -> None:
    running = truce((Zone.of_place(ALEPPO),), kind=TruceKind.CEASEFIRE, end=None)
    short = replace(running, truce_id="t2", kind=TruceKind.CALM, start=day(1), end=day(3))
    events = [
        sourced("a", event(place=ALEPPO, when=day(2))),
        sourced("b", event(place=ALEPPO, when=day(2)), source="other"),  # the same strike, told again
        sourced("c", event(place=ALEPPO, when=day(5))),
    ]
    report = detect_violations([running, short], events, incident_of={"a": "inc-1", "b": "inc-1"})
    assert len(report.violations) == 5  # a, b and c under the running truce; a and b under the short one
    headline = headline_counts(report)
    assert (headline.incidents, headline.reports, headline.truces) == (2, 5, 2)
