"""The pickled disk caches (gazetteer index, unpacked language model): read, written, replaced."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from marsad.cache import read_pickle, write_pickle


def test_what_is_written_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "thing-abc.pickle"
    write_pickle(path, ("tables", [1, 2, 3]), "thing", "thing-")
    assert read_pickle(path, "thing") == ("tables", [1, 2, 3])


def test_a_missing_cache_is_none_without_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert read_pickle(tmp_path / "thing-abc.pickle", "thing") is None
    assert caplog.records == []


def test_an_unreadable_cache_is_none_with_a_warning_naming_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "thing-abc.pickle"
    path.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING):
        assert read_pickle(path, "thing") is None
    assert [str(path) in r.getMessage() and "thing cache" in r.getMessage() for r in caplog.records] == [True]


def test_a_new_cache_replaces_the_older_ones_of_its_kind_only(tmp_path: Path) -> None:
    older = tmp_path / "thing-old.pickle"
    other = tmp_path / "other-old.pickle"
    for path in (older, other):
        path.write_bytes(b"x")
    write_pickle(tmp_path / "thing-new.pickle", 1, "thing", "thing-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-old.pickle", "thing-new.pickle"]


def test_a_failed_write_leaves_nothing_and_keeps_the_older_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    older = tmp_path / "thing-old.pickle"
    older.write_bytes(b"x")

    def full_disk(_source: object, _target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("marsad.cache.os.replace", full_disk)
    with caplog.at_level(logging.WARNING):
        write_pickle(tmp_path / "thing-new.pickle", 1, "thing", "thing-")
    assert [p.name for p in tmp_path.iterdir()] == [older.name]
    assert ["could not write the thing cache" in r.getMessage() for r in caplog.records] == [True]
