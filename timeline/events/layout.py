"""The document's quotations and clauses, and word look-ups around a position.

Nothing here walks every word in Python: whole-text work is done by single regex passes, and words
are read only in small windows around candidate triggers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from timeline.models import Sentence

from .lexicon import Cues, lexicon

TOKEN = re.compile(r"\w+(?:[-‐]\w+)*")
NEXT_WORD = re.compile(r"[^\w\n]*?(\w+(?:[-‐]\w+)*)")
# Quotations stay inside a paragraph; an unclosed quote mark quotes nothing.
QUOTATION = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|«[^»\n]*»")
# What the modality cue patterns count as a word: a cue stands between characters outside `[\w-]`.
CUE_RUN = re.compile(r"[\w-]+")
# How far around a trigger words are read (characters): enough for five words before it.
LOOKBACK_CHARS = 80


def _word_or_hyphen(char: str) -> bool:
    r"""What `[\w-]` matches: `\w` is alphanumerics and the underscore."""
    return char.isalnum() or char in "_-"


class Clause(NamedTuple):
    start: int
    end: int
    sentence: int
    position: int  # 0 for the sentence's first clause
    cue: str | None  # the conjunction or complementizer that opens it, lowercase


class CueIndex(NamedTuple):
    """Where the cue words of one kind stand, sorted by start."""

    starts: list[int]
    ends: list[int]

    def any_within(self, start: int, end: int) -> bool:
        """True when a cue lies wholly inside [start, end)."""
        starts, ends = self.starts, self.ends
        index = bisect_left(starts, start)
        while index < len(starts) and starts[index] < end:
            if ends[index] <= end:
                return True
            index += 1
        return False


class Word(NamedTuple):
    start: int
    end: int
    text: str  # lowercase


@dataclass(frozen=True, slots=True)
class Layout:
    text: str
    lower: str  # same length as text
    # The whitespace-separated chunks that may hold a trigger word or a cue (not in QUIET_CHUNKS), with
    # their starts, in text order.
    chunks: list[tuple[int, str]]
    quotes: list[tuple[int, int]]
    clauses: list[Clause]
    clause_starts: list[int]
    sentence_spans: dict[int, tuple[int, int]]  # sentence index -> (start, end)
    # Modality cue words found in one regex pass, indexed by kind.
    hypothetical: CueIndex
    reported: CueIndex
    attribution: CueIndex
    before_cache: dict[tuple[int, int], list[str]]

    def clause_of(self, position: int) -> Clause:
        return self.clauses[max(0, bisect_right(self.clause_starts, position) - 1)]

    def quote_of(self, position: int) -> tuple[int, int] | None:
        if not self.quotes:
            return None
        index = bisect_right(self.quotes, (position, len(self.text) + 1)) - 1
        if index >= 0 and self.quotes[index][0] < position < self.quotes[index][1]:
            return self.quotes[index]
        return None

    def words_before(self, position: int, floor: int) -> list[str]:
        """The lowercase words ending before `position`, not reaching back past `floor` (nearest last).
        Several stages read the words before the same trigger; the list is shared, never mutate it."""
        key = (position, floor)
        words = self.before_cache.get(key)
        if words is None:
            start = max(floor, position - LOOKBACK_CHARS)
            words = TOKEN.findall(self.lower, start, position)
            # The window may have cut a word in two.
            if words and start > floor and start > 0 and self.lower[start - 1].isalnum():
                words = words[1:]
            self.before_cache[key] = words
        return words

    def words_after(self, position: int, count: int, limit: int | None = None) -> list[Word]:
        """Up to `count` words from `position`, stopping at a sentence-breaking newline or `limit`."""
        found: list[Word] = []
        end = len(self.text) if limit is None else limit
        while len(found) < count:
            match = NEXT_WORD.match(self.lower, position, end)
            if match is None:
                break
            found.append(Word(match.start(1), match.end(1), match.group(1)))
            position = match.end()
        return found


@cache
def _punctuation_boundary(cues: Cues) -> re.Pattern[str]:
    """A comma, semicolon or colon before a conjunction, or a quote mark. The pattern starts with one
    character class, which lets the regex engine skip ahead to candidates quickly."""
    conjunctions = _alternation(cues.clause_conjunctions)
    return re.compile(rf"[,;:“”\"«»](?:(?<=[,;:])\s*(?=(?:{conjunctions})\b)|(?<=[“”\"«»])\s*)")


def _complementizer_starts(lower: str, cues: Cues) -> list[int]:
    """Where a complementizer (`bahwa`) starts a clause without a comma; plain substring search."""
    starts = []
    for word in cues.complementizers:
        needle = " " + word.lower()
        position = lower.find(needle)
        while position >= 0:
            end = position + len(needle)
            if end == len(lower) or not lower[end].isalnum():
                starts.append(position + 1)
            position = lower.find(needle, end)
    return starts


def _alternation(words: tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(word.lower()) for word in sorted(words, key=lambda w: (-len(w), w)))


def _clauses(lower: str, sentences: list[Sentence], cues: Cues) -> list[Clause]:
    punctuation = [match.end() for match in _punctuation_boundary(cues).finditer(lower)]
    boundaries = sorted(punctuation + _complementizer_starts(lower, cues))
    conjunctions = {word.lower() for word in cues.clause_conjunctions}
    clauses: list[Clause] = []
    for sentence in sentences:
        start, end, index = sentence.start, sentence.end, sentence.index
        first = bisect_right(boundaries, start)
        inner = boundaries[first : bisect_left(boundaries, end, first)]
        if not inner:  # most sentences are one clause
            clauses.append(Clause(start, end, index, 0, None))
            continue
        clauses.append(Clause(start, inner[0], index, 0, None))
        for position, (clause_start, clause_end) in enumerate(zip(inner, [*inner[1:], end]), start=1):
            word = TOKEN.match(lower, clause_start)
            cue = word.group() if word and word.group() in conjunctions else None
            clauses.append(Clause(clause_start, clause_end, index, position, cue))
    return clauses


def lowercase(text: str) -> str:
    """Lowercase with offsets kept: a character whose lowercase form is longer (İ) stays as it is."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


# Whitespace-separated chunks known to hold neither a trigger candidate nor a modality cue: most of any
# text. The trigger finder adds them, once it and this module have both read a chunk. Bounded in size.
QUIET_CHUNKS: set[str] = set()
CHUNK_CACHE_LIMIT = 1 << 18


def _located_chunks(lower: str) -> list[tuple[int, str]]:
    """(start, chunk) of the chunks not known to be quiet, in text order. Each is searched from the end of
    the one before, so the text is scanned once, and only the few chunks that matter cost Python code."""
    located = []
    cursor = 0
    for chunk in [chunk for chunk in lower.split() if chunk not in QUIET_CHUNKS]:
        position = lower.find(chunk, cursor)
        # The chunk itself, not the same letters inside a longer chunk.
        while (position > 0 and not lower[position - 1].isspace()) or (
            position + len(chunk) < len(lower) and not lower[position + len(chunk)].isspace()
        ):
            position = lower.find(chunk, position + 1)
        cursor = position + len(chunk)
        located.append((position, chunk))
    return located


@cache
def _modality_cues_by_first_word(cues: Cues) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Modality cue words by their first word, longest first, each with the kinds it belongs to."""
    kinds = {"hypothetical": cues.hypothetical, "reported": cues.reported, "attribution": cues.attribution}
    words = sorted(cues.hypothetical | cues.reported | cues.attribution, key=lambda w: (-len(w), w))
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for word in words:
        word_kinds = tuple(kind for kind, members in kinds.items() if word in members)
        by_first.setdefault(word.split(" ")[0], []).append((word, word_kinds))
    return {first: tuple(entries) for first, entries in by_first.items()}


# The cue-starting words of each chunk read so far and not known to be quiet, with their offsets.
# Bounded in size.
_CHUNK_CUE_STARTS: dict[str, tuple[tuple[int, str], ...]] = {}


def mark_quiet(chunk: str) -> None:
    """The trigger finder found no candidate word in a chunk holding no cue: no need to read it again."""
    if len(QUIET_CHUNKS) < CHUNK_CACHE_LIMIT:
        QUIET_CHUNKS.add(chunk)
        _CHUNK_CUE_STARTS.pop(chunk, None)


def chunk_cue_starts(chunk: str) -> tuple[tuple[int, str], ...]:
    found = _CHUNK_CUE_STARTS.get(chunk)
    if found is None:
        by_first = _modality_cues_by_first_word(lexicon().cues)
        found = tuple((run.start(), run.group()) for run in CUE_RUN.finditer(chunk) if run.group() in by_first)
        if len(_CHUNK_CUE_STARTS) < CHUNK_CACHE_LIMIT:
            _CHUNK_CUE_STARTS[chunk] = found
    return found


def _modality_cue_hits(
    lower: str, chunks: list[tuple[int, str]], cues: Cues
) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    r"""(start, end, kinds) of the modality cue words, whole words between characters outside `[\w-]`,
    left to right, the longest cue winning where several start."""
    by_first = _modality_cues_by_first_word(cues)
    covered = 0
    for position, chunk in chunks:
        for offset, first in chunk_cue_starts(chunk):
            start = position + offset
            if start < covered:
                continue
            for word, kinds in by_first[first]:
                end = start + len(word)
                if lower.startswith(word, start) and (end == len(lower) or not _word_or_hyphen(lower[end])):
                    covered = end
                    yield start, end, kinds
                    break


def layout(text: str, sentences: list[Sentence]) -> Layout:
    cues = lexicon().cues
    lower = lowercase(text)
    clauses = _clauses(lower, sentences, cues)
    chunks = _located_chunks(lower)
    indexes = {kind: CueIndex([], []) for kind in ("hypothetical", "reported", "attribution")}
    for start, end, kinds in _modality_cue_hits(lower, chunks, cues):
        for kind in kinds:
            indexes[kind].starts.append(start)
            indexes[kind].ends.append(end)
    return Layout(
        text=text,
        lower=lower,
        chunks=chunks,
        quotes=[m.span() for m in QUOTATION.finditer(text)],
        clauses=clauses,
        clause_starts=[clause.start for clause in clauses],
        sentence_spans={sentence.index: (sentence.start, sentence.end) for sentence in sentences},
        before_cache={},
        **indexes,
    )
