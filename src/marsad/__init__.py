"""marsad (مرصد): turn Arabic news into a queryable record of armed conflict and ceasefires."""

import logging

__version__ = "0.1.0"

from marsad.article import Article
from marsad.event import Event
from marsad.pipeline import Pipeline, build_pipeline

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Article", "Event", "Pipeline", "__version__", "build_pipeline"]
