"""The package's shape follows the flow: stages import only earlier stages and the shared leaves,
and the import side (extract, tagging, posts, the command line) never loads Pelican."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "news_digest"
STAGES = ["extract", "tagging", "posts", "site"]  # in the order of the flow
LEAVES = {"article", "atomic", "data", "hashing", "matching", "settings", "slugs", "text"}


def internal_imports(path: Path) -> set[str]:
    """The news_digest modules a file imports (absolute form, as the package writes them)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("news_digest"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("news_digest"))
    return found


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_no_import_upward(path: Path) -> None:
    relative = path.relative_to(PACKAGE)
    here = relative.parts[0] if len(relative.parts) > 1 else None
    imported = {stage_of(m) for m in internal_imports(path)} - {None}
    if relative.stem in LEAVES and here is None:
        assert not imported, f"a shared leaf imports a stage: {imported}"
    elif here is not None:
        later = {s for s in imported if STAGES.index(s) > STAGES.index(here)}
        assert not later, f"{here} imports the later stage(s) {later}"


def test_the_import_side_never_loads_pelican() -> None:
    code = (
        "import sys, news_digest.cli, news_digest.posts.importer, news_digest.extract.clean;"
        "import news_digest.tagging.tag; print('pelican' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_caches_key_on_the_code_of_every_stage_and_the_data() -> None:
    """The import cache and the page ledger are only as good as every module and data file: one
    left out (a stage's folder, a TOML file) would keep stale results after an edit to it."""
    from news_digest.hashing import package_files

    files = {p.relative_to(PACKAGE).as_posix() for p in package_files()}
    assert {f"{stage}/__init__.py" for stage in STAGES} <= files
    assert {"extract/clean.py", "tagging/people.py", "posts/render.py", "site/pages.py", "plugin.py"} <= files
    assert {"data/people.toml", "data/countries.toml", "data/noise.toml"} <= files


# No module over 400 lines, no function over 60: a room's purpose stays readable in one sitting.
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 60


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_modules_and_functions_are_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"
