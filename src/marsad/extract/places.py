"""Place mentions: every place named in the body, resolved with the gazetteer.

The gazetteer (curated place lists, countries, GeoNames cities500 and the user's imports) is
loaded once by the stage factory, from the disk cache when it is current. See
``docs/places.md`` and :mod:`marsad.extract.gazetteer`.
"""

from __future__ import annotations

import logging

from marsad.article import Article
from marsad.extract.gazetteer import Geoparser, load_gazetteer
from marsad.pipeline import Stage, stage
from marsad.settings import Settings

log = logging.getLogger(__name__)


def place_stage(settings: Settings, geoparser: Geoparser | None = None) -> Stage:
    """The ``extract.places`` stage; pass ``geoparser`` to share one already loaded."""
    parser = geoparser or Geoparser(load_gazetteer())

    @stage("extract.places", requires={"text.normalized", "tokens"}, assigns={"mentions.places"}, version=1)
    def run(article: Article) -> Article:
        assert article.normalized is not None
        words = article.words
        # the tokens normalize.tokens made from this text (hand-set tokens are not trusted)
        tokens = article.tokens if words is not None and words.tokens is article.tokens else None
        article.mentions.places = parser.mentions(article.body, article.normalized, tokens)
        return article

    return run
