"""Sentences and clauses of Arabic news, as spans into the body."""

from __future__ import annotations

from itertools import pairwise

import pytest

from marsad.event import Span
from marsad.normalize import split_sentences
from marsad.normalize.sentences import split_clauses


def sentences(body: str) -> list[str]:
    return [s.slice(body) for s in split_sentences(body)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("قصفت الطائرات حلب. وقتل 5 أشخاص.", ["قصفت الطائرات حلب.", "وقتل 5 أشخاص."]),
        ("هل انتهت الهدنة؟ لا أحد يعرف!", ["هل انتهت الهدنة؟", "لا أحد يعرف!"]),
        ("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"]),
        ("قتل 2.5 ألف شخص. انتهى", ["قتل 2.5 ألف شخص.", "انتهى"]),
        ("في عام 2011. وقال", ["في عام 2011.", "وقال"]),
        ("ذكر موقع alarabiya.net الخبر. ثم", ["ذكر موقع alarabiya.net الخبر.", "ثم"]),
        ("قال مسؤول U.S. إن الضربة. ثم", ["قال مسؤول U.S. إن الضربة.", "ثم"]),
        ("وقال د. محمد إن القصف مستمر. ثم", ["وقال د. محمد إن القصف مستمر.", "ثم"]),
        ('وقال "لن نسمح. لا يمكن". وأضاف آخر', ['وقال "لن نسمح. لا يمكن".', "وأضاف آخر"]),
        ("وقال «لن نسمح. لا يمكن». وأضاف", ["وقال «لن نسمح. لا يمكن».", "وأضاف"]),
        ("الاثنين (9 أبريل. تقريبا) هاجمت. ثم", ["الاثنين (9 أبريل. تقريبا) هاجمت.", "ثم"]),
        ("انتظر... ثم جاء الرد؟! نعم", ["انتظر... ثم جاء الرد؟!", "نعم"]),
        ("الطائرات الروسية .فمنذ أسابيع", ["الطائرات الروسية .", "فمنذ أسابيع"]),
        ("  \n\n  ", []),
        ("", []),
        ("جملة بلا نهاية", ["جملة بلا نهاية"]),
    ],
)
def test_split_sentences(body: str, expected: list[str]) -> None:
    assert sentences(body) == expected


def test_sentence_spans_are_trimmed_and_ordered() -> None:
    body = "  أولى.   ثانية؟\n ثالثة  "
    spans = split_sentences(body)
    assert [s.slice(body) for s in spans] == ["أولى.", "ثانية؟", "ثالثة"]
    assert all(a.end <= b.start for a, b in pairwise(spans))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "جرى اتفاق على نظام هدوء في ريف اللاذقية لمدة 72 ساعة وفي غوطة دمشق لمدة 24 ساعة",
            ["جرى اتفاق على نظام هدوء في ريف اللاذقية لمدة 72 ساعة", "وفي غوطة دمشق لمدة 24 ساعة"],
        ),
        (
            "قصفت الطائرات حلب، وقال المرصد إن 5 قتلوا",
            ["قصفت الطائرات حلب،", "وقال المرصد إن 5 قتلوا"],
        ),
        ("قتل 1,500 شخص في حلب ودمشق", ["قتل 1,500 شخص في حلب ودمشق"]),
        ("هاجمت القوات البلدة، ثم انسحبت", ["هاجمت القوات البلدة، ثم انسحبت"]),  # a two-word clause is glued
        (
            "أعلنت روسيا الهدنة في حين واصلت الطائرات قصف المدينة",
            ["أعلنت روسيا الهدنة", "في حين واصلت الطائرات قصف المدينة"],
        ),
        ("دمشق وموسكو وطهران اتهمت إسرائيل", ["دمشق وموسكو وطهران اتهمت إسرائيل"]),
    ],
)
def test_split_clauses(body: str, expected: list[str]) -> None:
    clauses = split_clauses(body, Span(0, len(body)))
    assert [c.slice(body) for c in clauses] == expected


def test_clauses_stay_inside_their_sentence() -> None:
    body = "مقدمة. قصفت الطائرات حلب، وقال المرصد إن 5 قتلوا. خاتمة"
    sentence = split_sentences(body)[1]
    clauses = split_clauses(body, sentence)
    assert clauses[0].start == sentence.start
    assert clauses[-1].end == sentence.end
