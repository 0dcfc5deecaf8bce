"""Schemathesis over the OpenAPI document: generated requests (valid and invalid) against every
operation of the ASGI app; responses must match the documented status codes, content types
and schemas, errors included. Bounded: a few examples per operation and mode, writes with the
token. The examples are the same on every run unless MARSAD_FUZZ_RANDOM=1.

Operations are walked in one test: schemathesis' pytest fixture loader does not run under the
pytest release we use.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from marsad.api.app import create_app
from marsad.store import open_store
from tests.api.conftest import TOKEN, auth, make_settings

EXAMPLES = 5
#: Schema-valid requests may still be refused with a 400 when fields contradict each other
#: (``since`` after ``until``, a box whose south is north of its north): OpenAPI cannot say
#: so, and refusing them is the API's documented behaviour.
EXCLUDED = [schemathesis.checks.positive_data_acceptance]
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)


@pytest.fixture(scope="module")
def fuzz_app(filled_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    copy = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    copy.write_bytes(filled_path.read_bytes())
    patcher = pytest.MonkeyPatch()
    patcher.setenv("MARSAD_TOKEN", TOKEN)
    with open_store(str(copy)) as store:
        yield create_app(make_settings(), store)
    patcher.undo()


def _check(operation: schemathesis.APIOperation, mode: schemathesis.GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=os.environ.get("MARSAD_FUZZ_RANDOM") != "1",  # the same examples every run in CI
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=auth(), excluded_checks=EXCLUDED)

    with contextlib.suppress(Unsatisfiable):  # no invalid input exists for some operations
        run()


@pytest.mark.slow
def test_api_matches_its_openapi_document(fuzz_app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)
    failures = []
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in MODES:
            try:
                _check(operation, mode)
            except AssertionError as exc:  # schemathesis' check failures are AssertionErrors
                failures.append(f"{operation.label} ({mode.value}): {str(exc)[:600]}")
        checked += 1
    assert checked >= 20
    assert not failures, "\n\n".join(failures)
