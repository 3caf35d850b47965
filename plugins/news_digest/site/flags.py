"""Country flags as SVG files (flag-icons, MIT; `data/flags/`), copied into the output only for
the countries the site has pages for: emoji flags are empty boxes without a colour-emoji font,
and letter pairs on Windows."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

FOLDER = "theme/flags"  # in the output


def flag_source(code: str) -> Path | None:
    path = Path(str(files("news_digest") / "data" / "flags" / f"{code.lower()}.svg"))
    return path if path.is_file() else None


def flag_codes(codes: Iterable[str]) -> set[str]:
    """The codes among `codes` that have a flag."""
    return {code for code in codes if flag_source(code) is not None}


def licence_source() -> Path:
    return Path(str(files("news_digest") / "data" / "flags" / "LICENSE"))
