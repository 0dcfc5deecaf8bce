"""The pipeline runner: stages declare what they need and add, and the runner checks the order.

A stage is any callable ``Article -> Article`` that carries a :class:`StageSpec` (the
:func:`stage` decorator attaches one). Building a :class:`Pipeline` whose stages are in the
wrong order raises :class:`~marsad.errors.PipelineOrderError` before any document is read;
an exception inside a stage comes out as :class:`~marsad.errors.ExtractionError` naming the
stage and the document; a stage that rejects an article sets ``article.dropped`` and the
runner stops there.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from marsad import __version__
from marsad.article import Article, RawDocument
from marsad.errors import ExtractionError, PipelineOrderError
from marsad.settings import Settings

log = logging.getLogger(__name__)

#: What a raw document provides before any stage runs.
INITIAL_FIELDS = frozenset({"raw"})
#: The stages of :func:`build_pipeline` with their versions, in order, so that
#: :func:`pipeline_version` needs no resources; ``build_pipeline`` refuses to run when a stage's
#: name or version no longer matches this list (bump the version here with the stage's).
STANDARD_STAGES: tuple[tuple[str, int], ...] = (
    ("clean.document", 1),
    ("clean.language", 1),
    ("normalize.text", 1),
    ("normalize.tokens", 1),
    ("normalize.sentences", 1),
    ("extract.quantities", 1),
    ("extract.dates", 1),
    ("extract.places", 1),
    ("extract.actors", 1),
    ("extract.triggers", 1),
    ("assemble.events", 1),
    ("assemble.claims", 1),
    ("assemble.truces", 1),
    ("assemble.places", 1),
)


@dataclass(frozen=True)
class StageSpec:
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    version: int = 1


@runtime_checkable
class Stage(Protocol):
    spec: StageSpec

    def __call__(self, article: Article) -> Article: ...


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (), version: int = 1
) -> Callable[[Callable[[Article], Article]], Stage]:
    """Mark a function as a pipeline stage: ``@stage("clean.text", requires={"raw"}, assigns={"body"})``."""

    def mark(func: Callable[[Article], Article]) -> Stage:
        func.spec = StageSpec(name, frozenset(requires), frozenset(assigns), version)  # type: ignore[attr-defined]
        return func  # type: ignore[return-value]

    return mark


def check_order(stages: Sequence[Stage], provided: frozenset[str] = INITIAL_FIELDS) -> None:
    """Raise if any stage requires a field that no earlier stage assigns."""
    available = set(provided)
    names: set[str] = set()
    for position, item in enumerate(stages):
        spec = getattr(item, "spec", None)
        if not isinstance(spec, StageSpec):
            raise PipelineOrderError(
                f"pipeline item #{position} ({item!r}) is not a stage; decorate it with @stage(...)"
            )
        if spec.name in names:
            raise PipelineOrderError(f"stage '{spec.name}' appears twice in the pipeline")
        missing = sorted(spec.requires - available)
        if missing:
            raise PipelineOrderError(
                f"stage '{spec.name}' requires {', '.join(repr(m) for m in missing)} but no earlier "
                f"stage assigns it; add {_suppliers_hint(missing, stages)} before it"
            )
        available |= spec.assigns
        names.add(spec.name)


def _suppliers_hint(missing: list[str], stages: Sequence[Stage]) -> str:
    suppliers = [s.spec.name for s in stages if s.spec.assigns & set(missing)]
    return " or ".join(repr(s) for s in suppliers) if suppliers else "a stage that assigns it"


class Pipeline:
    """An ordered, checked list of stages."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        check_order(stages)
        self.stages: tuple[Stage, ...] = tuple(stages)

    @property
    def names(self) -> list[str]:
        return [s.spec.name for s in self.stages]

    @property
    def version(self) -> str:
        """The package version plus a digest of the stages and their versions: what derived rows record."""
        return _version_of((s.spec.name, s.spec.version) for s in self.stages)

    def __call__(self, article: Article) -> Article:
        for item in self.stages:
            if article.dropped is not None:
                break
            article = self._run_stage(item, article)
        article.shared.clear()  # what the stages shared is no part of the result
        return article

    def _run_stage(self, item: Stage, article: Article) -> Article:
        try:
            result = item(article)
        except ExtractionError:
            raise
        except Exception as exc:  # any failure inside a stage: re-raised naming the stage and document
            raise ExtractionError(item.spec.name, article.doc_id, exc) from exc
        if not isinstance(result, Article):
            raise ExtractionError(
                item.spec.name,
                article.doc_id,
                TypeError(
                    f"returned {type(result).__name__}, not Article; did the stage forget `return article`?"
                ),
            )
        result.stages_run.append(item.spec.name)
        return result

    def process(self, raw: RawDocument) -> Article:
        return self(Article(raw=raw))

    def process_all(self, raws: Iterable[RawDocument]) -> Iterator[Article]:
        for raw in raws:
            yield self.process(raw)


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    """The standard marsad pipeline, its resources (gazetteer, lexicons) loaded once here."""
    from marsad.assemble.claims import claim_stage
    from marsad.assemble.events import event_stage
    from marsad.assemble.places import place_list_stage
    from marsad.assemble.truces import truce_stage
    from marsad.clean.stages import clean_stage, language_stage
    from marsad.extract.actors import actor_stage
    from marsad.extract.dates import date_stage
    from marsad.extract.numbers import quantity_stage
    from marsad.extract.places import place_stage
    from marsad.extract.triggers import trigger_stage
    from marsad.normalize.stages import normalize_body, split_body_sentences, tokenize_body

    settings = settings or Settings()
    pipeline = Pipeline(
        [
            clean_stage(settings),
            language_stage(settings),
            normalize_body,
            tokenize_body,
            split_body_sentences,
            quantity_stage(settings),
            date_stage(settings),
            place_stage(settings),
            actor_stage(settings),
            trigger_stage(settings),
            event_stage(settings),
            claim_stage(settings),
            truce_stage(settings),
            place_list_stage(settings),
        ]
    )
    built = tuple((s.spec.name, s.spec.version) for s in pipeline.stages)
    if built != STANDARD_STAGES:
        raise PipelineOrderError(
            f"build_pipeline() built {built}, but STANDARD_STAGES in marsad/pipeline.py says "
            f"{STANDARD_STAGES}; update STANDARD_STAGES so pipeline_version() stays right"
        )
    return pipeline


def pipeline_version() -> str:
    """The version :func:`build_pipeline` would report, without loading any resource.

    ``marsad ingest`` needs the version before extraction starts (to skip documents already
    stored by this pipeline) while the pipeline itself is built in the worker processes;
    building one in the parent only for its version would load the gazetteer once more.
    """
    return _version_of(STANDARD_STAGES)


def _version_of(stages: Iterable[tuple[str, int]]) -> str:
    listed = ",".join(f"{name}@{version}" for name, version in stages)
    return f"{__version__}+{hashlib.sha1(listed.encode()).hexdigest()[:8]}"
