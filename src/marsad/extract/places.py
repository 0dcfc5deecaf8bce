"""Place mentions resolved with the gazetteer (placeholder: to be written)."""

from __future__ import annotations

from marsad.article import Article
from marsad.pipeline import Stage, stage
from marsad.settings import Settings


def place_stage(settings: Settings) -> Stage:
    @stage("extract.places", requires={"text.normalized", "tokens"}, assigns={"mentions.places"})
    def run(article: Article) -> Article:
        return article

    return run
