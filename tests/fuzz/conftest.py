"""Fuzz suite: writes the inputs tried per target to ``$MARSAD_ARTIFACTS/fuzz.json``."""

from __future__ import annotations

import pytest

from tests.fuzz.budget import BUDGETS, INPUTS_TRIED
from tests.hardening.harness import Figures


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not INPUTS_TRIED:
        return
    figures = Figures("fuzz")
    figures.add("inputs_tried", dict(sorted(INPUTS_TRIED.items())))
    figures.add("inputs_tried_total", sum(INPUTS_TRIED.values()))
    figures.add("max_examples", dict(sorted(BUDGETS.items())))
    figures.add("targets", len(INPUTS_TRIED))
    figures.add("exit_status", int(exitstatus))
    figures.write()
