"""The document's words, quotations and clauses, computed once per document with single regex passes."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from timeline.models import Sentence

from .lexicon import Cues, lexicon

TOKEN = re.compile(r"\w+(?:[-‐]\w+)*")
# Quotations stay inside a paragraph; an unclosed quote mark quotes nothing.
QUOTATION = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|«[^»\n]*»")
QUOTE_MARK = re.compile(r"[“”\"«»]")


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    sentence: int
    position: int  # 0 for the sentence's first clause
    cue: str | None  # the conjunction or complementizer that opens it, lowercase


@dataclass(frozen=True, slots=True)
class Layout:
    text: str
    token_starts: list[int]
    token_ends: list[int]
    words: list[str]  # lowercase
    quotes: list[tuple[int, int]]
    clauses: list[Clause]
    clause_starts: list[int]

    def token_at_or_after(self, position: int) -> int:
        return bisect_right(self.token_starts, position - 1)

    def token_before(self, position: int) -> int:
        """Index of the last token ending at or before `position` (-1 when none)."""
        return bisect_right(self.token_ends, position) - 1

    def clause_of(self, position: int) -> Clause:
        return self.clauses[bisect_right(self.clause_starts, position) - 1]

    def quote_of(self, position: int) -> tuple[int, int] | None:
        index = bisect_right(self.quotes, (position, len(self.text) + 1)) - 1
        if index >= 0 and self.quotes[index][0] < position < self.quotes[index][1]:
            return self.quotes[index]
        return None


@cache
def _clause_boundary(cues: Cues) -> re.Pattern[str]:
    def alternation(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))

    return re.compile(
        rf"[,;:]\s*(?=(?:{alternation(cues.clause_conjunctions)})\b)"
        rf"|(?<=\s)(?=(?:{alternation(cues.complementizers)})\b)"
        r"|[“”\"«»]\s*",
        re.IGNORECASE,
    )


def _clauses(text: str, sentences: list[Sentence], cues: Cues) -> list[Clause]:
    boundary = _clause_boundary(cues)
    conjunctions = {word.lower() for word in cues.clause_conjunctions}
    clauses: list[Clause] = []
    for sentence in sentences:
        starts = [sentence.start]
        starts.extend(m.end() for m in boundary.finditer(text, sentence.start, sentence.end) if m.end() > starts[-1])
        starts = sorted(set(position for position in starts if position < sentence.end))
        for position, (start, end) in enumerate(zip(starts, [*starts[1:], sentence.end], strict=True)):
            word = TOKEN.match(text, start)
            cue = word.group().lower() if word and word.group().lower() in conjunctions else None
            clauses.append(Clause(start, end, sentence.index, position, cue if position else None))
    return clauses


def layout(text: str, sentences: list[Sentence]) -> Layout:
    cues = lexicon().cues
    starts: list[int] = []
    ends: list[int] = []
    words: list[str] = []
    for match in TOKEN.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        words.append(match.group().lower())
    clauses = _clauses(text, sentences, cues)
    return Layout(
        text=text,
        token_starts=starts,
        token_ends=ends,
        words=words,
        quotes=[m.span() for m in QUOTATION.finditer(text)],
        clauses=clauses,
        clause_starts=[clause.start for clause in clauses],
    )
