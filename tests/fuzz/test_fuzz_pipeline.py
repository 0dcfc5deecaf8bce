"""Fuzzing the whole pipeline: arbitrary text, pages and records in, an Article (or a clear
per-document error) out, within the per-document time limit, with every span pointing into
the body and the record serializable.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.article import Article, InputFormat, RawDocument
from marsad.assemble.record import to_record
from marsad.errors import ExtractionError
from marsad.ingest.documents import Provenance, document_or_error
from marsad.parallel import extract_articles
from marsad.pipeline import build_pipeline
from marsad.settings import Settings
from tests.fuzz import strategies as gen
from tests.fuzz.budget import PER_INPUT_S, fuzz, tried

pytestmark = pytest.mark.slow

#: The pipeline's own per-document limit is what bounds each input here (SIGALRM in-process).
SETTINGS = Settings().with_overrides("extract", document_timeout_s=int(PER_INPUT_S), workers=1)
PIPELINE = build_pipeline(SETTINGS)
DATES = st.one_of(
    st.none(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)), st.dates()
)


def pipeline_factory(settings: Settings) -> object:
    return PIPELINE


@st.composite
def raw_documents(draw: st.DrawFn) -> RawDocument:
    fmt = draw(st.sampled_from([InputFormat.TEXT, InputFormat.TEXT, InputFormat.HTML, InputFormat.FEED]))
    content = draw(
        gen.html_document()
        if fmt is not InputFormat.TEXT
        else st.one_of(gen.scraped_page(), gen.any_text(300))
    )
    return RawDocument(
        doc_id="fuzz-doc",
        content=content,
        format=fmt,
        origin="fuzz/doc",
        title=draw(st.one_of(st.none(), gen.arabic_text(8))),
        published=draw(DATES),
        crawl_date=draw(DATES),
    )


def check_article(article: Article) -> None:
    body = article.body
    mentions = article.mentions
    for mention in [
        *mentions.quantities,
        *mentions.dates,
        *mentions.places,
        *mentions.actors,
        *mentions.triggers,
    ]:
        assert 0 <= mention.span.start <= mention.span.end <= len(body)
    for item in [*article.events, *article.claims, *article.truces]:
        evidence = item.evidence
        assert evidence.sentence_span.slice(body) == evidence.sentence
        for _field, span in evidence.field_spans:
            assert 0 <= span.start <= span.end <= len(body)
    for sentence in article.sentences:
        assert 0 <= sentence.start < sentence.end <= len(body)
    json.dumps(to_record(article), ensure_ascii=False).encode("utf-8")


@fuzz("pipeline.document", 800)
@given(raw=raw_documents())
def test_any_document_comes_out_as_an_article(raw: RawDocument) -> None:
    tried("pipeline.document")
    (result,) = list(extract_articles([raw], SETTINGS, keep_tokens=True, pipeline_factory=pipeline_factory))
    if isinstance(result, ExtractionError):
        raise AssertionError(f"a stage failed on generated input: {result}") from result
    assert isinstance(result, Article)
    assert result.dropped is not None or result.language == "ar"
    check_article(result)


@fuzz("pipeline.text", 800)
@given(words=st.lists(st.one_of(st.text(max_size=15), gen.arabic_word(), gen.arabic_word()), max_size=120))
def test_arbitrary_unicode_through_the_reader_checks_and_the_pipeline(words: list[str]) -> None:
    """Any Unicode (controls, surrogate-free astral characters, combining marks) among Arabic words."""
    tried("pipeline.text")
    raw = document_or_error(
        " ".join(words), InputFormat.TEXT, Provenance("fuzz/text", "fuzz-text"), SETTINGS.ingest
    )
    if isinstance(raw, RawDocument):
        check_article(PIPELINE.process(raw))
