from __future__ import annotations

from marsad.article import RawDocument
from marsad.errors import IngestError
from marsad.ingest.documents import ReadResult

ARABIC = (
    "قالت مصادر محلية إن قصفاً مدفعياً استهدف بلدة كفرنبل في ريف إدلب صباح اليوم وأوقع خمسة قتلى بينهم طفلان. "
    "وأضافت المصادر أن فرق الدفاع المدني عملت لساعات على انتشال الضحايا من تحت الأنقاض."
)
HTML = f"""<html><head><meta charset="utf-8"><title>قصف على إدلب</title></head>
<body><article><h1>قصف على إدلب</h1><p>{ARABIC}</p></article></body></html>"""


def documents(results: list[ReadResult]) -> list[RawDocument]:
    return [r for r in results if isinstance(r, RawDocument)]


def errors(results: list[ReadResult]) -> list[IngestError]:
    return [r for r in results if isinstance(r, IngestError)]
