"""Sentence splitting for Indonesian news text.

One regex pass finds candidate boundaries (terminal punctuation, closing quotes
and brackets, then whitespace); cheap checks on the word before and the
character after reject abbreviations, initials and mid-sentence ellipses.
Requiring whitespace after the punctuation already keeps decimals, clock times,
dates, URLs and e-mail addresses (`13.00`, `1.500`, `kompas.com`) whole.
Any newline is a paragraph break, and so also a sentence break.
"""

from __future__ import annotations

import re
from functools import cache

from timeline.models import Sentence
from timeline.resources import load_toml

# Terminal punctuation, then closing quotes/brackets, then whitespace or the end.
# The quote belongs to the sentence it closes: `…,” kata Putin.` ends after the period.
_CANDIDATE = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s|\Z)")
_LINE = re.compile(r"[^\n]+")
_INITIAL = re.compile(r"[A-Z]\.")
_OPENERS = "\"“‘'«([-–—"


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    data = load_toml("sentences/abbreviations.toml")
    return frozenset(data["never_final"]), frozenset(data["maybe_final"])


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, with offsets into it and 0-based paragraph numbers (one per non-empty line)."""
    sentences: list[Sentence] = []
    paragraph = 0
    for line in _LINE.finditer(text):
        if line.group().isspace():
            continue
        for start, end in _line_sentences(text, line.start(), line.end()):
            sentences.append(
                Sentence(index=len(sentences), start=start, end=end, text=text[start:end], paragraph=paragraph)
            )
        paragraph += 1
    return sentences


def _line_sentences(text: str, line_start: int, line_end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = line_start
    for match in _CANDIDATE.finditer(text, line_start, line_end):
        if _is_boundary(text, match.start(), match.end(), line_start, line_end):
            spans.append((start, match.end()))
            start = match.end()
    spans.append((start, line_end))
    return [stripped for span in spans if (stripped := _strip(text, *span))]


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    span = text[start:end]
    stripped = span.strip()
    if not stripped:
        return None
    start += len(span) - len(span.lstrip())
    return start, start + len(stripped)


def _is_boundary(text: str, punct_start: int, punct_end: int, line_start: int, line_end: int) -> bool:
    after = punct_end + 1  # the candidate pattern guarantees whitespace or the end here
    if after >= line_end:
        return True
    following = text[after]
    if following.isspace():
        rest = text[after:line_end].lstrip()
        if not rest:
            return True
        following = rest[0]
    if following.islower():
        # Indonesian sentences start with a capital, a digit or a quote; a lower-case word continues
        # the sentence (`dll. dan`, `… katanya`, `?” tanya dia`).
        return False
    if text[punct_start] != ".":
        return True
    word_start = text.rfind(" ", line_start, punct_start) + 1
    word = text[word_start : punct_start + 1].lstrip(_OPENERS)
    if punct_end - punct_start > 1 and text[punct_start:punct_end].rstrip("\"”’'»)]") != ".":
        return True  # ellipsis or `?!`-like run followed by a capital
    if _INITIAL.fullmatch(word):
        return False  # `B. J. Habibie`, `Susilo B. Yudhoyono`
    never_final, maybe_final = _abbreviations()
    lowered = word.lower()
    if lowered in never_final:
        return False
    if lowered in maybe_final:
        return following.isupper() or following in _OPENERS
    return True
