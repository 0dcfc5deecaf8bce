"""Fast event queries (issue 9) return exactly what the filters as written return.

On SQLite the read layer chooses which condition an index serves and answers text filters
from the full-text index (migration 0003); on PostgreSQL it sends the conditions as written.
These tests fill a store with a few hundred varied events, shrink the planning thresholds so
every plan (driven by one condition, or read in order) runs on them, and compare each page
and count with the same filter run as written, without any planning.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from marsad.event import SUB_EVENT_PARENT, EventType, SubEventType
from marsad.store import Store, open_store, query
from marsad.store.database import WRITE_OPTION, current_revision, migrations_path
from marsad.store.models import DocumentModel, EventModel
from marsad.store.query import BBox, EventFilter, EventSort
from marsad.store.writer import folded
from tests.store.conftest import rich_article

PLACES = [
    ("حلب", "Aleppo", "SY", "Aleppo", 36.2, 37.16),
    ("الرقة", "Raqqa", "SY", "Ar-Raqqa", 35.95, 39.01),
    ("الموصل", "Mosul", "IQ", "Nineveh", 36.34, 43.13),
    ("تعز", "Taiz", "YE", "Taiz", 13.58, 44.02),
    ("غزة", "Gaza", "PS", "Gaza", 31.5, 34.47),
]
ACTORS = [("قوات النظام", "Government forces"), ("تنظيم داعش", "Islamic State"), ("جماعة الحوثي", "Houthis")]
WORDS = ["مستشفى", "سوق", "مدرسة", "100%", "a_b", 'قال "لا"']
EVENTS = 400
DOCUMENTS = 80


def fill(store: Store, seed: int = 5) -> None:
    """Bulk-insert documents and events shaped as the writer shapes them (some undated, unlocated)."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    documents = [
        {
            "id": n + 1,
            "doc_id": f"d{n}",
            "content_hash": f"{n:064x}",
            "origin": "test",
            "source": rng.choice(["bbc", "sana", "enab"]),
            "published": dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(900)),
            "body": "",
            "content": "",
            "format": "text",
            "ingested_at": now,
            "processed_at": now,
            "pipeline_version": "t",
            "dropped": False,
            "text_folded": "",
        }
        for n in range(DOCUMENTS)
    ]
    with store.engine.begin() as connection:
        connection.execute(insert(DocumentModel), documents)
        connection.execute(insert(EventModel), [_event(rng, n) for n in range(EVENTS)])


def _event(rng: random.Random, n: int) -> dict[str, Any]:
    sub = rng.choice(list(SubEventType))
    name, name_en, country, admin1, lat, lon = rng.choice(PLACES)
    located = rng.random() > 0.1
    (a1, a1_en), (a2, a2_en) = rng.sample(ACTORS, 2)
    word = rng.choice(WORDS)
    evidence = f"قصفت {a1} مواقع {a2} في {name} {word}"
    return {
        "document_id": n % DOCUMENTS + 1,
        "position": n // DOCUMENTS,
        "event_type": SUB_EVENT_PARENT[sub].value,
        "sub_event_type": sub.value,
        "date": None if rng.random() < 0.15 else dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(60)),
        "place_name": name,
        "place_name_en": name_en,
        "lat": lat + rng.uniform(-0.3, 0.3) if located else None,
        "lon": lon + rng.uniform(-0.3, 0.3) if located else None,
        "country": country,
        "admin1": admin1,
        "actor1": a1,
        "actor1_en": a1_en,
        "actor2": a2,
        "actor2_en": a2_en,
        "fatalities": rng.choice([None, 0, 1, 2, 5, 30]),
        "negated": rng.random() < 0.1,
        "aggregate": rng.random() < 0.1,
        "evidence": evidence,
        "evidence_start": 0,
        "evidence_end": len(evidence),
        "text_folded": folded(evidence, name),
        "actors_folded": folded(a1, a1_en, a2, a2_en),
        "place_folded": folded(name, name_en, admin1),
        "pipeline_version": "t",
    }


FILTERS = [
    EventFilter(),
    EventFilter(event_types=(EventType.BATTLES,)),
    EventFilter(event_types=(EventType.BATTLES, EventType.PROTESTS)),
    EventFilter(sub_event_types=(SubEventType.AIR_DRONE_STRIKE,)),
    EventFilter(country="sy"),
    EventFilter(country="XX"),
    EventFilter(country="SY", place="Aleppo"),
    EventFilter(place="الرقه"),  # ة/ه folded
    EventFilter(place="حل"),  # shorter than a trigram: checked with LIKE
    EventFilter(actor="قوات النظام"),
    EventFilter(actor="houthis", text="مستشفي"),
    EventFilter(text="100%"),  # LIKE wildcards are literal
    EventFilter(text="a_b"),
    EventFilter(text='"لا"'),  # a quote inside a word is no query syntax
    EventFilter(text="سوق", event_types=(EventType.EXPLOSIONS_REMOTE_VIOLENCE,), country="IQ"),
    EventFilter(bbox=BBox(36.5, 35.5, 37.8, 36.9)),
    EventFilter(bbox=BBox(44.0, 13.5, 44.05, 13.7)),
    EventFilter(since=dt.date(2016, 1, 10), until=dt.date(2016, 1, 20)),
    EventFilter(since=dt.date(2016, 2, 1)),
    EventFilter(until=dt.date(2016, 1, 5), country="SY"),
    EventFilter(source="bbc"),
    EventFilter(source="bbc", doc_id="d3"),
    EventFilter(doc_id="d7", text="قصفت"),
    EventFilter(negated=True),
    EventFilter(aggregate=False, event_types=(EventType.VIOLENCE_AGAINST_CIVILIANS,)),
]
PAGES = [(50, 0), (7, 3), (30, 300)]


def named(event_filter: EventFilter) -> str:
    """A test id: the fields the filter sets."""
    return ",".join(f"{k}={v!r}" for k, v in vars(event_filter).items() if v not in (None, ())) or "all"


@pytest.fixture
def filled(store: Store) -> Store:
    fill(store)
    return store


@pytest.fixture(params=["driven", "in order", "in order, given up"])
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Thresholds under which every condition drives, or none does, on this small store.

    "given up": every in-order read is interrupted at once and a condition drives instead.
    """
    reach = 10_000 if request.param == "driven" else 1
    monkeypatch.setattr(query, "MIN_REACH", reach)
    monkeypatch.setattr(query, "MAX_REACH", reach)
    monkeypatch.setattr(query, "COUNT_REACH", reach)
    if request.param == "in order, given up":
        monkeypatch.setattr(query, "SCAN_BUDGET_S", -1.0)
    return str(request.param)


def as_written(store: Store, event_filter: EventFilter, sort: EventSort) -> list[int]:
    """Every matching id in ``sort`` order, from the filter's conditions as written."""
    statement = (
        select(EventModel.id)
        .join(DocumentModel)
        .where(*query._conditions(event_filter))
        .order_by(*query._order(sort))
    )
    with Session(store.engine) as session:
        return list(session.scalars(statement))


def test_pages_and_counts_match_the_filters_as_written(filled: Store, plan: str) -> None:
    engine = filled.engine
    for event_filter in FILTERS:
        for sort in EventSort:
            expected = as_written(filled, event_filter, sort)
            for limit, offset in PAGES:
                page = [row.id for row in query.list_events(engine, event_filter, limit, offset, sort)]
                assert page == expected[offset : offset + limit], (named(event_filter), sort, limit, offset)
            every = [row.id for row in query.iter_events(engine, event_filter, sort)]
            assert every == expected, (named(event_filter), sort)
        assert query.count_events(engine, event_filter) == len(expected), named(event_filter)


def test_the_filters_are_not_all_empty(filled: Store) -> None:
    sizes = [len(as_written(filled, f, EventSort.RECENT)) for f in FILTERS]
    assert sum(1 for n in sizes if 0 < n < EVENTS) >= len(FILTERS) - 4


def test_map_points_and_timeline_match_the_filters_as_written(filled: Store, plan: str) -> None:
    with Session(filled.engine) as session:
        rows = session.execute(select(EventModel.id, EventModel.lat, EventModel.lon, EventModel.date)).all()
    coordinates = {i: (lat, lon) for i, lat, lon, _ in rows}
    dates = {i: day for i, _, _, day in rows}
    for event_filter in FILTERS:
        expected = as_written(filled, event_filter, EventSort.DATE_DESC)
        located = [i for i in expected if None not in coordinates[i]]
        found = query.map_points(filled.engine, event_filter, limit=40)
        assert [p.id for p in found.points] == located[:40], named(event_filter)
        assert found.unlocated == len(expected) - len(located)
        assert found.truncated == (len(located) > 40)
        days = query.timeline(filled.engine, event_filter)
        assert sum(day.total for day in days) == sum(1 for i in expected if dates[i] is not None)


def test_capped_counts(filled: Store, plan: str) -> None:
    for event_filter in FILTERS:
        total = len(as_written(filled, event_filter, EventSort.RECENT))
        for cap in (0, 1, 25, 1000):
            counted = query.count_events_capped(filled.engine, event_filter, cap)
            assert (counted.count, counted.exact) == (min(total, cap), total <= cap)
    assert query.CappedCount(1000, exact=False).as_text() == "1000+"
    assert query.CappedCount(12, exact=True).as_text() == "12"


# --- the SQLite full-text index -------------------------------------------------------------


@pytest.fixture
def sqlite_store(tmp_path: Any) -> Iterator[Store]:
    with open_store(str(tmp_path / "s.db")) as opened:
        yield opened


def search_index_is_consistent(store: Store) -> bool:
    """FTS5's own check of the index against the events table (raises when they differ)."""
    with store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO events_search(events_search, rank) VALUES ('integrity-check', 1)")
        )
    return True


def test_the_search_index_follows_inserts_updates_and_deletes(sqlite_store: Store) -> None:
    fill(sqlite_store)
    assert search_index_is_consistent(sqlite_store)
    market = EventFilter(text="سوق")
    before = sqlite_store.count_events(market)
    assert before > 0
    with sqlite_store.engine.begin() as connection:
        connection.execute(update(EventModel).where(EventModel.id <= 40).values(text_folded="نص اخر"))
        connection.execute(text("DELETE FROM documents WHERE id > 60"))  # cascades to their events
    assert search_index_is_consistent(sqlite_store)
    expected = len(as_written(sqlite_store, market, EventSort.RECENT))
    assert sqlite_store.count_events(market) == expected < before
    assert sqlite_store.count_events(EventFilter(text="اخر")) == 40


def test_reprocessing_and_deleting_an_article_keep_the_index_in_step(sqlite_store: Store) -> None:
    aleppo = EventFilter(place="حلب")
    sqlite_store.save_article(rich_article("a1"), "0.1.0+aaaaaaaa")
    assert sqlite_store.count_events(aleppo) == 1
    sqlite_store.save_article(rich_article("a1"), "0.1.0+aaaaaaaa", reprocess=True)
    assert sqlite_store.count_events(aleppo) == 1
    assert search_index_is_consistent(sqlite_store)
    with sqlite_store.engine.begin() as connection:
        connection.execute(text("DELETE FROM documents"))
    assert sqlite_store.count_events(aleppo) == 0
    assert search_index_is_consistent(sqlite_store)


def test_the_migration_goes_down_and_up_again(tmp_path: Any) -> None:
    path = str(tmp_path / "m.db")
    with open_store(path) as store:
        fill(store)
        expected = store.count_events(EventFilter(actor="داعش"))
        config = Config()
        config.set_main_option("script_location", str(migrations_path()))
        with store.engine.connect() as connection:
            config.attributes["connection"] = connection.execution_options(**{WRITE_OPTION: True})
            command.downgrade(config, "0002")
            connection.commit()
        assert current_revision(store.engine) == "0002"
        with store.engine.connect() as connection:
            names = set(connection.exec_driver_sql("SELECT name FROM sqlite_master").scalars())
        assert not {n for n in names if n.startswith("events_search")}
        assert {"ix_events_country_date_event_type", "ix_events_fatalities"}.isdisjoint(names)
    with open_store(path) as store:  # migrates up again and rebuilds the index from the events
        assert current_revision(store.engine) == "0004"
        assert store.count_events(EventFilter(actor="داعش")) == expected > 0
        assert search_index_is_consistent(store)


def test_an_in_order_read_over_budget_is_given_up_for_a_driven_one(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    fill(sqlite_store)
    filled = sqlite_store
    monkeypatch.setattr(query, "MIN_REACH", 1)
    monkeypatch.setattr(query, "MAX_REACH", 1)
    monkeypatch.setattr(query, "SCAN_BUDGET_S", -1.0)
    event_filter = EventFilter(place="حلب", text="في")  # one word the index finds, one it cannot
    with caplog.at_level("DEBUG", logger="marsad.store.query"):
        page = query.list_events(filled.engine, event_filter, limit=500)
    assert "over budget" in caplog.text
    expected = as_written(filled, event_filter, EventSort.DATE_DESC)
    assert expected
    assert [row.id for row in page] == expected
