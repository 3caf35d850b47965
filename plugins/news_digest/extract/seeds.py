"""Reading raw seed files: size limit, binary detection, encodings, byte-order marks.

Every problem is a `SeedError` whose message names it, so that the import can report the
file as rejected instead of failing the build.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from pathlib import Path

from charset_normalizer import from_bytes

MAX_SEED_BYTES = 2_000_000
_READ_SIZE = 1 << 16
# A text with more C0/C1 control characters (other than tab and line ends) than this share
# of its characters is binary data, whatever encoding it happens to decode in.
MAX_CONTROL_SHARE = 0.05
# Bytes that are not UTF-8, as a share of a file that has UTF-8 sequences, up to which they are
# stray bytes in a UTF-8 file (read one by one) rather than a file in a legacy code page.
MAX_STRAY_SHARE = 0.01

_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Well-formed UTF-8 sequences of two to four bytes.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}",
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BLANK = re.compile(r"[\s\u00ad\u200b-\u200f\u2060\ufeff]*")
_LEGACY_ENCODINGS = ["cp1252", "latin_1"]


class SeedError(ValueError):
    """A seed file that cannot be read as text; the message says why."""


def _legacy_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined: Latin-1 (C1 controls)
        return chr(byte)


def _legacy_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as cp1252."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return "".join(_legacy_byte(b) for b in bad), error.end


codecs.register_error("news_digest.legacy", _legacy_fallback)


def _decode_legacy(data: bytes) -> str:
    """Text that is not valid UTF-8: UTF-8 with some cp1252 bytes mixed in, or all cp1252/Latin-1."""
    valid = sum(1 for _ in _UTF8_MULTIBYTE.finditer(data))
    invalid = data.decode("utf-8", errors="replace").count("\ufffd")
    if valid and (valid >= invalid or invalid <= MAX_STRAY_SHARE * len(data)):
        # UTF-8 (curly quotes, accents) with a few stray legacy bytes: each stray byte is read on
        # its own, the rest stays UTF-8 (decoding the whole file in a code page would garble every
        # accent). Random binary has about four invalid bytes per valid sequence, and most of its
        # bytes invalid: it goes to the detector.
        return data.decode("utf-8", errors="news_digest.legacy")
    best = from_bytes(data, cp_isolation=_LEGACY_ENCODINGS).best()
    if best is None:
        raise SeedError("not text: neither UTF-8 nor a legacy encoding (cp1252, Latin-1) fits")
    return str(best)


def decode(data: bytes) -> str:
    """Bytes -> text: a UTF-16/32 byte-order mark, else UTF-8 (with or without BOM), else the
    legacy encoding charset-normalizer finds. Raises `SeedError` for empty, binary, too large."""
    if len(data) > MAX_SEED_BYTES:
        raise SeedError(f"file too large ({len(data):,} bytes; the limit is {MAX_SEED_BYTES:,})")
    if data.startswith(_UTF32_BOMS) or data.startswith(_UTF16_BOMS):
        encoding = "utf-32" if data.startswith(_UTF32_BOMS) else "utf-16"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            reason = f"invalid {encoding.upper()} text after its byte-order mark: {error.reason}"
            raise SeedError(reason) from None
    elif b"\x00" in data[:8192]:
        raise SeedError("binary file (contains NUL bytes)")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    text = text.removeprefix("\ufeff")
    controls = len(_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise SeedError(f"binary file ({controls:,} of {len(text):,} characters are control characters)")
    if _BLANK.fullmatch(text):
        raise SeedError("empty or whitespace-only file")
    return text


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_SAFE_OPEN = bool(_NOFOLLOW) and os.open in os.supports_dir_fd


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _link_reason(path: str, root: str) -> str:
    """Why a symbolic link is not read: where it points, as far as the report needs to say."""
    target = os.path.realpath(path)
    real_root = os.path.realpath(root)
    if not os.path.exists(path):
        where = "broken: its target does not exist"
    else:
        what = "a folder" if os.path.isdir(target) else "a file"
        inside = os.path.commonpath([target, real_root]) == real_root
        where = f"it points to {what} {'in' if inside else 'outside'} the seeds folder"
    return f"symbolic link, not followed ({where}); seeds must be regular files inside the seeds folder"


def _open_below(path: str, root: str) -> int:
    """A descriptor of `path`, opened one component at a time from `root` without following any
    symbolic link (`O_NOFOLLOW` with `dir_fd`): no link swapped in at any level is followed."""
    parts = os.path.relpath(path, root).split(os.sep)
    if parts[0] == os.pardir or os.path.isabs(parts[0]):
        raise SeedError("outside the seeds folder: not read")
    fd = os.open(root, os.O_RDONLY | _DIRECTORY)
    try:
        for part in parts[:-1]:
            try:
                next_fd = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            except OSError as error:
                if error.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise SeedError(
                        f"a folder on its path ({part}) is a symbolic link or not a folder: not followed"
                    ) from None
                raise
            os.close(fd)
            fd = next_fd
        flags = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        info = os.lstat(parts[-1], dir_fd=fd)
        if stat.S_ISLNK(info.st_mode):
            raise SeedError(_link_reason(path, root))
        if not stat.S_ISREG(info.st_mode):  # not even opened: a device may act on open
            raise SeedError(f"not a regular file ({_kind(info.st_mode)})")
        try:
            return os.open(parts[-1], flags, dir_fd=fd)
        except OSError as error:
            if error.errno == errno.ELOOP:  # swapped for a link since the check
                raise SeedError(_link_reason(path, root)) from None
            raise
    finally:
        os.close(fd)


def _open_plain(path: str, root: str) -> int:
    """Where `dir_fd` and `O_NOFOLLOW` are missing (Windows): the real path must be the path."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise SeedError(_link_reason(path, root))
    if not stat.S_ISREG(info.st_mode):
        raise SeedError(f"not a regular file ({_kind(info.st_mode)})")
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    if os.path.commonpath([real, real_root]) != real_root:
        raise SeedError("outside the seeds folder (a folder on its path is a link): not read")
    return os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | _NOFOLLOW)


def _open_named(path: str, root: str) -> int:
    """A file the operator named (`news-digest extract FILE`): links followed, as any command does."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    return os.open(path, flags)  # non-blocking: a named pipe must not hang; fstat then refuses it


def open_seed(path: str | Path, root: str | Path | None = None, follow_links: bool = False) -> int:
    """A read-only descriptor of the regular file at `path` inside `root` (default: its folder).

    Symbolic links (at the file or at any folder below `root`), pipes, sockets and devices are
    `SeedError`s with the reason; the descriptor is checked to be a regular file, so a file
    swapped for something else between the check and the open is refused too. `follow_links`:
    for files named on the command line, not found in the (untrusted) seeds folder.
    """
    path = os.path.abspath(path)
    root = os.path.abspath(root) if root is not None else os.path.dirname(path)
    if path == root:  # the seeds folder itself is listed only when it is a link (see `walk_seeds`)
        raise SeedError("the seeds folder is a symbolic link or not a folder: nothing in it is read")
    opener = _open_named if follow_links else _open_below if _SAFE_OPEN else _open_plain
    fd = opener(path, root)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SeedError(f"not a regular file ({_kind(info.st_mode)})")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_seed_bytes(path: str | Path, root: str | Path | None = None, follow_links: bool = False) -> bytes:
    """The bytes of one seed file inside `root` (`SeedError` when it is not a regular file there,
    or too large; see `open_seed`)."""
    fd = open_seed(path, root, follow_links)
    try:
        info = os.fstat(fd)
        if info.st_size > MAX_SEED_BYTES:
            raise SeedError(f"file too large ({info.st_size:,} bytes; the limit is {MAX_SEED_BYTES:,})")
        # Bounded even if the file grows meanwhile. (Plain `os.read`s: a buffered file's
        # `read(MAX_SEED_BYTES + 1)` would set up a buffer of that size for every seed.)
        chunks, remaining = [], MAX_SEED_BYTES + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, max(info.st_size + 1, _READ_SIZE)))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def walk_seeds(folder: Path) -> list[tuple[Path, str]]:
    """Every entry under `folder` but folders (hidden ones too, for the accounting), with its path
    relative to `folder`, in a stable order.

    Sub-folders are read, at any depth. Anything else counts as a seed, so that a symbolic link
    (to a file or to a folder, or broken), a pipe or a device is reported as rejected rather than
    silently skipped; links are never followed. A folder that cannot be listed is an entry itself
    (its reading then says why).
    """
    found: list[tuple[Path, str]] = []
    pending = [(str(folder), "")]
    while pending:
        directory, inside = pending.pop()
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except OSError:
            if inside:  # the seeds folder itself: the import says it is missing
                found.append((Path(directory), inside))
            continue
        for entry in listed:
            name = os.path.join(inside, entry.name) if inside else entry.name
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                pending.append((entry.path, name))
            else:
                found.append((Path(entry.path), name))
    found.sort(key=lambda seed: str(seed[0]))
    return found
