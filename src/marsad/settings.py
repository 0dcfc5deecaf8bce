"""Settings: one frozen object, loaded from ``defaults.toml``, a user file and the environment.

Nothing in marsad reads configuration from module globals: the CLI builds one
:class:`Settings` and passes it to whatever needs it.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from marsad.errors import ConfigError

DEFAULTS_FILE = "defaults.toml"
USER_FILE = "marsad.toml"


def user_cache_dir() -> Path:
    """Where rebuildable caches live (gazetteer index, unpacked language model):
    ``$MARSAD_CACHE_DIR`` or the platform's user cache directory."""
    return Path(os.environ.get("MARSAD_CACHE_DIR") or platformdirs.user_cache_dir("marsad"))


def user_data_dir() -> Path:
    """Where user data lives (gazetteer imports): ``$MARSAD_DATA_DIR`` or the platform's
    user data directory."""
    return Path(os.environ.get("MARSAD_DATA_DIR") or platformdirs.user_data_dir("marsad"))


@dataclass(frozen=True)
class StoreSettings:
    url: str = ""
    busy_timeout_s: int = 30


@dataclass(frozen=True)
class IngestSettings:
    max_file_bytes: int = 256 * 1024 * 1024
    max_decompressed_bytes: int = 512 * 1024 * 1024
    max_document_chars: int = 5_000_000
    crawl_date: str = ""

    @property
    def crawl_day(self) -> dt.date | None:
        return dt.date.fromisoformat(self.crawl_date) if self.crawl_date else None


@dataclass(frozen=True)
class CleanSettings:
    min_arabic_ratio: float = 0.5
    min_body_chars: int = 40


@dataclass(frozen=True)
class ExtractSettings:
    workers: int = 1
    document_timeout_s: int = 30


@dataclass(frozen=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8750
    token_env: str = "MARSAD_TOKEN"
    protect_reads: bool = False
    tile_url: str = ""
    max_body_bytes: int = 10 * 1024 * 1024
    cache_ttl_s: float = 5.0


@dataclass(frozen=True)
class Settings:
    store: StoreSettings = StoreSettings()
    ingest: IngestSettings = IngestSettings()
    clean: CleanSettings = CleanSettings()
    extract: ExtractSettings = ExtractSettings()
    server: ServerSettings = ServerSettings()

    def with_overrides(self, section: str, **values: Any) -> Settings:
        """A copy with some keys of one section replaced (None values are ignored)."""
        values = {k: v for k, v in values.items() if v is not None}
        if not values:
            return self
        return replace(self, **{section: replace(getattr(self, section), **values)})


def default_settings_text() -> str:
    return resources.files("marsad").joinpath(DEFAULTS_FILE).read_text(encoding="utf-8")


def load_settings(config: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Defaults, then ``config`` (or ``./marsad.toml`` / ``$MARSAD_CONFIG``), then the environment."""
    env = dict(os.environ) if env is None else env
    data = tomllib.loads(default_settings_text())
    path = config or (Path(env["MARSAD_CONFIG"]) if env.get("MARSAD_CONFIG") else Path(USER_FILE))
    if config is not None and not path.exists():
        raise ConfigError(f"config file {path} does not exist", code="M011")
    if path.exists():
        try:
            _merge(data, tomllib.loads(path.read_text(encoding="utf-8")), str(path))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}", code="M011") from exc
    _apply_env(data, env)
    return _build(data)


def _merge(base: dict[str, Any], extra: dict[str, Any], origin: str) -> None:
    for section, values in extra.items():
        if section not in base or not isinstance(values, dict):
            raise ConfigError(f"{origin}: unknown section [{section}]", code="M011")
        for key, value in values.items():
            if key not in base[section]:
                raise ConfigError(f"{origin}: unknown key '{key}' in [{section}]", code="M011")
            base[section][key] = value


def _apply_env(data: dict[str, Any], env: dict[str, str]) -> None:
    if env.get("MARSAD_DB"):
        data["store"]["url"] = env["MARSAD_DB"]
    for section, values in data.items():
        for key, current in values.items():
            raw = env.get(f"MARSAD_{section.upper()}_{key.upper()}")
            if raw is not None:
                values[key] = _coerce(raw, current, f"MARSAD_{section.upper()}_{key.upper()}")


def _coerce(raw: str, current: Any, name: str) -> Any:
    try:
        if isinstance(current, bool):
            if raw.lower() not in {"1", "0", "true", "false", "yes", "no"}:
                raise ValueError(raw)
            return raw.lower() in {"1", "true", "yes"}
        if isinstance(current, int):
            return int(raw)
        if isinstance(current, float):
            return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a valid {type(current).__name__}", code="M011") from exc
    return raw


_SECTION_CLASSES = {
    "store": StoreSettings,
    "ingest": IngestSettings,
    "clean": CleanSettings,
    "extract": ExtractSettings,
    "server": ServerSettings,
}


def _build(data: dict[str, Any]) -> Settings:
    parts = {}
    for name, cls in _SECTION_CLASSES.items():
        try:
            parts[name] = cls(**data[name])
        except TypeError as exc:
            raise ConfigError(f"[{name}]: {exc}", code="M011") from exc
    settings = Settings(**parts)
    if settings.ingest.crawl_date:
        try:
            dt.date.fromisoformat(settings.ingest.crawl_date)
        except ValueError as exc:
            message = f"crawl_date {settings.ingest.crawl_date!r} is not YYYY-MM-DD"
            raise ConfigError(message, code="M011") from exc
    return settings
