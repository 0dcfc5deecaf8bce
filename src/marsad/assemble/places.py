"""The article's place list: each distinct place named in the body as a location, once.

Places named only as actors ("روسيا قالت") are left out (``PlaceMention.as_location``); a
place named several ways ("سوريا", "سوريه", "#سوريا") is listed once, under the first
spelling, in the order places are first named as locations.
"""

from __future__ import annotations

from collections.abc import Iterable

from marsad.article import Article, PlaceMention
from marsad.event import Place
from marsad.normalize import fold
from marsad.pipeline import Stage, stage
from marsad.settings import Settings


def distinct_locations(mentions: Iterable[PlaceMention]) -> list[Place]:
    """Places named as locations, once each (by gazetteer id, else by folded name), in first-mention order."""
    seen: dict[str, Place] = {}
    for mention in mentions:
        if mention.as_location:
            key = mention.place.gazetteer_id or fold(mention.place.name)
            seen.setdefault(key, mention.place)
    return list(seen.values())


def place_list_stage(settings: Settings) -> Stage:
    @stage("assemble.places", requires={"mentions.places"}, assigns={"places"})
    def run(article: Article) -> Article:
        article.places = distinct_locations(article.mentions.places)
        return article

    return run
