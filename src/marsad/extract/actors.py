"""Actor mentions from the actor dictionary and generic patterns (placeholder: to be written)."""

from __future__ import annotations

from marsad.article import Article
from marsad.pipeline import Stage, stage
from marsad.settings import Settings


def actor_stage(settings: Settings) -> Stage:
    @stage("extract.actors", requires={"text.normalized", "tokens"}, assigns={"mentions.actors"})
    def run(article: Article) -> Article:
        return article

    return run
