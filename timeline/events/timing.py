"""When an event happened: a timex of its clause, the paragraph's narrative time, or the publication date."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from typing import Literal, NamedTuple

from timeline.models import (
    Granularity,
    Sentence,
    TimeAnchor,
    Timex,
    TimexMod,
    TimexType,
)

from .layout import Clause, Layout
from .lexicon import lexicon
from .triggers import Trigger

# Enum members bound once: reading a member off its Enum class is a descriptor call (~0.1 µs) each
# time, and these are read for every trigger and mention.
DURATION = TimexType.DURATION
EXPLICIT, NARRATIVE = TimeAnchor.EXPLICIT, TimeAnchor.NARRATIVE
VAGUE = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
POINT_TYPES = frozenset({TimexType.DATE, TimexType.TIME})
# A timex before its trigger ("Pada 2016, ... diresmikan") is a weaker claim than one after it.
BEFORE_PENALTY = 1.5
# A timex leans back to what precedes it after `pada` ("dimulainya pandemi pada Januari 2020, dengan
# kunjungannya") and for durations; it leans forward before an aspect word ("saat ini sedang dibangun").
LEAN_PENALTY = 4.0
Lean = Literal["back", "forward"] | None
# A vague reference (saat ini, masa depan) dates only a trigger right next to it.
VAGUE_REACH = 40
WORD = re.compile(r"\w+")
# A comma opening a new clause: what follows a statement verb there is the reported content.
NEW_CLAUSE = re.compile(r",\s+(?!di\b|dari\b|pada\b)[a-z]")


class EventTime(NamedTuple):
    value: str
    type: TimexType
    mod: TimexMod | None
    start: date | None
    end: date | None
    precision: Granularity | None
    anchor: TimeAnchor
    vague: bool
    timex_id: str | None


def from_timex(timex: Timex, anchor: TimeAnchor) -> EventTime:
    return EventTime(
        value=timex.value,
        type=timex.type,
        mod=timex.mod,
        start=timex.interval_start,
        end=timex.interval_end,
        precision=timex.granularity,
        anchor=anchor,
        vague=timex.value in VAGUE,
        timex_id=timex.id,
    )


def publication(published: date) -> EventTime:
    return EventTime(
        value=published.isoformat(),
        type=TimexType.DATE,
        mod=None,
        start=published,
        end=published,
        precision=Granularity.DAY,
        anchor=TimeAnchor.PUBLICATION,
        vague=False,
        timex_id=None,
    )


def is_point(timex: Timex) -> bool:
    return timex.type in POINT_TYPES


def is_definite(timex: Timex) -> bool:
    return is_point(timex) and timex.value not in VAGUE


def _distance(trigger: Trigger, timex: Timex, lean: Lean = None) -> float:
    """How far a timex is from a trigger, penalised against the side the timex leans away from."""
    if timex.start >= trigger.end:
        return (timex.start - trigger.end) * (LEAN_PENALTY if lean == "forward" else 1.0)
    return (trigger.start - timex.end) * (LEAN_PENALTY if lean == "back" else BEFORE_PENALTY)


def _narrative_times(
    timexes: list[Timex], clauses: list[Clause], quoted: list[bool], sentences: list[Sentence]
) -> dict[int, Timex]:
    """For each sentence, the latest date in the earlier sentences of its paragraph (`timexes`: the
    definite ones, with their clauses and whether they stand in a quotation). Dates inside quotations are
    the speaker's, not the story's: they set no narrative time."""
    latest_in: dict[int, Timex] = {}
    for timex, clause, in_quote in zip(timexes, clauses, quoted, strict=True):
        if not in_quote:
            latest_in[clause.sentence] = timex
    narrative: dict[int, Timex] = {}
    current: Timex | None = None
    paragraph = None
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            current, paragraph = None, sentence.paragraph
        if current is not None:
            narrative[sentence.index] = current
        current = latest_in.get(sentence.index, current)
    return narrative


class Timing:
    """Time anchoring for one document: explicit clause timexes, narrative time, publication date."""

    def __init__(self, doc: Layout, timexes: list[Timex], triggers: list[Trigger], sentences: list[Sentence]) -> None:
        self.doc = doc
        self.cues = lexicon().cues
        self.timexes = sorted(timexes, key=lambda t: t.start)
        self.position = {id(timex): index for index, timex in enumerate(self.timexes)}
        # "pada Januari 2021": asked only where several triggers or dates compete, once per timex.
        self.after_preposition: dict[int, bool] = {}
        self.explicit_times: dict[int, list[EventTime]] = {}
        clauses = [doc.clause_of(timex.start) for timex in self.timexes]
        definite = [index for index, timex in enumerate(self.timexes) if is_definite(timex)]
        self.definite = {id(self.timexes[index]) for index in definite}
        # The quotation each definite timex stands in.
        self.quote = {id(self.timexes[index]): doc.quote_of(self.timexes[index].start) for index in definite}
        self.narrative_by_sentence = _narrative_times(
            [self.timexes[index] for index in definite],
            [clauses[index] for index in definite],
            [self.quote[id(self.timexes[index])] is not None for index in definite],
            sentences,
        )
        clause_triggers: dict[int, list[Trigger]] = {}
        for trigger in triggers:
            clause_triggers.setdefault(trigger.clause.start, []).append(trigger)
        self.clause_triggers = clause_triggers
        self.claimed: dict[int, list[Timex]] = {}  # trigger start -> the point timexes it is nearest to
        self.claimed_definite: dict[int, list[Timex]] = {}  # the same, definite ones only
        self.durations: dict[int, Timex] = {}
        self.orphans: dict[int, list[Timex]] = {}  # sentence -> definite timexes of clauses without triggers
        self.narrative_times: dict[int, EventTime | None] = {}
        for timex, clause in zip(self.timexes, clauses, strict=True):
            rivals = clause_triggers.get(clause.start, [])
            if not rivals:
                if id(timex) in self.definite:
                    self.orphans.setdefault(clause.sentence, []).append(timex)
                continue
            if len(rivals) == 1:
                nearest = rivals[0]
            else:
                lean = self._lean(timex)
                nearest = min(rivals, key=lambda trigger: _distance(trigger, timex, lean))
            if is_point(timex):
                self.claimed.setdefault(nearest.start, []).append(timex)
                if id(timex) in self.definite:
                    self.claimed_definite.setdefault(nearest.start, []).append(timex)
            elif timex.type is DURATION and nearest.start not in self.durations:
                self.durations[nearest.start] = timex

    def _lean(self, timex: Timex) -> Lean:
        if timex.type is DURATION or self._preceded_by_time_preposition(timex):
            return "back"
        after = WORD.match(self.doc.text, timex.end + 1) if timex.end < len(self.doc.text) else None
        if after and after.group().lower() in self.cues.auxiliaries:
            return "forward"
        return None

    def _preceded_by_time_preposition(self, timex: Timex) -> bool:
        key = id(timex)
        if key not in self.after_preposition:
            before = WORD.findall(self.doc.text[max(0, timex.start - 12) : timex.start])
            self.after_preposition[key] = bool(before) and before[-1].lower() in self.cues.time_prepositions
        return self.after_preposition[key]

    def _coordinated(self, primary: Timex) -> list[Timex]:
        """`pada bulan Mei dan Agustus tahun ini`: each coordinated date gives its own row."""
        chain = [primary]
        position = self.position[id(primary)]
        for neighbour in self.timexes[position + 1 :]:
            between = self.doc.text[chain[-1].end : neighbour.start].strip().lower()
            if id(neighbour) not in self.definite or between not in self.cues.time_coordinators:
                break
            chain.append(neighbour)
        return chain

    def explicit(self, trigger: Trigger) -> list[EventTime]:
        definite = self.claimed_definite.get(trigger.start, [])
        if not definite:
            quote, quotes = trigger.quote, self.quote
            definite = [t for t in self.orphans.get(trigger.clause.sentence, []) if quotes[id(t)] == quote]
        if trigger.event_type in self.cues.publication_types:
            # "mengatakan, target Desember ...": a date in what was said is not the date of saying it.
            definite = [t for t in definite if t.end <= trigger.start or not self._in_content(trigger, t)]
        if not definite:
            return []
        if len(definite) == 1:
            primary = definite[0]
        else:
            primary = min(definite, key=lambda t: (not self._preceded_by_time_preposition(t), _distance(trigger, t)))
        times = self.explicit_times.get(id(primary))
        if times is None:
            times = [from_timex(t, EXPLICIT) for t in self._coordinated(primary)]
            self.explicit_times[id(primary)] = times
        return list(times)

    def _in_content(self, trigger: Trigger, timex: Timex) -> bool:
        """A timex after a statement verb in what was said: behind a comma opening a new clause, or in a
        clause the statement introduces with `bahwa` ("menyebutkan bahwa ... setelah 30 November")."""
        if NEW_CLAUSE.search(self.doc.lower, trigger.end, timex.start):
            return True
        doc = self.doc
        first = bisect_right(doc.clause_starts, trigger.end)
        last = bisect_right(doc.clause_starts, timex.start)
        return any(clause.cue in self.cues.complementizers for clause in doc.clauses[first:last])

    def vague(self, trigger: Trigger) -> EventTime | None:
        vague = [
            t for t in self.claimed.get(trigger.start, []) if t.value in VAGUE and _distance(trigger, t) <= VAGUE_REACH
        ]
        return from_timex(min(vague, key=lambda t: _distance(trigger, t)), EXPLICIT) if vague else None

    def duration(self, trigger: Trigger) -> Timex | None:
        return self.durations.get(trigger.start)

    def narrative(self, clause: Clause) -> EventTime | None:
        """The latest definite date of earlier sentences in the same paragraph."""
        sentence = clause.sentence
        if sentence not in self.narrative_times:
            timex = self.narrative_by_sentence.get(sentence)
            self.narrative_times[sentence] = from_timex(timex, NARRATIVE) if timex else None
        return self.narrative_times[sentence]
