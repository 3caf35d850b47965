"""Articles tagged per second of CPU time, one process: the tag stage (`tagging.tag.tag`) alone.

The corpus is N generated seeds (`generate.py`) and the 19 real articles of `tests/fixtures/`
(the five samples and the fourteen examples). Reading and cleaning them (the extract stage) is
done first, outside the timing; then every article is tagged, R times over, and each pass is
timed with `time.process_time()` (CPU seconds of this process) and `time.perf_counter()` (wall).
The figures are the best and the median pass.

    .venv/bin/python bench/tag_rate.py                          # N = 2,000, 5 passes
    .venv/bin/python bench/tag_rate.py --n 5000 --seed 1 --repeat 3
    .venv/bin/python bench/tag_rate.py --dump /tmp/tags.json    # every article's tags, to compare
    .venv/bin/python bench/tag_rate.py --plugins /tmp/old/plugins   # another tree's package

`--plugins` imports `news_digest` from that folder (the `plugins/` of another checkout, such as
`git worktree add /tmp/old main`), for figures side by side; the corpus is the same, since the
generator is always this tree's. Timings on a shared machine drift: run old and new in turn,
several times, and compare medians.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
FIXTURES = ROOT / "tests" / "fixtures"

sys.path.insert(0, str(BENCH))
from generate import generate  # noqa: E402


def real_seeds() -> list[Path]:
    """The five samples and the fourteen real examples, in name order."""
    samples = sorted((FIXTURES / "samples").glob("*.txt"))
    return samples + sorted((FIXTURES / "examples" / "raw").glob("*.txt"))


def import_stages(plugins: Path | None) -> tuple[ModuleType, ModuleType, ModuleType]:
    """The extract, seed-reading and tag modules, from `plugins` when given."""
    if plugins is not None:
        sys.path.insert(0, str(plugins.resolve()))
    clean = importlib.import_module("news_digest.extract.clean")
    seeds = importlib.import_module("news_digest.extract.seeds")
    tag = importlib.import_module("news_digest.tagging.tag")
    if plugins is not None and plugins.resolve() not in Path(tag.__file__).resolve().parents:
        raise SystemExit(f"tag_rate: news_digest was imported from {tag.__file__}, not {plugins}")
    return clean, seeds, tag


def corpus(n: int, seed: int, clean: ModuleType, seeds: ModuleType) -> list[tuple[str, Any]]:
    """(name, Article) of every seed that the extract stage accepts."""
    raws = generate(n, seed) if n else []
    raws += [(path.name, seeds.decode(path.read_bytes())) for path in real_seeds()]
    articles = []
    for name, raw in raws:
        try:
            articles.append((name, clean.extract(raw, name)))
        except clean.ExtractionError:
            continue  # a generated noise-only seed, say: nothing to tag
    return articles


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--n", type=int, default=2000, help="generated seeds (default 2,000)")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over all articles (default 5)")
    parser.add_argument("--plugins", type=Path, help="import news_digest from this folder")
    parser.add_argument("--dump", type=Path, help="write every article's tags (JSON) to this file")
    args = parser.parse_args(argv)

    clean, seeds, tagging = import_stages(args.plugins)
    articles = corpus(args.n, args.seed, clean, seeds)
    tag = tagging.tag
    tag(articles[0][1])  # data files loaded, patterns compiled: not part of the rate

    cpu, wall, tags = [], [], []
    for _ in range(args.repeat):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        tags = [tag(article) for _name, article in articles]
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)

    if args.dump:
        names = [name for name, _article in articles]
        dump = [{"article": name, **dataclasses.asdict(t)} for name, t in zip(names, tags, strict=True)]
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    where = Path(tagging.__file__).resolve().parents[2]
    print(
        f"tag stage of {where}: {len(articles)} articles ({args.n} generated, seed {args.seed}),"
        f" {args.repeat} passes"
    )
    if not cpu:
        return 0
    count = len(articles)
    for label, times in (("cpu", cpu), ("wall", wall)):
        best, median = min(times), statistics.median(times)
        print(
            f"  {label:<4} articles/s: best {count / best:7.0f}  median {count / median:7.0f}"
            f"   ms/article: best {1000 * best / count:.3f}  median {1000 * median / count:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
