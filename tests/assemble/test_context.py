"""The assemblers' view of an article: clauses, sentences, and what the assemblers share.

The view answers clause questions from one scan of the text and groups mentions by sentence
in one pass (issue 9); each answer is checked against the direct way of getting it.
"""

from __future__ import annotations

import random

from marsad.article import Article, PlaceMention
from marsad.assemble.context import CLAUSE_BREAK, ArticleView, shared
from marsad.event import Place, Span
from marsad.normalize.stages import normalize_body, split_body_sentences, tokenize_body
from marsad.pipeline import Pipeline, stage
from tests.conftest import make_article

WORDS = ["قصف", "حلب", "الطيران", "وقال", "المرصد", "ان", "5", "قتلى"]
BREAKS = [" ", " ", " ", "، ", ". ", "; ", " - ", " (", ") ", "\n", ": ", "-"]


def prepared(text: str) -> Article:
    return split_body_sentences(tokenize_body(normalize_body(make_article(text))))


def random_article(rng: random.Random) -> Article:
    parts = []
    for _ in range(rng.randint(1, 30)):
        parts += [rng.choice(WORDS), rng.choice(BREAKS)]
    return prepared("".join(parts))


def test_clause_answers_agree_with_searching_the_text() -> None:
    rng = random.Random(3)
    for _ in range(200):
        view = ArticleView(random_article(rng))
        words = view.words
        for i in range(len(words)):
            for j in range(len(words)):
                lo, hi = min(i, j), max(i, j)
                searched = lo == hi or CLAUSE_BREAK.search(view.text, words[lo].end, words[hi].start) is None
                assert view.same_clause(i, j) == searched, (view.text, i, j)
        for sentence in view.sentences:
            for i in range(sentence.first, sentence.last):
                assert view.clause_of(i, sentence) == view._clause_by_search(i, sentence)


def test_mentions_by_sentence_are_those_in_each_sentence() -> None:
    article = prepared("قصف الطيران حلب. وقال المرصد إن 5 قتلى سقطوا. ثم هدأ القصف")
    view = ArticleView(article)
    place = Place("حلب")
    spans = [Span(0, 3), Span(12, 15), Span(14, 30), Span(16, 16), Span(17, 17), Span(40, 44), Span(50, 53)]
    spans.append(Span(0, 58))  # the whole text: in no one sentence
    mentions = [PlaceMention(span, "x", place) for span in spans]
    grouped = view.by_sentence(mentions)
    assert len(grouped) == len(view.sentences) == 3
    for sentence in view.sentences:
        assert grouped[sentence.index] == view.in_sentence(mentions, sentence)
    assert [len(g) for g in grouped] == [3, 2, 1]


def test_shared_values_are_computed_once_for_the_same_inputs() -> None:
    article = prepared("قصف الطيران حلب")
    calls: list[str] = []
    lexicon, other_lexicon = object(), object()

    def compute() -> list[str]:
        calls.append("x")
        return ["value"]

    first = shared(article, "thing", (lexicon,), compute)
    assert shared(article, "thing", (lexicon,), compute) is first
    assert len(calls) == 1
    shared(article, "thing", (other_lexicon,), compute)  # other inputs: computed again
    assert len(calls) == 2
    article.sentences = list(article.sentences)  # an equal list, but not the one it was made from
    shared(article, "thing", (other_lexicon,), compute)
    assert len(calls) == 3


def test_the_view_is_built_once_per_article() -> None:
    article = prepared("قصف الطيران حلب. وقال المرصد")
    assert ArticleView.of(article) is ArticleView.of(article)
    assert ArticleView.of(prepared("قصف الطيران حلب")) is not ArticleView.of(article)


def test_the_pipeline_empties_what_stages_shared() -> None:
    @stage("t.view", requires={"raw"}, assigns={"nothing"})
    def uses_a_view(article: Article) -> Article:
        shared(article, "seen", (), lambda: 1)
        assert article.shared
        return article

    result = Pipeline([uses_a_view])(make_article("قصف الطيران حلب"))
    assert result.shared == {}
