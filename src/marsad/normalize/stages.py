"""Pipeline stages of the Arabic core: normalize the body, tokenize it (tokens and words), split sentences."""

from __future__ import annotations

from marsad.article import Article
from marsad.normalize.sentences import split_sentences
from marsad.normalize.text import normalize
from marsad.normalize.tokens import tokenize
from marsad.normalize.words import build_words
from marsad.pipeline import stage


@stage("normalize.text", requires={"text.body"}, assigns={"text.normalized"})
def normalize_body(article: Article) -> Article:
    article.normalized = normalize(article.body)
    return article


@stage("normalize.tokens", requires={"text.normalized"}, assigns={"tokens", "words"})
def tokenize_body(article: Article) -> Article:
    assert article.normalized is not None
    article.tokens = tokenize(article.normalized.text)
    article.words = build_words(article.tokens, article.normalized)
    return article


@stage("normalize.sentences", requires={"text.body"}, assigns={"sentences"})
def split_body_sentences(article: Article) -> Article:
    article.sentences = split_sentences(article.body)
    return article
