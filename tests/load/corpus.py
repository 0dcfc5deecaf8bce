"""Synthetic data for the load test: events stored through the write path, and a second corpus of
Arabic articles for a ``marsad ingest`` that runs while the server is under load.

The places are real (names and coordinates), the outlets, tolls and dates invented.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

from marsad.article import Article
from marsad.event import Actor, Event, Place, PlaceKind, SubEventType
from tests.store.conftest import article, strike

PLACES = [
    Place("حلب", "Aleppo", 36.2021, 37.1343, "SY", "Aleppo", PlaceKind.CITY, "geo:170063"),
    Place("إدلب", "Idlib", 35.9306, 36.6339, "SY", "Idlib", PlaceKind.CITY, "geo:169389"),
    Place("دوما", "Douma", 33.5711, 36.4028, "SY", "Rif Dimashq", PlaceKind.CITY, "geo:170592"),
    Place("درعا", "Daraa", 32.6189, 36.1021, "SY", "Daraa", PlaceKind.CITY, "geo:170903"),
    Place("الرقة", "Raqqa", 35.9528, 39.0079, "SY", "Ar-Raqqa", PlaceKind.CITY, "geo:163808"),
    Place("الموصل", "Mosul", 36.335, 43.1189, "IQ", "Nineveh", PlaceKind.CITY, "geo:99072"),
    Place("الفلوجة", "Fallujah", 33.3538, 43.7793, "IQ", "Anbar", PlaceKind.CITY, "geo:98860"),
    Place("تعز", "Taiz", 13.5795, 44.0209, "YE", "Taiz", PlaceKind.CITY, "geo:70225"),
    Place("الحديدة", "Hodeidah", 14.7978, 42.9545, "YE", "Al Hudaydah", PlaceKind.CITY, "geo:79415"),
    Place("طرابلس", "Tripoli", 32.8874, 13.1873, "LY", "Tripoli", PlaceKind.CITY, "geo:2210247"),
    Place("بنغازي", "Benghazi", 32.1167, 20.0667, "LY", "Benghazi", PlaceKind.CITY, "geo:88319"),
    Place("الفاشر", "El Fasher", 13.6279, 25.3494, "SD", "North Darfur", PlaceKind.CITY, "geo:379252"),
]
ACTORS = [
    Actor("قوات النظام", "Syrian government forces"),
    Actor("فصائل المعارضة", "Opposition factions"),
    Actor("تنظيم داعش", "Islamic State"),
    Actor("الجيش العراقي", "Iraqi army"),
    Actor("جماعة الحوثي", "Houthis"),
    Actor("قوات الدعم السريع", "Rapid Support Forces"),
]
OUTLETS = ["wakala-1", "wakala-2", "sahifa-3", "marsad-4", "qanat-5"]
FIRST_DAY = dt.date(2016, 1, 1)
DAYS = 8 * 365
SUB_TYPES = list(SubEventType)


def generated_articles(count: int, seed: int) -> Iterator[Article]:
    """``count`` articles with one or two located, dated events each, as the pipeline leaves them."""
    rng = random.Random(seed)
    for n in range(count):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        sentences = [_sentence(rng, n, k) for k in range(rng.choice((1, 1, 2)))]
        body = " ".join(text for text, _, _ in sentences) + " تتمة الخبر."
        events = [_event(rng, body, text, place, day, killed) for text, place, killed in sentences]
        yield article(f"load-{n}", body, events=events, source=rng.choice(OUTLETS), published=day)


def _sentence(rng: random.Random, n: int, k: int) -> tuple[str, Place, int]:
    place = rng.choice(PLACES)
    killed = rng.randint(1, 60)
    return f"قتل {killed} مدنيين في قصف على {place.name} بحسب مصادر محلية في التقرير {n}-{k}.", place, killed


def _event(rng: random.Random, body: str, sentence: str, place: Place, day: dt.date, killed: int) -> Event:
    actor1, actor2 = rng.sample(ACTORS, 2)
    return strike(body, sentence, place, day, killed, rng.choice(SUB_TYPES), actor1=actor1, actor2=actor2)


def write_ingest_corpus(path: Path, count: int, seed: int) -> Path:
    """A JSONL corpus of ``count`` distinct Arabic news articles for ``marsad ingest``."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps(_document(rng, n), ensure_ascii=False) + "\n")
    return path


def _document(rng: random.Random, n: int) -> dict[str, str]:
    place, other = rng.sample(PLACES, 2)
    actor = rng.choice(ACTORS)
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    killed, wounded = rng.randint(2, 40), rng.randint(1, 80)
    text = (
        f"قتل {killed} مدنيين وأصيب {wounded} آخرون في قصف جوي استهدف سوقا شعبيا في مدينة {place.name} "
        f"صباح اليوم، بحسب ما أفاد الدفاع المدني. وقال مصدر محلي إن {actor.name} قصفت أيضا أطراف "
        f"{other.name} بالمدفعية الثقيلة. وأضاف المصدر أن فرق الإنقاذ ما زالت تبحث عن ناجين تحت "
        f"الأنقاض، وأن الحصيلة مرشحة للارتفاع. هذا هو التقرير رقم {n} من مراسلنا."
    )
    return {
        "id": f"ingest-{n}",
        "title": f"قصف على {place.name}",
        "published": day.isoformat(),
        "source": rng.choice(OUTLETS),
        "text": text,
    }
