"""Settings: defaults, a user file, the environment, and clear errors for bad values."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.settings import Settings, default_settings_text, load_settings


def load(tmp_path: Path, text: str | None = None, **env: str) -> Settings:
    """Settings from an optional config file, with only ``env`` as the environment."""
    config = None
    if text is not None:
        config = tmp_path / "marsad.toml"
        config.write_text(text, encoding="utf-8")
    return load_settings(config, env=env)


def test_defaults_match_the_dataclasses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no ./marsad.toml here
    assert load_settings(env={}) == Settings()


def test_every_default_key_is_documented() -> None:
    lines = default_settings_text().splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^\w+\s*=", line):
            assert lines[number - 1].startswith("#"), f"defaults.toml: {line!r} has no comment above it"


def test_defaults_file_has_every_field() -> None:
    data = tomllib.loads(default_settings_text())
    for section in dataclasses.fields(Settings):
        names = {f.name for f in dataclasses.fields(getattr(Settings(), section.name))}
        assert set(data[section.name]) == names, section.name


def test_file_overrides_defaults(tmp_path: Path) -> None:
    settings = load(tmp_path, '[store]\nurl = "/data/m.db"\n[clean]\nmin_body_chars = 10\n')
    assert settings.store.url == "/data/m.db"
    assert settings.clean.min_body_chars == 10
    assert settings.server.port == Settings().server.port


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    settings = load(
        tmp_path, "[server]\nport = 9000\n", MARSAD_SERVER_PORT="9100", MARSAD_SERVER_PROTECT_READS="yes"
    )
    assert settings.server.port == 9100
    assert settings.server.protect_reads is True


def test_marsad_db_sets_the_store_url(tmp_path: Path) -> None:
    assert load(tmp_path, MARSAD_DB="postgresql://m@h/db").store.url == "postgresql://m@h/db"


def test_marsad_config_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text("[extract]\nworkers = 3\n", encoding="utf-8")
    assert load_settings(env={"MARSAD_CONFIG": str(path)}).extract.workers == 3


def test_with_overrides_ignores_none() -> None:
    settings = Settings().with_overrides("server", host=None, port=9999)
    assert (settings.server.host, settings.server.port) == ("127.0.0.1", 9999)
    assert Settings().with_overrides("store", url=None) == Settings()


@pytest.mark.parametrize(
    ("text", "env", "message"),
    [
        ("[store\nurl = 1", {}, "not valid TOML"),
        ("[nosuch]\nkey = 1\n", {}, "unknown section"),
        ("[store]\nnosuch = 1\n", {}, "unknown key 'nosuch'"),
        ("store = 1\n", {}, "unknown section"),
        ("", {"MARSAD_SERVER_PORT": "eighty"}, "MARSAD_SERVER_PORT"),
        ("", {"MARSAD_SERVER_PROTECT_READS": "maybe"}, "MARSAD_SERVER_PROTECT_READS"),
        ("", {"MARSAD_CLEAN_MIN_ARABIC_RATIO": "half"}, "not a valid float"),
        ('[ingest]\ncrawl_date = "22/11/2026"\n', {}, "crawl_date"),
    ],
)
def test_bad_values_are_config_errors(tmp_path: Path, text: str, env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        load(tmp_path, text, **env)
    assert caught.value.code == "M011"


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "absent.toml", env={})


def test_crawl_date_parses() -> None:
    settings = Settings().with_overrides("ingest", crawl_date="2016-05-01")
    assert settings.ingest.crawl_day is not None
    assert settings.ingest.crawl_day.isoformat() == "2016-05-01"
