"""Instructions the import executes per article, counted by valgrind: a figure that stays within
0.2% from run to run, where the wall-clock time of the same code on this shared machine drifts by
15-40% within minutes. For judging a change to the import before the benchmark measures it.

    python bench/count_instructions.py                  # the working tree
    python bench/count_instructions.py HEAD~3 HEAD      # commits side by side (and the tree: .)

For each tree (`.`: the working tree; otherwise a commit exported with `git archive`), `seed_result`
(read, clean, tag, render one seed) runs over N generated seeds under `valgrind --tool=cachegrind
--cache-sim=no`, and again over none: the difference divided by N is the figure. Needs valgrind.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORKING_TREE = "."

# Runs in the tree's interpreter with its plugins first on the path: the first `n` seeds of the
# folder, after the data files are loaded and one seed has warmed every lazy cache.
CHILD = """
import importlib
import sys
from pathlib import Path
for where in ("posts.importer", "importer"):  # the stage layout, else the flat one of older commits
    try:
        seed_result = importlib.import_module("news_digest." + where).seed_result
        break
    except ImportError:
        continue
folder, n = Path(sys.argv[1]), int(sys.argv[2])
paths = sorted(str(p) for p in folder.iterdir())
seed_result(paths[-1], paths[-1])
for path in paths[:n]:
    seed_result(path, path)
"""
_INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")
VALGRIND = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]


def plugins_of(rev: str, into: Path) -> Path:
    """The `plugins/` folder of the working tree, or of commit `rev` exported into `into`."""
    if rev == WORKING_TREE:
        return ROOT / "plugins"
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "plugins"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "plugins"


def instructions(plugins: Path, seeds: Path, n: int, python: str) -> int:
    """Instructions of the child process over the first `n` seeds (interpreter start included)."""
    done = subprocess.run(
        [*VALGRIND, python, "-c", CHILD, str(seeds), str(n)],
        env={"PYTHONPATH": str(plugins), "PYTHONHASHSEED": "0", "PATH": os.environ.get("PATH", "")},
        capture_output=True,
        text=True,
        check=True,
    )
    found = _INSTRUCTIONS.search(done.stderr)
    if not found:
        raise SystemExit(f"count_instructions: no instruction count in valgrind's output:\n{done.stderr}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("revs", nargs="*", default=[WORKING_TREE], help="commits, or . for the working tree")
    parser.add_argument("--n", type=int, default=200, help="seeds to process (default 200)")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args(argv)
    if not shutil.which("valgrind"):
        raise SystemExit("count_instructions: valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="count-instructions-") as tmp:
        seeds = Path(tmp) / "seeds"
        subprocess.run(
            [args.python, str(BENCH / "generate.py"), str(args.n), str(seeds), "--seed", str(args.seed)],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        first = None
        print(f"{'tree':<16} {'instructions per article':>26}")
        for number, rev in enumerate(args.revs):
            plugins = plugins_of(rev, Path(tmp) / f"tree-{number}")
            counts = [instructions(plugins, seeds, n, args.python) for n in (args.n, 0)]
            per_article = (counts[0] - counts[1]) // args.n
            first = first or per_article
            change = f"  ({per_article / first - 1:+.1%})" if number else ""
            print(f"{rev:<16} {per_article:>26,}{change}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
