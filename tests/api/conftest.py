"""API fixtures: a small store built by hand (no extraction), its tracking tables recomputed,
and a TestClient over the app. Invented outlets; places are real for the map.

The store (``filled``) holds:

* ``aleppo-1``: an air strike on Aleppo, 2016-04-27, 27 killed, with mentions, a claim, a
  truce announcement and two reader comments (one carrying HTML);
* ``douma-1``: shelling of Douma, 2016-04-30, 4 killed, by the government forces;
* ``mosul-1``: a clash near Mosul, 2016-11-03, the CTS against ISIS;
* ``raqqa-1``: a denied strike on Raqqa, 2016-04-29, which ``raqqa-2`` (another outlet)
  reports with 5 killed: a contradiction;
* ``nowhere-1``: a strike with no place (not on the map);
* ``evil-1``: an article whose body and comments hold script and event-handler markup;

and a user truce over Aleppo from 2016-04-20 for 14 days, which the Aleppo strike violates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.api.app import create_app
from marsad.article import (
    ActorMention,
    Article,
    Comment,
    Mentions,
    PlaceMention,
    QuantityMention,
    TriggerMention,
)
from marsad.assemble.ceasefire import TruceOrigin, TruceRecord
from marsad.assemble.ceasefire_zones import Zone
from marsad.event import Actor, Place, PlaceKind, Span, SubEventType, TruceKind
from marsad.settings import ServerSettings, Settings
from marsad.store import Store, open_store
from marsad.store.tracking import add_user_truces
from tests.store.conftest import AIR_STRIKE_BODY, ALEPPO, DOUMA, MOSUL, article, rich_article, strike

V1 = "0.1.0+aaaaaaaa"
TOKEN = "s3cret-token-for-tests"
RAQQA = Place("الرقة", "Raqqa", 35.95, 39.01, "SY", "Raqqa", PlaceKind.CITY, "geo:163808")
EVIL_SCRIPT = "<script>window.__marsadPwned = 1</script>"
EVIL_IMG = '<img src="x" onerror="window.__marsadPwned = 2">'
ALEPPO_TRUCE = "aleppo-calm"


def _mentions(body: str) -> Mentions:
    def span(text: str) -> Span:
        start = body.index(text)
        return Span(start, start + len(text))

    civil_defence = "الدفاع المدني"
    return Mentions(
        quantities=[QuantityMention(span("27"), 27, text="27")],
        triggers=[TriggerMention(span("قصفت"), "قصفت", SubEventType.AIR_DRONE_STRIKE)],
        places=[PlaceMention(span("بحلب"), "بحلب", ALEPPO)],
        actors=[ActorMention(span(civil_defence), civil_defence, Actor(civil_defence, "Civil Defence"))],
    )


def _aleppo() -> Article:
    item = rich_article("aleppo-1")
    item.mentions = _mentions(AIR_STRIKE_BODY)
    item.raw = dataclasses.replace(item.raw, source="halab-today")
    item.comments = [
        Comment("حسبنا الله", "أبو أحمد", "منذ 3 أيام"),
        Comment(f"تعليق {EVIL_IMG}", "زائر", None),
    ]
    return item


def _simple(
    doc_id: str,
    source: str,
    place: Place | None,
    day: dt.date,
    killed: int | None,
    sub_type: SubEventType,
    **extra: object,
) -> Article:
    where = place.name if place else "مكان مجهول"
    sentence = f"خبر عن {where} في {day.isoformat()} وفيه أطفال ونساء"
    body = f"{sentence}. تتمة الخبر من {source}."
    event = strike(body, sentence, place, day, killed, sub_type, **extra)
    return article(doc_id, body, events=[event], source=source, published=day + dt.timedelta(days=1))


def _evil() -> Article:
    sentence = "قصفت طائرات حربية مدينة دوما وقتل 3 مدنيين"
    body = f"{EVIL_SCRIPT} {sentence}. {EVIL_IMG} نهاية."
    event = strike(body, sentence, DOUMA, dt.date(2016, 5, 2), 3)
    item = article("evil-1", body, events=[event], source="evil-outlet", published=dt.date(2016, 5, 2))
    item.title = f"عنوان {EVIL_SCRIPT}"
    item.comments = [Comment(EVIL_SCRIPT, EVIL_IMG, None), Comment(f"رد {EVIL_IMG}", None, None)]
    return item


def fill(store: Store) -> Store:
    items = [
        _aleppo(),
        _simple(
            "douma-1",
            "ghouta-news",
            DOUMA,
            dt.date(2016, 4, 30),
            4,
            SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK,
            actor1=Actor("قوات النظام", "Syrian government forces"),
        ),
        _simple(
            "mosul-1",
            "baghdad-post",
            MOSUL,
            dt.date(2016, 11, 3),
            None,
            SubEventType.ARMED_CLASH,
            actor1=Actor("جهاز مكافحة الإرهاب", "Counter Terrorism Service"),
            actor2=Actor("تنظيم داعش", "ISIS"),
        ),
        _simple(
            "raqqa-1",
            "halab-today",
            RAQQA,
            dt.date(2016, 4, 29),
            None,
            SubEventType.AIR_DRONE_STRIKE,
            negated=True,
        ),
        _simple("raqqa-2", "furat-news", RAQQA, dt.date(2016, 4, 29), 5, SubEventType.AIR_DRONE_STRIKE),
        _simple("nowhere-1", "ghouta-news", None, dt.date(2016, 4, 28), 2, SubEventType.AIR_DRONE_STRIKE),
        _evil(),
    ]
    for item in items:
        store.save_article(item, V1)
    truce = TruceRecord(
        truce_id=ALEPPO_TRUCE,
        name="Aleppo calm",
        kind=TruceKind.CALM,
        start=dt.date(2016, 4, 20),
        end=dt.date(2016, 5, 4),
        zones=(Zone.of_place(ALEPPO),),
        origin=TruceOrigin.USER,
        parties=("روسيا",),
    )
    add_user_truces(store, [truce], source_file="tests")
    return store


@pytest.fixture(scope="session")
def filled_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A filled SQLite store, built once; tests that write copy it."""
    path = tmp_path_factory.mktemp("api") / "filled.db"
    with open_store(str(path)) as store:
        fill(store)
    return path


def make_settings(**server: object) -> Settings:
    # No read cache unless a test asks for one: tests here change the store or patch the query
    # layer between two reads of the same URL (tests/security/test_cache.py tests the cache).
    server = {"cache_ttl_s": 0, **server}
    return Settings(server=ServerSettings(**server))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def read_store(filled_path: Path) -> Iterator[Store]:
    with open_store(str(filled_path)) as store:
        yield store


@pytest.fixture(scope="session")
def client(read_store: Store) -> Iterator[TestClient]:
    """A client over the filled store, default settings (open reads, no server token)."""
    with TestClient(create_app(make_settings(), read_store), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def write_store(filled_path: Path, tmp_path: Path) -> Iterator[Store]:
    """A private copy of the filled store, for tests that write."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(filled_path.read_bytes())
    with open_store(str(copy)) as store:
        yield store


@pytest.fixture
def writer(write_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A client with the server token set, over a private store."""
    monkeypatch.setenv("MARSAD_TOKEN", TOKEN)
    app = create_app(make_settings(), write_store)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def assert_error_shape(body: object, status: int) -> None:
    assert isinstance(body, dict)
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str)
    assert body["error"]
    assert isinstance(body["errors"], list)
    assert body["errors"]
    for item in body["errors"]:
        assert set(item) == {"loc", "msg", "type"}
