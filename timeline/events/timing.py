"""When an event happened: a timex of its clause, the paragraph's narrative time, or the publication date."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from functools import cache
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
from .lexicon import Cues, lexicon
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
# How far before a timex its preceding word is looked for (characters): "pengiriman " fits.
WORD_BEFORE_CHARS = 16
BRACKETS = ("(", "( ")


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


@cache
def _new_clause(cues: Cues) -> re.Pattern[str]:
    """A comma opening a new clause: what follows a statement verb there is the reported content, unless
    it tells the occasion of saying it ("mengatakan, kepada wartawan, Senin")."""
    occasion = "|".join(re.escape(word) for word in cues.occasion_words)
    return re.compile(rf",\s+(?!(?:{occasion})\b)[a-z]")


@cache
def _marked_endings(cues: Cues) -> tuple[str, ...]:
    """What the text before a timex ends with after a span, qualifier or comparative word ("sejak ",
    "pengiriman ", "dibanding ") or an opening bracket."""
    words = cues.since_words | cues.until_words | cues.qualified_nouns | cues.comparatives
    return (*BRACKETS, *sorted(f"{word} " for word in words))


def is_point(timex: Timex) -> bool:
    return timex.type in POINT_TYPES


def _distance(trigger: Trigger, timex: Timex, lean: Lean = None) -> float:
    """How far a timex is from a trigger, penalised against the side the timex leans away from."""
    if timex.start >= trigger.end:
        return (timex.start - trigger.end) * (LEAN_PENALTY if lean == "forward" else 1.0)
    return (trigger.start - timex.end) * (LEAN_PENALTY if lean == "back" else BEFORE_PENALTY)


def _narrative_times(
    timexes: list[tuple[Timex, Clause]], quotes: dict[int, tuple[int, int] | None], sentences: list[Sentence]
) -> dict[int, Timex]:
    """For each sentence, the latest date in the earlier sentences of its paragraph (`timexes`: the
    definite ones with their clauses, `quotes`: the quotation each stands in). Dates inside quotations are
    the speaker's, not the story's: they set no narrative time."""
    latest_in: dict[int, Timex] = {}
    for timex, clause in timexes:
        if quotes[id(timex)] is None:
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

    def __init__(
        self,
        doc: Layout,
        timexes: list[Timex],
        triggers: list[Trigger],
        sentences: list[Sentence],
        published: date | None = None,
    ) -> None:
        self.doc = doc
        self.cues = cues = lexicon().cues
        self.published = published
        self.timexes = sorted(timexes, key=lambda t: t.start)
        self.position = {id(timex): index for index, timex in enumerate(self.timexes)}
        # The lowercase word before a timex ("pada", "sejak", "pengiriman"), read once per timex, when asked.
        self.before: dict[int, str] = {}
        self.explicit_times: dict[int, list[EventTime]] = {}
        clauses = [doc.clause_of(timex.start) for timex in self.timexes]
        self.since: set[int] = set()  # "sejak Juni": where a span starts
        self.until: set[int] = set()  # "hingga Desember": where a span ends
        definite = [
            (timex, clause)
            for timex, clause in zip(self.timexes, clauses, strict=True)
            if timex.type in POINT_TYPES and timex.value not in VAGUE
        ]
        # Few timexes follow a span or qualifier word or a bracket: one suffix test per timex finds them.
        lower, endings = doc.lower, _marked_endings(cues)
        marked = [index for index, (timex, _) in enumerate(definite) if lower.endswith(endings, 0, timex.start)]
        if marked:
            definite = self._unmarked(definite, marked)
        self.definite = {id(timex) for timex, _ in definite}
        # The quotation each definite timex stands in.
        self.quote = {id(timex): doc.quote_of(timex.start) for timex, _ in definite}
        clause_triggers: dict[int, list[Trigger]] = {}
        for trigger in triggers:
            clause_triggers.setdefault(trigger.clause.start, []).append(trigger)
        self.clause_triggers = clause_triggers
        self.claimed: dict[int, list[Timex]] = {}  # trigger start -> the point timexes it is nearest to
        self.claimed_definite: dict[int, list[Timex]] = {}  # the same, definite ones only
        self.durations: dict[int, Timex] = {}
        self.orphans: dict[int, list[Timex]] = {}  # sentence -> definite timexes of clauses without triggers
        self.subordinate: set[int] = set()  # the orphans standing in a subordinate clause
        self.narrative_times: dict[int, EventTime | None] = {}
        begun: set[int] = set()  # `sejak` dates of the state or habit they begin ("unjuk rasa sejak pukul 12.20")
        for timex, clause in zip(self.timexes, clauses, strict=True):
            rivals = clause_triggers.get(clause.start, [])
            if not rivals:
                # A trigger-less clause's date may stand for its sentence, unless it marks where a span starts.
                if id(timex) in self.definite and id(timex) not in self.since:
                    self.orphans.setdefault(clause.sentence, []).append(timex)
                    if clause.cue in cues.subordinators:
                        self.subordinate.add(id(timex))
                continue
            if len(rivals) == 1:
                nearest = rivals[0]
            else:
                lean = self._lean(timex)
                nearest = min(rivals, key=lambda trigger: _distance(trigger, timex, lean))
                if nearest.event_type in cues.publication_types and id(timex) in self.definite:
                    nearest = self._reported_claimant(nearest, timex, rivals)
            if is_point(timex):
                self.claimed.setdefault(nearest.start, []).append(timex)
                if id(timex) in self.definite:
                    self.claimed_definite.setdefault(nearest.start, []).append(timex)
                    if id(timex) in self.since and self._dated_since(nearest, timex):
                        begun.add(id(timex))
            elif timex.type is DURATION and nearest.start not in self.durations:
                self.durations[nearest.start] = timex
        # Span bounds set no narrative time, except the start of what they date: the day goes on.
        bounds = (self.since - begun) | self.until
        story = [(timex, clause) for timex, clause in definite if id(timex) not in bounds] if bounds else definite
        self.narrative_by_sentence = _narrative_times(story, self.quote, sentences)

    def _unmarked(self, definite: list[tuple[Timex, Clause]], marked: list[int]) -> list[tuple[Timex, Clause]]:
        """The definite timexes that date something, span bounds noted: "pengiriman Januari", the reference
        of a comparison ("dibanding tahun lalu") and a bracketed restatement ("(Kamis pagi WIB)") date nothing."""
        cues, lower = self.cues, self.doc.lower
        dropped = set()
        for index in marked:
            timex = definite[index][0]
            if lower.endswith(BRACKETS, 0, timex.start):
                if index and self._restates(definite[index - 1][0].end, timex):
                    dropped.add(index)
                continue
            word = self._word_before(timex)
            if word in cues.qualified_nouns or word in cues.comparatives:
                dropped.add(index)  # "pengiriman Januari", "dibanding tahun lalu"
            elif word in cues.since_words:
                self.since.add(id(timex))
            elif word in cues.until_words:
                self.until.add(id(timex))
        return [pair for index, pair in enumerate(definite) if index not in dropped] if dropped else definite

    def _reported_claimant(self, speech: Trigger, timex: Timex, rivals: list[Trigger]) -> Trigger:
        """A date a statement cannot have ("Sudirman mengatakan, Rabu (3/12), dia akan kembali rapat",
        published on Tuesday) dates the reported event after it instead, when there is one."""
        if timex.start < speech.end or self._can_date_speech(speech, timex):
            return speech
        reported = [
            trigger
            for trigger in rivals
            if trigger.start > speech.start and trigger.event_type not in self.cues.publication_types
        ]
        return min(reported, key=lambda trigger: _distance(trigger, timex)) if reported else speech

    def _can_date_speech(self, speech: Trigger, timex: Timex) -> bool:
        """Whether a date after a speech verb can be when it was said: not after publication, and not in
        what was said (a postposed verb follows what was said: "..., ujar Agus, kepada Kontan, Senin")."""
        if not speech.postposed and self._in_content(speech, timex):
            return False
        published, start = self.published, timex.interval_start
        if published is not None and start is not None and start > published:
            # "akan mengumumkan ... pada Rabu (31/12)" is a planned statement dated by its own time.
            return self._preceded_by_time_preposition(timex)
        return True

    def _restates(self, previous_end: int, timex: Timex) -> bool:
        """`Rabu (26/11/2014) waktu setempat (Kamis pagi WIB)`: the bracketed time after another time."""
        between = self.doc.lower[previous_end : timex.start].rstrip()
        if not between.endswith("("):
            return False
        words = " ".join(between[:-1].split())
        return not words or words in self.cues.time_restatements

    def _word_before(self, timex: Timex) -> str:
        key = id(timex)
        word = self.before.get(key)
        if word is None:
            words = WORD.findall(self.doc.lower, max(0, timex.start - WORD_BEFORE_CHARS), timex.start)
            word = self.before[key] = words[-1] if words else ""
        return word

    def _lean(self, timex: Timex) -> Lean:
        if timex.type is DURATION or self._preceded_by_time_preposition(timex):
            return "back"
        after = WORD.match(self.doc.text, timex.end + 1) if timex.end < len(self.doc.text) else None
        if after and after.group().lower() in self.cues.auxiliaries:
            return "forward"
        return None

    def _preceded_by_time_preposition(self, timex: Timex) -> bool:
        return self._word_before(timex) in self.cues.time_prepositions

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
            definite = [
                t
                for t in self.orphans.get(trigger.clause.sentence, [])
                if quotes[id(t)] == quote and (id(t) not in self.subordinate or self._continues(trigger, t))
            ]
        if trigger.event_type in self.cues.publication_types:
            # "mengatakan, target Desember ...": a date in what was said is not the date of saying it.
            definite = [t for t in definite if t.end <= trigger.start or self._can_date_speech(trigger, t)]
        if self.since:
            definite = [t for t in definite if id(t) not in self.since or self._dated_since(trigger, t)]
        if self.until and len(definite) > 1:
            # A span's end dates the event only when its clause gives no other date.
            definite = [t for t in definite if id(t) not in self.until] or definite
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

    @staticmethod
    def _continues(trigger: Trigger, timex: Timex) -> bool:
        """A subordinate clause's date ("..., setelah kemarin tak kuat ...") never dates the main clause
        before it; it may date a later clause continuing it ("karena kemarin ..., kemudian dollar menguat")."""
        return timex.end <= trigger.start and trigger.clause.cue is not None

    def _dated_since(self, trigger: Trigger, timex: Timex) -> bool:
        """Whether a `sejak` date dates the trigger: a beginning, or a state begun then, whose trigger the
        phrase follows ("tertunda sejak 2021") or whose clause it opens ("Sejak 1990-an, ... mengingatkan");
        never a change measured from there ("merosot 35 persen sejak Juni")."""
        cues = self.cues
        if trigger.event_type in cues.since_dated_types:
            return True
        if trigger.event_type in cues.since_trend_types:
            return False
        lower = self.doc.lower
        if timex.start >= trigger.end:
            return len(lower[trigger.end : timex.start].split()) <= 1  # only `sejak` between
        since = lower.rfind(self._word_before(timex), trigger.clause.start, timex.start)
        return since >= 0 and not WORD.search(lower, trigger.clause.start, since)

    def trend(self, trigger: Trigger) -> bool:
        """Whether the trigger measures a change from where a span starts ("turun 25 persen sejak Juni"): a
        trend up to the time of writing, which the paragraph's earlier date does not date either."""
        if not self.since:
            return False
        claimed = self.claimed_definite.get(trigger.start, ())
        return any(id(timex) in self.since and not self._dated_since(trigger, timex) for timex in claimed)

    def _in_content(self, trigger: Trigger, timex: Timex) -> bool:
        """A timex after a statement verb in what was said: behind a comma opening a new clause, or in a
        clause the statement introduces with `bahwa` ("menyebutkan bahwa ... setelah 30 November")."""
        if _new_clause(self.cues).search(self.doc.lower, trigger.end, timex.start):
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
