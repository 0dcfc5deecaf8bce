"""Truces: ceasefires, calm regimes, corridors, evacuations (placeholder: to be written)."""

from __future__ import annotations

from marsad.article import Article
from marsad.pipeline import Stage, stage
from marsad.settings import Settings


def truce_stage(settings: Settings) -> Stage:
    @stage("assemble.truces", requires={"sentences", "mentions.places", "mentions.quantities", "mentions.dates"}, assigns={"truces"})
    def run(article: Article) -> Article:
        return article

    return run
