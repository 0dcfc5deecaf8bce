"""Pipeline stages of cleaning: separate the article from the page, then keep Arabic only."""

from __future__ import annotations

from marsad.article import Article, Drop, InputFormat
from marsad.pipeline import stage
from marsad.pipeline import Stage
from marsad.settings import Settings


def clean_stage(settings: Settings) -> Stage:
    return clean_document


@stage("clean.document", requires={"raw"}, assigns={"text.body", "title", "published", "comments"})
def clean_document(article: Article) -> Article:
    raw = article.raw
    if raw.format is InputFormat.HTML:
        import trafilatura

        article.body = trafilatura.extract(raw.content) or ""
    else:
        article.body = raw.content.strip()
    article.title = raw.title
    article.published = raw.published
    return article


def language_stage(settings: Settings) -> Stage:
    limits = settings.clean

    @stage("clean.language", requires={"text.body"}, assigns={"language"})
    def filter_language(article: Article) -> Article:
        letters = [c for c in article.body if c.isalpha()]
        arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
        if len(article.body.strip()) < limits.min_body_chars:
            article.dropped = Drop("clean.language", "empty", f"body has {len(article.body.strip())} characters")
        elif not letters or arabic / len(letters) < limits.min_arabic_ratio:
            article.dropped = Drop("clean.language", "not_arabic")
        else:
            article.language = "ar"
        return article

    return filter_language
