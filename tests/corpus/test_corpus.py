"""Our page corpus: every page cleans to its gold body, title and comments, in any encoding.

The pages (``pages/``) wrap invented articles in the chrome of different kinds of Arabic news
sites; ``make_pages.py`` writes them. Body quality is measured like the dev scorer measures
it: token F1 after folding Arabic spelling variants and dropping punctuation.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from marsad.article import Article, RawDocument
from marsad.clean.stages import clean_stage, language_stage
from marsad.ingest import iter_documents
from marsad.pipeline import Pipeline
from marsad.settings import Settings

PAGES = Path(__file__).resolve().parent / "pages"
GOLDS = sorted(PAGES.glob("*.gold.json"))
MIN_BODY_F1 = 0.95
MIN_COMMENT_F1 = 0.9
#: How many pages the re-encoding test must cover (pages with emoji cannot be Windows-1256).
MIN_REENCODED_PAGES = 15

_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_NOT_WORD = re.compile(r"[^\w\s]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def tokens(text: str) -> Counter[str]:
    folded = _MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_LETTERS).lower()
    return Counter(_NOT_WORD.sub(" ", folded).split())


def token_f1(predicted: str, gold: str) -> float:
    mine, theirs = tokens(predicted), tokens(gold)
    common = sum((mine & theirs).values())
    if not common:
        return 1.0 if not mine and not theirs else 0.0
    precision, recall = common / sum(mine.values()), common / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def test_token_f1_is_the_scorers_measure() -> None:
    assert token_f1("قال الرئيس: «لن نسمح»", "قال الرئيس لن نسمح") == 1.0
    assert token_f1("أكد المتحدث", "اكد المتحدث") == 1.0
    assert token_f1("a b", "c d") == 0.0
    assert round(token_f1("a b c d", "a b"), 3) == 0.667


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    settings = Settings()
    return Pipeline([clean_stage(settings), language_stage(settings)])


def page_file(gold: dict[str, object]) -> Path:
    (found,) = [p for p in PAGES.glob(f"{gold['page']}.*") if not p.name.endswith(".json")]
    return found


def clean_file(pipeline: Pipeline, path: Path) -> Article:
    (document,) = iter_documents([str(path)])
    assert isinstance(document, RawDocument), document
    return pipeline(Article(raw=document))


def load(gold_path: Path) -> dict[str, object]:
    gold: dict[str, object] = json.loads(gold_path.read_text(encoding="utf-8"))
    return gold


def test_the_corpus_has_twenty_pages_of_both_kinds() -> None:
    files = [page_file(load(g)) for g in GOLDS]
    assert len(files) >= 20
    assert sum(f.suffix == ".html" for f in files) >= 8
    assert sum(f.suffix == ".txt" for f in files) >= 8
    assert sum(bool(load(g)["comments"]) for g in GOLDS) >= 8


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_page_cleans_to_its_gold(pipeline: Pipeline, gold_path: Path) -> None:
    gold = load(gold_path)
    article = clean_file(pipeline, page_file(gold))
    assert article.dropped is None
    assert token_f1(article.body, str(gold["body"])) >= MIN_BODY_F1
    assert article.title == gold["title"]
    gold_comments = gold["comments"]
    assert isinstance(gold_comments, list)
    assert [c.author for c in article.comments] == [c["author"] for c in gold_comments]
    for found, expected in zip(article.comments, gold_comments, strict=True):
        assert token_f1(found.text, expected["text"]) >= MIN_COMMENT_F1


def reencodable() -> list[Path]:
    out = []
    for gold_path in GOLDS:
        gold = load(gold_path)
        text = page_file(gold).read_bytes().decode(str(gold["encoding"]))
        try:
            text.encode("cp1256")
        except UnicodeEncodeError:
            continue
        out.append(gold_path)
    return out


def test_enough_pages_can_be_reencoded() -> None:
    assert len(reencodable()) >= MIN_REENCODED_PAGES


@pytest.mark.parametrize("gold_path", reencodable(), ids=lambda p: p.name.removesuffix(".gold.json"))
def test_encodings_give_identical_output(pipeline: Pipeline, gold_path: Path, tmp_path: Path) -> None:
    gold = load(gold_path)
    original = page_file(gold)
    text = original.read_bytes().decode(str(gold["encoding"]))
    outputs = []
    for encoding in ("utf-8", "cp1256", "utf-16", "utf-16-le"):
        copy = tmp_path / encoding / original.name
        copy.parent.mkdir()
        copy.write_bytes(text.encode(encoding))
        article = clean_file(pipeline, copy)
        outputs.append((article.title, article.body, article.comments, article.published))
    assert all(output == outputs[0] for output in outputs[1:])
