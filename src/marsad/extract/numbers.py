"""Quantities in any digit script and in words, with qualifiers (placeholder: to be written)."""

from __future__ import annotations

from marsad.article import Article
from marsad.pipeline import Stage, stage
from marsad.settings import Settings


def quantity_stage(settings: Settings) -> Stage:
    @stage("extract.quantities", requires={"text.normalized", "tokens"}, assigns={"mentions.quantities"})
    def run(article: Article) -> Article:
        return article

    return run
