"""The `news-digest` command: `extract` prints the extraction contract, `import` writes posts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import lock
from .article import Article, Tags
from .gazetteer import gazetteer
from .importer import import_seeds, process_seed


def extraction_record(source_file: str, article: Article, tags: Tags) -> dict:
    """One line of `news-digest extract` output (the contract in DESIGN.md)."""
    countries = gazetteer().countries
    return {
        "source_file": source_file,
        "title": article.title,
        "lead": article.lead,
        "dateline": article.dateline,
        "source": article.source,
        "date": article.date.isoformat() if article.date else None,
        "date_confidence": article.date_confidence,
        "paragraphs": article.paragraphs,
        "captions": article.captions,
        "countries": [countries[c].name for c in tags.country_codes],
        "country_codes": tags.country_codes,
        "organisations": tags.organisations,
        "officials": [o.name for o in tags.officials],
        "official_aliases": tags.aliases,
        "official_titles": {o.name: o.title for o in tags.officials if o.title},
    }


def cmd_extract(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        item = process_seed(path, follow_links=True)  # named by the operator, not found in seeds/
        if item.error:
            record = {"source_file": path, "error": item.error}
            print(f"news-digest: {path}: {item.error}", file=sys.stderr)
            status = 1
        else:
            record = extraction_record(path, item.article, item.tags)
        print(json.dumps(record, ensure_ascii=False))
    return status


def cmd_import(args: argparse.Namespace) -> int:
    if args.cache:  # the build's lock: one import or build at a time in this folder
        lock.hold(Path(args.cache).parent)
    report = import_seeds(
        Path(args.seeds),
        Path(args.posts),
        Path(args.report) if args.report else None,
        args.workers,
        Path(args.cache) if args.cache else None,
    )
    for line in report.summary_lines():
        print(line, file=sys.stderr)
    return 1 if args.strict and report.rejected else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="news-digest", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="print the extraction of raw article files as JSON Lines")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.set_defaults(func=cmd_extract)
    imp = sub.add_parser("import", help="turn seeds/ into Markdown posts in content/posts/")
    imp.add_argument("--seeds", default="seeds", help="folder of raw articles (default: seeds)")
    imp.add_argument("--posts", default="content/posts", help="folder the posts are written to")
    imp.add_argument("--report", default="import-report.json", help="JSON report of every seed's fate")
    imp.add_argument("--strict", action="store_true", help="exit non-zero when any seed was rejected")
    imp.add_argument(
        "--cache",
        default="cache/news-digest-import.pickle",
        help="reuse the results of unchanged seeds from this file ('' to disable)",
    )
    imp.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    imp.set_defaults(func=cmd_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
