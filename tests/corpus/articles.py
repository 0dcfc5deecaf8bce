"""The articles of our test corpus (``articles.txt``): invented but plausible Arabic conflict news.

Each article is a title and its body blocks; a block starting with "## " is a subheading. The
pages in ``pages/`` wrap these articles in the chrome of different kinds of Arabic news sites
(see ``make_pages.py``); the gold body of a page is the article's blocks, one per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "articles.txt"


@dataclass(frozen=True)
class Article:
    title: str
    blocks: tuple[str, ...]

    @property
    def lines(self) -> list[str]:
        return [b.removeprefix("## ") for b in self.blocks]

    @property
    def paragraphs(self) -> list[tuple[str, bool]]:
        """(text, is_subheading) for every block."""
        return [(b.removeprefix("## "), b.startswith("## ")) for b in self.blocks]


def load(path: Path = SOURCE) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    name, lines = "", []
    for line in [*path.read_text(encoding="utf-8").splitlines(), "=== "]:
        if line.startswith("=== "):
            if name:
                articles[name] = Article(lines[0], tuple(lines[1:]))
            name, lines = line.removeprefix("=== ").strip(), []
        elif line.strip() and not line.startswith("# "):
            lines.append(line.strip())
    return articles


ARTICLES = load()
IDLIB = ARTICLES["IDLIB"]
MOSUL = ARTICLES["MOSUL"]
SAADA = ARTICLES["SAADA"]
TRIPOLI = ARTICLES["TRIPOLI"]
DARFUR = ARTICLES["DARFUR"]
DEIR_EZZOR = ARTICLES["DEIR_EZZOR"]
DARAA = ARTICLES["DARAA"]
BASRA = ARTICLES["BASRA"]
QAMISHLI = ARTICLES["QAMISHLI"]
KFARSHOUBA = ARTICLES["KFARSHOUBA"]
MOGADISHU = ARTICLES["MOGADISHU"]
ATAREB = ARTICLES["ATAREB"]
MARIB = ARTICLES["MARIB"]
KIRKUK = ARTICLES["KIRKUK"]
