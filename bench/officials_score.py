"""Scores the tagger's officials, countries and roles against hand-made gold.

    python bench/officials_score.py tests/fixtures/unseen         # raw/*.txt + gold/*.json
    python bench/officials_score.py tests/fixtures/examples
    python bench/officials_score.py --raw tests/fixtures/samples --gold tests/fixtures/samples-gold

A gold file (`NN.json`) has `officials` (names as the article writes them in full, strict: a
country word glued on or a given name left off is a miss; `"A | B"` takes either form, the
registry's canonical name beside the article's) and `country_codes`; it may have
`official_titles`, `{name: [the roles the article gives that person]}`, where an empty list
means the article gives no role. Roles are compared with their abbreviations written out
("Foreign Minister" is "Minister of Foreign Affairs"), as the tagger gives them. A predicted
role not in that list is a wrong role (a person left out of `official_titles`, or given no
role, is not judged). Prints precision, recall and F1 of officials and of countries, the
wrong roles, and each article's errors (`-v`: every article).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from news_digest.cli import extraction_record  # noqa: E402
from news_digest.posts.importer import process_seed  # noqa: E402
from news_digest.tagging.name_rules import expand, name_rules  # noqa: E402


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: list[str], expected: list[str]) -> tuple[list[str], list[str]]:
        """Counts one article; returns what was found wrongly and what was missed."""
        extra = [x for x in dict.fromkeys(predicted) if x not in expected]
        missed = [x for x in dict.fromkeys(expected) if x not in predicted]
        self.tp += len(set(predicted) & set(expected))
        self.fp += len(extra)
        self.fn += len(missed)
        return extra, missed

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Score:
    """The figures over a folder of articles."""

    officials: Counts = field(default_factory=Counts)
    countries: Counts = field(default_factory=Counts)
    roles_judged: int = 0
    wrong_roles: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def score_article(raw: Path, gold: dict, score: Score, verbose: bool) -> None:
    """Adds one article's figures to `score`, and a line for each of its errors."""
    item = process_seed(str(raw), follow_links=True)
    if item.error:
        score.lines.append(f"{raw.name}: error {item.error}")
        score.officials.fn += len(gold["officials"])
        return
    record = extraction_record(str(raw), item.article, item.tags)
    expected = [names.split(" | ")[0] for names in gold["officials"]]
    other_forms = {n: names.split(" | ")[0] for names in gold["officials"] for n in names.split(" | ")}
    predicted = [other_forms.get(name, name) for name in record["officials"]]
    extra, missed = score.officials.add(predicted, expected)
    c_extra, c_missed = score.countries.add(record["country_codes"], gold["country_codes"])
    notes = []
    if extra:
        notes.append(f"  officials not in gold: {extra}")
    if missed:
        notes.append(f"  officials missed: {missed}")
    if c_extra or c_missed:
        notes.append(f"  countries extra {c_extra} missed {c_missed}")
    rules = name_rules()
    for name, roles in gold.get("official_titles", {}).items():
        given = record["official_titles"].get(name)
        if name not in record["officials"] or given is None:
            continue
        score.roles_judged += 1
        if expand(given, rules) not in {expand(role, rules) for role in roles}:
            score.wrong_roles.append(f"{raw.name}: {name}: {given!r} (gold {roles})")
            notes.append(f"  wrong role: {name}: {given!r} (gold {roles})")
    if notes or verbose:
        score.lines.append(f"{raw.name}: {record['officials']} {record['official_titles']}")
        score.lines.extend(notes)


def score_folder(raw_dir: Path, gold_dir: Path, verbose: bool = False) -> Score:
    score = Score()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        score_article(raw_dir / (gold_path.stem + ".txt"), gold, score, verbose)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", help="a folder with raw/ and gold/")
    parser.add_argument("--raw", help="the folder of raw articles (instead of FOLDER/raw)")
    parser.add_argument("--gold", help="the folder of gold files (instead of FOLDER/gold)")
    parser.add_argument("-v", "--verbose", action="store_true", help="a line for every article")
    args = parser.parse_args(argv)
    if not args.folder and not (args.raw and args.gold):
        parser.error("give FOLDER, or --raw and --gold")
    raw_dir = Path(args.raw or Path(args.folder) / "raw")
    gold_dir = Path(args.gold or Path(args.folder) / "gold")
    score = score_folder(raw_dir, gold_dir, args.verbose)
    print("\n".join(score.lines))
    p, r, f = score.officials.scores()
    cp, cr, cf = score.countries.scores()
    print(f"officials  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({score.officials})")
    print(f"countries  P {cp:.3f}  R {cr:.3f}  F1 {cf:.3f}  ({score.countries})")
    print(f"roles      {len(score.wrong_roles)} wrong of {score.roles_judged} judged")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
