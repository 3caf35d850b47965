"""What search and charts add to a cold build: CPU time with each of them on and off.

    python bench/feature_cost.py                  # N = 10,000, two runs of each build
    python bench/feature_cost.py --n 2000 --repeat 3
    python bench/feature_cost.py --rev main       # a commit instead of the working tree

In `bench/work/cost-N/` (git-ignored): a copy of `plugins/`, `theme/` and `pelicanconf.py` (the
working tree, or `--rev`), N generated seeds, imported once into posts. Then, R times over, four
cold builds in turn (output/ and cache/ set aside first, the import off), each in a fresh
subprocess: search and charts on, charts off, search off, both off (`NEWS_DIGEST["CHARTS"]`,
`["SEARCH"]`). A build's CPU time is the user + system time of the subprocess and of everything it
waited for, from `getrusage(RUSAGE_CHILDREN)`; the share of the processes Pelican itself started
(none today: the search index is made in Pelican's process) is read at its exit and shown beside it.

The cost of a feature is the CPU time it adds, as a share of the build with neither: search
= (both - search off) / neither, charts = (both - charts off) / neither, both = both / neither - 1.
Each is taken within one round of four builds (the machine's speed drifts between rounds), and the
median over the rounds is printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run import TRASH, copy_project, patch_known_bugs, remove, set_aside  # noqa: E402

# name -> (CHARTS, SEARCH)
CONFIGS: dict[str, tuple[bool, bool]] = {
    "both": (True, True),
    "charts off": (False, True),
    "search off": (True, False),
    "neither": (False, False),
}

SETTINGS = '''"""Benchmark (feature_cost.py): pelicanconf.py, no import, CHARTS={charts}, SEARCH={search}."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

NEWS_DIGEST = {{**NEWS_DIGEST, "IMPORT": False, "CHARTS": {charts}, "SEARCH": {search}}}  # noqa: F405
'''


# Pelican, with the CPU time of its own children written to a file at exit.
PELICAN = """import atexit, os, resource, runpy, sys
def report():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.environ["FEATURE_COST_CHILDREN"], "w") as out:
        out.write(str(usage.ru_utime + usage.ru_stime))
atexit.register(report)
sys.argv = ["pelican", *sys.argv[1:]]
runpy.run_module("pelican", run_name="__main__", alter_sys=True)
"""


@dataclass
class Build:
    config: str
    round: int
    cpu: float  # user + system seconds of the build and its children
    children: float  # of which the processes Pelican started
    wall: float
    ok: bool


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def settings_name(config: str) -> str:
    return f"bench_cost_{config.replace(' ', '_')}.py"


def prepare(project: Path, n: int, seed: int, rev: str | None, python: str) -> None:
    """The project copy, its seeds (kept when there are already N) and the posts, imported once."""
    seeds = project / "seeds"
    keep = seeds.is_dir() and sum(1 for _ in seeds.iterdir()) == n
    for name in ("plugins", "theme", "pelicanconf.py"):
        remove(project / name)
    copy_project(project, rev)
    for note in patch_known_bugs(project):
        print(f"WARNING {note}", file=sys.stderr)
    for config, (charts, search) in CONFIGS.items():
        text = SETTINGS.format(charts=charts, search=search)
        (project / settings_name(config)).write_text(text, encoding="utf-8")
    if not keep:
        remove(seeds)
        subprocess.run(
            [python, str(BENCH / "generate.py"), str(n), str(seeds), "--seed", str(seed)],
            check=True,
            stderr=subprocess.DEVNULL,
        )
    posts = project / "content" / "posts"
    remove(posts, project / "cache", project / "import-report.json")
    posts.mkdir(parents=True)
    started = time.perf_counter()
    paths = ["--seeds", "seeds", "--posts", "content/posts", "--report", "import-report.json"]
    subprocess.run(
        [python, "-m", "news_digest.cli", "import", *paths],
        cwd=project,
        env=environment(project),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    print(f"imported {n:,} seeds in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def environment(project: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(project / "plugins"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONHASHSEED", None)
    return env


def cold_build(project: Path, config: str, round_: int, python: str, logs: Path) -> Build:
    """One cold build: output/ and cache/ set aside (see run.set_aside), then Pelican."""
    set_aside(project.parent / TRASH, project / "output", project / "cache")
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{settings_name(config).removesuffix('.py')}-{round_}.log"
    grandchildren = logs / "children-cpu.txt"
    grandchildren.unlink(missing_ok=True)
    env = {**environment(project), "FEATURE_COST_CHILDREN": str(grandchildren)}
    before, started = children_cpu(), time.perf_counter()
    with log.open("wb") as out:
        code = subprocess.call(
            [python, "-c", PELICAN, "-s", settings_name(config)],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    cpu, wall = children_cpu() - before, time.perf_counter() - started
    children = float(grandchildren.read_text()) if grandchildren.exists() else 0.0
    build = Build(config, round_, cpu, children, wall, code == 0)
    status = "" if build.ok else f"  FAILED (see {log})"
    line = f"  round {round_}  {config:<11} {cpu:7.1f} s CPU ({children:5.1f} children)  {wall:7.1f} s wall"
    line += status
    print(line, file=sys.stderr, flush=True)
    return build


def costs(builds: list[Build]) -> dict[str, list[float]]:
    """Per round: the share of the build with neither that search, charts and both add."""
    rounds: dict[int, dict[str, float]] = {}
    for build in builds:
        if build.ok:
            rounds.setdefault(build.round, {})[build.config] = build.cpu
    shares: dict[str, list[float]] = {"search": [], "charts": [], "search + charts": []}
    for cpu in rounds.values():
        if len(cpu) < len(CONFIGS):
            continue
        neither = cpu["neither"]
        shares["search"].append((cpu["both"] - cpu["search off"]) / neither)
        shares["charts"].append((cpu["both"] - cpu["charts off"]) / neither)
        shares["search + charts"].append(cpu["both"] / neither - 1)
    return shares


def table(builds: list[Build], n: int) -> str:
    lines = [f"N = {n:,}; CPU seconds (user + system, child processes included) of each cold build", ""]
    lines.append(f"{'build':<12} {'median':>8} {'min':>8} {'children':>9}   every round")
    for config in CONFIGS:
        done = [b for b in builds if b.config == config and b.ok]
        if not done:
            lines.append(f"{config:<12} {'failed':>8}")
            continue
        cpus = [b.cpu for b in done]
        children = statistics.median(b.children for b in done)
        runs = ", ".join(f"{c:.1f}" for c in cpus)
        lines.append(f"{config:<12} {statistics.median(cpus):8.1f} {min(cpus):8.1f} {children:9.1f}   {runs}")
    lines += ["", f"{'cost of':<16} {'median':>7}   every round (share of the build with neither)"]
    for name, values in costs(builds).items():
        if values:
            runs = ", ".join(f"{v:+.1%}" for v in values)
            lines.append(f"{name:<16} {statistics.median(values):+7.1%}   {runs}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10000, help="generated articles (default 10,000)")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the four builds (default 2)")
    parser.add_argument("--rev", help="benchmark this commit (git archive) instead of the working tree")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--python", default=sys.executable, help="interpreter to run pelican and the import")
    parser.add_argument("--workdir", type=Path, default=BENCH / "work")
    args = parser.parse_args(argv)
    project = args.workdir / f"cost-{args.n}"
    project.mkdir(parents=True, exist_ok=True)
    prepare(project, args.n, args.seed, args.rev, args.python)
    builds: list[Build] = []
    try:
        logs = args.workdir / "logs" / "cost"
        for round_ in range(1, args.repeat + 1):
            for config in CONFIGS:
                builds.append(cold_build(project, config, round_, args.python, logs))
    finally:
        remove(args.workdir / TRASH)
    print(table(builds, args.n))
    return 0 if all(b.ok for b in builds) else 1


if __name__ == "__main__":
    sys.exit(main())
