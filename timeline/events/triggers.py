"""Event triggers: words (and multiword phrases) whose lemma is in the trigger lexicon."""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.models import EntityMention, Timex

from .layout import Layout
from .lexicon import Lexicon, is_bare, lemma_of, lexicon, stem, strip_particle

# What may stand between a clause-final comma or closing quote and a postposed reporting verb.
POSTPOSED_CONTEXT = re.compile(r"[,”\"»]\s*[”\"»]?\s*$")


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    first_token: int
    last_token: int
    head_token: int  # the token carrying the lemma (the noun after a light verb)
    lemma: str
    event_type: str
    passive: bool
    postposed: bool  # a reporting verb after its quote: "..., kata Putin"
    anaphoric: bool  # "Pertemuan tersebut"


def _blocked_tokens(doc: Layout, spans: list[tuple[int, int]]) -> list[bool]:
    """Tokens inside a name or a temporal expression are never triggers (`Kongres`, `akhir pekan`)."""
    blocked = [False] * len(doc.words)
    for start, end in spans:
        for index in range(doc.token_at_or_after(start), len(doc.words)):
            if doc.token_starts[index] >= end:
                break
            blocked[index] = True
    return blocked


def _multiword(doc: Layout, index: int, lemma: str, lex: Lexicon) -> tuple[int, str, str] | None:
    """(last token, event type, lemma) of a multiword trigger starting at token `index`."""
    for entry in lex.multiword.get(lemma, ()):
        last = index + len(entry.rest)
        if last >= len(doc.words):
            continue
        if all(stem(doc.words[index + k + 1]) == word for k, word in enumerate(entry.rest)):
            return last, entry.event_type, entry.lemma
    return None


def _is_postposed_reporting(doc: Layout, index: int, base: str, lex: Lexicon, entity_starts: set[int]) -> bool:
    if base not in lex.cues.postposed_reporting:
        return False
    before = doc.text[max(0, doc.token_starts[index] - 4) : doc.token_starts[index]]
    if not POSTPOSED_CONTEXT.search(before):
        return False
    word = doc.words[index]
    following = doc.token_starts[index + 1] if index + 1 < len(doc.words) else -1
    return word != base or following in entity_starts


def _single(doc: Layout, index: int, lex: Lexicon, entity_starts: set[int]) -> tuple[int, str, str, bool] | None:
    """(last token, event type, lemma, postposed) of a trigger starting at token `index`."""
    word = doc.words[index]
    base = strip_particle(word)
    if _is_postposed_reporting(doc, index, base, lex, entity_starts):
        return index, "STATEMENT", base, True
    lemma = lemma_of(word)
    if lemma is None:
        return None
    multiword = _multiword(doc, index, lemma, lex)
    if multiword is not None:
        return (*multiword, False)
    entry = lex.triggers.get(lemma)
    if entry is None or (not entry.bare and is_bare(word, lemma)):
        return None
    return index, entry.event_type, lemma, False


def _anaphoric(doc: Layout, last_token: int, lex: Lexicon) -> bool:
    window = doc.words[last_token + 1 : last_token + 1 + lex.cues.anaphora_window]
    return any(word in lex.cues.anaphora for word in window)


def find_triggers(doc: Layout, entities: list[EntityMention], timexes: list[Timex]) -> list[Trigger]:
    """Triggers in text order; a light verb joins the trigger noun after it ("memulai perjalanan")."""
    lex = lexicon()
    cues = lex.cues
    blocked = _blocked_tokens(doc, [(e.start, e.end) for e in entities] + [(t.start, t.end) for t in timexes])
    entity_starts = {entity.start for entity in entities}
    found: list[Trigger] = []
    index = 0
    count = len(doc.words)
    while index < count:
        if blocked[index]:
            index += 1
            continue
        word = doc.words[index]
        hit = _single(doc, index, lex, entity_starts)
        first = index
        if word in cues.light_verbs:
            clause_end = doc.clause_of(doc.token_starts[index]).end
            for ahead in range(index + 1, min(count, index + 2 + cues.light_verb_gap)):
                if blocked[ahead] or doc.token_starts[ahead] >= clause_end:
                    break
                noun = _single(doc, ahead, lex, entity_starts)
                if noun is not None:
                    hit, index = noun, ahead
                    break
        if hit is None:
            index += 1
            continue
        last, event_type, lemma, postposed = hit
        head_word = doc.words[index]
        found.append(
            Trigger(
                start=doc.token_starts[first],
                end=doc.token_ends[last],
                first_token=first,
                last_token=last,
                head_token=index,
                lemma=lemma,
                event_type=event_type,
                passive=head_word.startswith("di") and not head_word.startswith(lemma),
                postposed=postposed,
                anaphoric=_anaphoric(doc, last, lex),
            )
        )
        index = last + 1
    return found
