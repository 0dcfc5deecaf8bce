"""Adversarial inputs: a news page to hide among them, and the suite's figures artifact."""

from __future__ import annotations

import pytest

from tests.hardening.harness import Figures
from tests.store.conftest import pg_server_url, pg_url

__all__ = ["FIGURES", "PAGE", "pg_server_url", "pg_url"]

FIGURES = Figures("hardening")

#: A scraped news page (written for these tests): menu, headline, dateline, two paragraphs, widgets.
PAGE = "\n".join(
    [
        "الرئيسية | أخبار | تقارير",
        "قصف مدفعي على بلدة معرة النعمان بريف إدلب",
        "إدلب – مراسلنا",
        "قُتل خمسة مدنيين بينهم طفلان وأصيب عشرة آخرون جراء قصف مدفعي لقوات النظام استهدف الأحياء "
        "السكنية في مدينة معرة النعمان بريف إدلب الجنوبي صباح أمس الثلاثاء، بحسب ما أفاد الدفاع المدني.",
        "وأضاف الدفاع المدني أن فرقه عملت لساعات على انتشال الضحايا من تحت الأنقاض، فيما تعرضت بلدة "
        "كفرنبل المجاورة لغارات جوية لم تسفر عن إصابات.",
        "شارك المقال",
        "اترك تعليقاً",
    ]
)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    FIGURES.write()
