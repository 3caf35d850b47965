"""Reading raw seed files: size limit, binary detection, encodings, byte-order marks."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

MAX_SEED_BYTES = 2_000_000


class SeedError(ValueError):
    """A seed file that cannot be read as text; the message says why."""


def decode(data: bytes) -> str:
    """Bytes -> text: UTF-8 (with or without BOM) first, else the detected legacy encoding."""
    if not data.strip():
        raise SeedError("empty or whitespace-only file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SeedError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "utf_16", "cp1258"]).best()
    if best is None:
        raise SeedError("not text in any known encoding")
    text = str(best)
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    if printable < 0.95 * len(text):
        raise SeedError(f"binary file (decoded as {best.encoding}, mostly unprintable)")
    return text


def read_seed(path: Path) -> str:
    """The text of one seed file, or `SeedError` with the reason."""
    size = path.stat().st_size
    if size > MAX_SEED_BYTES:
        raise SeedError(f"file too large ({size:,} bytes; the limit is {MAX_SEED_BYTES:,})")
    return decode(path.read_bytes())


def list_seeds(folder: Path) -> list[Path]:
    """Every regular file under `folder`, in a stable order, hidden files excluded."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
