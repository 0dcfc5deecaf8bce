"""Cutting an article body into highlighted runs: overlaps, clipping, order, notes."""

from __future__ import annotations

import pytest

from marsad.web.highlight import Mark, runs


def texts(body: str, marks: list[Mark]) -> list[tuple[str, tuple[str, ...]]]:
    return [(run.text, run.kinds) for run in runs(body, marks)]


def test_runs_cover_the_body_exactly_once() -> None:
    body = "قصفت الطائرات مدينة حلب أمس"
    marks = [Mark(0, 4, "trigger", "t"), Mark(20, 23, "place", "p"), Mark(0, len(body), "evidence", "")]
    cut = runs(body, marks)
    assert "".join(run.text for run in cut) == body
    assert [run.start for run in cut] == sorted(run.start for run in cut)


def test_overlapping_spans_give_runs_with_every_kind() -> None:
    body = "abcdefghij"
    marks = [Mark(2, 6, "actor", "a"), Mark(4, 8, "place", "p")]
    assert texts(body, marks) == [
        ("ab", ()),
        ("cd", ("actor",)),
        ("ef", ("actor", "place")),
        ("gh", ("place",)),
        ("ij", ()),
    ]


def test_kinds_are_in_drawing_order_and_notes_are_kept() -> None:
    cut = runs(
        "xyz", [Mark(0, 3, "place", "place: X"), Mark(0, 3, "evidence", ""), Mark(0, 3, "field", "ev: loc")]
    )
    assert cut[0].kinds == ("evidence", "field", "place")
    assert cut[0].css == "hl-evidence hl-field hl-place"
    assert cut[0].title == "ev: loc\nplace: X"


@pytest.mark.parametrize(("start", "end"), [(-5, 2), (8, 50), (3, 3), (9, 4), (40, 60)])
def test_spans_outside_the_body_are_clipped_or_dropped(start: int, end: int) -> None:
    body = "0123456789"
    cut = runs(body, [Mark(start, end, "date", "d")])
    assert "".join(run.text for run in cut) == body
    marked = "".join(run.text for run in cut if run.kinds)
    assert marked == body[max(start, 0) : max(min(end, len(body)), max(start, 0))]


def test_refs_link_runs_to_their_records() -> None:
    cut = runs("abcdef", [Mark(0, 6, "evidence", "", "ev-1"), Mark(2, 4, "field", "f", "ev-1")])
    assert [run.refs for run in cut] == [("ev-1",), ("ev-1",), ("ev-1",)]


def test_an_empty_body_has_no_runs() -> None:
    assert runs("", [Mark(0, 3, "place", "p")]) == []
