"""Opening the store: which database a URL names, engine settings per backend, migrations.

A bare path (or an empty URL: the default file under the user data directory) is a SQLite
file, opened in WAL mode with foreign keys on and a busy timeout, so readers can read while
the one writer writes. ``postgresql://`` URLs run the same code through psycopg 3; there each
write transaction takes an advisory lock, so writers take turns too. Every open applies the
packaged Alembic migrations up to ``head``.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from marsad.errors import StorageError

log = logging.getLogger(__name__)

DEFAULT_DB_NAME = "marsad.db"
DEMO_DB_NAME = "demo.db"
#: Execution option asking for ``BEGIN IMMEDIATE`` on SQLite: the writer takes the write lock
#: up front instead of failing on a lock upgrade halfway through a transaction.
WRITE_OPTION = "marsad_write"

_POSTGRES_SCHEMES = {"postgresql", "postgres"}
#: Key of the PostgreSQL advisory lock every write transaction takes ("marsad" in ASCII).
POSTGRES_WRITER_LOCK = 0x6D6172736164


def data_dir() -> Path:
    """The per-user folder marsad keeps its databases in."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("marsad"))


def resolve_url(url: str, default_name: str = DEFAULT_DB_NAME) -> URL:
    """The SQLAlchemy URL for a ``--db`` / ``MARSAD_DB`` / ``store.url`` value.

    Empty: ``<user data dir>/marsad.db``. A bare path: a SQLite file. ``postgresql://`` and
    ``postgres://``: PostgreSQL through psycopg 3. Anything else with ``://`` is passed on.
    """
    text = url.strip()
    if not text:
        return _sqlite_url(data_dir() / default_name)
    if "://" not in text:
        return _sqlite_url(Path(text).expanduser())
    scheme, rest = text.split("://", 1)
    if scheme in _POSTGRES_SCHEMES:
        text = f"postgresql+psycopg://{rest}"
    try:
        return make_url(text)
    except ArgumentError as exc:
        raise StorageError(f"cannot parse database URL {url!r}: {exc}", code="M041") from exc


def _sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(path.resolve()))


def describe(url: URL) -> str:
    """The URL without its password, for messages."""
    return url.render_as_string(hide_password=True)


def create_store_engine(url: URL, busy_timeout_s: int = 30) -> Engine:
    """An engine for ``url`` with marsad's per-backend connection settings."""
    try:
        if url.get_backend_name() == "sqlite":
            return _sqlite_engine(url, busy_timeout_s)
        engine = create_engine(url, pool_pre_ping=True)
        if url.get_backend_name() == "postgresql":
            event.listen(engine, "begin", _postgres_begin)
        return engine
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StorageError(f"cannot use database {describe(url)}: {exc}", code="M041") from exc


def _sqlite_engine(url: URL, busy_timeout_s: int) -> Engine:
    database = url.database or ""
    if database and database != ":memory:":
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create {Path(database).parent}: {exc.strerror}", code="M041") from exc
    engine = create_engine(url, connect_args={"timeout": busy_timeout_s})
    event.listen(engine, "connect", _sqlite_on_connect(busy_timeout_s))
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_on_connect(busy_timeout_s: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module so BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable enough in WAL mode, much faster commits
        cursor.close()

    return on_connect


def _sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _postgres_begin(connection: Connection) -> None:
    # One writer at a time, as BEGIN IMMEDIATE gives on SQLite: two ingests of overlapping
    # folders would otherwise both find a document new and collide on its content hash (and
    # two tracking recomputes would interleave). Released at commit or rollback.
    if connection.get_execution_options().get(WRITE_OPTION, False):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({POSTGRES_WRITER_LOCK})")


def migrations_path() -> Path:
    return Path(str(resources.files("marsad.store").joinpath("migrations")))


def upgrade(engine: Engine) -> None:
    """Apply the packaged migrations up to ``head`` (a no-op when the schema is current)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(**{WRITE_OPTION: True})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot migrate {describe(engine.url)}: {_short(exc)}", code="M042") from exc


def current_revision(engine: Engine) -> str | None:
    """The migration revision the database is at (None: not a marsad database yet)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _short(exc: SQLAlchemyError) -> str:
    cause = getattr(exc, "orig", None)
    return str(cause) if cause is not None else str(exc).splitlines()[0]
