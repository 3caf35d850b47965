"""bench/count_instructions.py: instructions per imported article, for commits side by side."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import bench_module

BENCH = Path(__file__).resolve().parents[1] / "bench"
count = bench_module("count_instructions")
pytestmark = pytest.mark.skipif(
    not (BENCH.parent / ".git").exists(), reason="not a git checkout: there are no commits to compare"
)


def test_a_commit_is_exported_with_its_plugins(tmp_path: Path) -> None:
    plugins = count.plugins_of("HEAD", tmp_path)
    assert (plugins / "news_digest" / "__init__.py").is_file()
    assert count.plugins_of(count.WORKING_TREE, tmp_path) == BENCH.parent / "plugins"


@pytest.mark.skipif(not shutil.which("valgrind"), reason="valgrind is not installed")
def test_instructions_per_article_are_counted_for_each_tree(capsys) -> None:
    assert count.main(["HEAD", ".", "--n", "3", "--python", sys.executable]) == 0
    rows = dict(re.findall(r"^(\S+)\s+([\d,]+)", capsys.readouterr().out, re.MULTILINE))
    # An article takes millions of instructions; interpreter start is subtracted.
    assert 10**6 < int(rows["HEAD"].replace(",", "")) < 10**9
    assert 10**6 < int(rows["."].replace(",", "")) < 10**9
