"""Dates: regional month names, Hijri, weekdays, relative expressions (placeholder: to be written)."""

from __future__ import annotations

from marsad.article import Article
from marsad.pipeline import Stage, stage
from marsad.settings import Settings


def date_stage(settings: Settings) -> Stage:
    @stage("extract.dates", requires={"text.normalized", "tokens"}, assigns={"mentions.dates"})
    def run(article: Article) -> Article:
        return article

    return run
