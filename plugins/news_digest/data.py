"""Curated knowledge shipped as TOML files in `data/`, read once per process."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load_data(name: str) -> dict[str, Any]:
    """Parse `data/<name>.toml` from the package."""
    return tomllib.loads((files(__package__) / "data" / f"{name}.toml").read_text("utf-8"))
