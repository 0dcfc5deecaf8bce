"""Event trigger words mapped to ACLED sub-event types (placeholder: to be written)."""

from __future__ import annotations

from marsad.article import Article
from marsad.pipeline import Stage, stage
from marsad.settings import Settings


def trigger_stage(settings: Settings) -> Stage:
    @stage("extract.triggers", requires={"text.normalized", "tokens"}, assigns={"mentions.triggers"})
    def run(article: Article) -> Article:
        return article

    return run
