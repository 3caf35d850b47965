"""Tag stage: `Article` -> `Tags` (countries, organisations, officials with their titles).

Countries and organisations come from the gazetteer's matches in the article's `Document`;
people from the registry and from VNA's naming patterns (`people.py`).
"""

from __future__ import annotations

from news_digest.article import Article, Official, Tags
from news_digest.tagging.document import Document
from news_digest.tagging.gazetteer import Gazetteer, gazetteer
from news_digest.tagging.mentions import Mention
from news_digest.tagging.name_rules import expand
from news_digest.tagging.people import PeopleFinder


def written_forms(doc: Document, mentions: list[Mention]) -> dict[str, str]:
    """Each person's fullest form as the article writes it ("Luis Inácio Lula da Silva" for the
    registry's "Luiz Inacio Lula da Silva"): the mention of most words, the first of those, never
    a short form, nor one that starts with a title ("President Ho Chi Minh")."""
    forms: dict[str, str] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        words = doc.text[mention.start : mention.end].split()
        if len(words) < 2 or words[0] in doc.rules.title_words:
            continue
        if len(words) > len(forms.get(mention.name, "").split()):
            forms[mention.name] = " ".join(words)
    return forms


def tag(article: Article, gaz: Gazetteer | None = None) -> Tags:
    """Countries, organisations and officials named in an article."""
    doc = Document(article, gaz or gazetteer())
    found = PeopleFinder(doc).find()
    titles: dict[str, list[str]] = {}
    countries: dict[str, list[str]] = {}
    for mention in found.mentions:
        titles.setdefault(mention.name, [])
        countries.setdefault(mention.name, [])
        if mention.title:
            titles[mention.name].append(mention.title)
        if mention.country:
            countries[mention.name].append(mention.country)
    written = written_forms(doc, found.mentions)
    officials = [
        Official(
            name=name,
            country=found.people[name].country or next(iter(countries[name]), None),
            title=expand(titles[name][0], doc.rules) if titles[name] else None,
            in_registry=name in doc.gaz.people,
            written=written[name] if written.get(name, name) != name else None,
        )
        for name in titles  # in order of first mention
    ]
    return Tags(
        country_codes=doc.countries(),
        organisations=doc.organisations(),
        officials=officials,
        aliases=found.aliases,
    )
