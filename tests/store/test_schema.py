"""Opening the store: URLs, SQLite settings, migrations that match the models, storage errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from marsad.errors import StorageError
from marsad.store import Store, open_store, resolve_url
from marsad.store.database import current_revision
from marsad.store.models import UNMODELLED, Base
from tests.store.conftest import rich_article

V1 = "0.1.0+aaaaaaaa"


def test_migrations_build_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        opts = {"compare_type": True, "include_name": lambda name, *_: name not in UNMODELLED}
        context = MigrationContext.configure(connection, opts=opts)
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_every_model_table_exists_with_its_indexes(store: Store) -> None:
    inspector = inspect(store.engine)
    assert set(Base.metadata.tables) <= set(inspector.get_table_names())
    event_indexes = {tuple(ix["column_names"]) for ix in inspector.get_indexes("events")}
    for columns in (
        ("date",),
        ("event_type", "date"),
        ("sub_event_type", "date"),
        ("country", "admin1"),
        ("lat", "lon"),
        ("document_id",),
    ):
        assert columns in event_indexes


def test_reopening_is_a_no_op(store_url: str) -> None:
    with open_store(store_url) as first:
        first.save_article(rich_article(), V1)
        revision = current_revision(first.engine)
    with open_store(store_url) as second:
        assert current_revision(second.engine) == revision == "0004"
        assert second.count_events() == 1


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with open_store(str(path), busy_timeout_s=7) as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 7000
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_readers_read_while_the_writer_holds_a_transaction(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with open_store(str(path)) as store:
        store.save_article(rich_article("first"), V1)
        writer = sqlite3.connect(path, isolation_level=None, timeout=0.1)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM comments")
        try:
            assert store.count_events() == 1  # a reader is not blocked by the open write
            assert len(store.get_article("first").comments) == 2  # type: ignore[union-attr]
        finally:
            writer.execute("ROLLBACK")
            writer.close()


def test_sqlite_file_and_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "m.db"
    with open_store(str(path)):
        pass
    assert path.exists()


@pytest.mark.parametrize(
    ("given", "driver", "database"),
    [
        ("marsad.db", "sqlite+pysqlite", str(Path("marsad.db").resolve())),
        ("postgresql://u:p@db.local:5432/marsad", "postgresql+psycopg", "marsad"),
        ("postgres://u@db.local/m", "postgresql+psycopg", "m"),
        ("postgresql+psycopg://u@db.local/m", "postgresql+psycopg", "m"),
        ("sqlite:////tmp/x.db", "sqlite", "/tmp/x.db"),
    ],
)
def test_resolve_url(given: str, driver: str, database: str) -> None:
    url = resolve_url(given)
    assert (url.drivername, url.database) == (driver, database)


def test_empty_url_is_the_user_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("marsad.store.database.data_dir", lambda: tmp_path / "marsad")
    assert resolve_url("").database == str(tmp_path / "marsad" / "marsad.db")
    assert resolve_url("", "demo.db").database == str(tmp_path / "marsad" / "demo.db")


def test_unreachable_server_is_a_storage_error() -> None:
    with pytest.raises(StorageError) as caught:
        open_store("postgresql://nobody@127.0.0.1:1/none")
    assert caught.value.code == "M042"
    assert "127.0.0.1" in str(caught.value)


def test_unusable_path_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError):
        open_store(str(blocker / "sub" / "m.db"))


def test_a_file_that_is_not_a_database_is_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StorageError):
        open_store(str(path))
