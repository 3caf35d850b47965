"""One atomic write for every file the plugin keeps: posts, the import report and cache, the
pages' ledger, the record of Pelican's cache.

The bytes go to a new temporary file in the target's folder, which is then renamed over the
target: an interrupted build leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
from itertools import count
from pathlib import Path

TEMP_PREFIX = ".tmp-"  # temporary files; they end in `.part`, never `.md`, so Pelican skips them
TEMP_SUFFIX = ".part"
_TEMPORARY_NAMES = count()


def write_temporary(folder: Path, data: bytes) -> str:
    """A new temporary file in `folder` (made if need be) holding `data`; returns its path.
    Opened with "x" (`O_EXCL`): it never follows a link or reuses a file."""
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        name = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{next(_TEMPORARY_NAMES)}{TEMP_SUFFIX}")
        try:
            handle = open(name, "xb")  # noqa: SIM115 - closed below, removed if the write fails
        except FileExistsError:  # left by a killed process that had the same id
            continue
        try:
            with handle:
                handle.write(data)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return name


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file renamed into place."""
    tmp = write_temporary(path.parent, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically write `data` unless the file already holds it; True when written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, data)
    return True
