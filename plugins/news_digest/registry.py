"""The people registry grows from the import: `candidates` lists the officials the tagger found
by VNA's naming patterns who are not in people.toml yet, and `add` appends one of them to the
file in its own format, so that an editor adds a person in one command and the next build (whose
cache is keyed on the data files) links every article naming them to their page."""

from __future__ import annotations

import json
import logging
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from news_digest.posts.importer import find_seeds, process_seed
from news_digest.tagging.gazetteer import gazetteer
from news_digest.tagging.name_rules import name_rules
from news_digest.tagging.names import guess_name_order

log = logging.getLogger(__name__)

MAX_ROLES = 3


@dataclass
class Candidate:
    """A person named in the seeds who is not in the registry."""

    name: str
    titles: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    articles: list[str] = field(default_factory=list)

    @property
    def country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "titles": [title for title, _n in self.titles.most_common()],
            "country": self.country,
            "articles": self.articles,
        }


def default_registry() -> Path:
    """people.toml of this package (in an editable install, the project's own file)."""
    return Path(str(files(__package__) / "data" / "people.toml"))


def find_candidates(seeds_dir: Path) -> list[Candidate]:
    """Officials of the seeds not in the registry, most articles first, then by name."""
    found: dict[str, Candidate] = {}
    for seed in find_seeds(seeds_dir):
        if seed.hidden:
            continue
        path, name = seed.key
        item = process_seed(path)
        if item.error or item.tags is None:
            continue
        for official in item.tags.officials:
            if official.in_registry:
                continue
            candidate = found.setdefault(official.name, Candidate(official.name))
            candidate.articles.append(name)
            if official.title:
                candidate.titles[official.title] += 1
            if official.country:
                candidate.countries[official.country] += 1
    return sorted(found.values(), key=lambda c: (-len(c.articles), c.name))


def _toml_string(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's for these characters)."""
    return json.dumps(value, ensure_ascii=False)


def person_entry(name: str, country: str | None, roles: list[str], aliases: list[str]) -> str:
    """A [[person]] table as people.toml writes them."""
    lines = ["[[person]]", f"name = {_toml_string(name)}"]
    if country:
        lines.append(f"country = {_toml_string(country)}")
    lines.append(f"name_order = {_toml_string(guess_name_order(name, country, name_rules()))}")
    lines.append(f"aliases = [{', '.join(map(_toml_string, aliases))}]")
    lines.append(f"roles = [{', '.join(map(_toml_string, roles))}]")
    return "\n".join(lines) + "\n"


class RegistryError(ValueError):
    """The person cannot be added: already there, unknown country, or a clash of names."""


def add_person(
    registry: Path,
    name: str,
    country: str | None,
    roles: list[str],
    aliases: list[str] | None = None,
) -> str:
    """Append `name` to the registry file; returns the entry written."""
    aliases = aliases or []
    current = tomllib.loads(registry.read_text("utf-8"))
    people = current.get("person", [])
    taken = {form for entry in people for form in (entry["name"], *entry.get("aliases", []))}
    clashes = [form for form in (name, *aliases) if form in taken]
    if clashes:
        raise RegistryError(f"already in the registry: {', '.join(clashes)}")
    if country and country not in gazetteer().countries:
        raise RegistryError(f"unknown country code {country!r} (see countries.toml)")
    entry = person_entry(name, country, roles[:MAX_ROLES], aliases)
    text = registry.read_text("utf-8")
    addition = ("" if text.endswith("\n") else "\n") + "\n" + entry
    tomllib.loads(text + addition)  # never leave the file unreadable
    with registry.open("a", encoding="utf-8") as handle:
        handle.write(addition)
    log.info("added %s to %s", name, registry)
    return entry
