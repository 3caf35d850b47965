"""The word lists of names.toml as sets and patterns, built once per process: what the people
finder (`people.py`) and the title reader (`titles.py`) ask of a word."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from news_digest.matching import Phrases
from news_digest.tagging.gazetteer import gazetteer

# Where a sentence ends, for a name at the start of one.
SENTENCE_END = frozenset({".", "!", "?", "\n", ":", ";", "“", '"'})


@dataclass(frozen=True)
class NameRules:
    """The word lists of names.toml as sets, built once per process."""

    heads: frozenset[str]
    any_case_heads: frozenset[str]  # also "spokesman", "head": lower case inside a sentence
    post_heads: frozenset[str]  # heads that name a post: no honorific ("Dr"), no rank ("Gen.")
    role_heads: frozenset[str]  # heads that name a role: no honorific (a rank is one)
    title_words: frozenset[str]
    lower_case_title_words: frozenset[str]  # "spokesman", "general": title words inside a sentence
    event_words: frozenset[str]  # "Meeting", "Summit": end a title, never start a role
    connectors: frozenset[str]
    particles: frozenset[str]
    final_particles: frozenset[str]  # "uulu" of "Nurlanbek Turgunbek uulu"
    never_names: frozenset[str]  # title words and names.toml's not_names, less the particles
    common_word_names: frozenset[str]  # "May", "He": a given name only right after a title
    never_short_forms: frozenset[str]  # title words and common words ("He" of "He Wei")
    place_suffixes: frozenset[str]
    run_breaking_places: frozenset[str]  # place suffixes that end a name run ("Street", not "Park")
    vietnamese_run_breaking_places: frozenset[str]  # those that end a Vietnamese name's ("Park")
    vn_surnames: frozenset[str]
    vietnamese_name_words: frozenset[str]  # "An" of "Tran Van An"
    surname_title_words: frozenset[str]  # "West" of "Catherine West said"
    country_words_in_names: frozenset[str]  # "Thai" of "Nguyen Van Thai"
    cn_surnames: frozenset[str]
    either_order_countries: frozenset[str]
    role_references: dict[str, list[str]]
    role_phrases: Phrases
    role_reference_determiners: frozenset[str]
    abbreviations: dict[str, str]
    abbreviation_pattern: re.Pattern[str]  # longest first
    honorifics: frozenset[str]
    ranks: frozenset[str]
    rank_services: frozenset[str]  # "Police" of "Police General"
    plural_titles: frozenset[str]  # "Ministers": a person's name after it, but no one's role
    honorific_followers: frozenset[str]  # "Sri" of "Dato' Sri": a given name elsewhere
    honorific_openers: frozenset[str]  # "Tan" of "Tan Sri": a family name elsewhere
    name_honorifics: frozenset[str]  # "Haji", "Awang": left off the start of a name
    not_role_words: frozenset[str]  # "counterpart", "new", "his": never a role on their own
    single_name_heads: frozenset[str]  # "Pope", "King": one word after them is a name
    appointment: re.Pattern[str]  # " on her appointment as (the new) " after a name
    person_cue: re.Pattern[str]  # "congratulated ", "message to " at the end of the text before a name
    place_prepositions: frozenset[str]  # "in", "at": a name after them may be a place's
    posting: re.Pattern[str]  # "to (the) " before a country: "Ambassador to Japan" is not Japanese


@cache
def name_rules() -> NameRules:
    names = gazetteer().names
    heads = frozenset(names["title_heads"])
    roles = names["role_references"]
    abbreviations = names["title_abbreviations"]
    longest_first = sorted(abbreviations, key=lambda a: (-len(a), a))
    title_words = frozenset(names["title_words"]) | heads
    particles = frozenset(names["name_particles"])
    common = frozenset(names["common_word_names"])
    any_case = heads | {h.lower() for h in heads}
    honorifics = frozenset(names["honorifics"])
    ranks = frozenset(names["ranks"])
    return NameRules(
        heads=heads,
        any_case_heads=any_case,
        post_heads=any_case - honorifics - ranks,
        role_heads=any_case - honorifics,
        title_words=title_words,
        lower_case_title_words=frozenset(
            word.lower() for word in title_words if word == word.capitalize() and word != word.lower()
        )
        - frozenset(names["not_lower_case_title_words"])
        - {word.lower() for word in names["event_words"]},
        event_words=frozenset(names["event_words"]),
        connectors=frozenset(names["title_connectors"]) | {"’", "'"},
        particles=particles,
        final_particles=frozenset(names["final_particles"]),
        never_names=(title_words | frozenset(names["not_names"]) | common) - particles,
        common_word_names=common,
        never_short_forms=title_words | common | frozenset(names["vietnamese_name_words"]),
        place_suffixes=frozenset(names["place_suffixes"]),
        run_breaking_places=frozenset(names["place_suffixes"]) - frozenset(names["surname_place_words"]),
        vietnamese_run_breaking_places=frozenset(names["place_suffixes"])
        - frozenset(names["vietnamese_name_place_words"]),
        vn_surnames=frozenset(names["vietnamese_surnames"]),
        vietnamese_name_words=frozenset(names["vietnamese_name_words"]),
        surname_title_words=frozenset(names["surname_title_words"]),
        country_words_in_names=frozenset(names["country_words_in_names"]),
        cn_surnames=frozenset(names["chinese_surnames"]),
        either_order_countries=frozenset(names["either_order_countries"]),
        role_references=roles,
        role_phrases=Phrases(roles),  # first listed wins
        role_reference_determiners=frozenset(names["role_reference_determiners"]),
        abbreviations=abbreviations,
        abbreviation_pattern=re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)"),
        honorifics=honorifics,
        ranks=ranks,
        rank_services=frozenset(names["rank_services"]),
        plural_titles=frozenset(names["plural_titles"]),
        honorific_followers=frozenset(names["honorific_followers"]),
        honorific_openers=frozenset(names["honorific_openers"]),
        name_honorifics=frozenset(names["name_honorifics"]),
        not_role_words=frozenset(names["not_role_words"]),
        single_name_heads=frozenset(names["single_name_heads"]),
        appointment=_appointment_pattern(names),
        person_cue=re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names["person_cues"])) + r")\s+$"),
        place_prepositions=frozenset(names["place_prepositions"]),
        posting=re.compile(r"\b(?:" + "|".join(map(re.escape, names["posting_words"])) + r")\s+(?:the\s+)?$"),
    )


def _appointment_pattern(names: dict) -> re.Pattern[str]:
    """What comes between a name and the post it is given: "on her appointment as (the new)",
    ", who was elected (as)"."""
    appointment = "|".join(map(re.escape, names["appointment_words"]))
    verbs = "|".join(map(re.escape, names["appointment_verbs"]))
    return re.compile(
        rf"(?:\s+on\s+(?:the\s+occasion\s+of\s+)?(?:his|her|their)\s+(?:{appointment})\s+as"
        rf"|\s*,\s+who\s+(?:was|has\s+been|had\s+been|is)\s+(?:newly\s+)?(?:{verbs})(?:\s+as)?)"
        r"\s+(?:the\s+)?(?:(?:new|next)\s+)?"
    )


def expand(title: str, rules: NameRules) -> str:
    """Abbreviations written out: "Deputy PM" -> "Deputy Prime Minister" (longest first)."""
    return rules.abbreviation_pattern.sub(lambda m: rules.abbreviations[m.group()], title)
