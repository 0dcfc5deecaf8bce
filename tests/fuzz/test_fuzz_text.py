"""Fuzzing the text layers: cleaning (HTML, scraped text), normalization, tokens, sentences,
numbers and dates.

Beyond "does not raise", each target checks the invariants the rest of marsad builds on:
offset maps stay inside their texts and move forward, a normalized token folds back from
the raw characters it maps to, sentences cover the body's words without overlapping, and
every mention's span slices the body to the mention's own text.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from marsad.article import Article, InputFormat, OffsetMap, RawDocument
from marsad.clean.characters import INVISIBLE, TATWEEL
from marsad.clean.document import DocumentCleaner, load_date_resolver
from marsad.clean.lexicon import CleanLexicon
from marsad.clean.scraped import ScrapedTextCutter
from marsad.event import Span
from marsad.extract.dates import find_dates, resolve_expression
from marsad.extract.numbers import find_quantities, parse_quantity
from marsad.normalize import fold, normalize, split_clauses, split_sentences, tokenize
from marsad.settings import Settings
from tests.fuzz import strategies as gen
from tests.fuzz.budget import PER_INPUT_S, fuzz, tried
from tests.hardening.harness import time_limit

pytestmark = pytest.mark.slow  # about 3 minutes for the whole fuzz suite on 2 cores

CUTTER = ScrapedTextCutter(CleanLexicon.load())
CLEANER = DocumentCleaner(Settings(), load_date_resolver())
_HARAKAT = re.compile("[\u064b-\u065f\u0670]")
_ARABIC_WORD = re.compile("[\u0621-\u063a\u0641-\u064a]+")
ANCHORS = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.dates(),  # year 1 and year 9999 come from records too: "published": "0001-01-01"
)


def visible(text: str) -> str:
    """What a reader sees: no controls, tatweel or harakat, presentation forms as letters."""
    kept = "".join(c for c in text if c not in INVISIBLE and c != TATWEEL)
    return _HARAKAT.sub("", unicodedata.normalize("NFKC", kept))


def check_offset_map(offsets: OffsetMap, derived: str, source: str) -> None:
    assert offsets.derived_length == len(derived)
    assert offsets.source_length == len(source)
    previous = 0
    for index in range(len(derived)):
        start, end = offsets.source_start(index), offsets.source_end(index + 1)
        assert previous <= start < end <= len(source), (index, start, end)
        previous = start


def check_spans_slice(body: str, spans: list[tuple[Span, str]]) -> None:
    for span, text in spans:
        assert 0 <= span.start <= span.end <= len(body)
        assert span.slice(body) == text


# ---------------------------------------------------------------------------------------------
# Cleaning


@fuzz("clean.scraped", 800)
@given(text=st.one_of(gen.scraped_page(), gen.any_text()), title=st.one_of(st.none(), gen.arabic_text(6)))
def test_the_cutter_keeps_a_map_back_to_the_page(text: str, title: str | None) -> None:
    tried("clean.scraped")
    with time_limit(PER_INPUT_S, "cutter"):
        parts = CUTTER.cut(text, known_title=title)
    check_offset_map(parts.body_map, parts.body, text)
    assert not set(parts.body) & set(INVISIBLE), "bidi and zero-width controls are cleaned out of the body"
    for match in _ARABIC_WORD.finditer(parts.body):
        source = parts.body_map.to_source(match.start(), match.end()).slice(text)
        assert match.group() in visible(source), "a body word maps back to the characters it came from"


@fuzz("clean.html", 400)
@example(html="<svg><div></div><div>", fmt=InputFormat.HTML)  # htmldate asserted on it
@given(html=gen.html_document(), fmt=st.sampled_from([InputFormat.HTML, InputFormat.FEED]))
def test_html_pages_and_feed_entries_clean_without_error(html: str, fmt: InputFormat) -> None:
    tried("clean.html")
    article = Article(raw=RawDocument("fuzz", html, fmt, "fuzz/page.html", crawl_date=dt.date(2019, 5, 22)))
    with time_limit(PER_INPUT_S, "HTML cleaner"):
        cleaned = CLEANER.clean(article)
    assert isinstance(cleaned.body, str)
    assert not set(cleaned.body) & set(INVISIBLE)
    assert cleaned.title is None or not set(cleaned.title) & set(INVISIBLE)
    for comment in cleaned.comments:
        assert isinstance(comment.text, str)


# ---------------------------------------------------------------------------------------------
# Normalization, tokens, sentences


@fuzz("normalize.offsets", 1200)
@given(raw=gen.any_text())
def test_normalized_tokens_fold_back_from_their_raw_characters(raw: str) -> None:
    tried("normalize.offsets")
    with time_limit(PER_INPUT_S, "normalize"):
        normalized = normalize(raw)
        tokens = tokenize(normalized.text)
    assert normalized.text == fold(raw)
    assert fold(normalized.text) == normalized.text, "folding twice changes nothing"
    check_offset_map(normalized.offsets, normalized.text, raw)
    end = 0
    for token in tokens:
        assert end <= token.start < token.end <= len(normalized.text)
        assert normalized.text[token.start : token.end] == token.text
        span = normalized.body_span(token.start, token.end)
        assert fold(span.slice(raw)) == token.text
        end = token.end


@fuzz("normalize.sentences", 1500)
@given(body=gen.any_text(200))
def test_sentences_and_clauses_cover_the_body_in_order(body: str) -> None:
    tried("normalize.sentences")
    with time_limit(PER_INPUT_S, "sentence splitter"):
        sentences = split_sentences(body)
        clauses = [split_clauses(body, sentence) for sentence in sentences]
    end = 0
    covered = [False] * len(body)
    for sentence, parts in zip(sentences, clauses, strict=True):
        assert end <= sentence.start < sentence.end <= len(body)
        assert sentence.slice(body) == sentence.slice(body).strip()
        covered[sentence.start : sentence.end] = [True] * (sentence.end - sentence.start)
        end = sentence.end
        inner = sentence.start
        for clause in parts:
            assert inner <= clause.start <= clause.end <= sentence.end
            inner = clause.end
    assert all(ok or char.isspace() for ok, char in zip(covered, body, strict=True)), (
        "no word falls between sentences"
    )


# ---------------------------------------------------------------------------------------------
# Numbers and dates


@fuzz("extract.numbers", 1500)
@example(body="ثلاثه -")  # a range joiner with no second number ran off the token list
@given(body=gen.any_text())
def test_quantities_have_spans_into_the_body(body: str) -> None:
    tried("extract.numbers")
    with time_limit(PER_INPUT_S, "number reader"):
        mentions = find_quantities(body, normalize(body))
        first = parse_quantity(body[:80])
    check_spans_slice(body, [(m.span, m.text) for m in mentions])
    for mention in mentions:
        assert isinstance(mention.value, int)
        assert mention.upper is None or isinstance(mention.upper, int)
    assert first is None or first.span.end <= 80


@fuzz("extract.dates", 1500)
@given(body=gen.any_text(), anchor=ANCHORS)
def test_dates_resolve_or_are_skipped_at_any_anchor(body: str, anchor: dt.date | None) -> None:
    tried("extract.dates")
    with time_limit(PER_INPUT_S, "date reader"):
        mentions = find_dates(body, normalize(body), anchor)
        resolved = resolve_expression(body[:60], anchor) if anchor is not None else None
    check_spans_slice(body, [(m.span, m.text) for m in mentions])
    for mention in mentions:
        assert isinstance(mention.date, dt.date)
        assert mention.relative is False or anchor is not None
    assert resolved is None or isinstance(resolved[0], dt.date)


@pytest.mark.parametrize("anchor", [dt.date.min, dt.date.max])
def test_relative_dates_at_the_ends_of_the_calendar(anchor: dt.date) -> None:
    """A record dated 0001-01-01 or 9999-12-31 must not fail the document on "امس" or "العام المقبل"."""
    body = "قصف امس واليوم وغدا والاسبوع الماضي والشهر المقبل والعام المقبل ومنذ 7 سنوات وقبل 3 ايام"
    mentions = find_dates(body, normalize(body), anchor)
    assert all(dt.date.min <= m.date <= dt.date.max for m in mentions)
