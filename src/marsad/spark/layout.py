"""The SCHEMA.md record as a typed column layout, for Parquet written by Spark.

The layout is plain data (no pyspark import), so it can be checked against what
:func:`marsad.assemble.record.to_record` produces without a JVM, and turned into a Spark
``StructType`` with :func:`spark_schema` where pyspark is installed. :func:`conform` fits a
record to the layout: it keeps the layout's keys in order (a key the layout lacks is left
out; :func:`uncovered_keys` finds those), turns ints into floats where the column is a
double, and leaves None as None.

Dates stay ``YYYY-MM-DD`` strings, as in the JSON record, so a Parquet row and a JSON line
hold the same values; cast them in SQL (``to_date(published)``) where a date type is wanted.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeAlias


class Scalar(StrEnum):
    STRING = "string"
    DOUBLE = "double"
    LONG = "long"
    BOOL = "boolean"


@dataclass(frozen=True, slots=True)
class Struct:
    fields: tuple[tuple[str, ColumnType], ...]

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.fields]


@dataclass(frozen=True, slots=True)
class ListOf:
    item: ColumnType


ColumnType: TypeAlias = Scalar | Struct | ListOf

S, D, L, B = Scalar.STRING, Scalar.DOUBLE, Scalar.LONG, Scalar.BOOL

PLACE = Struct(
    (("name", S), ("name_en", S), ("lat", D), ("lon", D), ("country", S), ("admin1", S), ("kind", S))
)
ACTOR = Struct((("name", S), ("name_en", S)))
EVENT = Struct(
    (
        ("event_type", S),
        ("sub_event_type", S),
        ("date", S),
        ("date_precision", S),
        ("location", PLACE),
        ("actor1", ACTOR),
        ("actor2", ACTOR),
        ("fatalities", L),
        ("injuries", L),
        ("target", S),
        ("weapon", S),
        ("negated", B),
        ("aggregate", B),
        ("reported_by", S),
        ("evidence", S),
    )
)
CLAIM = Struct((("speaker", S), ("speaker_en", S), ("stance", S), ("text", S), ("about", S)))
TRUCE = Struct(
    (
        ("kind", S),
        ("zones", ListOf(PLACE)),
        ("excluded", ListOf(PLACE)),
        ("start", S),
        ("end", S),
        ("duration_hours", L),
        ("parties", ListOf(S)),
        ("evidence", S),
    )
)
COMMENT = Struct((("author", S), ("text", S)))
DROP = Struct((("stage", S), ("reason", S)))
#: Not in SCHEMA.md: set on the row of a document that failed (the batch does not stop).
ERROR = Struct((("code", S), ("stage", S), ("message", S)))

RECORD = Struct(
    (
        ("doc_id", S),
        ("title", S),
        ("published", S),
        ("body", S),
        ("comments", ListOf(COMMENT)),
        ("places", ListOf(PLACE)),
        ("events", ListOf(EVENT)),
        ("claims", ListOf(CLAIM)),
        ("truces", ListOf(TRUCE)),
        ("dropped", DROP),
        ("error", ERROR),
    )
)


def conform(value: Any, column: ColumnType) -> Any:
    """``value`` shaped for ``column``: structs become tuples in layout order."""
    if value is None:
        return None
    if isinstance(column, Struct):
        return tuple(conform(value.get(name), sub) for name, sub in column.fields)
    if isinstance(column, ListOf):
        return [conform(item, column.item) for item in value]
    if column is Scalar.DOUBLE:
        return float(value)
    return value


def as_dict(value: Any, column: ColumnType) -> Any:
    """The inverse of :func:`conform`: tuples back to dicts (for comparisons and tests)."""
    if value is None:
        return None
    if isinstance(column, Struct):
        items = value.items() if isinstance(value, Mapping) else zip(column.names, value, strict=True)
        subs = dict(column.fields)
        return {name: as_dict(item, subs[name]) for name, item in items if name in subs}
    if isinstance(column, ListOf):
        return [as_dict(item, column.item) for item in value]
    return value


def uncovered_keys(record: Mapping[str, Any], column: ColumnType = RECORD, path: str = "") -> Iterator[str]:
    """Dotted paths of keys in ``record`` that the layout has no column for (they would be lost)."""
    if isinstance(column, Struct) and isinstance(record, Mapping):
        subs = dict(column.fields)
        for name, value in record.items():
            where = f"{path}.{name}" if path else name
            if name not in subs:
                yield where
            else:
                yield from uncovered_keys(value, subs[name], where)
    elif isinstance(column, ListOf) and isinstance(record, list):
        for item in record:
            yield from uncovered_keys(item, column.item, f"{path}[]")


def spark_schema(column: ColumnType = RECORD) -> Any:
    """The Spark type of ``column`` (a ``StructType`` for the record); needs pyspark."""
    from pyspark.sql import types as T

    if isinstance(column, Struct):
        return T.StructType([T.StructField(name, spark_schema(sub)) for name, sub in column.fields])
    if isinstance(column, ListOf):
        return T.ArrayType(spark_schema(column.item), containsNull=True)
    return {S: T.StringType(), D: T.DoubleType(), L: T.LongType(), B: T.BooleanType()}[column]
