"""``pipeline_version()`` names the pipeline ``build_pipeline()`` builds, without building it."""

from __future__ import annotations

import pytest

from marsad import pipeline as pipeline_module
from marsad.errors import PipelineOrderError
from marsad.pipeline import STANDARD_STAGES, build_pipeline, pipeline_version


def test_the_version_matches_the_built_pipeline() -> None:
    built = build_pipeline()
    assert pipeline_version() == built.version
    assert tuple(built.names) == tuple(name for name, _ in STANDARD_STAGES)


def test_a_stage_list_out_of_step_with_the_stages_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    current = pipeline_version()
    name, version = STANDARD_STAGES[-1]
    monkeypatch.setattr(pipeline_module, "STANDARD_STAGES", (*STANDARD_STAGES[:-1], (name, version + 1)))
    assert pipeline_version() != current
    with pytest.raises(PipelineOrderError, match="STANDARD_STAGES"):
        build_pipeline()
