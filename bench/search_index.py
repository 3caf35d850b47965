"""What the search index costs at archive sizes: CPU time, peak memory, files and their sizes.

    python bench/search_index.py                  # N = 10,000 and 50,000
    python bench/search_index.py --sizes 2000

The texts are 2,000 generated articles (bench/generate.py), raw, used over and over; each use
gets words of its own (a number and a made-up name), as real articles bring new names, so the
vocabulary grows with N. Each size runs in a fresh subprocess: its peak resident memory is that of
the index alone beside the texts (`ru_maxrss`, the texts' share measured before indexing).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
POOL = 2000


def one_size(n: int) -> dict[str, float]:
    sys.path.insert(0, str(BENCH.parent / "plugins"))
    sys.path.insert(0, str(BENCH))
    from generate import generate
    from news_digest.site.search_index import SearchEntry, SearchIndex

    texts = [text for _name, text in generate(POOL, 0)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    index = SearchIndex()
    for number in range(n):
        text = texts[number % POOL]
        title = text.strip().split("\n", 1)[0][:120]
        own = f" article{number} Name{number * 7919 % 1000003:x} "
        entry = SearchEntry(
            f"{number}/", title, "1 May 2025", "2025-05-01", text[:400], ("Japan",), ("Le Hoai Trung",)
        )
        index.add(entry, text + own)
    added = time.process_time()
    sizes: dict[str, int] = {}  # the bytes are written in a build, not kept: only their sizes
    for name, data in index.files():
        sizes[name] = len(data)
    done = time.process_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    buckets = sorted(size for name, size in sizes.items() if name.startswith("words/"))
    return {
        "n": n,
        "index_s": added - started,
        "files_s": done - added,
        "ms_per_article": 1000 * (done - started) / n,
        "peak_mib": peak / 1024,
        "index_mib": (peak - before) / 1024,
        "files": len(sizes),
        "total_mb": sum(sizes.values()) / 1e6,
        "bucket_median_kb": buckets[len(buckets) // 2] / 1e3,
        "bucket_max_kb": buckets[-1] / 1e3,
        "filters_kb": sizes["filters.json"] / 1e3,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 50000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a size, in this process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one)))
        return 0
    print(
        f"{'N':>7} {'CPU s':>7} {'ms/art':>7} {'peak MiB':>9} {'index MiB':>10} {'files':>6} "
        f"{'MB':>6} {'bucket KB (median/max)':>23} {'filters KB':>10}"
    )
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        ).stdout
        r = json.loads(out)
        print(
            f"{n:>7,} {r['index_s'] + r['files_s']:7.1f} {r['ms_per_article']:7.2f} {r['peak_mib']:9.0f} "
            f"{r['index_mib']:10.0f} {r['files']:6,} {r['total_mb']:6.1f} "
            f"{r['bucket_median_kb']:>11.1f} / {r['bucket_max_kb']:<9.1f} {r['filters_kb']:10.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
