"""The posts folder: atomic writes that leave unchanged files alone, and removal of stale posts.

Posts are rewritten only when their bytes change (content, not modification times) and always
through a temporary file renamed into place, so that an interrupted import leaves no
half-written post.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from itertools import count
from pathlib import Path

TEMP_PREFIX = ".tmp-"  # temporary files of atomic writes; never end in `.md`, so Pelican skips them
STALE_TEMP_SECONDS = 60
_READ_SIZE = 1 << 20
_TEMPORARY_NAMES = count()


def file_digest(path: str | Path) -> str | None:
    """The hash of a file's bytes, None when there is no such file. (With `os.read`: `open`
    sets up a buffered file object and asks the system three more questions.)"""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    try:
        digest = hashlib.sha256()
        while chunk := os.read(fd, _READ_SIZE):
            digest.update(chunk)
        return digest.hexdigest()
    except IsADirectoryError:
        return None
    finally:
        os.close(fd)


def _temporary_file(folder: Path) -> tuple[int, str]:
    """A new file for an atomic write (mode 0600, as `tempfile.mkstemp`), named without the cost
    of `mkstemp`'s random names."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    while True:
        name = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{next(_TEMPORARY_NAMES)}.part")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:  # left by a killed process that had the same id
            continue


def write_temporary(folder: Path, data: bytes) -> str:
    """A new temporary file in `folder` (made if need be) holding `data`; returns its path."""
    try:
        fd, tmp = _temporary_file(folder)
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temporary_file(folder)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically: through a temporary file renamed into place."""
    tmp = write_temporary(path.parent, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically write `data` unless the file already holds it; True when written."""
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return False
    except FileNotFoundError:
        pass
    write_file(path, data)
    return True


def remove_stale(posts_dir: Path, wanted: Iterable[Path]) -> list[str]:
    """Delete posts whose seed is gone, and temporary files an interrupted run left behind;
    the import owns `posts_dir`. Returns the removed posts, relative to `posts_dir`."""
    keep = {os.path.normpath(p) for p in wanted}
    removed: list[str] = []
    if not posts_dir.is_dir():
        return removed
    posts, temporary, folders = [], [], []
    for folder, subfolders, names in os.walk(posts_dir):
        folders += [os.path.join(folder, name) for name in subfolders]
        for name in names:
            if name.endswith(".md"):
                posts.append(os.path.join(folder, name))
            elif name.startswith(TEMP_PREFIX) and name.endswith(".part"):
                temporary.append(os.path.join(folder, name))
    for path in sorted(posts):
        if os.path.normpath(path) not in keep:
            os.unlink(path)
            if not os.path.basename(path).startswith(TEMP_PREFIX):  # left by an older version
                removed.append(Path(path).relative_to(posts_dir).as_posix())
    cutoff = time.time() - STALE_TEMP_SECONDS  # younger ones may belong to an import running now
    for path in sorted(temporary):
        try:
            if os.stat(path).st_mtime < cutoff:
                os.unlink(path)
        except FileNotFoundError:
            pass
    for folder in sorted(folders, reverse=True):
        if os.path.isdir(folder) and not os.listdir(folder):
            os.rmdir(folder)
    return removed
