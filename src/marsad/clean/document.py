"""From a RawDocument to the article's title, body, author, publication date and comments.

Plain text (scraped pages, JSONL ``text`` records) goes through the scraped-text cutter and
keeps an offset map from the body back into the source; HTML goes through trafilatura and the
cutter; feed entries (HTML fragments) are rendered to lines and cut. Relative comment stamps
("منذ 7 سنوات") are resolved against the crawl date by ``marsad.extract.dates`` when that
module offers ``resolve_expression``; otherwise the stamp is kept as written.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from marsad.article import Article, Comment, InputFormat
from marsad.clean.characters import clean_characters
from marsad.clean.html import HtmlCleaner, render_text
from marsad.clean.lexicon import CleanLexicon
from marsad.clean.scraped import PageParts, ScrapedTextCutter
from marsad.settings import Settings

log = logging.getLogger(__name__)

#: ``resolve_expression(text, anchor) -> (date, precision) | None`` from marsad.extract.dates.
DateResolver = Callable[[str, dt.date], Any]
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def load_date_resolver() -> DateResolver | None:
    """``marsad.extract.dates.resolve_expression`` if that module provides it, else None."""
    try:
        module = importlib.import_module("marsad.extract.dates")
    except ImportError:
        return None
    resolver = getattr(module, "resolve_expression", None)
    return resolver if callable(resolver) else None


class DocumentCleaner:
    """Holds the loaded lexicon and extractors; :meth:`clean` fills one article."""

    def __init__(self, settings: Settings, resolver: DateResolver | None = None) -> None:
        self.cutter = ScrapedTextCutter(CleanLexicon.load())
        self.html = HtmlCleaner(self.cutter)
        self.resolver = resolver
        self.crawl_day = settings.ingest.crawl_day

    def clean(self, article: Article) -> Article:
        raw = article.raw
        if raw.format is InputFormat.HTML:
            self._clean_html(article)
        elif raw.format is InputFormat.FEED:
            parts = self.cutter.cut(render_text(raw.content), known_title=raw.title)
            self._apply_parts(article, parts, keep_map=False)
        else:
            parts = self.cutter.cut(raw.content, known_title=raw.title)
            self._apply_parts(article, parts, keep_map=True)
        article.title = clean_characters(article.title) if article.title else None
        anchor = raw.crawl_date or self.crawl_day
        article.comments = [self._dated(comment, anchor) for comment in article.comments]
        return article

    def _clean_html(self, article: Article) -> None:
        raw = article.raw
        parts = self.html.extract(raw.content, url=raw.url, known_title=raw.title)
        article.title = parts.title
        article.body = parts.body
        article.body_map = None  # the body comes from extracted text, not a slice of the markup
        article.comments = parts.comments
        article.published = raw.published or parts.published
        article.author = parts.author

    def _apply_parts(self, article: Article, parts: PageParts, *, keep_map: bool) -> None:
        raw = article.raw
        article.title = parts.title
        article.body = parts.body
        article.body_map = parts.body_map if keep_map else None
        article.comments = parts.comments
        article.author = parts.author
        article.published = raw.published or self._page_date(
            parts.date_text, raw.crawl_date or self.crawl_day
        )

    def _page_date(self, text: str | None, anchor: dt.date | None) -> dt.date | None:
        """The date of a header date line; without a crawl date only absolute dates (with a year)."""
        if text is None or self.resolver is None:
            return None
        if anchor is None:
            if _YEAR.search(text) is None:
                return None
            anchor = dt.date.today()
        return self._resolve(text, anchor)

    def _dated(self, comment: Comment, anchor: dt.date | None) -> Comment:
        if comment.when is None or comment.date is not None or anchor is None or self.resolver is None:
            return comment
        return replace(comment, date=self._resolve(comment.when, anchor))

    def _resolve(self, text: str, anchor: dt.date) -> dt.date | None:
        assert self.resolver is not None
        try:
            found = self.resolver(text, anchor)
        except (ValueError, TypeError, LookupError) as exc:
            log.debug("date resolver failed on %r: %s", text, exc)
            return None
        if found is None:
            return None
        day = found[0] if isinstance(found, tuple) else found
        return day if isinstance(day, dt.date) else None
