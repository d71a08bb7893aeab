"""Polarity and modality from cue words around a trigger (cue lists in data/events/cues.toml)."""

from __future__ import annotations

from timeline.models import Modality, Polarity

from .layout import Clause, Layout
from .lexicon import lexicon
from .triggers import Trigger

# How far back from the trigger negators and modals are looked for, skipping auxiliaries.
LOOKBACK = 5


def _preceding_cues(doc: Layout, trigger: Trigger, clause: Clause) -> tuple[bool, bool]:
    """(negated, planned): walk back over auxiliaries ("tidak akan pernah bertemu")."""
    cues = lexicon().cues
    negated = planned = False
    index = trigger.first_token - 1
    stop = max(-1, trigger.first_token - 1 - LOOKBACK)
    while index > stop and doc.token_starts[index] >= clause.start:
        word = doc.words[index]
        if word in cues.negation:
            negated = True
        elif word in cues.planned:
            planned = True
        elif word not in cues.auxiliaries:
            break
        index -= 1
    return negated, planned


def polarity_and_modality(doc: Layout, trigger: Trigger, clause: Clause, sentence_words: list[str]) -> tuple[Polarity, Modality]:
    cues = lexicon().cues
    negated, planned = _preceding_cues(doc, trigger, clause)
    polarity = Polarity.NEGATIVE if negated else Polarity.POSITIVE
    clause_words = doc.words[doc.token_at_or_after(clause.start) : trigger.first_token]
    if clause.cue in cues.hypothetical or any(word in cues.hypothetical for word in clause_words):
        return polarity, Modality.HYPOTHETICAL
    if planned:
        return polarity, Modality.PLANNED
    own = set(doc.words[trigger.first_token : trigger.last_token + 1])
    in_quote = doc.quote_of(trigger.start) is not None
    # A statement is reported only when a source is named for it ("Dilansir dari ..."); any other event is
    # reported when someone's words carry it.
    sources = cues.attribution if trigger.event_type in cues.publication_types else cues.reported
    attributed = any(word in sources and word not in own for word in sentence_words)
    if in_quote or (attributed and not trigger.postposed) or clause.cue in cues.complementizers:
        return polarity, Modality.REPORTED
    return polarity, Modality.ASSERTED
