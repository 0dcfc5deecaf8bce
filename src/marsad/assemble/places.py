"""The article's distinct places named as locations (placeholder: to be written)."""

from __future__ import annotations

from marsad.article import Article
from marsad.pipeline import Stage, stage
from marsad.settings import Settings


def place_list_stage(settings: Settings) -> Stage:
    @stage("assemble.places", requires={"mentions.places"}, assigns={"places"})
    def run(article: Article) -> Article:
        return article

    return run
