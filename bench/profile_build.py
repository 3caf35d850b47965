"""Profile the import and the cold build at one size; write the hotspots to bench/PROFILE.md.

    python bench/profile_build.py                 # N = 5000, reuses bench/work/ours-5000 when run.py made it
    python bench/profile_build.py --n 10000 --plain

Runs, each under cProfile in a fresh subprocess:
  import   `news-digest import --workers 1` into an empty posts folder (one process, so that the
           cleaning and tagging show up; the real import spreads the same work over the cores)
  build    our cold build without the import (posts written, output/ and cache/ removed)
  plain    (--plain) plain Pelican's cold build of the same posts, for comparison
cProfile adds overhead to every Python call, so the absolute times are higher than run.py's;
the shares are what to read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pstats
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import generate, write  # noqa: E402
from run import (  # noqa: E402
    NOIMPORT_SETTINGS,
    PLAIN_SETTINGS,
    copy_project,
    country_names,
    environment,
    patch_known_bugs,
    remove,
    write_plain_posts,
)

# Phases of a build: (label, file suffix, function name); cumulative time of each.
PHASES = [
    ("plugin import (seeds -> posts)", "news_digest/posts/importer.py", "import_seeds"),
    ("  read seeds", "news_digest/extract/seeds.py", "read_seed_bytes"),
    ("  clean (clean.extract)", "news_digest/extract/clean.py", "extract"),
    ("    find_date", "news_digest/extract/clean.py", "find_date"),
    ("  tag (tag.tag)", "news_digest/tagging/tag.py", "tag"),
    ("    Document.__init__ (tokens, gazetteer scans)", "news_digest/tagging/document.py", "__init__"),
    ("      tokenize", "news_digest/tagging/tag.py", "tokenize"),
    ("    people (PeopleFinder.find)", "news_digest/tagging/people.py", "find"),
    ("      _pattern_mentions", "news_digest/tagging/people.py", "_pattern_mentions"),
    ("      short_mentions", "news_digest/tagging/short_forms.py", "short_mentions"),
    ("  re.compile at run time (all callers)", "re/_compiler.py", "compile"),
    ("  find_duplicates", "news_digest/posts/plan.py", "find_duplicates"),
    ("  assign_paths", "news_digest/posts/plan.py", "assign_paths"),
    ("  render_post", "news_digest/posts/render.py", "render_post"),
    ("  write_posts", "news_digest/posts/importer.py", "write_posts"),
    ("  process_all (clean + tag of every seed)", "news_digest/posts/importer.py", "process_all"),
    (
        "Pelican: read + parse posts (ArticlesGenerator.generate_context)",
        "pelican/generators.py",
        "generate_context",
    ),
    ("  Markdown reader", "pelican/readers.py", "read_file"),
    ("  ours: link_neighbours (enrich, prev/next, related)", "news_digest/plugin.py", "link_neighbours"),
    ("  Pelican: period archives (grouping)", "pelican/generators.py", "_build_period_archives"),
    ("ours: build_site (taxonomy)", "news_digest/site/model.py", "build_site"),
    ("Pelican: feeds (generate_feeds)", "pelican/generators.py", "generate_feeds"),
    ("Pelican: article pages (generate_articles)", "pelican/generators.py", "generate_articles"),
    ("Pelican: index (generate_direct_templates)", "pelican/generators.py", "generate_direct_templates"),
    ("Pelican: period archives pages", "pelican/generators.py", "generate_period_archives"),
    ("Pelican: tag pages (generate_tags)", "pelican/generators.py", "generate_tags"),
    ("Pelican: category pages (generate_categories)", "pelican/generators.py", "generate_categories"),
    ("Pelican: author pages (generate_authors)", "pelican/generators.py", "generate_authors"),
    ("ours: NewsDigestGenerator.generate_output", "news_digest/site/pages.py", "generate_output"),
    ("  ours: country/organisation/person pages", "news_digest/site/pages.py", "_write_term"),
    ("  ours: feeds (_write_feeds)", "news_digest/site/pages.py", "_write_feeds"),
    ("    feedgen: build_feed", "news_digest/site/feeds.py", "build_feed"),
    ("    feedgen: write_feed (serialise)", "news_digest/site/feeds.py", "write_feed"),
    ("  ours: sitemap", "news_digest/site/pages.py", "_write_sitemap"),
    ("Jinja: render (all templates)", "jinja2/environment.py", "render"),
    ("Pelican: Writer.write_file (all pages)", "pelican/writers.py", "write_file"),
    ("Pelican: Writer.write_feed", "pelican/writers.py", "write_feed"),
    ("Pelican: content cache save", "pelican/cache.py", "save_cache"),
]


def short(path: str) -> str:
    for marker in ("site-packages/", "/plugins/", "/lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def fn_label(key: tuple[str, int, str]) -> str:
    file, line, name = key
    return f"{name} ({short(file)}:{line})" if file != "~" else name


def find(stats: pstats.Stats, suffix: str, name: str) -> float | None:
    total = None
    for (file, _line, fname), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if fname == name and file.replace("\\", "/").endswith(suffix):
            total = max(total or 0.0, ct)
    return total


def top(stats: pstats.Stats, key: int, count: int) -> list[tuple[str, int, float, float]]:
    rows = []
    for fn, (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((fn_label(fn), nc, tt, ct))
    rows.sort(key=lambda r: r[key], reverse=True)
    return rows[:count]


def report(title: str, prof: Path, wall: float, count: int = 25) -> str:
    stats = pstats.Stats(str(prof))
    total = stats.total_tt  # type: ignore[attr-defined]
    lines = [f"## {title}", "", f"Wall time under cProfile: {wall:.1f} s; profiled time {total:.1f} s.", ""]
    phases = [(label, find(stats, suffix, name)) for label, suffix, name in PHASES]
    phases = [(label, t) for label, t in phases if t]
    if phases:
        lines += ["### Phases (cumulative)", "", "| phase | s | % |", "| --- | ---: | ---: |"]
        lines += [f"| {label} | {t:.2f} | {100 * t / total:.0f} |" for label, t in phases]
        lines.append("")
    for heading, key in (("by cumulative time", 3), ("by own time", 2)):
        lines += [
            f"### Top {count} {heading}",
            "",
            "| function | calls | own s | cumulative s |",
            "| --- | ---: | ---: | ---: |",
        ]
        for label, nc, tt, ct in top(stats, key, count):
            lines.append(f"| `{label}` | {nc} | {tt:.2f} | {ct:.2f} |")
        lines.append("")
    return "\n".join(lines)


def profiled(cmd: list[str], out: Path, cwd: Path, env: dict[str, str], log: Path) -> float:
    print(f"  profiling: {' '.join(cmd)}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    with open(log, "wb") as handle:
        subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(out), *cmd],
            cwd=cwd,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            check=True,
        )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=BENCH / "work")
    parser.add_argument(
        "--rev", help="profile this commit's plugins/theme/pelicanconf instead of the working tree"
    )
    parser.add_argument("--plain", action="store_true", help="also profile plain Pelican's cold build")
    parser.add_argument("--out", type=Path, default=BENCH / "PROFILE.md")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--from-profiles",
        action="store_true",
        help="profile nothing: write the Markdown again from the profiles of an earlier run at --n",
    )
    args = parser.parse_args(argv)
    profs = args.workdir / "profiles"
    profs.mkdir(parents=True, exist_ok=True)
    meta_path = profs / f"run-{args.n}.json"
    if args.from_profiles:
        meta = json.loads(meta_path.read_text("utf-8"))
    else:
        meta = run_profiles(args, profs, argv)
        meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")

    titles = {
        "import": f"Import of {args.n:,} seeds, one process (`--workers 1`)",
        "build": f"Our cold build of {args.n:,} articles, import off (posts already written)",
        "plain": f"Plain Pelican's cold build of the same {args.n:,} posts",
    }
    sections = [
        report(titles[kind], profs / f"{kind}-{args.n}.prof", wall, args.top)
        for kind, wall in meta["walls"].items()
    ]
    header = [
        "# Profile",
        "",
        f"Measured on {meta['date']}, commit `{meta['commit']}`, machine {meta['machine']}, "
        f"Python {meta['python']}, Pelican {meta['pelican']}; with `{meta['command']}`.",
        "",
        "cProfile adds overhead to every Python call: read the shares, not the absolute seconds.",
        "The raw profiles are in `bench/work/profiles/` (`python -m pstats FILE`, or snakeviz).",
        "",
    ]
    if meta["patches"]:
        header += ["The benchmark patched its copy of the project for:", ""]
        header += [f"- {p}" for p in meta["patches"]] + [""]
    args.out.write_text("\n".join(header + sections) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def run_profiles(args: argparse.Namespace, profs: Path, argv: list[str] | None) -> dict:
    site = args.workdir / f"profile-{args.n}"
    remove(site)
    copy_project(site, args.rev)
    patches = patch_known_bugs(site)
    (site / "bench_noimport.py").write_text(NOIMPORT_SETTINGS, encoding="utf-8")
    seeds = args.workdir / f"ours-{args.n}" / "seeds"
    if seeds.is_dir() and len(list(seeds.iterdir())) >= args.n:
        shutil.copytree(seeds, site / "seeds")
        for extra in sorted((site / "seeds").glob("zz_added_*")):
            extra.unlink()
    else:
        write(site / "seeds", generate(args.n, args.seed))
    env = {**os.environ, "PYTHONPATH": str(site / "plugins"), "PYTHONDONTWRITEBYTECODE": "1"}
    n = args.n
    walls = {}
    imp = [
        "-m",
        "news_digest.cli",
        "import",
        "--workers",
        "1",
        "--seeds",
        "seeds",
        "--posts",
        "content/posts",
    ]
    imp += ["--report", "import-report.json"]
    walls["import"] = profiled(imp, profs / f"import-{n}.prof", site, env, profs / f"import-{n}.log")
    remove(site / "output", site / "cache")
    build = ["-m", "pelican", "-s", "bench_noimport.py"]
    walls["build"] = profiled(build, profs / f"build-{n}.prof", site, env, profs / f"build-{n}.log")
    if args.plain:
        plain = args.workdir / f"profile-plain-{n}"
        remove(plain)
        write_plain_posts(site / "content" / "posts", plain / "content" / "posts", country_names(site))
        (plain / "plainconf.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
        cmd = ["-m", "pelican", "-s", "plainconf.py"]
        walls["plain"] = profiled(cmd, profs / f"plain-{n}.prof", plain, env, profs / f"plain-{n}.log")
    info = environment(sys.executable, args.rev)
    command = " ".join(["python bench/profile_build.py", *(argv if argv is not None else sys.argv[1:])])
    return {
        **info,
        "date": dt.date.today().isoformat(),
        "command": command,
        "patches": patches,
        "walls": walls,
    }


if __name__ == "__main__":
    sys.exit(main())
