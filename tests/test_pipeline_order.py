from __future__ import annotations

import subprocess
import sys

import pytest

from marsad.article import Article, Drop
from marsad.errors import ExtractionError, PipelineOrderError
from marsad.pipeline import Pipeline, build_pipeline, check_order, stage
from tests.conftest import make_article


@stage("a.first", requires={"raw"}, assigns={"alpha"})
def first(article: Article) -> Article:
    return article


@stage("b.second", requires={"alpha"}, assigns={"beta"})
def second(article: Article) -> Article:
    return article


@stage("c.broken", requires={"raw"}, assigns={"gamma"})
def broken(article: Article) -> Article:
    raise ValueError("boom")


@stage("d.forgets", requires={"raw"}, assigns={"delta"})
def forgets(article: Article) -> Article:
    return None  # type: ignore[return-value]


@stage("e.drops", requires={"raw"}, assigns={"epsilon"})
def drops(article: Article) -> Article:
    article.dropped = Drop("e.drops", "not_arabic")
    return article


def test_order_accepted_when_requirements_come_first() -> None:
    check_order([first, second])


def test_wrong_order_names_stage_field_and_supplier() -> None:
    with pytest.raises(PipelineOrderError) as info:
        Pipeline([second, first])
    message = str(info.value)
    assert "[M012]" in message
    assert "'b.second' requires 'alpha'" in message
    assert "'a.first'" in message


def test_undecorated_callable_is_refused() -> None:
    with pytest.raises(PipelineOrderError, match="not a stage"):
        Pipeline([lambda a: a])  # type: ignore[list-item]


def test_duplicate_stage_is_refused() -> None:
    with pytest.raises(PipelineOrderError, match="appears twice"):
        Pipeline([first, first])


def test_exception_names_stage_and_document() -> None:
    with pytest.raises(ExtractionError) as info:
        Pipeline([broken])(make_article("نص", doc_id="doc-7"))
    assert info.value.stage == "c.broken"
    assert info.value.doc_id == "doc-7"
    assert "ValueError: boom" in str(info.value)


def test_stage_that_returns_nothing_is_reported() -> None:
    with pytest.raises(ExtractionError, match="forget `return article`"):
        Pipeline([forgets])(make_article("نص"))


def test_drop_stops_the_pipeline_and_keeps_reason() -> None:
    article = Pipeline([drops, first])(make_article("hello"))
    assert article.dropped == Drop("e.drops", "not_arabic")
    assert article.stages_run == ["e.drops"]


def test_standard_pipeline_is_in_order() -> None:
    pipeline = build_pipeline()
    assert pipeline.names[0] == "clean.document"
    assert pipeline.names.index("extract.places") < pipeline.names.index("assemble.events")
    assert pipeline.version.startswith("0.")


def test_standard_pipeline_refuses_events_before_places() -> None:
    stages = list(build_pipeline().stages)
    events = next(s for s in stages if s.spec.name == "assemble.events")
    stages.remove(events)
    stages.insert(2, events)
    with pytest.raises(PipelineOrderError, match=r"assemble\.events"):
        Pipeline(stages)


def test_building_the_pipeline_does_not_import_scipy() -> None:
    # datasketch's package imports SciPy (0.6 s of the 1 s load budget); extraction never
    # fingerprints, so building the extraction pipeline must not pull it in
    code = (
        "import sys; from marsad.pipeline import build_pipeline; from marsad.settings import Settings; "
        "build_pipeline(Settings()); print(sorted(m for m in ('scipy', 'datasketch') if m in sys.modules))"
    )
    command = [sys.executable, "-c", code]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]"
