"""The posts folder: removal of the posts whose seed is gone, and of the temporary files an
interrupted import left (posts are written with `atomic.write_temporary` and renamed into place,
only when their bytes change)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from news_digest.atomic import TEMP_PREFIX, TEMP_SUFFIX

STALE_TEMP_SECONDS = 60


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
            elif name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
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
