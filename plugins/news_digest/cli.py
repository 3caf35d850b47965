"""The `news-digest` command: `extract` prints the extraction contract, `import` writes posts,
`serve` previews the site and rebuilds it when a seed changes, `people candidates` / `people add NAME`
grow the people registry from the seeds."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from news_digest.article import Article, Tags
from news_digest.posts.importer import import_seeds, process_seed
from news_digest.registry import RegistryError, add_person, default_registry, find_candidates
from news_digest.settings import DEFAULTS, IMPORT_CACHE_NAME, REPORT_NAME, SEEDS_DIR
from news_digest.site import lock
from news_digest.tagging.gazetteer import gazetteer


def extraction_record(source_file: str, article: Article, tags: Tags) -> dict:
    """One line of `news-digest extract` output (the contract in DESIGN.md). People under the
    fullest name the article writes (the site files them under the registry's canonical name)."""
    countries = gazetteer().countries
    written = {o.name: o.written or o.name for o in tags.officials}
    return {
        "source_file": source_file,
        "title": article.title,
        "lead": article.lead,
        "dateline": article.dateline,
        "source": article.source,
        "date": article.date.isoformat() if article.date else None,
        "date_confidence": article.date_confidence,
        "date_basis": article.date_basis,
        "paragraphs": article.paragraphs,
        "captions": article.captions,
        "countries": [countries[c].name for c in tags.country_codes],
        "country_codes": tags.country_codes,
        "organisations": tags.organisations,
        "officials": list(written.values()),
        "official_aliases": {short: written.get(name, name) for short, name in tags.aliases.items()},
        "official_titles": {written[o.name]: o.title for o in tags.officials if o.title},
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


def cmd_serve(args: argparse.Namespace) -> int:
    from news_digest.serve import serve  # loads watchfiles: only for this command

    return serve(Path(args.project), args.settings, args.port, args.bind)


def cmd_people_candidates(args: argparse.Namespace) -> int:
    candidates = [c for c in find_candidates(Path(args.seeds)) if len(c.articles) >= args.min_articles]
    if args.json:
        for candidate in candidates:
            print(json.dumps(candidate.as_dict(), ensure_ascii=False))
        return 0
    for candidate in candidates:
        titles = "; ".join(title for title, _n in candidate.titles.most_common(2)) or "-"
        print(f"{candidate.name}\t{candidate.country or '-'}\t{len(candidate.articles)}\t{titles}")
    print(f"news-digest: {len(candidates)} people not in the registry", file=sys.stderr)
    return 0


def cmd_people_add(args: argparse.Namespace) -> int:
    candidate = next((c for c in find_candidates(Path(args.seeds)) if c.name == args.name), None)
    if candidate is None and not args.force:
        print(
            f"news-digest: {args.name!r} is not a candidate in {args.seeds} (--force adds anyway)",
            file=sys.stderr,
        )
        return 1
    country = args.country or (candidate.country if candidate else None)
    roles = args.role or ([t for t, _n in candidate.titles.most_common()] if candidate else [])
    registry = Path(args.registry) if args.registry else default_registry()
    try:
        entry = add_person(registry, args.name, country, roles, args.alias)
    except RegistryError as error:
        print(f"news-digest: {error}", file=sys.stderr)
        return 1
    print(entry, end="")
    articles = len(candidate.articles) if candidate else 0
    print(f"news-digest: added to {registry}; {articles} articles name them", file=sys.stderr)
    return 0


SEEDS_HELP = f"folder of raw articles (default: {SEEDS_DIR})"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="news-digest", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="print the extraction of raw article files as JSON Lines")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.set_defaults(func=cmd_extract)
    imp = sub.add_parser("import", help="turn seeds/ into Markdown posts in content/posts/")
    imp.add_argument("--seeds", default=SEEDS_DIR, help=SEEDS_HELP)
    imp.add_argument(
        "--posts", default=f"content/{DEFAULTS['POSTS_DIR']}", help="folder the posts are written to"
    )
    imp.add_argument("--report", default=REPORT_NAME, help="JSON report of every seed's fate")
    imp.add_argument("--strict", action="store_true", help="exit non-zero when any seed was rejected")
    imp.add_argument(
        "--cache",
        default=f"cache/{IMPORT_CACHE_NAME}",
        help="reuse the results of unchanged seeds from this file ('' to disable)",
    )
    imp.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    imp.set_defaults(func=cmd_import)
    srv = sub.add_parser(
        "serve", help="build, serve on localhost and rebuild when seeds/ or the theme change"
    )
    srv.add_argument("--project", default=".", help="the project folder (default: the current one)")
    srv.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file, in the project")
    srv.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    srv.add_argument("--bind", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    srv.set_defaults(func=cmd_serve)
    people = sub.add_parser("people", help="grow the people registry (people.toml) from the seeds")
    people_sub = people.add_subparsers(dest="people_command", required=True)
    candidates = people_sub.add_parser(
        "candidates", help="list the officials of the seeds not in the registry"
    )
    candidates.add_argument("--seeds", default=SEEDS_DIR, help=SEEDS_HELP)
    candidates.add_argument(
        "--min-articles", type=int, default=1, help="only people named in this many articles"
    )
    candidates.add_argument("--json", action="store_true", help="one JSON object a line")
    candidates.set_defaults(func=cmd_people_candidates)
    add = people_sub.add_parser("add", help="append a candidate to the registry, in the file's own format")
    add.add_argument("name", metavar="NAME", help="the name exactly as `people candidates` lists it")
    add.add_argument("--seeds", default=SEEDS_DIR, help=SEEDS_HELP)
    add.add_argument("--country", help="ISO code (default: the one the articles give)")
    add.add_argument("--role", action="append", help="a role (repeatable; default: the articles' titles)")
    add.add_argument("--alias", action="append", default=[], help="another full form (repeatable)")
    add.add_argument("--registry", help="the people.toml to append to (default: the package's)")
    add.add_argument("--force", action="store_true", help="add a name the seeds do not give")
    add.set_defaults(func=cmd_people_add)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
