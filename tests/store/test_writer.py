"""The write path: idempotent saves, reprocessing, updates, drops, atomic articles."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marsad.article import Drop, Mentions, PlaceMention, QuantityMention
from marsad.errors import StorageError
from marsad.event import Span, SubEventType
from marsad.store import SaveStatus, Store
from marsad.store import writer as writer_module
from marsad.store.models import (
    CommentModel,
    DocumentModel,
    DropModel,
    EventModel,
    FieldSpanModel,
    MentionModel,
    PlaceModel,
    TruceZoneModel,
)
from marsad.store.writer import is_newer, place_key
from tests.store.conftest import AIR_STRIKE_BODY, ALEPPO, DOUMA, article, rich_article, strike

V1 = "0.1.0+aaaaaaaa"


def count(store: Store, model: type, **where: object) -> int:
    with Session(store.engine) as session:
        statement = select(func.count()).select_from(model)
        for name, value in where.items():
            statement = statement.where(getattr(model, name) == value)
        return session.scalar(statement) or 0


def test_new_then_duplicate_is_stored_once(store: Store) -> None:
    first = store.save_article(rich_article(), V1)
    second = store.save_article(rich_article(), V1)
    assert (first.status, second.status) == (SaveStatus.NEW, SaveStatus.DUPLICATE)
    assert second.document_id == first.document_id
    assert count(store, DocumentModel) == 1
    assert count(store, EventModel) == 1
    assert count(store, CommentModel) == 2


def test_reprocess_replaces_every_derived_row(store: Store) -> None:
    store.save_article(rich_article(), V1)
    changed = rich_article()
    sentence = "قصفت طائرات حربية مشفى القدس في حي السكري بحلب ما أدى إلى مقتل 27 مدنياً."
    changed.events = [strike(AIR_STRIKE_BODY, sentence, killed=30), strike(AIR_STRIKE_BODY, sentence, DOUMA)]
    changed.comments = changed.comments[:1]
    changed.truces = []

    result = store.save_article(changed, V1, reprocess=True)

    assert result.status is SaveStatus.REPROCESSED
    assert count(store, DocumentModel) == 1
    assert sorted(e.fatalities for e in store.list_events()) == [27, 30]
    assert count(store, CommentModel) == 1
    assert count(store, TruceZoneModel) == 0
    assert count(store, FieldSpanModel) == 0  # the new events carry no field spans


@pytest.mark.parametrize(
    ("candidate", "stored", "newer"),
    [
        ("0.1.0+aaaa", "0.1.0+aaaa", False),
        ("0.1.0+bbbb", "0.1.0+aaaa", True),  # same release, other stages: reprocess
        ("0.2.0+aaaa", "0.1.9+aaaa", True),
        ("0.1.10+aaaa", "0.1.9+aaaa", True),
        ("0.1.0+aaaa", "0.2.0+aaaa", False),  # an older marsad never overwrites a newer one's rows
    ],
)
def test_is_newer(candidate: str, stored: str, newer: bool) -> None:
    assert is_newer(candidate, stored) is newer


def test_newer_pipeline_reprocesses_older_does_not(store: Store) -> None:
    store.save_article(rich_article(), "0.2.0+aaaa")
    assert store.save_article(rich_article(), "0.1.0+aaaa").status is SaveStatus.DUPLICATE
    assert store.save_article(rich_article(), "0.3.0+aaaa").status is SaveStatus.REPROCESSED
    assert {e.pipeline_version for e in store.list_events()} == {"0.3.0+aaaa"}


def test_changed_content_from_the_same_origin_updates_the_document(store: Store) -> None:
    store.save_article(rich_article(), V1)
    edited = rich_article()
    edited = dataclasses.replace(
        edited, raw=dataclasses.replace(edited.raw, content=edited.raw.content + " تحديث")
    )

    result = store.save_article(edited, V1)

    assert result.status is SaveStatus.UPDATED
    assert count(store, DocumentModel) == 1
    assert count(store, EventModel) == 1


def test_same_id_from_another_origin_gets_a_distinct_id(store: Store) -> None:
    first = store.save_article(article("page", "نص المقال الأول عن القصف في حلب"), V1)
    second = store.save_article(article("page", "نص مقال آخر تماماً عن دوما", origin="/other/page.txt"), V1)
    assert second.status is SaveStatus.NEW
    assert first.doc_id == "page"
    assert second.doc_id.startswith("page~")
    assert store.get_article(second.doc_id) is not None


def test_dropped_article_is_kept_with_its_reason(store: Store) -> None:
    english = article(
        "en-1",
        "",
        content="Fighting continued in Aleppo on Tuesday.",
        dropped=Drop("clean.language", "not_arabic"),
    )
    result = store.save_article(english, V1)
    assert result.status is SaveStatus.DROPPED
    assert count(store, DropModel, reason="not_arabic") == 1
    view = store.get_article("en-1")
    assert view is not None
    assert view.drop is not None
    assert view.drop.reason == "not_arabic"
    assert store.save_article(english, V1).status is SaveStatus.DUPLICATE


def test_places_are_shared_between_documents(store: Store) -> None:
    body = "قصف على حلب اليوم وسقوط قتلى"
    for doc in ("a", "b"):
        text = f"{body} {doc}"
        store.save_article(article(doc, text, events=[strike(text, body)], places=[ALEPPO]), V1)
    assert count(store, PlaceModel) == 1
    place_ids = {e.place.place_id for e in store.list_events() if e.place}
    assert len(place_ids) == 1
    assert None not in place_ids


def test_place_key_prefers_the_gazetteer_id() -> None:
    assert place_key(ALEPPO) == "g:geo:170063"
    unresolved = dataclasses.replace(ALEPPO, gazetteer_id=None)
    assert place_key(unresolved) is not None
    assert place_key(unresolved) != place_key(DOUMA)
    assert (
        place_key(
            dataclasses.replace(
                ALEPPO, gazetteer_id=None, name_en=None, lat=None, lon=None, country=None, admin1=None
            )
        )
        is None
    )


def test_mentions_keep_their_typed_reading(store: Store) -> None:
    body = AIR_STRIKE_BODY
    start = body.index("27")
    item = rich_article()
    item.mentions = Mentions(
        quantities=[QuantityMention(Span(start, start + 2), 27, text="27")],
        places=[PlaceMention(Span(0, 3), "حلب", ALEPPO)],
    )
    store.save_article(item, V1)
    view = store.get_article("aleppo-1")
    assert view is not None
    kinds = {m.kind: m for m in view.mentions}
    assert kinds["quantity"].value == 27
    assert body[kinds["quantity"].start : kinds["quantity"].end] == "27"
    assert kinds["place"].place is not None
    assert kinds["place"].place.name_en == "Aleppo"
    assert count(store, MentionModel) == 2


def test_a_failed_save_leaves_nothing_behind(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(self: object, position: int, claim: object) -> None:
        raise RuntimeError("disk on fire")

    # Fails after the document, comments, places and events were flushed in the transaction.
    monkeypatch.setattr(writer_module._DerivedWriter, "_claim", explode)
    with pytest.raises(RuntimeError):
        store.save_article(rich_article(), V1)
    assert count(store, DocumentModel) == 0
    assert count(store, EventModel) == 0
    assert count(store, CommentModel) == 0


def test_a_failed_reprocess_keeps_the_old_rows(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_article(rich_article(), V1)
    monkeypatch.setattr(writer_module._DerivedWriter, "_claim", lambda *args: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        store.save_article(rich_article(), V1, reprocess=True)
    assert [e.fatalities for e in store.list_events()] == [27]
    assert count(store, CommentModel) == 2


def test_database_errors_become_storage_errors(store: Store) -> None:
    bad = rich_article()
    bad.events[0].sub_event_type = SubEventType.AIR_DRONE_STRIKE
    bad.events[0].evidence = dataclasses.replace(bad.events[0].evidence, sentence=None)  # type: ignore[arg-type]
    with pytest.raises(StorageError) as caught:
        store.save_article(bad, V1)
    assert caught.value.code == "M043"
    assert count(store, DocumentModel) == 0
