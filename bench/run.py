"""Benchmark: our import and build against plain Pelican, at N = 1,000 / 5,000 / 10,000 articles.

For each N, in `bench/work/` (git-ignored):

  ours-N/   a copy of the project's `plugins/`, `theme/` and `pelicanconf.py`, with N generated
            raw articles in `seeds/` (bench/generate.py), then, each in a fresh subprocess:
              import        `python -m news_digest.cli import` into an empty content/posts/
                            (and no import cache)
              re-import     the same again, nothing changed
              cold build    `python -m pelican` with output/ and cache/ removed and the import
                            off (NEWS_DIGEST["IMPORT"] = False, the posts are written): all our
                            pages and feeds, the part comparable with plain Pelican
              cold          the same with the import on and the posts removed too: the plugin's
                            import runs inside, from scratch
              warm          the same command as cold again, nothing changed
              add one       one more seed (newer than all others) dropped into seeds/
  plain-N/  the same posts as plain Pelican Markdown (our metadata plus `Tags:` = country
            names + people names), built by Pelican 4.12 with no plugin, the default theme,
            tag feeds on, DEFAULT_PAGINATION = 20 and default URLs; the same reader and cache
            settings as pelicanconf.py: cold, warm, add one (the same added post).

Times are wall-clock seconds of the whole subprocess (interpreter start included). Peak
memory is the largest resident set of any process of the step (wait4's ru_maxrss, as
`/usr/bin/time -v` reports it); the tree column sums the proportional set size of the step's
processes (workers included), sampled every 0.2 s. Output size is the bytes of output/.

    python bench/run.py                       # N = 1000 5000 10000
    python bench/run.py --sizes 1000          # one size, to try things
    python bench/run.py --with-50k            # adds N = 50000
    python bench/run.py --rev HEAD --write-results bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import itertools
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import extra_article  # noqa: E402

LAST_DAY = dt.date(2025, 12, 31)  # the last day of the generated archive's newest month

MIB = 1024 * 1024
PROJECT_FILES = ["plugins", "theme", "pelicanconf.py"]

NOIMPORT_SETTINGS = '''"""Benchmark: pelicanconf.py without the import (the posts are already written)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

NEWS_DIGEST = {**NEWS_DIGEST, "IMPORT": False}  # noqa: F405
'''

PLAIN_SETTINGS = '''"""Benchmark baseline: plain Pelican, no plugin, default theme, tags."""

AUTHOR = "News Digest"
SITENAME = "Vietnam Foreign Affairs Digest (plain Pelican)"
SITEURL = ""
RELATIVE_URLS = True
FEED_DOMAIN = "http://localhost:8000"
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
OUTPUT_PATH = "output"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "en"

PLUGINS: list[str] = []  # not None: None would load every installed namespace plugin
DEFAULT_PAGINATION = 20
# Article URLs as ours: Pelican's default `{slug}.html` collides on titles repeated across months.
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{slug}.rss.xml"

# The same reader and cache settings as pelicanconf.py, so that reading the posts costs the same.
MARKDOWN = {"extension_configs": {"markdown.extensions.meta": {}}, "output_format": "html5"}
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "md5"
CACHE_PATH = "cache"
DELETE_OUTPUT_DIRECTORY = False
'''


# -- running one step ---------------------------------------------------------------------------


@dataclass
class Step:
    name: str
    status: str = "skipped"  # ok | failed | timeout | skipped
    seconds: float | None = None
    cpu_seconds: float | None = None  # user + system, the step's processes and their children
    peak_rss_mib: float | None = None  # largest single process (ru_maxrss)
    peak_tree_mib: float | None = None  # sum over the process tree (PSS), sampled
    others_cores: float | None = None  # CPU used by other processes on the machine meanwhile
    waited_for_idle: float | None = None  # seconds spent waiting for a quiet machine first
    returncode: int | None = None
    log: str = ""
    runs: list[list[float]] = field(default_factory=list)  # [wall, CPU] of every repetition

    @property
    def cores(self) -> float | None:
        return self.cpu_seconds / self.seconds if self.seconds and self.cpu_seconds is not None else None


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    kids = [int(k) for k in handle.read().split()]
                found += kids
                stack += kids
        except OSError:
            continue
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return 0


def cpu_busy() -> float | None:
    """Busy CPU seconds of the whole machine since boot (all cores), from /proc/stat."""
    try:
        with open("/proc/stat") as handle:
            fields = [int(x) for x in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_for_idle(max_wait: float) -> float:
    """Wait (at most `max_wait` s) until other processes use under 0.15 core for 2 s in a row."""
    start = time.perf_counter()
    quiet = 0
    while time.perf_counter() - start < max_wait:
        before = cpu_busy()
        if before is None:
            break
        time.sleep(1)
        quiet = quiet + 1 if (cpu_busy() or 0) - before < 0.15 else 0
        if quiet >= 2:
            break
    return time.perf_counter() - start


def run_step(
    name: str,
    cmd: list[str],
    cwd: Path,
    env: dict[str, str],
    timeout: float,
    logs: Path,
    idle_wait: float = 0,
) -> Step:
    """Run `cmd` in a fresh process group; time it, sample its memory, kill it at `timeout`."""
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"{name}.log"
    step = Step(name, log=str(log_path))
    print(f"  {name:<22} ", end="", file=sys.stderr, flush=True)
    if idle_wait:
        step.waited_for_idle = wait_for_idle(idle_wait)
    busy_before = cpu_busy()
    with open(log_path, "wb") as log:
        log.write((" ".join(cmd) + f"\n# cwd: {cwd}\n").encode())
        log.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        peak_tree = 0
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            tree = [proc.pid, *_descendants(proc.pid)]
            peak_tree = max(peak_tree, sum(_pss_kib(p) for p in tree))
            time.sleep(0.2)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    step.returncode = proc.returncode
    step.seconds = elapsed
    step.cpu_seconds = usage.ru_utime + usage.ru_stime
    step.peak_rss_mib = usage.ru_maxrss / 1024  # KiB on Linux
    step.peak_tree_mib = max(peak_tree / 1024, step.peak_rss_mib)
    busy_after = cpu_busy()
    if busy_before is not None and busy_after is not None:
        step.others_cores = max(0.0, (busy_after - busy_before - step.cpu_seconds) / elapsed)
    step.status = "timeout" if timed_out else "ok" if proc.returncode == 0 else "failed"
    note = "" if step.status == "ok" else f"  ** {step.status.upper()} (see {log_path})"
    print(
        f"{elapsed:8.2f} s  {step.peak_rss_mib:7.0f} MiB  {step.cores or 0:4.2f} cores"
        f"  (others {step.others_cores or 0:4.2f} cores){note}",
        file=sys.stderr,
        flush=True,
    )
    return step


# -- preparing the two sites --------------------------------------------------------------------


def copy_project(dest: Path, rev: str | None) -> None:
    """plugins/, theme/, pelicanconf.py: from the working tree, or from commit `rev`."""
    dest.mkdir(parents=True, exist_ok=True)
    if rev:
        data = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, *PROJECT_FILES], check=True, capture_output=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(dest, filter="data")
        return
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        else:
            shutil.copy2(source, dest / name)


# Bugs of the project that stop a build with more than one page of articles; the benchmark patches
# its own copy (never the project) and says so in its output. Remove an entry once it is fixed.
KNOWN_BUGS = [
    (
        "theme/templates/_macros.html",
        "page.next_page()",
        "pagination macro calls page.previous_page()/next_page(), which Pelican's Page does not have",
        [
            ("page.previous_page().url", "paginator.page(page.previous_page_number()).url"),
            ("page.next_page().url", "paginator.page(page.next_page_number()).url"),
        ],
    ),
]


def patch_known_bugs(dest: Path) -> list[str]:
    notes = []
    for rel, marker, why, replacements in KNOWN_BUGS:
        path = dest / rel
        text = path.read_text("utf-8") if path.exists() else ""
        if marker in text:
            for old, new in replacements:
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")
            notes.append(f"{rel}: {why} (patched in the benchmark's copy only)")
    return notes


TRASH = "trash"  # in the work folder: see `set_aside`


def remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


_ASIDE_NAMES = itertools.count()


def set_aside(trash: Path, *paths: Path) -> None:
    """Move `paths` into `trash`, which `main` deletes at the end of the run.

    Between steps the benchmark empties output/, cache/ and the posts. Deleting thousands of
    files there would slow down the next step's writing for reasons of the machine, not of the
    code: on an ext4 file system without a journal (this machine's), the inode allocator skips
    inodes freed in the last minutes (`recently_deleted` in the kernel), and it costs seconds of
    system time to create 10,000 files just after deleting 10,000 (7.2 s against 1.9-3.3 s for the
    import of 10,000 seeds). A build on a fresh clone, or after an ordinary push, pays none of it.
    """
    trash.mkdir(parents=True, exist_ok=True)
    for path in paths:
        if path.exists() or path.is_symlink():
            os.rename(path, trash / f"{next(_ASIDE_NAMES):04d}-{path.name}")


def post_files(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*.md")} if folder.is_dir() else set()


def country_names(project: Path) -> dict[str, str]:
    data = tomllib.loads((project / "plugins/news_digest/data/countries.toml").read_text("utf-8"))
    return {code: entry["name"] for code, entry in data.items() if code != "exclude"}


def plain_post(text: str, names: dict[str, str]) -> str:
    """Our post as plain Pelican Markdown: the same metadata and body, plus `Tags:`."""
    head, _, body = text.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    tags = [
        names.get(code.strip(), code.strip()) for code in meta.get("Countries", "").split(",") if code.strip()
    ]
    with contextlib.suppress(json.JSONDecodeError):
        tags += [o["name"] for o in json.loads(meta.get("Officials") or "[]")]
    tags = list(dict.fromkeys(t.replace(",", " ") for t in tags))
    return head + (f"\nTags: {', '.join(tags)}" if tags else "") + "\n\n" + body


def write_plain_posts(
    ours_posts: Path, plain_posts: Path, names: dict[str, str], only: set[Path] | None = None
) -> int:
    count = 0
    for rel in sorted(only if only is not None else post_files(ours_posts)):
        target = plain_posts / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_post((ours_posts / rel).read_text("utf-8"), names), encoding="utf-8")
        count += 1
    return count


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under `folder`."""
    total = files = 0
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
                files += 1
            except OSError:
                pass
    return total, files


# -- one size ---------------------------------------------------------------------------------


@dataclass
class SizeResult:
    n: int
    seed: int
    seeds_mb: float = 0.0
    generate_seconds: float = 0.0
    published: int | None = None
    duplicates: int | None = None
    rejected: int | None = None
    steps: dict[str, Step] = field(default_factory=dict)
    output_ours: tuple[int, int] | None = None
    output_plain: tuple[int, int] | None = None
    patches: list[str] = field(default_factory=list)

    def s(self, name: str) -> float | None:
        step = self.steps.get(name)
        return step.seconds if step and step.status == "ok" else None


def bench_size(n: int, args: argparse.Namespace, python: str) -> SizeResult:
    work = args.workdir
    ours, plain = work / f"ours-{n}", work / f"plain-{n}"
    logs = work / "logs" / str(n)
    trash = work / TRASH
    result = SizeResult(n, args.seed)
    print(f"\n== N = {n:,}", file=sys.stderr)
    set_aside(trash, ours, plain, logs)  # an earlier run's
    copy_project(ours, args.rev)
    result.patches = patch_known_bugs(ours)
    for note in result.patches:
        print(f"  WARNING {note}", file=sys.stderr)
    (ours / "content" / "posts").mkdir(parents=True)
    (ours / "bench_noimport.py").write_text(NOIMPORT_SETTINGS, encoding="utf-8")

    # In a child process: this one must stay small, because a child's peak RSS (ru_maxrss) starts
    # from the size of the process that forked it.
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), str(n), str(ours / "seeds"), "--seed", str(args.seed)],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    result.generate_seconds = time.perf_counter() - started
    result.seeds_mb = tree_size(ours / "seeds")[0] / MIB
    print(
        f"  generated {n:,} seeds ({result.seeds_mb:.1f} MiB) in {result.generate_seconds:.1f} s",
        file=sys.stderr,
    )

    env = {**os.environ, "PYTHONPATH": str(ours / "plugins"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONHASHSEED", None)
    timeout = args.timeout

    def step(name: str, cmd: list[str], cwd: Path, prepare=None) -> Step:
        """Run a step `--repeat` times (calling `prepare(rep)` first); keep the fastest."""
        runs: list[Step] = []
        for rep in range(args.repeat):
            if prepare:
                prepare(rep)
            label = name if args.repeat == 1 else f"{name} #{rep + 1}"
            runs.append(run_step(label, cmd, cwd, env, timeout, logs, args.wait_idle))
            if runs[-1].status != "ok":
                break
        ok = [r for r in runs if r.status == "ok"]
        best = min(ok, key=lambda r: r.seconds) if len(ok) == len(runs) else runs[-1]
        best = Step(**{**asdict(best), "name": name})
        if ok:
            best.cpu_seconds = min(r.cpu_seconds for r in ok)
        best.peak_rss_mib = max(r.peak_rss_mib or 0 for r in runs)
        best.peak_tree_mib = max(r.peak_tree_mib or 0 for r in runs)
        best.others_cores = max(r.others_cores or 0 for r in runs)
        best.runs = [[r.seconds, r.cpu_seconds] for r in runs]
        result.steps[name] = best
        return best

    def reset(cmd: list[str], cwd: Path) -> None:
        """An unmeasured run that brings a site back to its state before a measured step."""
        run_step("(reset)", cmd, cwd, env, timeout, logs, 0)

    imp = [
        python,
        "-m",
        "news_digest.cli",
        "import",
        "--seeds",
        "seeds",
        "--posts",
        "content/posts",
        "--report",
        "import-report.json",
    ]
    pelican = [python, "-m", "pelican", "-s"]
    posts = ours / "content" / "posts"

    # Import alone into an empty folder, then again with nothing changed.
    def empty_posts(_rep: int) -> None:
        set_aside(trash, posts, ours / "import-report.json", ours / "cache")  # the import's cache too
        posts.mkdir(parents=True)

    step("import", imp, ours, empty_posts)
    step("re-import", imp, ours)
    try:
        counts = json.loads((ours / "import-report.json").read_text("utf-8"))["counts"]
        result.published, result.duplicates, result.rejected = (
            counts["published"],
            counts["duplicates"],
            counts["rejected"],
        )
    except (OSError, ValueError, KeyError):
        pass

    # Plain Pelican gets the same posts.
    names = country_names(ours)
    plain_posts = plain / "content" / "posts"
    write_plain_posts(posts, plain_posts, names)
    (plain / "plainconf.py").write_text(PLAIN_SETTINGS, encoding="utf-8")

    # Ours: cold without the import (the posts are there), cold with the import inside (no posts,
    # no caches), then warm and add one seed, which follow a build that imported.
    step(
        "ours cold build",
        [*pelican, "bench_noimport.py"],
        ours,
        lambda _rep: set_aside(trash, ours / "output", ours / "cache"),
    )
    step(
        "ours cold",
        [*pelican, "pelicanconf.py"],
        ours,
        lambda _rep: set_aside(trash, ours / "output", ours / "cache", posts, ours / "import-report.json"),
    )
    step("ours warm", [*pelican, "pelicanconf.py"], ours)
    result.output_ours = tree_size(ours / "output")
    before = post_files(posts)

    def adding(name: str, text: str):
        seed_file = ours / "seeds" / name

        def add_seed(rep: int) -> None:
            if rep:
                seed_file.unlink()
                reset([*pelican, "pelicanconf.py"], ours)  # the import removes the post; output as before
            seed_file.write_text(text, encoding="utf-8")

        return add_seed

    # The everyday case: one more article in the newest month (the generated archive ends in
    # December 2025). Then the monthly one: an article that opens a new month (and year), which
    # moves the time axis of every country and person chart, so every term page is rendered again.
    build = [*pelican, "pelicanconf.py"]
    step("ours add one", build, ours, adding(*extra_article(n, args.seed, LAST_DAY)))
    added = post_files(posts) - before
    step("ours add one new month", build, ours, adding(*extra_article(n + 1, args.seed)))

    if args.skip_plain:
        return result
    cold = step(
        "plain cold",
        [*pelican, "plainconf.py"],
        plain,
        lambda _rep: set_aside(trash, plain / "output", plain / "cache"),
    )
    if cold.status == "ok":
        step("plain warm", [*pelican, "plainconf.py"], plain)
        result.output_plain = tree_size(plain / "output")
        if added:

            def add_post(rep: int) -> None:
                if rep:
                    for rel in added:
                        (plain_posts / rel).unlink()
                    reset([*pelican, "plainconf.py"], plain)
                write_plain_posts(posts, plain_posts, names, only=added)

            step("plain add one", [*pelican, "plainconf.py"], plain, add_post)
    return result


# -- tables -----------------------------------------------------------------------------------


def _f(value: float | None, fmt: str = "{:.1f}") -> str:
    return "—" if value is None else fmt.format(value)


def _secs(r: SizeResult, name: str) -> str:
    step = r.steps.get(name)
    if step is None or step.status == "skipped":
        return "—"
    if step.status != "ok":
        return f"{step.status} ({step.seconds:.0f} s)" if step.seconds else step.status
    return f"{step.seconds:.2f}" if step.seconds < 10 else f"{step.seconds:.1f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or not b else f"{a / b:.2f}"


def summary_rows(results: list[SizeResult]) -> tuple[list[str], list[list[str]]]:
    header = [
        "N",
        "import art/s",
        "import cores",
        "re-import s",
        "ours cold s",
        "ours cold build s",
        "plain cold s",
        "ratio cold",
        "ratio build",
        "ours warm s",
        "plain warm s",
        "ours add-one s (% cold)",
        "plain add-one s",
        "peak MiB ours/plain",
        "output MiB ours/plain",
    ]
    rows = []
    for r in results:
        imp = r.steps.get("import")
        rate = r.n / imp.seconds if imp and imp.status == "ok" and imp.seconds else None
        cold, build, plain = r.s("ours cold"), r.s("ours cold build"), r.s("plain cold")
        add = r.s("ours add-one") or r.s("ours add one")
        peak_ours = max(
            (
                r.steps[k].peak_rss_mib or 0
                for k in ("ours cold", "ours cold build", "ours warm", "ours add one")
                if k in r.steps
            ),
            default=None,
        )
        peak_plain = max(
            (
                r.steps[k].peak_rss_mib or 0
                for k in ("plain cold", "plain warm", "plain add one")
                if k in r.steps
            ),
            default=None,
        )
        rows.append(
            [
                f"{r.n:,}",
                _f(rate, "{:.0f}"),
                _f(imp.cores if imp else None, "{:.2f}"),
                _secs(r, "re-import"),
                _secs(r, "ours cold"),
                _secs(r, "ours cold build"),
                _secs(r, "plain cold"),
                _ratio(cold, plain),
                _ratio(build, plain),
                _secs(r, "ours warm"),
                _secs(r, "plain warm"),
                f"{_secs(r, 'ours add one')} ({_f(100 * add / cold if add and cold else None, '{:.0f}')}%)",
                _secs(r, "plain add one"),
                f"{_f(peak_ours, '{:.0f}')} / {_f(peak_plain, '{:.0f}')}",
                f"{_f(r.output_ours[0] / MIB if r.output_ours else None)} / "
                f"{_f(r.output_plain[0] / MIB if r.output_plain else None)}",
            ]
        )
    return header, rows


def cpu_rows(results: list[SizeResult]) -> tuple[list[str], list[list[str]]]:
    """The same runs in CPU seconds (user + system, children included): less sensitive to other load."""
    header = [
        "N",
        "import CPU s",
        "re-import CPU s",
        "ours cold CPU s",
        "ours cold build CPU s",
        "plain cold CPU s",
        "ratio cold",
        "ratio build",
        "ours warm CPU s",
        "plain warm CPU s",
        "ours add-one CPU s (% cold)",
        "plain add-one CPU s",
        "others' cores (max)",
    ]

    def cpu(r: SizeResult, name: str) -> float | None:
        step = r.steps.get(name)
        return step.cpu_seconds if step and step.status == "ok" else None

    rows = []
    for r in results:
        cold, build, plain = cpu(r, "ours cold"), cpu(r, "ours cold build"), cpu(r, "plain cold")
        add = cpu(r, "ours add one")
        others = max((s.others_cores or 0 for s in r.steps.values()), default=None)
        rows.append(
            [
                f"{r.n:,}",
                _f(cpu(r, "import")),
                _f(cpu(r, "re-import")),
                _f(cold),
                _f(build),
                _f(plain),
                _ratio(cold, plain),
                _ratio(build, plain),
                _f(cpu(r, "ours warm")),
                _f(cpu(r, "plain warm")),
                f"{_f(add)} ({_f(100 * add / cold if add and cold else None, '{:.0f}')}%)",
                _f(cpu(r, "plain add one")),
                _f(others, "{:.2f}"),
            ]
        )
    return header, rows


MERGED = "; "  # between the values of runs merged by `load_results` (date, commit, command)


def load_results(paths: list[Path]) -> tuple[dict[str, str], list[SizeResult]]:
    """Results saved by earlier runs (bench/work/results.json), to print or write them again.

    Several files are merged, smallest N first (a size in a later file replaces the same size in
    an earlier one): a long 50,000 run done apart from the 1,000-10,000 run then gets its growth
    table. Where the runs differ in date, commit or command, the merged value lists each.
    """
    env: dict[str, str] = {}
    by_size: dict[int, SizeResult] = {}
    for path in paths:
        data = json.loads(path.read_text("utf-8"))
        for key, value in data["env"].items():
            seen = env.get(key)
            env[key] = value if seen is None or value in seen.split(MERGED) else f"{seen}{MERGED}{value}"
        for raw in data["results"]:
            steps = {name: Step(**step) for name, step in raw.pop("steps").items()}
            for key in ("output_ours", "output_plain"):
                raw[key] = tuple(raw[key]) if raw.get(key) else None
            by_size[raw["n"]] = SizeResult(**raw, steps=steps)
    return env, [by_size[n] for n in sorted(by_size)]


GROWTH_STEPS = ("import", "re-import", "ours cold build", "ours cold", "ours warm", "ours add one")


def growth_rows(results: list[SizeResult]) -> tuple[list[str], list[list[str]]]:
    """From each N to the next: how time and memory grow against the article count (linear
    growth has the same factor as the articles)."""
    header = ["N", "articles", "step", "wall s", "time", "peak RSS MiB", "memory", "peak tree MiB", "tree"]

    def grew(a: float | None, b: float | None, fmt: str) -> tuple[str, str]:
        if not a or not b:
            return "—", "—"
        return f"{fmt.format(a)} → {fmt.format(b)}", f"×{b / a:.1f}"

    rows = []
    ordered = sorted(results, key=lambda r: r.n)
    for small, large in itertools.pairwise(ordered):
        for name in GROWTH_STEPS:
            a, b = small.steps.get(name), large.steps.get(name)
            if not (a and b and a.status == b.status == "ok"):
                continue
            rows.append(
                [
                    f"{small.n:,} → {large.n:,}",
                    f"×{large.n / small.n:.1f}",
                    name,
                    *grew(a.seconds, b.seconds, "{:.1f}"),
                    *grew(a.peak_rss_mib, b.peak_rss_mib, "{:.0f}"),
                    *grew(a.peak_tree_mib, b.peak_tree_mib, "{:.0f}"),
                ]
            )
    return header, rows


def detail_rows(results: list[SizeResult]) -> tuple[list[str], list[list[str]]]:
    header = [
        "N",
        "step",
        "status",
        "wall s",
        "CPU s",
        "cores",
        "others' cores",
        "peak RSS MiB",
        "peak tree PSS MiB",
        "every run: wall / CPU s",
    ]
    rows = []
    for r in results:
        for step in r.steps.values():
            every = ", ".join(f"{w:.1f} / {c:.1f}" for w, c in step.runs if w is not None and c is not None)
            rows.append(
                [
                    f"{r.n:,}",
                    step.name,
                    step.status,
                    _f(step.seconds, "{:.2f}"),
                    _f(step.cpu_seconds, "{:.2f}"),
                    _f(step.cores, "{:.2f}"),
                    _f(step.others_cores, "{:.2f}"),
                    _f(step.peak_rss_mib, "{:.0f}"),
                    _f(step.peak_tree_mib, "{:.0f}"),
                    every or "—",
                ]
            )
    return header, rows


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    fmt = "  ".join(f"{{:>{w}}}" for w in widths)
    return "\n".join(
        [fmt.format(*header), fmt.format(*("-" * w for w in widths))] + [fmt.format(*row) for row in rows]
    )


def sizes_table(results: list[SizeResult]) -> str:
    header = ["N", "seeds MiB", "published", "duplicates", "rejected", "output files ours/plain"]
    rows = [
        [
            f"{r.n:,}",
            f"{r.seeds_mb:.1f}",
            str(r.published),
            str(r.duplicates),
            str(r.rejected),
            f"{r.output_ours[1] if r.output_ours else '—'} / {r.output_plain[1] if r.output_plain else '—'}",
        ]
        for r in results
    ]
    return markdown(header, rows)


# -- environment and results file ---------------------------------------------------------------


def _proc_field(path: str, prefix: str, parse):
    with contextlib.suppress(OSError, StopIteration, ValueError), open(path) as handle:
        return parse(next(line for line in handle if line.startswith(prefix)))
    return "?"


def environment(python: str, rev: str | None) -> dict[str, str]:
    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    commit = git("rev-parse", "--short", rev or "HEAD")
    dirty = "" if rev else git("status", "--short", "--", *PROJECT_FILES)
    versions = subprocess.run(
        [
            python,
            "-c",
            "import importlib.metadata as m, platform; print(platform.python_version(), "
            "m.version('pelican'), m.version('markdown'), m.version('feedgen'))",
        ],
        capture_output=True,
        text=True,
    ).stdout.split()
    cpu = _proc_field("/proc/cpuinfo", "model name", lambda line: line.split(":", 1)[1].strip())
    kib = _proc_field("/proc/meminfo", "MemTotal", lambda line: int(line.split()[1]))
    mem = f"{kib / MIB:.0f} GiB" if isinstance(kib, int) else "?"
    return {
        "date": dt.date.today().isoformat(),
        "commit": commit
        + (" (working tree, with local changes)" if dirty else "" if rev else " (working tree)"),
        "machine": f"{os.cpu_count()} cores, {cpu}, {mem} RAM, {platform.system()} {platform.release()}",
        "python": versions[0] if versions else "?",
        "pelican": versions[1] if len(versions) > 1 else "?",
        "markdown": versions[2] if len(versions) > 2 else "?",
        "feedgen": versions[3] if len(versions) > 3 else "?",
    }


def patches_text(results: list[SizeResult]) -> str:
    notes = sorted({note for r in results for note in r.patches})
    if not notes:
        return ""
    return "\nThe benchmark patched its copy of the project for:\n\n" + "".join(f"- {n}\n" for n in notes)


def _pct(part: float | None, whole: float | None) -> str:
    return _f(100 * part / whole if part and whole else None, "{:.0f}%")


def targets_text(results: list[SizeResult]) -> str:
    """The issue's targets, checked against the 10,000-article run (or the largest below it)."""
    candidates = [r for r in results if r.n <= 10000]
    if not candidates:
        return ""
    r = max(candidates, key=lambda r: r.n)

    def ok(flag: bool | None) -> str:
        return "—" if flag is None else "yes" if flag else "**no**"

    imp, reimp = r.s("import"), r.s("re-import")
    rate = r.n / imp if imp else None
    build, plain, cold, add = r.s("ours cold build"), r.s("plain cold"), r.s("ours cold"), r.s("ours add one")
    month = r.s("ours add one new month")
    peak = max(
        (st.peak_rss_mib or 0 for name, st in r.steps.items() if name.startswith("ours")), default=None
    )
    tree = max(
        (st.peak_tree_mib or 0 for name, st in r.steps.items() if name.startswith("ours")), default=None
    )
    rows = [
        [
            "import throughput",
            ">= 1,000 articles/s",
            _f(rate, "{:.0f} art/s"),
            ok(rate >= 1000 if rate else None),
        ],
        ["re-import, nothing changed", "< 2 s", _f(reimp, "{:.1f} s"), ok(reimp < 2 if reimp else None)],
        [
            "cold build / plain Pelican",
            "<= 1.0",
            f"{_ratio(build, plain)} (build only), {_ratio(cold, plain)} (with import)",
            ok(build / plain <= 1.0 if build and plain else None),
        ],
        [
            "add one / cold build",
            "<= 40%",
            f"{_pct(add, cold)} (of the cold build with the import), {_pct(add, build)} (without)",
            ok(add / cold <= 0.4 if add and cold else None),
        ],
        [
            "add one opening a new month / cold build",
            "(monthly)",
            f"{_pct(month, cold)} (with the import), {_pct(month, build)} (without)",
            "—",
        ],
        [
            "peak memory",
            "< 1.5 GB",
            f"{_f(peak, '{:.0f}')} MiB (largest process), {_f(tree, '{:.0f}')} MiB (all processes)",
            ok(tree < 1430 if tree else None),
        ],
    ]
    return f"Checked at N = {r.n:,}:\n\n" + markdown(["target", "goal", "measured", "met"], rows) + "\n"


def results_markdown(env: dict[str, str], results: list[SizeResult], command: str) -> str:
    header, rows = summary_rows(results)
    dheader, drows = detail_rows(results)
    cheader, crows = cpu_rows(results)
    gheader, grows = growth_rows(results)
    commands = " and ".join(f"`{c}`" for c in command.split(MERGED))
    growth = (
        f"""
## Growth

Each step's time and peak memory from one N to the next; growth close to linear has factors near
the *articles* factor.

{markdown(gheader, grows)}
"""
        if grows
        else ""
    )
    return f"""# Benchmark results

Measured on {env["date"]}, commit `{env["commit"]}`, with {commands}.

Machine: {env["machine"]}; Python {env["python"]}, Pelican {env["pelican"]}, Markdown {env["markdown"]},
feedgen {env["feedgen"]}.

## Targets

{targets_text(results)}
## Summary

{markdown(header, rows)}

- *import art/s*: raw seeds cleaned, tagged and written as posts per second (`news-digest import`
  into an empty folder, interpreter start included); *import cores*: CPU time / wall time.
- *ours cold*: `pelican` with no output, no cache and no posts, so the import runs inside;
  *ours cold build*: the same with the posts already written and the import off, the part
  comparable with *plain cold* (plain Pelican 4.12, no plugin, default theme, countries and people as
  tags, tag feeds, default paginated tag/category/author pages, the same reader and cache settings).
- *ratio cold* = ours cold / plain cold; *ratio build* = ours cold build / plain cold.
- *warm*: the same command again, nothing changed; *add-one*: one newer seed added to the N.
- *peak*: largest resident set of any process of the cold, warm and add-one builds.
- With `--repeat R`, every figure is the fastest of R runs (all runs are listed under *Every step*).

## The same in CPU seconds

Other processes shared this 2-core machine during some steps (*others' cores* is the CPU they used
meanwhile, from /proc/stat); CPU seconds are less sensitive to that than wall-clock seconds.

{markdown(cheader, crows)}
{growth}
## Data

{sizes_table(results)}
{patches_text(results)}
## Every step

{markdown(dheader, drows)}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--with-50k", action="store_true", help="also N = 50,000")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per subprocess (default 1800)")
    parser.add_argument("--python", default=sys.executable, help="interpreter to run pelican and the import")
    parser.add_argument("--workdir", type=Path, default=BENCH / "work")
    parser.add_argument(
        "--rev",
        help="benchmark this commit's plugins/theme/pelicanconf (git archive) instead of the working tree",
    )
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=60,
        metavar="SECONDS",
        help="before each step, wait up to SECONDS for other processes to go quiet (default 60; 0: never)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="R",
        help="run every step R times and keep the fastest (default 1)",
    )
    parser.add_argument("--skip-plain", action="store_true", help="do not build the plain Pelican baseline")
    parser.add_argument(
        "--write-results", type=Path, metavar="FILE", help="also write the tables to FILE (Markdown)"
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="measure nothing: print (and --write-results) the tables of earlier runs' results.json "
        "(several files are merged by N)",
    )
    args = parser.parse_args(argv)
    if args.from_json:
        env, results = load_results(args.from_json)
        return report(env, results, args, argv)
    sizes = list(dict.fromkeys(args.sizes + ([50000] if args.with_50k else [])))
    if args.rev:
        args.rev = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", args.rev], capture_output=True, text=True, check=True
        ).stdout.strip()
    env = environment(args.python, args.rev)
    env["command"] = " ".join(["python bench/run.py", *(argv if argv is not None else sys.argv[1:])])
    print(f"bench: {env['commit']} on {env['machine']}", file=sys.stderr)
    args.workdir.mkdir(parents=True, exist_ok=True)
    remove(args.workdir / TRASH)  # left by an interrupted run
    results: list[SizeResult] = []
    try:
        for n in sizes:
            results.append(bench_size(n, args, args.python))
            (args.workdir / "results.json").write_text(
                json.dumps({"env": env, "results": [asdict(r) for r in results]}, indent=2),
                encoding="utf-8",
            )
    finally:
        remove(args.workdir / TRASH)

    report(env, results, args, argv)
    failed = [s for r in results for s in r.steps.values() if s.status in ("failed",)]
    return 1 if failed else 0


def report(env: dict[str, str], results: list[SizeResult], args: argparse.Namespace, argv) -> int:
    header, rows = summary_rows(results)
    cheader, crows = cpu_rows(results)
    gheader, grows = growth_rows(results)
    print("\n" + text_table(header, rows))
    print("\n" + text_table(cheader, crows))
    if grows:
        print("\n" + text_table(gheader, grows))
    print("\n" + markdown(header, rows))
    print("\n" + markdown(cheader, crows))
    if args.write_results:
        command = env.get("command", "python bench/run.py")
        args.write_results.write_text(results_markdown(env, results, command), encoding="utf-8")
        print(f"\nwrote {args.write_results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
