"""Reading raw seed files: size limit, binary detection, encodings, byte-order marks.

Every problem is a `SeedError` whose message names it, so that the import can report the
file as rejected instead of failing the build.
"""

from __future__ import annotations

import codecs
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
    if valid and valid >= invalid:
        # UTF-8 (curly quotes, accents) with a few stray legacy bytes: keep both right. (Random
        # binary has about four invalid bytes per valid sequence; it goes to the detector.)
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


def read_seed(path: Path) -> str:
    """The text of one seed file, or `SeedError` with the reason; never reads more than the limit."""
    return decode(read_seed_bytes(path))


def read_seed_bytes(path: str | Path) -> bytes:
    """The bytes of one seed file (`SeedError` when it is not a regular file or too large)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)  # non-blocking: a named pipe must not hang the build
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "a pipe, socket or device"
            raise SeedError(f"not a regular file ({kind})")
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


def is_hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def list_seeds(folder: Path) -> list[Path]:
    """Every file under `folder` (hidden ones too, for the accounting), in a stable order.

    Anything that is not a directory counts, so that a pipe or a broken link is reported
    rather than silently skipped; links to directories are not followed.
    """
    return [path for path, _inside in walk_seeds(folder)]


def walk_seeds(folder: Path) -> list[tuple[Path, str]]:
    """`list_seeds`, each with its path relative to `folder`."""
    found: list[tuple[Path, str]] = []
    for dirpath, _dirnames, filenames in os.walk(folder, followlinks=False):
        inside = os.path.relpath(dirpath, folder)
        found.extend(
            (Path(dirpath, name), os.path.join(inside, name) if inside != "." else name) for name in filenames
        )
    found.sort(key=lambda seed: str(seed[0]))
    return found
