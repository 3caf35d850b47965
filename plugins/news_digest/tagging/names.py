"""Forms of one person's name in an article: the same name with or without accents ("Esperança"
and "Esperanca"), or with more words in between ("Carlos Agostinho do Rosario"), and a name's
order (given name first or last) guessed from its words."""

from __future__ import annotations

import unicodedata

from news_digest.tagging.gazetteer import HOME_COUNTRY
from news_digest.tagging.name_rules import NameRules


def longer_names(names: list[str]) -> dict[tuple[str, ...], str]:
    """The first of `names` that starts or ends with more words, for each run of words that
    begins or ends one of them: "Mohamad Bin Haji" -> "Mohamad Bin Haji Hasan"."""
    longer: dict[tuple[str, ...], str] = {}
    for name in names:
        words = tuple(name.split())
        for n in range(1, len(words)):
            longer.setdefault(words[:n], name)
            longer.setdefault(words[-n:], name)
    return longer


def _plain(name: str) -> str:
    """The name without accents: "Esperança" and "Esperanca" are one person's."""
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _fuller_name(name: str, names: list[str]) -> str | None:
    """The first other name in `names` that is this one with the accents left off or put on
    (one that comes before it in `names`), or with the same first and last words and more in
    between ("Carlos do Rosario" is "Carlos Agostinho do Rosario")."""
    earlier = True  # the spelling met first is kept
    for other in names:
        if other == name:
            earlier = False
            continue
        if earlier and len(other) == len(name) and _plain(other) == _plain(name):
            return other
        if _is_longer_form(name, other):
            return other
    return None


def _is_longer_form(name: str, other: str) -> bool:
    """`other` has the same first and last words as `name` and more words in between."""
    words = name.split()
    if len(other) <= len(name) or len(words) < 2:
        return False
    if not (other.startswith(words[0] + " ") and other.endswith(" " + words[-1])):
        return False
    rest = iter(other.split())
    return all(word in rest for word in words)  # a subsequence, in order


def fuller_names(names: list[str]) -> dict[str, str | None]:
    """`_fuller_name(name, names)` of every name, from the names grouped by their plain form and
    by their first and last words: linear however many names an article has (comparing each
    name with all the others took minutes for thousands)."""
    first_index: dict[str, int] = {}
    by_plain: dict[str, list[str]] = {}
    by_ends: dict[tuple[str, str], list[str]] = {}
    for name in names:
        if name in first_index:
            continue
        first_index[name] = len(first_index)
        words = name.split()
        by_plain.setdefault(_plain(name), []).append(name)
        by_ends.setdefault((words[0], words[-1]), []).append(name)
    found: dict[str, str | None] = {}
    for name, index in first_index.items():
        words = name.split()
        same = [o for o in by_plain[_plain(name)] if first_index[o] < index and len(o) == len(name)]
        longer = [o for o in by_ends[(words[0], words[-1])] if _is_longer_form(name, o)]
        candidates = [*same, *longer]
        found[name] = min(candidates, key=first_index.__getitem__) if candidates else None
    return found


class KnownNames:
    """The names found so far in an article, for another form of one of them met later."""

    def __init__(self, names: list[str]) -> None:
        self.plain: set[str] = set()
        self.by_first: dict[str, list[str]] = {}
        for name in dict.fromkeys(names):
            self.add(name)

    def add(self, name: str) -> None:
        self.plain.add(_plain(name))
        self.by_first.setdefault(name.split()[0], []).append(name)

    def other_form_of(self, words: list[str]) -> bool:
        """ "Esperanca Bias" after "Esperança Bias", "Carlos do Rosario" after "Carlos
        Agostinho do Rosario"."""
        if len(words) < 2:
            return False
        name = " ".join(words)
        if _plain(name) in self.plain:
            return True
        return any(_fuller_name(name, [other]) for other in self.by_first.get(words[0], ()))


def guess_name_order(name: str, country: str | None, rules: NameRules) -> str:
    """The registry's `name_order` of a name not in it, from its words (see people.toml)."""
    words = name.split()
    if len(words) == 1:
        return "mononym"
    if any(w.lower() in ("bin", "binti", "bint") for w in words):
        return "malay"
    if words[0] in rules.vn_surnames and country in (None, HOME_COUNTRY):
        return "vietnamese"
    if words[0] in rules.cn_surnames and len(words) <= 3:
        return "chinese"
    if country in rules.either_order_countries and len(words) == 2:
        return "either"
    return "western"
