"""The read layer: filters (with Arabic folding), stable paging, the article view, statistics."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from marsad.article import Drop
from marsad.event import Actor, EventType, Place, PlaceKind, SubEventType
from marsad.store import BBox, EventFilter, EventSort, Store
from tests.store.conftest import ALEPPO, DOUMA, MOSUL, article, rich_article, strike

V1 = "0.1.0+aaaaaaaa"
RAQQA = Place("الرقة", "Raqqa", 35.95, 39.01, "SY", "Raqqa", PlaceKind.CITY, "geo:163808")


@pytest.fixture
def filled(store: Store) -> Store:
    """Four documents: strikes on Aleppo and Douma, a battle near Mosul, a denied strike on Raqqa."""
    items = [
        ("syria-1", "halab-today", ALEPPO, dt.date(2016, 4, 27), 27, SubEventType.AIR_DRONE_STRIKE, {}),
        (
            "syria-2",
            "ghouta-news",
            DOUMA,
            dt.date(2016, 4, 30),
            4,
            SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK,
            {"actor1": Actor("قوات النظام", "Syrian government forces")},
        ),
        (
            "iraq-1",
            "baghdad-post",
            MOSUL,
            dt.date(2016, 11, 3),
            None,
            SubEventType.ARMED_CLASH,
            {
                "actor1": Actor("جهاز مكافحة الإرهاب", "Counter Terrorism Service"),
                "actor2": Actor("تنظيم داعش", "ISIS"),
            },
        ),
        (
            "syria-3",
            "halab-today",
            RAQQA,
            dt.date(2016, 4, 29),
            None,
            SubEventType.AIR_DRONE_STRIKE,
            {"negated": True},
        ),
    ]
    for doc_id, source, place, day, killed, sub_type, extra in items:
        sentence = f"خبر عن {place.name} في {day.isoformat()} وفيه أطفال ونساء"
        body = f"{sentence}. تتمة الخبر من {source}."
        event = strike(body, sentence, place, day, killed, sub_type, **extra)
        published = day + dt.timedelta(days=1)
        store.save_article(article(doc_id, body, events=[event], source=source, published=published), V1)
    return store


def ids(rows: list) -> list[str]:  # type: ignore[type-arg]
    return [row.doc_id for row in rows]


@pytest.mark.parametrize(
    ("event_filter", "expected"),
    [
        (EventFilter(), ["iraq-1", "syria-2", "syria-3", "syria-1"]),
        (EventFilter(event_types=(EventType.BATTLES,)), ["iraq-1"]),
        (EventFilter(sub_event_types=(SubEventType.AIR_DRONE_STRIKE,)), ["syria-3", "syria-1"]),
        (EventFilter(country="sy"), ["syria-2", "syria-3", "syria-1"]),
        (EventFilter(since=dt.date(2016, 4, 28), until=dt.date(2016, 4, 30)), ["syria-2", "syria-3"]),
        (EventFilter(source="halab-today"), ["syria-3", "syria-1"]),
        (EventFilter(doc_id="syria-2"), ["syria-2"]),
        (EventFilter(negated=False, country="SY"), ["syria-2", "syria-1"]),
        (EventFilter(bbox=BBox(36.0, 33.0, 38.0, 37.0)), ["syria-2", "syria-1"]),
        (EventFilter(place="Mosul"), ["iraq-1"]),
        (EventFilter(place="الموصل"), ["iraq-1"]),
        (EventFilter(place="الرقه"), ["syria-3"]),  # ta marbuta folded: the spelling variant matches
        (EventFilter(actor="داعش"), ["iraq-1"]),
        (EventFilter(actor="government"), ["syria-2"]),
        (EventFilter(actor="الارهاب"), ["iraq-1"]),  # hamza folded: "الإرهاب" as stored
        (EventFilter(text="اطفال نساء دوما"), ["syria-2"]),  # every word must occur
        (EventFilter(text="100%_"), []),  # LIKE wildcards are literal
    ],
)
def test_filters(filled: Store, event_filter: EventFilter, expected: list[str]) -> None:
    assert ids(filled.list_events(event_filter)) == expected
    assert filled.count_events(event_filter) == len(expected)


def test_bbox_across_the_antimeridian_matches_both_edges(store: Store) -> None:
    for doc_id, lon in (("east", 175.0), ("west", -175.0), ("syria", 37.0)):
        place = dataclasses.replace(ALEPPO, lon=lon, gazetteer_id=f"geo:{doc_id}")
        sentence = f"قصف على {doc_id}"
        store.save_article(article(doc_id, sentence, events=[strike(sentence, sentence, place)]), V1)
    box = BBox.parse("170,-90,-170,90")
    assert sorted(ids(store.list_events(EventFilter(bbox=box)))) == ["east", "west"]


@pytest.mark.parametrize("text", ["1,2,3", "a,b,c,d", "0,50,10,40"])
def test_bad_bbox_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="bbox"):
        BBox.parse(text)


def test_sorts(filled: Store) -> None:
    assert ids(filled.list_events(sort=EventSort.DATE_ASC)) == ["syria-1", "syria-3", "syria-2", "iraq-1"]
    assert ids(filled.list_events(sort=EventSort.FATALITIES_DESC))[:2] == ["syria-1", "syria-2"]
    assert ids(filled.list_events(sort=EventSort.RECENT)) == ["syria-3", "iraq-1", "syria-2", "syria-1"]


def test_pages_never_repeat_or_skip_ties(store: Store) -> None:
    day = dt.date(2016, 5, 1)
    for n in range(13):
        sentence = f"غارة رقم {n} على حلب"
        store.save_article(article(f"d{n}", sentence, events=[strike(sentence, sentence, day=day)]), V1)
    pages = [store.list_events(limit=5, offset=offset) for offset in (0, 5, 10)]
    seen = [row.id for page in pages for row in page]
    assert len(seen) == 13
    assert len(set(seen)) == 13
    assert seen == [row.id for row in store.list_events(limit=100)]
    assert [row.id for row in store.iter_events()] == seen


def test_undated_events_come_last_both_ways(store: Store) -> None:
    for doc_id, day in (("dated", dt.date(2016, 5, 1)), ("undated", None)):
        sentence = f"قصف على حلب {doc_id}"
        store.save_article(article(doc_id, sentence, events=[strike(sentence, sentence, day=day)]), V1)
    assert ids(store.list_events(sort=EventSort.DATE_DESC)) == ["dated", "undated"]
    assert ids(store.list_events(sort=EventSort.DATE_ASC)) == ["dated", "undated"]


def test_article_view_has_everything_for_highlighting(store: Store) -> None:
    store.save_article(rich_article(), V1)
    view = store.get_article("aleppo-1")
    assert view is not None
    assert [c.author for c in view.comments] == ["أبو أحمد", None]
    assert view.comments[0].when == "منذ 3 أيام"
    assert [p.name_en for p in view.places] == ["Aleppo"]
    (event,) = view.events
    spans = {s.field: view.body[s.start : s.end] for s in event.spans}
    assert spans == {"location": "بحلب", "fatalities": "27", "target": "مشفى القدس"}
    assert view.body[event.evidence_start : event.evidence_end] == event.evidence
    (claim,) = view.claims
    assert claim.stance == "assert"
    assert view.body[claim.evidence_start : claim.evidence_end] == claim.evidence
    (truce,) = view.truces
    assert truce.parties == ("روسيا", "الولايات المتحدة")
    assert [z.name_en for z in truce.zones] == ["Douma"]
    assert [z.name_en for z in truce.excluded] == ["Aleppo"]
    assert truce.duration_hours == 72
    assert view.ingested_at.tzinfo is not None
    assert store.get_article("no-such-article") is None


def test_list_articles(filled: Store) -> None:
    english = article(
        "en", "", content="Clashes in Tripoli.", published=None, dropped=Drop("clean.language", "not_arabic")
    )
    filled.save_article(english, V1)
    listed = filled.list_articles()
    assert [a.doc_id for a in listed] == ["iraq-1", "syria-2", "syria-3", "syria-1", "en"]
    assert listed[-1].dropped_reason == "not_arabic"
    assert listed[-1].events == 0
    assert listed[0].events == 1
    assert [a.doc_id for a in filled.list_articles(source="halab-today")] == ["syria-3", "syria-1"]
    assert [a.doc_id for a in filled.list_articles(text="الموصل")] == ["iraq-1"]
    assert [a.doc_id for a in filled.list_articles(limit=2, offset=1)] == ["syria-2", "syria-3"]


def test_stats(filled: Store) -> None:
    filled.save_article(
        article("empty", "", content="<html></html>", dropped=Drop("clean.language", "empty")), V1
    )
    filled.record_failure("/corpus/broken.html", "M023", "not valid UTF-8")
    result = filled.stats()
    assert (result.documents, result.dropped, result.events, result.failures) == (5, 1, 4, 1)
    assert result.events_by_type == {"explosions_remote_violence": 3, "battles": 1}
    assert result.drops_by_reason == {"empty": 1}
    assert result.failures_by_code == {"M023": 1}
    assert result.documents_by_source["halab-today"] == 2
    assert next(d.date for d in result.events_per_day) == dt.date(2016, 4, 27)
    assert (result.first_event, result.last_event) == (dt.date(2016, 4, 27), dt.date(2016, 11, 3))
    record = result.as_record()
    assert record["events_per_day"][0] == {"date": "2016-04-27", "events": 1}  # type: ignore[index]


def test_event_record_is_json_ready(filled: Store) -> None:
    import json

    (row,) = filled.list_events(EventFilter(doc_id="iraq-1"))
    record = json.loads(json.dumps(row.as_record()))
    assert record["date"] == "2016-11-03"
    assert record["actor2"] == {"name": "تنظيم داعش", "name_en": "ISIS"}
    assert record["location"]["country"] == "IQ"
    assert dataclasses.asdict(row)["doc_id"] == "iraq-1"
