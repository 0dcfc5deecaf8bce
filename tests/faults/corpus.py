"""A generated crawl folder and the checks the fault tests run on a store after each fault.

The pages are written for these tests from templates (places, numbers, days vary), so every
page is distinct and yields events, claims and mentions: enough derived rows per document
that a kill can land inside an article's transaction.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

TOWNS = [
    "معرة النعمان",
    "كفرنبل",
    "سراقب",
    "أريحا",
    "جسر الشغور",
    "خان شيخون",
    "دوما",
    "حرستا",
    "داريا",
    "منبج",
]
NUMBERS = ["ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة", "12", "15", "20"]
DAYS = ["الأحد", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
ATTACKS = ["قصف مدفعي لقوات النظام", "غارات جوية روسية", "قصف صاروخي", "انفجار سيارة مفخخة"]

TEMPLATE = "\n".join(
    [
        "الرئيسية | أخبار | تقارير",
        "{attack} يستهدف {town}",
        "إدلب – مراسلنا",
        "قُتل {killed} مدنيين بينهم أطفال وأصيب آخرون جراء {attack} استهدف الأحياء السكنية في مدينة "
        "{town} صباح يوم {day}، بحسب ما أفاد الدفاع المدني في بيان.",
        "وقال مدير الدفاع المدني في المدينة إن فرق الإنقاذ عملت لساعات على انتشال الضحايا من تحت "
        "الأنقاض، وإن الحصيلة مرشحة للارتفاع.",
        "وتشهد المنطقة منذ أسابيع تصعيداً عسكرياً رغم اتفاق وقف إطلاق النار الذي أعلن في آذار الماضي، "
        "وفق المرصد السوري لحقوق الإنسان.",
        "شارك المقال",
        "اترك تعليقاً",
    ]
)

#: Tables whose rows hang off a document (document_id), as the writer writes them in one transaction.
DERIVED_TABLES = ("comments", "document_places", "mentions", "events", "claims", "truces", "field_spans")


def page(number: int) -> str:
    return (
        TEMPLATE.format(
            attack=ATTACKS[number % len(ATTACKS)],
            town=TOWNS[number % len(TOWNS)],
            killed=NUMBERS[number % len(NUMBERS)],
            day=DAYS[number % len(DAYS)],
        )
        + f"\nرقم التقرير {number}"
    )


def write_crawl(folder: Path, numbers: Sequence[int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        (folder / f"report-{number:04d}.txt").write_text(page(number), encoding="utf-8")
    return folder


def marsad(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300, **popen: object
) -> subprocess.CompletedProcess[str]:
    """``python -m marsad ARGS`` in a child process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "marsad", *args],
        capture_output=True,
        text=True,
        env=child_env(env),
        timeout=timeout,
        **popen,  # type: ignore[arg-type]
    )


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARSAD_DB")}
    env.pop("MARSAD_CONFIG", None)
    env.update(extra or {})
    return env


@dataclass(frozen=True)
class Snapshot:
    """What a store holds, per document: enough to compare a killed-and-rerun store with a clean one."""

    rows_per_document: dict[str, tuple[int, ...]]  # doc_id -> rows in each DERIVED_TABLES table
    documents: int
    tracked: dict[str, int]  # rows in the cross-article tables (incidents, copies ...)

    def as_record(self) -> dict[str, object]:
        return {"documents": self.documents, "derived_rows": self.derived_rows, "tracked": self.tracked}

    @property
    def derived_rows(self) -> int:
        return sum(sum(counts) for counts in self.rows_per_document.values())


def check_sqlite_store(db: Path) -> Snapshot:
    """PRAGMA integrity_check, foreign keys, no orphan rows; returns what the store holds."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        for table in DERIVED_TABLES:
            orphans = connection.execute(
                f"SELECT COUNT(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)"
            ).fetchone()[0]
            assert orphans == 0, f"{orphans} rows of {table} have no document"
        return _snapshot(connection)
    finally:
        connection.close()


def _snapshot(connection: sqlite3.Connection) -> Snapshot:
    per_document: dict[str, list[int]] = {}
    for doc_id, document_id in connection.execute("SELECT doc_id, id FROM documents"):
        per_document[doc_id] = [
            connection.execute(
                f"SELECT COUNT(*) FROM {table} WHERE document_id = ?", (document_id,)
            ).fetchone()[0]
            for table in DERIVED_TABLES
        ]
    tracked = {
        table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in (
            "incidents",
            "incident_members",
            "article_fingerprints",
            "tracked_truces",
            "contradictions",
        )
    }
    return Snapshot({k: tuple(v) for k, v in per_document.items()}, len(per_document), tracked)


def summary_of(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    result: dict[str, object] = json.loads(done.stdout)
    return result
