"""Rebuildable caches on disk: a pickle read back when it is there, written when it is not.

The gazetteer index and py3langid's unpacked model are kept this way, under
:func:`marsad.settings.user_cache_dir`, each named ``<prefix><key>.pickle`` where the key
changes with whatever the cache was built from. A cache is only a shortcut: one that is
missing, unreadable or cannot be written costs time, never a run.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def read_pickle(path: Path, what: str) -> Any | None:
    """The object pickled at ``path``; None when there is none, or (with a warning) when it
    cannot be read. ``what`` names the cache in the warning."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError) as exc:
        log.warning("ignoring unreadable %s cache %s: %s", what, path, exc)
        return None


def write_pickle(path: Path, payload: Any, what: str, prefix: str) -> None:
    """Pickle ``payload`` to ``path``, then remove the older files named ``<prefix>*.pickle``
    beside it (caches built from something that has since changed).

    Written whole under a temporary name, then renamed: a reader never sees half a file, and
    a failed write leaves nothing behind.
    """
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{prefix}", delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("could not write the %s cache %s: %s", what, path, exc)
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        return
    for old in path.parent.glob(f"{prefix}*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
