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

from pydantic import TypeAdapter

from timeline.models import Sentence
from timeline.resources import load_toml

# Terminal punctuation, then closing quotes/brackets, then whitespace or the end; or a line break with any
# blank lines after it (one match per paragraph break).
# The quote belongs to the sentence it closes: `…,” kata Putin.` ends after the period.
# The pattern starts with a character class, so the regex engine skips ahead to the next candidate
# character in its fast search loop (a leading lookahead or alternation would enter the matcher at every
# offset: twice the time); the lookbehinds then tell a line break from punctuation.
_BREAK = re.compile(r"[\n.!?…](?:(?<=\n)\s*|(?<!\n)[.!?…]*[\"”’'»)\]]*(?=\s|\Z))")
_INITIAL = re.compile(r"[A-Z]\.")
_OPENERS = "\"“‘'«([-–—"
_CLOSERS = "\"”’'»)]"


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    data = load_toml("sentences/abbreviations.toml")
    return frozenset(data["never_final"]), frozenset(data["maybe_final"])


# Validating the whole list in one call costs half as much per sentence as building each model.
_SENTENCES = TypeAdapter(list[Sentence])


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, with offsets into it and 0-based paragraph numbers (one per non-empty line)."""
    sentences: list[dict] = []
    paragraph = 0
    start = 0
    in_paragraph = False  # whether the current paragraph has a sentence yet
    for match in _BREAK.finditer(text):
        punctuation_start = match.start()
        newline = text[punctuation_start] == "\n"
        if newline:
            end = punctuation_start
        elif _is_boundary(text, start, punctuation_start, match.end()):
            end = match.end()
        else:
            continue
        if end > start and _append(sentences, text, start, end, paragraph):
            in_paragraph = True
        start = match.end()
        if newline and in_paragraph:
            paragraph += 1
            in_paragraph = False
    _append(sentences, text, start, len(text), paragraph)
    return _SENTENCES.validate_python(sentences)


def _append(sentences: list[dict], text: str, start: int, end: int, paragraph: int) -> bool:
    span = text[start:end]
    stripped = span.strip()
    if not stripped:
        return False
    start += len(span) - len(span.lstrip())
    sentences.append(
        {"index": len(sentences), "start": start, "end": start + len(stripped), "text": stripped, "paragraph": paragraph}
    )
    return True


def _is_boundary(text: str, sentence_start: int, punct_start: int, punct_end: int) -> bool:
    rest = text[punct_end : punct_end + 8].lstrip(" \t\r\f\v")
    if not rest or rest[0] == "\n":
        return True
    following = rest[0]
    if following.islower():
        # Indonesian sentences start with a capital, a digit or a quote; a lower-case word continues
        # the sentence (`dll. dan`, `… katanya`, `?” tanya dia`).
        return False
    if text[punct_start] != ".":
        return True
    if punct_end - punct_start > 1 and text[punct_start:punct_end].rstrip(_CLOSERS) != ".":
        return True  # an ellipsis followed by a capital
    word = text[text.rfind(" ", sentence_start, punct_start) + 1 : punct_start + 1].lstrip(_OPENERS)
    if _INITIAL.fullmatch(word):
        return False  # `B. J. Habibie`, `Susilo B. Yudhoyono`
    never_final, maybe_final = _abbreviations()
    lowered = word.lower()
    if lowered in never_final:
        return False
    if lowered in maybe_final:
        return following.isupper() or following in _OPENERS
    return True
