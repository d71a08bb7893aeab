"""The tagger's vocabulary: dateparser's Indonesian locale plus `data/temporal/lexicon.toml`.

Everything here is a lookup table keyed by lower-cased words, built once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from dateparser.data.date_translation_data import id as dateparser_id

from timeline.resources import load_toml

_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class PartOfDay:
    code: str
    start_hour: int
    end_hour: int


@dataclass(frozen=True)
class Lexicon:
    month_full: dict[str, int]
    month_any: dict[str, int]
    weekdays: dict[str, int]
    weekend_pair: tuple[str, str]
    weekday_display: dict[int, str]
    numeral_units: dict[str, float]
    numeral_multipliers: dict[str, int]
    numeral_teen: frozenset[str]
    numeral_fraction: frozenset[str]
    numeral_vague: frozenset[str]
    numeral_times_signs: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, int]]
    se_units: dict[str, str]
    reduplicated_units: dict[str, str]
    vague_durations: tuple[str, ...]
    duration_tails: tuple[str, ...]
    calendar_units: dict[str, str]
    relative: dict[str, tuple[str, int]]
    counted_relative: tuple[str, ...]
    deictic_days: dict[str, int]
    date_suffixes: dict[str, str]
    year_relative: tuple[str, ...]
    range_words: tuple[str, ...]
    anaphoric: dict[str, tuple[str, int]]
    parts_of_day: dict[str, PartOfDay]
    pm_codes: frozenset[str]
    not_pm: frozenset[str]
    deictic_parts_of_day: dict[str, tuple[int, str]]
    same_day_suffixes: tuple[str, ...]
    narrative_day_suffixes: tuple[str, ...]
    clock_introducers: tuple[str, ...]
    clock_phrases: dict[str, tuple[int, int]]
    timezones: dict[str, str]
    local_time_word: str
    modifiers: dict[str, str]
    modifiers_with_bare_unit: tuple[str, ...]
    bare_units: tuple[str, ...]
    seasons: dict[str, str]
    periods: dict[str, tuple[str, int]]
    set_every: tuple[str, ...]
    set_adjectives: dict[str, str]
    vague: dict[str, str]
    vague_after_words: tuple[str, ...]
    vague_after: dict[str, str]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    stop_before_duration: tuple[str, ...]
    before_counted: frozenset[str]
    stop_before_year: frozenset[str]
    stop_after_year: frozenset[str]
    stop_before_weekday: frozenset[str]
    name_prone: frozenset[str]
    law_number_words: frozenset[str]  # lower case, without a final dot
    function_words: frozenset[str]
    coordination_words: tuple[str, ...]
    dashes: tuple[str, ...]


def _lower_map(pairs: dict[str, Any]) -> dict[str, Any]:
    return {key.lower(): value for key, value in pairs.items()}


def _month_names(data: dict[str, Any]) -> tuple[dict[str, int], dict[str, int]]:
    ignore = {word.lower() for word in data["ignore"]}
    full: dict[str, int] = {}
    abbreviations: dict[str, int] = {}
    for number, key in enumerate(_MONTH_KEYS, start=1):
        for name in dateparser_id.info[key]:
            lowered = name.lower()
            if lowered in ignore:
                continue
            # dateparser lists full names and abbreviations together; a name of more than four
            # letters (or "mei", which is the full name) is a full name.
            target = full if len(lowered) > 4 or lowered in {"mei", "juni", "juli"} else abbreviations
            target[lowered] = number
    for number, names in data["full"].items():
        full.update({name.lower(): int(number) for name in names})
    for number, names in data["abbreviations"].items():
        abbreviations.update({name.lower(): int(number) for name in names})
    return full, {**abbreviations, **full}


def _weekday_names(data: dict[str, Any]) -> dict[str, int]:
    names: dict[str, int] = {}
    for number, key in enumerate(_WEEKDAY_KEYS, start=1):
        names.update({name.lower(): number for name in dateparser_id.info[key] if len(name) >= data["min_length"]})
    for number, extra in data["extra"].items():
        names.update({name.lower(): int(number) for name in extra})
    return names


_DATEPARSER_DAY = re.compile(r"(in )?(\d+) day( ago)?")


def _dateparser_day_words() -> dict[str, int]:
    """Day words of dateparser's Indonesian relative expressions: kemarin -1, besok +1, hari ini 0."""
    words: dict[str, int] = {}
    for meaning, phrases in dateparser_id.info["relative-type"].items():
        found = _DATEPARSER_DAY.fullmatch(meaning)
        if found and (found[1] or found[3]):
            words.update({phrase.lower(): int(found[2]) * (-1 if found[3] else 1) for phrase in phrases})
    return words


def _weekday_display(names: dict[str, int]) -> dict[int, str]:
    """One name per ISO weekday number, for messages: the first full name dateparser lists."""
    display: dict[int, str] = {}
    for name, number in names.items():
        display.setdefault(number, name.capitalize())
    return display


@cache
def lexicon() -> Lexicon:
    data = load_toml("temporal/lexicon.toml")
    month_full, month_any = _month_names(data["months"])
    numerals = data["numerals"]
    pod_pm = data["parts_of_day_pm"]
    deictic_pods = dict(data["deictic_parts_of_day"])
    same_day_suffixes = tuple(deictic_pods.pop("same_day_suffixes"))
    narrative_day_suffixes = tuple(deictic_pods.pop("narrative_day_suffixes"))
    relative = dict(data["relative"])
    counted = tuple(relative.pop("counted"))
    modifiers = dict(data["modifiers"])
    with_bare = tuple(modifiers.pop("with_bare_unit"))
    bare_units = tuple(modifiers.pop("bare_units"))
    timezones = dict(data["timezones"])
    local_time_word = timezones.pop("local_time_word")
    stop = data["stop"]
    return Lexicon(
        month_full=month_full,
        month_any=month_any,
        weekdays=_weekday_names(data["weekdays"]),
        weekend_pair=tuple(data["weekdays"]["weekend_pair"]),
        weekday_display=_weekday_display(_weekday_names(data["weekdays"])),
        numeral_units=_lower_map(numerals["units"]),
        numeral_multipliers=_lower_map(numerals["multipliers"]),
        numeral_teen=frozenset(numerals["teen"]),
        numeral_fraction=frozenset(numerals["fraction"]),
        numeral_vague=frozenset(numerals["vague"]),
        numeral_times_signs=tuple(numerals["times_signs"]),
        ordinals={word.lower(): int(number) for number, words in data["ordinals"].items() for word in words},
        units={word: (designator, int(amount)) for word, (designator, amount) in data["units"].items()},
        se_units=dict(data["units_with_se"]["words"]),
        reduplicated_units=dict(data["units_vague_reduplicated"]["words"]),
        vague_durations=tuple(data["durations_vague"]["phrases"]),
        duration_tails=tuple(data["duration_tails"]["phrases"]),
        calendar_units=dict(data["calendar_units"]),
        relative={word: (base, int(direction)) for word, (base, direction) in relative.items()},
        counted_relative=counted,
        deictic_days={**_dateparser_day_words(), **{word: int(offset) for word, offset in data["deictic_days"].items()}},
        date_suffixes=dict(data["suffixes"]["tense"]),
        year_relative=tuple(data["suffixes"]["year_relative"]),
        range_words=tuple(data["coordination"]["range_words"]),
        anaphoric={word: (unit, int(offset)) for word, (unit, offset) in data["anaphoric_days"].items()},
        parts_of_day={word: PartOfDay(code, int(a), int(b)) for word, (code, a, b) in data["parts_of_day"].items()},
        pm_codes=frozenset(pod_pm["codes"]),
        not_pm=frozenset(pod_pm["not_pm"]),
        deictic_parts_of_day={word: (int(offset), pod) for word, (offset, pod) in deictic_pods.items()},
        same_day_suffixes=same_day_suffixes,
        narrative_day_suffixes=narrative_day_suffixes,
        clock_introducers=tuple(data["clock"]["introducers"]),
        clock_phrases={word: (int(h), int(m)) for word, (h, m) in data["clock"]["phrases"].items()},
        timezones=timezones,
        local_time_word=local_time_word,
        modifiers=_lower_map(modifiers),
        modifiers_with_bare_unit=with_bare,
        bare_units=bare_units,
        seasons=dict(data["seasons"]),
        periods={word: (kind, int(count)) for word, (kind, count) in data["periods"].items()},
        set_every=tuple(data["sets"]["every"]),
        set_adjectives=dict(data["sets"]["adjectives"]),
        vague=_lower_map(data["vague"]),
        vague_after_words=tuple(data["vague_after"]["words"]),
        vague_after=_lower_map(data["vague_after"]["phrases"]),
        future_cues=tuple(data["cues"]["future"]),
        past_cues=tuple(data["cues"]["past"]),
        stop_before_duration=tuple(stop["before_duration"]),
        before_counted=frozenset(data["durations"]["before_counted"]),
        stop_before_year=frozenset(stop["before_year"]),
        stop_after_year=frozenset(word.lower() for word in stop["after_year"]),
        stop_before_weekday=frozenset(stop["before_weekday"]),
        name_prone=frozenset(word.lower() for word in stop["name_prone"]),
        law_number_words=frozenset(word.rstrip(".").lower() for word in stop["law_number_words"]),
        function_words=frozenset(stop["function_words"]),
        coordination_words=tuple(data["coordination"]["words"]),
        dashes=tuple(data["coordination"]["dashes"]),
    )


def alternation(words: Any) -> str:
    """A regex alternation of literal phrases, any run of spaces between words, as a character trie:
    of the phrases that match at a position the longest is tried first, as in a longest-first list."""
    return "(?:" + character_trie(sorted({" ".join(word.split()) for word in words}), space=r"\s+") + ")"


def character_trie(words: Iterable[str], space: str | None = None) -> str:
    """A regex alternation of literal words as a character trie (one branch per next character instead
    of one per word), which Python's regex engine runs several times faster. Optional continuations
    are greedy, so the longest word wins. With `space`, a space in a word matches that regex instead."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_source(tree, space)


def _trie_source(node: dict[str, dict], space: str | None) -> str:
    branches = [
        (space if char == " " and space else re.escape(char)) + _trie_source(node[char], space)
        for char in sorted(node)
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def parse_numeral(words: str) -> float | None:
    """Value of a numeral in digits ("5,5", "14") or words ("dua puluh lima", "satu setengah")."""
    lex = lexicon()
    text = words.strip().lower()
    if text[:1].isdigit():
        try:
            return float(text.replace(".", "").replace(",", ".")) if "," in text else float(text.replace(".", ""))
        except ValueError:
            return None
    total = 0.0
    current = 0.0
    for token in text.split():
        if token in lex.numeral_units:
            current += lex.numeral_units[token]
        elif token in lex.numeral_teen:
            current += 10
        elif token in lex.numeral_multipliers:
            factor = lex.numeral_multipliers[token]
            if factor >= 1000:
                total += (current or 1) * factor
                current = 0
            else:
                current = (current or 1) * factor
        elif token in lex.numeral_fraction:
            current += 0.5
        else:
            return None
    return total + current
