"""The demo corpus: invented Arabic conflict news in the forms marsad reads (see README.md here)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

CORPUS_DIR = "corpus"


def corpus_dir() -> Path:
    """The folder holding the demo articles (scraped text, HTML pages, a JSONL feed)."""
    return Path(str(resources.files("marsad.demo").joinpath(CORPUS_DIR)))


def corpus_paths() -> list[Path]:
    """Every demo input file, in a stable order."""
    return sorted(
        p for p in corpus_dir().rglob("*") if p.is_file() and p.suffix in {".txt", ".html", ".jsonl"}
    )
