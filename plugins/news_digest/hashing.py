"""Every hash the plugin makes, in one place.

Two kinds, for two jobs:
- SHA-256 where a hash is kept in a file that outlives the build: a post's `Content_hash`, the
  import cache's hashes of seeds and posts, and the code's fingerprint that keys that cache.
- BLAKE2b where it is only compared between builds of the same code and speed matters: a
  paragraph's 8-byte hash (near duplicates), a page's inputs and the files of the output.

A cache of results (the import's, the pages') is only as good as the package's code and data,
so both key themselves on `package_files`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
PAGE_DIGEST_SIZE = 16  # bytes of a page's or an output file's hash


def package_files() -> list[Path]:
    """The package's modules and data files, in a stable order."""
    return sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.glob("data/*.toml")])


def bytes_digest(data: bytes) -> str:
    """The SHA-256 of some bytes (a seed's, a post's)."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: str | Path) -> str | None:
    """The SHA-256 of a file's bytes, None when there is no such file."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def texts_digest(texts: Iterable[str], length: int = 16) -> str:
    """The first `length` hex digits of the SHA-256 of texts joined by NULs."""
    return hashlib.sha256("\0".join(texts).encode()).hexdigest()[:length]


def short_digest(text: str, size: int) -> bytes:
    """A `size`-byte BLAKE2b of a text (lone surrogates from odd bytes included)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=size).digest()


def value_digest(value: object) -> str:
    """A digest of nested tuples, lists, strings and numbers (their `repr` is stable)."""
    return hashlib.blake2b(
        repr(value).encode("utf-8", "surrogatepass"), digest_size=PAGE_DIGEST_SIZE
    ).hexdigest()


def file_sum(path: str | Path) -> tuple[int, str] | None:
    """(size, BLAKE2b) of a file, None when it is not there."""
    try:
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=PAGE_DIGEST_SIZE))
            return handle.tell(), digest.hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def file_stamp(path: str | Path) -> tuple[int, str, int] | None:
    """(size, BLAKE2b, modification time in ns) of a file, None when it is not there."""
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        return None
    found = file_sum(path)
    return (*found, mtime) if found is not None else None


def add_files(digest: Any, paths: Iterable[Path], root: Path) -> None:
    """Feed `digest` the name (relative to `root`) and the bytes of each file, in name order."""
    for path in sorted(paths):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())


@cache
def code_fingerprint() -> str:
    """A hash of this package's code and data: a cached result is only as good as both."""
    digest = hashlib.sha256()
    for path in package_files():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
