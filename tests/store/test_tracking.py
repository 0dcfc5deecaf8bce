"""Cross-article tracking through the store: truces and violations, incidents, contradictions.

Every test writes Articles built by hand (tests/store/tracking_builders.py), recomputes, and
reads the results back through marsad.store.tracking, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.assemble.ceasefire import TruceOrigin, TruceRecord, UndeterminedReason
from marsad.assemble.ceasefire_zones import Zone
from marsad.dedup.incidents import Grade
from marsad.dedup.index import MemoryIndex
from marsad.dedup.records import sourced_records
from marsad.errors import ConfigError
from marsad.event import Truce, TruceKind
from marsad.ingest import iter_documents
from marsad.store import Store, tracking, tracking_write
from marsad.store import models as m
from marsad.store.batch import ingest, sequential
from marsad.store.copies import StoreCopyIndex
from marsad.store.sourced import load_records
from tests.store.conftest import ALEPPO, DOUMA, article, evidence, rich_article
from tests.store.tracking_builders import (
    CALM_START,
    LATAKIA,
    LATAKIA_RURAL,
    RUSSIAN_AIR,
    SALMA,
    STRIKE_DAY,
    V1,
    WIRE_SENTENCE,
    WIRE_STORY,
    calm_announcement,
    calm_scene,
    copy_of,
    denial,
    everything,
    report,
    save,
)

TRACKING_TABLES = (
    m.TrackedTruceModel,
    m.TrackedTruceZoneModel,
    m.TrackedTruceSourceModel,
    m.ViolationModel,
    m.UndeterminedViolationModel,
    m.IncidentModel,
    m.IncidentMemberModel,
    m.ContradictionModel,
    m.ArticleFingerprintModel,
    m.ArticleLshBandModel,
)
# Row ids and the rows that point at them by id are allowed to differ; everything else must not.
SURROGATE = {"id", "fingerprint_id"}


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every tracking row, without surrogate ids, sorted: what "the same rows" means."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with Session(store.engine) as session:
        for model in TRACKING_TABLES:
            columns = [c for c in model.__table__.columns if c.name not in SURROGATE]
            rows = session.execute(select(*columns)).all()
            tables[model.__tablename__] = sorted(tuple(map(repr, row)) for row in rows)
    return tables


# --- keys -----------------------------------------------------------------------------------


def test_stored_records_have_the_keys_the_articles_had(store: Store) -> None:
    articles = [
        rich_article("aleppo-1"),
        calm_announcement(),
        denial("deny-1"),
        report("r1", "قصف.", ALEPPO, STRIKE_DAY),
    ]
    save(store, *articles)
    expected = [sourced_records(a) for a in articles]
    with Session(store.engine) as session:
        records = load_records(session)
    assert {e.event_key for e in records.events} == {e.event_key for r in expected for e in r.events}
    assert {c.claim_key for c in records.claims} == {c.claim_key for r in expected for c in r.claims}
    assert {t.truce_key for t in records.truces} == {t.truce_key for r in expected for t in r.truces}
    claim = next(c for c in records.claims if c.doc_id == "deny-1")
    assert [p.gazetteer_id for p in claim.places] == [ALEPPO.gazetteer_id]
    assert set(records.event_ids) == {e.event_key for e in records.events}


# --- truces and violations --------------------------------------------------------------------


def test_calm_regime_with_an_excluded_city(store: Store) -> None:
    calm_scene(store)
    tracking.recompute_tracking(store)

    [truce] = tracking.list_truces(store.engine)
    assert truce.kind is TruceKind.CALM
    assert truce.origin is TruceOrigin.EXTRACTED
    assert (truce.start, truce.end) == (CALM_START, dt.date(2016, 9, 15))
    assert [z.name for z in truce.zones] == [LATAKIA_RURAL.name]
    assert [z.name for z in truce.exclusions] == [LATAKIA.name]
    assert truce.parties == ("روسيا", "الولايات المتحدة")

    violations = tracking.list_violations(store.engine, truce_id=truce.truce_id)
    assert {v.doc_id for v in violations} == {"salma-13", "kabani-pub"}  # not the city, not after the end
    by_doc = {v.doc_id: v for v in violations}
    assert by_doc["salma-13"].actor == "Russian air force"
    assert by_doc["salma-13"].event_id is not None
    assert by_doc["kabani-pub"].date_from_published
    assert by_doc["kabani-pub"].actor is None

    [vague] = tracking.list_undetermined(store.engine, truce_id=truce.truce_id)
    assert (vague.doc_id, vague.reason) == ("rural-week", UndeterminedReason.EXCLUSION_UNCLEAR)

    counts = tracking.violation_counts(store.engine, truce.truce_id)
    assert counts is not None
    assert (counts.incidents, counts.reports, counts.undetermined) == (2, 2, 1)
    assert dict(counts.by_party) == {"Russian air force": 1, "unattributed": 1}
    assert dict(counts.by_zone) == {LATAKIA_RURAL.name: 2}
    assert dict(counts.by_day) == {dt.date(2016, 9, 13): 1, dt.date(2016, 9, 14): 1}
    [listed] = tracking.list_truces(store.engine, active_on=dt.date(2016, 9, 14))
    assert (listed.incidents, listed.reports, listed.undetermined, listed.articles) == (2, 2, 1, 1)
    assert tracking.list_truces(store.engine, active_on=dt.date(2016, 9, 16)) == []


def test_a_truce_lists_the_articles_that_announced_it(store: Store) -> None:
    save(
        store,
        calm_announcement("calm-1"),
        calm_announcement("calm-2", CALM_START + dt.timedelta(days=1), dateline="موسكو - "),
    )
    tracking.recompute_tracking(store)
    [truce] = tracking.list_truces(store.engine)
    detail = tracking.get_truce(store.engine, truce.truce_id)
    assert detail is not None
    assert [s.doc_id for s in detail.sources] == ["calm-1", "calm-2"]
    assert detail.sources[0].evidence.startswith("أعلنت روسيا")
    assert detail.as_record()["sources"][1]["published"] == "2016-09-13"
    assert tracking.get_truce(store.engine, "tru-missing") is None


def test_violation_filters(store: Store) -> None:
    calm_scene(store)
    tracking.recompute_tracking(store)
    [truce] = tracking.list_truces(store.engine)
    assert [v.doc_id for v in tracking.list_violations(store.engine, actor="الروسي")] == ["salma-13"]
    assert [v.doc_id for v in tracking.list_violations(store.engine, actor="air force")] == ["salma-13"]
    assert [v.doc_id for v in tracking.list_violations(store.engine, since=dt.date(2016, 9, 14))] == [
        "kabani-pub"
    ]
    assert [v.doc_id for v in tracking.list_violations(store.engine, until=dt.date(2016, 9, 13))] == [
        "salma-13"
    ]
    assert tracking.count_violation_rows(store.engine, truce_id=truce.truce_id) == 2
    assert tracking.list_violations(store.engine, truce_id="tru-other") == []
    assert tracking.violation_counts(store.engine, "tru-other") is None


def test_a_user_truce_takes_the_announcements_and_survives_recomputes(store: Store) -> None:
    calm_scene(store)
    declared = TruceRecord(
        truce_id="latakia-calm",
        name="Calm regime, Latakia countryside",
        kind=TruceKind.CALM,
        start=CALM_START,
        zones=(Zone.of_place(LATAKIA_RURAL),),
        exclusions=(Zone.of_place(LATAKIA),),
        end=dt.date(2016, 9, 16),
        origin=TruceOrigin.USER,
    )
    summary = tracking.add_user_truces(store, [declared], source_file="truces.yaml")
    assert (summary.truces, summary.user_truces) == (1, 1)
    tracking.recompute_tracking(store)

    [truce] = tracking.list_truces(store.engine)
    assert (truce.truce_id, truce.origin, truce.end) == (
        "latakia-calm",
        TruceOrigin.USER,
        dt.date(2016, 9, 16),
    )
    assert (truce.articles, truce.source_file, truce.last_mentioned) == (1, "truces.yaml", CALM_START)
    assert {v.truce_id for v in tracking.list_violations(store.engine)} == {"latakia-calm"}

    assert tracking.remove_user_truce(store, "latakia-calm") is not None
    assert tracking.remove_user_truce(store, "latakia-calm") is None
    [extracted] = tracking.list_truces(store.engine)
    assert extracted.origin is TruceOrigin.EXTRACTED


def test_an_id_kept_for_extracted_truces_is_refused(store: Store) -> None:
    declared = TruceRecord(
        "tru-mine", "mine", TruceKind.CEASEFIRE, CALM_START, (Zone.of_place(DOUMA),), origin=TruceOrigin.USER
    )
    with pytest.raises(ConfigError) as caught:
        tracking.add_user_truces(store, [declared])
    assert caught.value.code == "M015"
    assert tracking.list_truces(store.engine) == []


# --- incidents --------------------------------------------------------------------------------


def test_a_multi_source_incident_has_a_fatality_range_and_a_grade(store: Store) -> None:
    other = "قتل 30 مدنياً في غارة جوية استهدفت مشفى في حلب بحسب ناشطين."
    save(
        store,
        report("wire-1", WIRE_SENTENCE, ALEPPO, STRIKE_DAY, killed=27, body=WIRE_STORY, source="agency-a"),
        report("local-1", other, ALEPPO, STRIKE_DAY, killed=30, source="local-b"),
        report("douma-1", "قصف على دوما.", DOUMA, STRIKE_DAY, killed=3, source="local-b"),
    )
    tracking.recompute_tracking(store)

    [incident] = tracking.list_incidents(store.engine, min_sources=2)
    assert incident.grade is Grade.CORROBORATED
    assert (incident.independent_sources, incident.reports) == (2, 2)
    assert str(incident.fatalities) == "27-30"
    assert incident.outlets == ("agency-a", "local-b")
    assert incident.place is not None
    assert (incident.place.name, incident.place.name_en) == (ALEPPO.name, ALEPPO.name_en)

    detail = tracking.get_incident(store.engine, incident.incident_id)
    assert detail is not None
    assert {(mem.doc_id, mem.fatalities) for mem in detail.members} == {("wire-1", 27), ("local-1", 30)}
    assert all(mem.event_id is not None and mem.evidence for mem in detail.members)
    record = detail.as_record()
    assert record["fatalities"] == {"low": 27, "high": 30, "text": "27-30"}
    assert record["contradictions"] == []

    assert tracking.count_incidents(store.engine) == 2
    assert [i.reports for i in tracking.list_incidents(store.engine, place="دوما")] == [1]
    assert tracking.list_incidents(store.engine, grade=Grade.CONTESTED) == []
    assert tracking.list_incidents(store.engine, since=STRIKE_DAY + dt.timedelta(days=2)) == []
    assert tracking.get_incident(store.engine, "inc-missing") is None


def test_syndicated_copies_are_one_source(store: Store) -> None:
    save(
        store,
        report("wire-1", WIRE_SENTENCE, ALEPPO, STRIKE_DAY, killed=27, body=WIRE_STORY, source="agency-a"),
        report(
            "reprint-1",
            WIRE_SENTENCE,
            ALEPPO,
            STRIKE_DAY,
            killed=27,
            body=copy_of(WIRE_STORY),
            source="site-c",
        ),
    )
    summary = tracking.recompute_tracking(store)
    assert summary.fingerprinted == 2

    [incident] = tracking.list_incidents(store.engine)
    assert (incident.reports, incident.independent_sources) == (2, 1)
    assert incident.grade is Grade.SINGLE_SOURCE
    detail = tracking.get_incident(store.engine, incident.incident_id)
    assert detail is not None
    assert {mem.copy_group for mem in detail.members} == {"wire-1"}
    stats = tracking.tracking_stats(store.engine)
    assert (stats.copy_groups, stats.fingerprinted, stats.incidents) == (1, 2, 1)


def test_the_store_index_groups_copies_like_the_memory_index(store: Store) -> None:
    texts = {
        "a": WIRE_STORY,
        "b": copy_of(WIRE_STORY),
        "c": copy_of(copy_of(WIRE_STORY), "وأعلنت المعارضة مقتل قائد ميداني."),
        "d": "اشتباكات عنيفة في ريف إدلب الجنوبي بين فصائل المعارضة وقوات النظام منذ الصباح.",
    }
    save(
        store, *(report(doc, "قصف.", ALEPPO, STRIKE_DAY, body=f"قصف. {text}") for doc, text in texts.items())
    )
    memory = MemoryIndex()
    with Session(store.engine) as session, session.begin():
        index = StoreCopyIndex(session)
        assert index.refresh() == 4
        assert index.refresh() == 0
        for doc, text in texts.items():
            memory.add(doc, f"قصف. {text}")
        assert {doc: index.group_of(doc) for doc in texts} == {doc: memory.group_of(doc) for doc in texts}
        assert index.copies_of("a") == ["b", "c"]


# --- contradictions --------------------------------------------------------------------------


def test_a_denial_contradicted_by_two_reports(store: Store) -> None:
    other = "قتل 30 مدنياً في غارة جوية استهدفت مشفى في حلب بحسب ناشطين."
    save(
        store,
        report("wire-1", WIRE_SENTENCE, ALEPPO, STRIKE_DAY, killed=27, body=WIRE_STORY, source="agency-a"),
        report("local-1", other, ALEPPO, STRIKE_DAY, killed=30, source="local-b"),
        denial("deny-1"),
    )
    summary = tracking.recompute_tracking(store)
    assert (summary.contradictions, summary.contested) == (2, 1)

    contradictions = tracking.list_contradictions(store.engine)
    assert {c.report.doc_id for c in contradictions} == {"wire-1", "local-1"}
    assert {c.denial.doc_id for c in contradictions} == {"deny-1"}
    first = contradictions[0]
    assert first.denial.speaker == "Russian Ministry of Defence"
    assert first.denial.places == (ALEPPO.name,)
    assert first.denial.claim_id is not None
    assert first.denial.last_day == STRIKE_DAY + dt.timedelta(days=1)
    assert first.report.event_id is not None
    assert len({c.incident_id for c in contradictions}) == 1

    detail = tracking.get_incident(store.engine, first.incident_id or "")
    assert detail is not None
    assert detail.incident.grade is Grade.CONTESTED
    assert any("Russian Ministry of Defence" in reason for reason in detail.incident.reasons)
    assert len(detail.contradictions) == 2
    assert len(tracking.list_contradictions(store.engine, doc_id="local-1")) == 1


def test_a_negated_event_is_a_denial_too(store: Store) -> None:
    save(
        store,
        report("wire-1", WIRE_SENTENCE, ALEPPO, STRIKE_DAY, killed=27, body=WIRE_STORY),
        report("neg-1", "لم تنفذ الطائرات الروسية أي غارة على حلب.", ALEPPO, STRIKE_DAY, negated=True),
    )
    tracking.recompute_tracking(store)
    [contradiction] = tracking.list_contradictions(store.engine)
    assert (contradiction.denial.kind, contradiction.denial.doc_id) == ("negated_event", "neg-1")
    assert contradiction.denial.event_id is not None
    assert tracking.tracking_stats(store.engine).incidents == 1  # the denial is not an incident


# --- recomputing -----------------------------------------------------------------------------


def test_recompute_is_idempotent(store: Store) -> None:
    everything(store)
    first = tracking.recompute_tracking(store)
    before = snapshot(store)
    second = tracking.recompute_tracking(store)
    assert (first.fingerprinted, second.fingerprinted) == (9, 0)
    assert (first.incidents, first.violations, first.contradictions) == (
        second.incidents,
        second.violations,
        second.contradictions,
    )
    assert snapshot(store) == before
    assert all(before[table] for table in ("tracked_truces", "violations", "incidents", "contradictions"))


def test_ids_stay_the_same_when_a_document_is_reprocessed(store: Store) -> None:
    everything(store)
    tracking.recompute_tracking(store)
    incidents = [i.incident_id for i in tracking.list_incidents(store.engine)]
    old_event = tracking.list_violations(store.engine)[0]

    store.save_article(
        report("salma-13", "قصف الطيران الروسي قرية سلمى.", SALMA, dt.date(2016, 9, 13), actor=RUSSIAN_AIR),
        V1,
        reprocess=True,
    )
    assert all(
        v.doc_id != "salma-13" for v in tracking.list_violations(store.engine)
    )  # its rows went with it
    tracking.recompute_tracking(store)

    assert [i.incident_id for i in tracking.list_incidents(store.engine)] == incidents
    again = next(v for v in tracking.list_violations(store.engine) if v.event_key == old_event.event_key)
    assert again.event_id is not None
    assert again.truce_id == old_event.truce_id


def test_a_failed_recompute_leaves_the_previous_results(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything(store)
    tracking.recompute_tracking(store)
    before = snapshot(store)
    save(store, report("late-1", "قصف على قرية سلمى.", SALMA, dt.date(2016, 9, 14), source="x"))

    def crash(*_args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(tracking_write, "_write_contradictions", crash)
    with pytest.raises(RuntimeError):
        tracking.recompute_tracking(store)
    assert snapshot(store) == before


def test_an_ingest_batch_recomputes(store: Store, tmp_path: Any) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "calm.txt").write_text("calm", "utf-8")
    (folder / "salma.txt").write_text("salma", "utf-8")
    made = {
        "calm": calm_announcement(),
        "salma": report("salma", "قصف على قرية سلمى.", SALMA, dt.date(2016, 9, 13)),
    }

    def process(raw: Any) -> Any:
        built = made[raw.doc_id]
        built.raw = raw
        return built

    ingest(store, iter_documents([str(folder)]), sequential(process), V1)
    [truce] = tracking.list_truces(store.engine)
    assert [v.doc_id for v in tracking.list_violations(store.engine, truce_id=truce.truce_id)] == ["salma"]


def test_the_last_recompute_records_what_it_saw(store: Store) -> None:
    """A reprocessed article (same content, same fingerprint) still makes the tables stale."""

    def current() -> bool:
        with Session(store.engine) as session:
            return tracking_write.tracking_is_current(session)

    everything(store)
    assert not current()  # never recomputed
    tracking.recompute_tracking(store)
    assert current()
    store.save_article(
        report("salma-13", "قصف الطيران الروسي قرية سلمى.", SALMA, dt.date(2016, 9, 13), actor=RUSSIAN_AIR),
        V1,
        reprocess=True,
    )
    assert not current()
    tracking.recompute_tracking(store)
    assert current()


def test_an_incident_inside_two_overlapping_truces_is_one_violation_in_the_totals(store: Store) -> None:
    sentence = "ويسري وقف إطلاق النار في ريف اللاذقية منذ مطلع الشهر."
    running = Truce(
        TruceKind.CEASEFIRE, evidence(sentence, sentence), zones=[LATAKIA_RURAL], start=dt.date(2016, 9, 2)
    )
    save(
        store,
        article("ceasefire-1", sentence, truces=[running], source="agency", published=dt.date(2016, 9, 2)),
        calm_announcement(),  # a 72-hour calm regime declared inside the running ceasefire
        report("salma-13", "قصف الطيران الروسي قرية سلمى.", SALMA, dt.date(2016, 9, 13), actor=RUSSIAN_AIR),
        report("salma-20", "عاد القصف على قرية سلمى.", SALMA, dt.date(2016, 9, 20)),
    )
    summary = tracking.recompute_tracking(store)
    assert len(tracking.list_truces(store.engine)) == 2
    rows = tracking.list_violations(store.engine)
    assert sorted(v.doc_id for v in rows) == ["salma-13", "salma-13", "salma-20"]
    stats = tracking.tracking_stats(store.engine)
    assert (stats.violations, stats.violation_reports) == (2, 3)
    assert (summary.violations, summary.violation_reports) == (2, 3)
