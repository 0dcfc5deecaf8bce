"""Claims: speaker, speech verb, content, stance (placeholder: to be written)."""

from __future__ import annotations

from marsad.article import Article
from marsad.pipeline import Stage, stage
from marsad.settings import Settings


def claim_stage(settings: Settings) -> Stage:
    @stage("assemble.claims", requires={"sentences", "mentions.actors"}, assigns={"claims"})
    def run(article: Article) -> Article:
        return article

    return run
