"""One build at a time in a project folder: a lock file in the cache folder, held until exit.

Two builds at once in one folder overwrite each other's posts, pages and search index (a shard
was once left with part of its pages, and kept so by later builds). The lock is an `flock` on
`<cache>/news-digest.lock`: the system releases it when the process ends, however it ends, so a
killed build never leaves a stale lock. Where `fcntl` is missing (Windows) there is no lock.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "news-digest.lock"
_held: dict[Path, int] = {}  # folder -> descriptor of its lock file, held by this process


class BuildLocked(SystemExit):
    """Another process is building in this folder: the build stops with this message."""


def hold(folder: Path) -> None:
    """Take the build lock of `folder` for the rest of this process (again: nothing to do);
    `BuildLocked` when another process holds it."""
    folder = Path(os.path.abspath(folder))
    if fcntl is None or folder in _held:
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
        os.close(fd)
        raise BuildLocked(
            f"news-digest: another build is running in this folder (process {holder}, lock {path}); "
            "wait for it to finish, or stop it, then build again"
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    _held[folder] = fd


def release(folder: Path) -> None:
    """Give the lock of `folder` back before this process ends (tests; a long-lived server)."""
    fd = _held.pop(Path(os.path.abspath(folder)), None)
    if fd is not None:
        os.close(fd)  # closing the descriptor releases the flock
