"""Events from triggers and their arguments within a sentence (placeholder: to be written)."""

from __future__ import annotations

from marsad.article import Article
from marsad.pipeline import Stage, stage
from marsad.settings import Settings


def event_stage(settings: Settings) -> Stage:
    @stage("assemble.events", requires={"sentences", "mentions.triggers", "mentions.places", "mentions.actors", "mentions.quantities", "mentions.dates"}, assigns={"events"})
    def run(article: Article) -> Article:
        return article

    return run
