"""How many inputs each fuzz target tries, and the count of those actually tried.

``MARSAD_FUZZ_SCALE`` multiplies every budget (``0.1`` for a quick local run, ``10`` for a
night run); CI runs the default, which totals a little over 13,000 generated inputs. Every
target counts its inputs with :func:`tried`; ``tests/fuzz/conftest.py`` writes the counts to
``$MARSAD_ARTIFACTS/fuzz.json`` at the end of the session.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings

#: Seconds one generated input may take in any target before the test calls it a hang.
PER_INPUT_S = 10.0

INPUTS_TRIED: Counter[str] = Counter()
BUDGETS: dict[str, int] = {}

F = TypeVar("F", bound=Callable[..., Any])


def scaled(max_examples: int) -> int:
    return max(1, round(max_examples * float(os.environ.get("MARSAD_FUZZ_SCALE", "1"))))


def fuzz(target: str, max_examples: int) -> Callable[[F], F]:
    """Hypothesis settings for one target: its budget, no deadline (``time_limit`` bounds each input)."""
    BUDGETS[target] = scaled(max_examples)
    return settings(
        max_examples=BUDGETS[target],
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
        database=None,
    )


def tried(target: str) -> None:
    INPUTS_TRIED[target] += 1
