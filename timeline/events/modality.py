"""Polarity and modality from cue words around a trigger (cue lists in data/events/cues.toml)."""

from __future__ import annotations

from timeline.models import Modality, Polarity

from .layout import Clause, Layout
from .lexicon import lexicon
from .triggers import Trigger

# Enum members bound once: reading a member off its Enum class is a descriptor call (~0.1 µs) each
# time, and these are read for every trigger and mention.
POSITIVE, NEGATIVE = Polarity.POSITIVE, Polarity.NEGATIVE
ASSERTED, REPORTED, PLANNED, HYPOTHETICAL = Modality.ASSERTED, Modality.REPORTED, Modality.PLANNED, Modality.HYPOTHETICAL
# How far back from the trigger negators and modals are looked for, skipping auxiliaries.
LOOKBACK = 5
# How far after a trigger noun its modal is looked for ("pertemuan berikutnya dijadwalkan").
LOOKAHEAD = 3


def _preceding_cues(doc: Layout, trigger: Trigger, clause: Clause) -> tuple[bool, bool]:
    """(negated, planned): walk back over auxiliaries ("tidak akan pernah bertemu")."""
    cues = lexicon().cues
    negated = planned = False
    for word in reversed(doc.words_before(trigger.start, clause.start)[-LOOKBACK:]):
        if word in cues.negation:
            negated = True
        elif word in cues.planned:
            planned = True
        elif word not in cues.auxiliaries:
            break
    return negated, planned


def polarity_and_modality(
    doc: Layout, trigger: Trigger, clause: Clause, sentence: tuple[int, int]
) -> tuple[Polarity, Modality]:
    cues = lexicon().cues
    negated, planned = _preceding_cues(doc, trigger, clause)
    polarity = NEGATIVE if negated else POSITIVE
    if clause.cue in cues.hypothetical or doc.hypothetical.any_within(clause.start, trigger.start):
        return polarity, HYPOTHETICAL
    following = doc.words_after(trigger.end, LOOKAHEAD, clause.end) if trigger.nominal else []
    if planned or any(word.text in cues.planned for word in following):
        # "pertemuan berikutnya dijadwalkan pada Desember": a noun's modal may follow it.
        return polarity, PLANNED
    if trigger.quote is not None or clause.cue in cues.complementizers:
        return polarity, REPORTED
    # A statement is reported only when a source is named for it ("Dilansir dari ..."); any other event is
    # reported when someone's words carry it.
    sources = doc.attribution if trigger.event_type in cues.publication_types else doc.reported
    if sources.any_within(sentence[0], trigger.start) or sources.any_within(trigger.end, sentence[1]):
        return polarity, REPORTED
    return polarity, ASSERTED
