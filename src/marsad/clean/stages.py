"""Pipeline stages of cleaning: separate the article from the page, then keep Arabic only."""

from __future__ import annotations

from marsad.article import Article, Drop, InputFormat
from marsad.clean.document import DocumentCleaner, load_date_resolver
from marsad.clean.language import LanguageIdentifier
from marsad.pipeline import Stage, stage
from marsad.settings import Settings

LANGUAGE_STAGE = "clean.language"


def clean_stage(settings: Settings) -> Stage:
    cleaner = DocumentCleaner(settings, load_date_resolver())

    @stage("clean.document", requires={"raw"}, assigns={"text.body", "title", "published", "comments"})
    def clean_document(article: Article) -> Article:
        return cleaner.clean(article)

    return clean_document


def language_stage(settings: Settings) -> Stage:
    limits = settings.clean
    identifier = LanguageIdentifier(limits.min_arabic_ratio)

    @stage(LANGUAGE_STAGE, requires={"text.body"}, assigns={"language"})
    def filter_language(article: Article) -> Article:
        article.dropped = _empty_body(article, limits.min_body_chars)
        if article.dropped is not None:
            return article
        verdict = identifier.identify(article.body)
        if verdict.language == "ar":
            article.language = "ar"
        else:
            detail = f"language {verdict.language}, {verdict.arabic_ratio:.0%} Arabic letters"
            article.dropped = Drop(LANGUAGE_STAGE, "not_arabic", detail)
        return article

    return filter_language


def _empty_body(article: Article, min_chars: int) -> Drop | None:
    size = len(article.body.strip())
    if size < min_chars and article.raw.format is InputFormat.HTML:
        return Drop(LANGUAGE_STAGE, "no_body", f"no article text found in the HTML page ({size} characters)")
    if size < min_chars:
        return Drop(LANGUAGE_STAGE, "empty", f"body has {size} characters (min_body_chars={min_chars})")
    return None
