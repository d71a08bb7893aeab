"""Trigger lexicon, morphology and cue words, loaded once from `timeline/data/events/`.

Lemmas come from PySastrawi's stemmer (slow uncached, so every word is stemmed at most
once per process) corrected by `morphology.tsv`. A cheap n-gram prefilter keeps words that
cannot contain a trigger root away from the stemmer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from timeline.resources import load_toml, load_tsv

DATA = "events"
PARTICLES = ("nya", "lah", "kah", "pun")
# Initial consonants that meN-/peN- replace by a nasal (tegas → menegaskan): the rest of the root survives.
NASALISED = frozenset("ptks")


class LexiconError(ValueError):
    """The event data files contradict each other (an unknown event type, a malformed row)."""


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    event_type: str
    bare: bool


@dataclass(frozen=True, slots=True)
class MultiwordEntry:
    rest: tuple[str, ...]
    event_type: str
    lemma: str


@dataclass(frozen=True, slots=True, eq=False)  # one instance per process: identity is its hash
class Cues:
    negation: frozenset[str]
    auxiliaries: frozenset[str]
    planned: frozenset[str]
    hypothetical: frozenset[str]
    reported: frozenset[str]
    postposed_reporting: frozenset[str]
    attribution: frozenset[str]
    light_verbs: frozenset[str]
    light_verb_gap: int
    clause_conjunctions: tuple[str, ...]
    complementizers: tuple[str, ...]
    subject_sharing: frozenset[str]
    relative: frozenset[str]
    anaphora: frozenset[str]
    anaphora_window: int
    agent_prepositions: frozenset[str]
    target_prepositions: frozenset[str]
    companion_words: frozenset[str]
    pronouns: frozenset[str]
    coordinators: frozenset[str]
    currencies: frozenset[str]
    time_prepositions: frozenset[str]
    time_coordinators: frozenset[str]
    since_words: frozenset[str]
    since_dated_types: frozenset[str]
    since_trend_types: frozenset[str]
    until_words: frozenset[str]
    qualified_nouns: frozenset[str]
    time_restatements: frozenset[str]
    comparatives: frozenset[str]
    subordinators: frozenset[str]
    occasion_words: tuple[str, ...]
    publication_types: frozenset[str]
    location_prepositions: frozenset[str]
    economic_nouns: frozenset[str]
    economic_reach: int
    request_markers: frozenset[str]
    economic_senses: dict[str, str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    event_types: frozenset[str]
    triggers: dict[str, TriggerEntry]
    multiword: dict[str, tuple[MultiwordEntry, ...]]
    morphology: dict[str, str | None]
    cues: Cues
    grams3: frozenset[str]
    grams4: frozenset[str]


def _core(lemma: str) -> str:
    """The part of a root that survives every prefix: nasalisation may eat its first letter."""
    return lemma[1:] if lemma[0] in NASALISED and len(lemma) > 3 else lemma


def _cues(raw: dict) -> Cues:
    def words(key: str) -> frozenset[str]:
        return frozenset(word.lower() for word in raw[key])

    return Cues(
        negation=words("negation"),
        auxiliaries=words("auxiliaries"),
        planned=words("planned"),
        hypothetical=words("hypothetical"),
        reported=words("reported"),
        postposed_reporting=words("postposed_reporting"),
        attribution=words("attribution"),
        light_verbs=words("light_verbs"),
        light_verb_gap=int(raw["light_verb_gap"]),
        clause_conjunctions=tuple(raw["clause_conjunctions"]),
        complementizers=tuple(raw["complementizers"]),
        subject_sharing=words("subject_sharing"),
        relative=words("relative"),
        anaphora=words("anaphora"),
        anaphora_window=int(raw["anaphora_window"]),
        agent_prepositions=words("agent_prepositions"),
        target_prepositions=words("target_prepositions"),
        companion_words=words("companion_words"),
        pronouns=words("pronouns"),
        coordinators=words("coordinators"),
        currencies=words("currencies"),
        time_prepositions=words("time_prepositions"),
        time_coordinators=words("time_coordinators"),
        since_words=words("since_words"),
        since_dated_types=frozenset(raw["since_dated_types"]),
        since_trend_types=frozenset(raw["since_trend_types"]),
        until_words=words("until_words"),
        qualified_nouns=words("qualified_nouns"),
        time_restatements=words("time_restatements"),
        comparatives=words("comparatives"),
        subordinators=words("subordinators"),
        occasion_words=tuple(sorted(words("occasion_words"))),
        publication_types=frozenset(raw["publication_types"]),
        location_prepositions=words("location_prepositions"),
        economic_nouns=words("economic_nouns"),
        economic_reach=int(raw["economic_reach"]),
        request_markers=words("request_markers"),
        economic_senses={lemma.lower(): sense for lemma, sense in raw["economic_senses"].items()},
    )


@cache
def lexicon() -> Lexicon:
    event_types = frozenset(row["event_type"] for row in load_tsv(f"{DATA}/event_types.tsv"))

    def checked(event_type: str, where: str) -> str:
        if event_type not in event_types:
            raise LexiconError(f"{where}: unknown event type {event_type!r} (not in event_types.tsv)")
        return event_type

    triggers = {
        row["lemma"].lower(): TriggerEntry(
            checked(row["event_type"], f"triggers.tsv {row['lemma']}"), row["bare"] == "yes"
        )
        for row in load_tsv(f"{DATA}/triggers.tsv")
    }
    multiword: dict[str, list[MultiwordEntry]] = {}
    for row in load_tsv(f"{DATA}/multiword.tsv"):
        first, *rest = row["lemmas"].lower().split()
        if not rest:
            raise LexiconError(f"multiword.tsv: {row['lemmas']!r} has a single word; put it in triggers.tsv")
        entry = MultiwordEntry(tuple(rest), checked(row["event_type"], f"multiword.tsv {row['lemmas']}"), row["lemma"])
        multiword.setdefault(first, []).append(entry)
    morphology = {
        row["word"].lower(): (None if row["lemma"] == "-" else row["lemma"].lower())
        for row in load_tsv(f"{DATA}/morphology.tsv")
    }
    cues = _cues(load_toml(f"{DATA}/cues.toml"))
    for event_type in cues.publication_types:
        checked(event_type, "cues.toml publication_types")
    for lemma, sense in cues.economic_senses.items():
        if sense not in ("-", "ECONOMIC_ONLY"):
            checked(sense, f"cues.toml economic_senses {lemma}")
    cores = {_core(lemma) for lemma in (*triggers, *multiword)}
    return Lexicon(
        event_types=event_types,
        triggers=triggers,
        # Longest patterns first, so `konferensi tingkat tinggi` beats a shorter entry with the same start.
        multiword={first: tuple(sorted(entries, key=lambda e: -len(e.rest))) for first, entries in multiword.items()},
        morphology=morphology,
        cues=cues,
        grams3=frozenset(core for core in cores if len(core) == 3),
        grams4=frozenset(core[:4] for core in cores if len(core) >= 4),
    )


@cache
def _stemmer():
    # The factory's own CachedStemmer keeps an unbounded dict; the plain stemmer under an lru_cache is bounded.
    return StemmerFactory().create_stemmer().delegatedStemmer


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """PySastrawi's root of one lowercase word, with our corrections applied."""
    morphology = lexicon().morphology
    if word in morphology:
        return morphology[word] or word
    return _stemmer().stem(word)


def _may_hold_root(word: str, lex: Lexicon) -> bool:
    grams3, grams4 = lex.grams3, lex.grams4
    return any(word[i : i + 4] in grams4 for i in range(len(word) - 3)) or any(
        word[i : i + 3] in grams3 for i in range(len(word) - 2)
    )


@lru_cache(maxsize=1 << 17)
def lemma_of(word: str) -> str | None:
    """The lemma of a lowercase word when it may be (the start of) a trigger, else None."""
    lex = lexicon()
    if word in lex.morphology:
        return lex.morphology[word]
    base = strip_particle(word)  # "pemasangannya" is what "pemasangan" is
    if base in lex.morphology:
        return lex.morphology[base]
    if not _may_hold_root(word, lex):
        return None
    return _stemmer().stem(word)


def strip_particle(word: str) -> str:
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) > len(particle) + 2:
            return word[: -len(particle)]
    return word


def is_bare(word: str, lemma: str) -> bool:
    """True when the word is its lemma with at most a clitic particle: `kata`, `katanya`."""
    return word == lemma or strip_particle(word) == lemma or word.replace("-", "") == lemma
