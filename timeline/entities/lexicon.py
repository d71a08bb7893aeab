"""Lookup tables for entity recognition, built once per process.

Country names come from Babel's CLDR territory names in Indonesian mapped to
ISO 3166-1 alpha-3 with pycountry, and Indonesian provinces from pycountry's
subdivisions; our data files under `timeline/data/actors/` add only what no
library has (short forms, capitals standing for governments, organisations,
titles, word lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache

import babel
import pycountry
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from timeline.resources import load_toml, load_tsv


class Category(Enum):
    COUNTRY = "country"
    CAPITAL = "capital"
    ORGANIZATION = "organization"
    PLACE = "place"
    TITLE = "title"
    HONORIFIC = "honorific"
    FUNCTION = "function"
    CALENDAR = "calendar"  # a weekday or month name: silent alone, but part of `Mei Ling` or `Pasar Minggu`
    ORG_HEAD = "org_head"
    LOC_HEAD = "loc_head"


_SILENT = frozenset({Category.FUNCTION, Category.CALENDAR, Category.HONORIFIC, Category.TITLE, Category.ORG_HEAD, Category.LOC_HEAD})


@dataclass(frozen=True, slots=True)
class Entry:
    category: Category
    name: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: dict[str, Entry]
    widths: dict[str, int]  # first word of an entry -> most words an entry starting with it has
    silent: frozenset[str]  # one-word entries that name no one on their own: function words, titles, heads
    title_modifiers: frozenset[str]
    lower_titles: dict[str, str]
    title_last_words: frozenset[str]  # last words of the lower-cased titles, to reject most words at once
    person_verbs_after: frozenset[str]
    person_verbs_before: frozenset[str]
    location_cues: frozenset[str]
    street_heads: frozenset[str]
    given_name_heads: frozenset[str]
    workplace_words: frozenset[str]
    honorifics: frozenset[str]
    group_pattern: re.Pattern[str]
    demonym_heads: frozenset[str]
    apposition: re.Pattern[str]
    name_particles: tuple[str, ...]
    conjunctions: frozenset[str]
    national_heads: frozenset[str]
    organization_suffixes: frozenset[str]
    nouns_modified_by_country: frozenset[str]  # `dollar AS`, `patokan AS`: the country names no actor
    country_owned_nouns: frozenset[str]  # `produksi minyak Irak`: ... unless what the noun names is the country's
    month_names: frozenset[str]  # calendar words that are also family names (`Budi Ramadhan`); weekdays are not
    subject_verb_prefixes: tuple[str, ...]
    date_lead_words: frozenset[str]
    non_name_words: frozenset[str]
    non_name_endings: tuple[str, ...]


def _alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def _cldr_countries() -> dict[str, str]:
    """Indonesian CLDR names of every ISO country; `Myanmar (Burma)` gives both names."""
    names: dict[str, str] = {}
    for code, name in babel.Locale("id").territories.items():
        if len(code) != 2 or not (alpha3 := _alpha3(code)):
            continue
        main, _, alternative = name.partition(" (")
        names[main.strip()] = alpha3
        if alternative and alpha3 not in ("CCK",):
            names[alternative.rstrip(")").strip()] = alpha3
    return names


def _indonesian_provinces() -> dict[str, str]:
    return {subdivision.name: "IDN" for subdivision in pycountry.subdivisions.get(country_code="ID")}


def _first_letter_variants(word: str) -> tuple[str, ...]:
    return (word, word[0].lower() + word[1:]) if word[0].isupper() else (word, word[0].upper() + word[1:])


def _widths(entries: dict[str, Entry]) -> dict[str, int]:
    widths: dict[str, int] = {}
    for surface in entries:
        words = surface.split()
        widths[words[0]] = max(widths.get(words[0], 1), len(words))
    return widths


def _trie_pattern(words: list[str]) -> str:
    """An alternation factored by shared prefixes, longest first: the regex engine tries one branch per
    character instead of every word at every position."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        optional = "" in node
        if len(branches) == 1 and not optional:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")

    return render(trie)


@cache
def lexicon() -> Lexicon:
    words = load_toml("actors/words.toml")
    entries: dict[str, Entry] = {}

    def add(surface: str, entry: Entry) -> None:
        entries.setdefault(surface, entry)

    # Order sets precedence when a surface form has two readings: names before heads and titles.
    for row in load_tsv("actors/organizations.tsv"):
        add(row["surface"], Entry(Category.ORGANIZATION, row["name"], row["iso3"] or None))
    for name, alpha3 in _cldr_countries().items():
        add(name, Entry(Category.COUNTRY, name, alpha3))
    for row in load_tsv("actors/country_aliases.tsv"):
        add(row["alias"], Entry(Category.COUNTRY, row["alias"], row["iso3"]))
    for row in load_tsv("actors/capitals.tsv"):
        add(row["name"], Entry(Category.CAPITAL, row["name"], row["iso3"]))
    for row in load_tsv("actors/places.tsv"):
        add(row["name"], Entry(Category.PLACE, row["name"], row["iso3"] or None))
    for name, alpha3 in _indonesian_provinces().items():
        add(name, Entry(Category.PLACE, name, alpha3))
    locale = babel.Locale("id")
    months = [*locale.months["format"]["wide"].values(), *words["hijri_months"]]
    calendar_words = [*locale.days["format"]["wide"].values(), *months]
    for word in words["function_words"]:
        add(word, Entry(Category.FUNCTION, word))
    for name in words["non_actor_names"]:
        add(name, Entry(Category.FUNCTION, name))
    for word in calendar_words:
        add(word, Entry(Category.CALENDAR, word))
    for row in load_tsv("actors/titles.tsv"):
        for variant in _first_letter_variants(row["title"]):
            add(variant, Entry(Category.TITLE, row["title"]))
    for word in words["honorifics"]:
        add(word, Entry(Category.HONORIFIC, word))
    for word in words["organization_heads"]:
        add(word, Entry(Category.ORG_HEAD, word))
    for word in words["location_heads"]:
        add(word, Entry(Category.LOC_HEAD, word))

    lower_titles = {row["title"].lower(): row["title"] for row in load_tsv("actors/titles.tsv")}
    openers = _trie_pattern(words["apposition_openers"])
    titles = _trie_pattern(list(lower_titles))
    return Lexicon(
        entries=entries,
        widths=_widths(entries),
        silent=frozenset(
            surface
            for surface, entry in entries.items()
            if " " not in surface and entry.category in _SILENT and surface.lower() not in words["person_verbs_before"]
        ),
        title_modifiers=frozenset(words["title_modifiers"]),
        lower_titles=lower_titles,
        title_last_words=frozenset(title.split()[-1] for title in lower_titles),
        person_verbs_after=frozenset(words["person_verbs_after"]),
        person_verbs_before=frozenset(words["person_verbs_before"]),
        location_cues=frozenset(words["location_cues"]),
        street_heads=frozenset(words["street_heads"]),
        given_name_heads=frozenset(words["given_name_heads"]),
        workplace_words=frozenset(words["workplace_words"]),
        honorifics=frozenset(word.lower() for word in words["honorifics"]),
        # A literal leading space lets the regex engine jump between candidates; the match starts one
        # character before the group word.
        group_pattern=re.compile(" " + _trie_pattern(words["group_words"]) + r"\b"),
        demonym_heads=frozenset(words["demonym_heads"]),
        apposition=re.compile(rf",\s+(?:(?:{openers})\s+)?((?i:{titles}))\b"),
        name_particles=tuple(words["name_particles"]),
        conjunctions=frozenset(words["conjunctions"]),
        national_heads=frozenset(words["national_organization_heads"]),
        organization_suffixes=frozenset(words["organization_suffixes"]),
        nouns_modified_by_country=frozenset(words["nouns_modified_by_country"]),
        country_owned_nouns=frozenset(words["country_owned_nouns"]),
        month_names=frozenset(months),
        subject_verb_prefixes=tuple(words["subject_verb_prefixes"]),
        date_lead_words=frozenset(words["date_lead_words"]),
        non_name_words=frozenset([*words["non_name_words"], *words["organization_suffixes"]]),
        non_name_endings=tuple(words["non_name_endings"]),
    )


@cache
def _stemmer():
    # The plain stemmer: the factory's CachedStemmer keeps an unbounded dict; `is_vocabulary_word` is bounded.
    return StemmerFactory().create_stemmer().delegatedStemmer


# The shapes PySastrawi strips (prefixes di-, ke-, se-, be-, me-, pe-, te-; suffixes -i, -kan, -an, -nya, -lah,
# -kah, -tah, -pun, -ku, -mu): a word with none of them is its own root, and the slow stemmer is not asked.
_AFFIXED_SHAPE = re.compile(r"(?:di|ke|se|be|me|pe|te).*|.*(?:i|an|nya|lah|kah|tah|pun|ku|mu)")


@lru_cache(maxsize=1 << 16)
def is_affixed_word(word: str) -> bool:
    """Whether a word, in any case, is an affixed form of a root in PySastrawi's dictionary (`Bendungan`,
    `Seusai`, `meresmikan`)."""
    lowered = word.lower()
    if not lowered.isalpha() or not _AFFIXED_SHAPE.fullmatch(lowered):
        return False
    stemmer = _stemmer()
    return not stemmer.dictionary.contains(lowered) and stemmer.stem(lowered) != lowered


@lru_cache(maxsize=1 << 16)
def is_vocabulary_word(word: str) -> bool:
    """Whether a word, in any case, is an ordinary Indonesian word: a root in PySastrawi's dictionary or an
    affixed form of one (`Namun`, `Selain`, `Bendungan`). Names mostly are not (`Widodo`, `Jatigede`),
    though some are also common words (`Budi`, `Dewi`, `Kim`). A hyphenated word is ordinary when all its parts
    are (`Undang-Undang`, not `Jong-un`)."""
    if "-" in word:
        return all(part and is_vocabulary_word(part) for part in word.split("-"))
    return _stemmer().dictionary.contains(word.lower()) or is_affixed_word(word)
