"""The files whose bytes decide what the plugin makes of its input: every module of the package,
in every stage's folder, and the curated data. A cache of results (the import's, the pages')
is only as good as these files, so both key themselves on them."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def package_files() -> list[Path]:
    """The package's modules and data files, in a stable order."""
    return sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.glob("data/*.toml")])
