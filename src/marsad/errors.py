"""One catalogue of errors. Each has a code and says what went wrong and how to fix it.

    MarsadError
    ├── ConfigError        bad settings or a bad pipeline (fail before any article is read)
    ├── IngestError        one input could not be read (file named; the batch goes on)
    ├── ExtractionError    a stage raised on one document (stage and document named)
    └── StorageError       the store cannot be opened, migrated or written

Expected rejections (an English page, an empty body) are not errors: they are
``marsad.article.Drop`` values recorded on the article.
"""

from __future__ import annotations

from typing import Any


class MarsadError(Exception):
    """Base class; ``code`` is stable and appears in messages, logs and API errors."""

    code = "M000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code:
            self.code = code
        super().__init__(f"[{self.code}] {message}")
        self.message = message

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Default exception pickling calls ``type(self)(*self.args)``: the subclasses' own
        # constructors (origin, reason / stage, doc_id, cause) cannot take that, and the code
        # would be lost. Workers and Spark executors send errors across processes, so they
        # travel as class, message, code and fields, and come back equal.
        fields = {name: value for name, value in vars(self).items() if name != "message"}
        return _restore_error, (type(self), self.message, fields)


class ConfigError(MarsadError):
    code = "M010"


class PipelineOrderError(ConfigError):
    code = "M012"


class TruceFileError(ConfigError):
    """A user truce file (YAML/JSON) is unreadable or has a bad field; the file and field are named."""

    code = "M015"


class IngestError(MarsadError):
    code = "M020"

    def __init__(self, origin: str, reason: str, *, code: str | None = None) -> None:
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}", code=code)


class ExtractionError(MarsadError):
    code = "M030"

    def __init__(self, stage: str, doc_id: str, cause: BaseException) -> None:
        self.stage = stage
        self.doc_id = doc_id
        super().__init__(f"stage '{stage}' failed on document '{doc_id}': {type(cause).__name__}: {cause}")


class StorageError(MarsadError):
    code = "M040"


#: Codes for ingest problems, so users and tests can tell them apart.
INGEST_CODES = {
    "empty": "M021",
    "binary": "M022",
    "encoding": "M023",
    "too_large": "M024",
    "corrupt": "M025",
    "no_body": "M026",
    "bad_record": "M027",
    "not_found": "M028",
    "unsupported": "M029",
}


def _restore_error(kind: type[MarsadError], message: str, fields: dict[str, Any]) -> MarsadError:
    """Rebuild a pickled error without calling its subclass constructor (see ``__reduce__``)."""
    error = kind.__new__(kind)
    MarsadError.__init__(error, message, code=fields.get("code"))
    error.__dict__.update(fields)
    return error


def ingest_error(origin: str, kind: str, detail: str) -> IngestError:
    """An :class:`IngestError` with the code for ``kind`` (a key of :data:`INGEST_CODES`)."""
    return IngestError(origin, detail, code=INGEST_CODES.get(kind, IngestError.code))
