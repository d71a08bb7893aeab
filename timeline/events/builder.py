"""build_events: triggers → roles, time, polarity/modality, location → merged timeline rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypedDict

from pydantic import TypeAdapter

from timeline.models import (
    Actor,
    ActorRole,
    Document,
    EntityMention,
    Event,
    Granularity,
    Modality,
    Polarity,
    Sentence,
    TimeAnchor,
    Timex,
)

from .layout import Clause, Layout, layout
from .lexicon import lexicon
from .modality import polarity_and_modality
from .roles import Entities, Roles, assign_roles
from .timing import EventTime, Timing, publication
from .triggers import Trigger, find_triggers

# Enum members bound once: reading a member off its Enum class is a descriptor call (~0.1 µs) each
# time, and these are read for every trigger and mention.
ASSERTED, REPORTED = Modality.ASSERTED, Modality.REPORTED
EXPLICIT, NARRATIVE = TimeAnchor.EXPLICIT, TimeAnchor.NARRATIVE
AGENT = ActorRole.AGENT
DAY_OR_FINER = frozenset(
    {Granularity.DAY, Granularity.PART_OF_DAY, Granularity.HOUR, Granularity.MINUTE, Granularity.SECOND}
)
EVENT_ROWS = TypeAdapter(list[Event])
# How long before publication a dated statement can still be the occasion of the article's quotes.
OCCASION_WINDOW = timedelta(days=7)


class MentionRecord(TypedDict):
    """An event mention as the row's `mentions` field takes it (validated with the row)."""

    sentence_index: int
    trigger: str
    trigger_start: int
    trigger_end: int


@dataclass(slots=True)
class Draft:
    """One event being assembled; merging adds mentions before it becomes an Event."""

    trigger: Trigger
    trigger_text: str
    sentence: Sentence
    event_type: str
    polarity: Polarity
    modality: Modality
    time: EventTime | None
    duration: Timex | None
    actors: list[Actor]
    location: EntityMention | None
    in_quote: bool
    row: int = 0  # index among the rows one trigger gives (coordinated dates)
    # Mentions stay plain records until the draft becomes a row: most drafts never merge.
    mentions: list[MentionRecord] = field(default_factory=list)

    @property
    def actor_names(self) -> frozenset[str]:
        return frozenset(actor.name for actor in self.actors)

    def mention(self) -> MentionRecord:
        return {
            "sentence_index": self.sentence.index,
            "trigger": self.trigger_text,
            "trigger_start": self.trigger.start,
            "trigger_end": self.trigger.end,
        }


def _times_compatible(earlier: Draft, later: Draft) -> bool:
    if later.time is None or earlier.time is None:
        return True
    return later.time.value == earlier.time.value


def _merge_target(same_type: list[Draft], candidate: Draft, unmergeable: frozenset[str]) -> Draft | None:
    """The earlier event a repeated mention refers to, if the builder can tell (`same_type`: the rows kept
    so far with the candidate's event type, in text order)."""
    if candidate.event_type in unmergeable or not same_type:
        return None
    names = candidate.actor_names
    for earlier in reversed(same_type):
        if earlier.row or not _times_compatible(earlier, candidate):
            continue
        if (earlier.polarity, _factual(earlier)) != (candidate.polarity, _factual(candidate)):
            continue  # "belum terpasang" is not "akan memasang"
        if candidate.trigger.anaphoric and _head(earlier) == _head(candidate):
            return earlier
        if names and names == earlier.actor_names:
            return earlier
        if not names and candidate.time is None and _head(earlier) == _head(candidate):
            return earlier
    if candidate.trigger.anaphoric:
        return next((e for e in reversed(same_type) if not e.row and _times_compatible(e, candidate)), None)
    return None


def _factual(draft: Draft) -> bool:
    return draft.modality in (ASSERTED, REPORTED)


def _head(draft: Draft) -> str:
    """The lemma's first word: `temu puncak` and `temu` are the same kind of happening."""
    return draft.trigger.lemma.split()[0]


def _absorb(target: Draft, repeat: Draft) -> None:
    target.mentions.append(repeat.mention())
    if target.time is None and repeat.time is not None:
        target.time = repeat.time
    if target.duration is None:
        target.duration = repeat.duration
    if target.location is None:
        target.location = repeat.location
    if repeat.trigger.anaphoric:
        return  # "menggambarkan pertemuan puncak tersebut": who talks about an event did not take part in it
    known = {(actor.name, actor.kind) for actor in target.actors}
    target.actors.extend(actor for actor in repeat.actors if (actor.name, actor.kind) not in known)


def _row(document: Document, draft: Draft, time: EventTime) -> dict[str, object]:
    """An Event row as a dict (a row has a time): the rows of a document are validated together, in one call."""
    trigger, sentence, duration, location = draft.trigger, draft.sentence, draft.duration, draft.location
    suffix = f".{draft.row + 1}" if draft.row else ""
    return {
        "event_id": f"{document.id}:e{trigger.start}{suffix}",
        "document_id": document.id,
        "sentence_index": sentence.index,
        "sentence": sentence.text,
        "sentence_start": sentence.start,
        "sentence_end": sentence.end,
        "trigger": draft.trigger_text,
        "trigger_start": trigger.start,
        "trigger_end": trigger.end,
        "lemma": trigger.lemma,
        "event_type": draft.event_type,
        "polarity": draft.polarity,
        "modality": draft.modality,
        "time_value": time.value,
        "time_type": time.type,
        "time_mod": time.mod,
        "time_start": time.start,
        "time_end": time.end,
        "time_precision": time.precision,
        "time_anchor": time.anchor,
        "time_vague": time.vague,
        "timex_id": time.timex_id,
        "duration_value": duration.value if duration else None,
        "duration_timex_id": duration.id if duration else None,
        "actors": draft.actors,
        "location": location.name if location else None,
        "location_country": location.country if location else None,
        "mentions": draft.mentions,
    }


def _after_relative(doc: Layout, trigger: Trigger) -> bool:
    before = doc.words_before(trigger.start, trigger.clause.start)
    return bool(before) and before[-1] in lexicon().cues.relative


def _times(trigger: Trigger, clause: Clause, timing: Timing, speech_types: frozenset[str]) -> list[EventTime | None]:
    """Explicit dates (one per coordinated date), else a vague reference next to the trigger, else the
    narrative date (not for a trend measured from a `sejak` date). A speech act takes no narrative date (the story's dates are about what is reported)
    and no PRESENT_REF ("saat ini mengklaim" is the publication day)."""
    explicit = timing.explicit(trigger)
    if explicit:
        return list(explicit)
    if trigger.event_type in speech_types:
        # Dated later (by the speaker's dated statement, else the publication date), unless it says
        # when it was said: "Ali beberapa waktu lalu menyebut".
        vague = timing.vague(trigger)
        return [vague if vague is not None and vague.value != "PRESENT_REF" else None]
    vague = timing.vague(trigger)
    if vague is None and timing.trend(trigger):
        return [None]
    return [vague or timing.narrative(clause)]


class _RoleCache:
    """Roles per trigger, computed on demand: a clause opened by `dan`/`serta` borrows the subject of the
    sentence's previous trigger, which may itself never become a row."""

    def __init__(self, doc: Layout, triggers: list[Trigger], entities: list[EntityMention]) -> None:
        self.doc = doc
        self.triggers = triggers
        self.entities = Entities(entities, doc.text)
        self.starts = [trigger.start for trigger in triggers]
        self.cache: dict[int, Roles] = {}

    def roles(self, index: int) -> Roles:
        if index not in self.cache:
            shared = self._shared_subject(index)
            self.cache[index] = assign_roles(
                self.doc, self.triggers[index], self.entities, self.starts, shared, lambda: self._recent_agent(index)
            )
        return self.cache[index]

    def _recent_agent(self, index: int) -> EntityMention | None:
        """The person acting or speaking in the nearest earlier trigger whose roles are already known."""
        for previous in range(index - 1, -1, -1):
            roles = self.cache.get(previous)
            if roles is not None and roles.agents:
                return roles.agents[-1]
        return None

    def _shared_subject(self, index: int) -> list[EntityMention]:
        clause = self.triggers[index].clause
        if clause.cue not in lexicon().cues.subject_sharing:
            return []
        for previous in range(index - 1, -1, -1):
            if self.triggers[previous].clause.sentence != clause.sentence:
                break
            subject = self.roles(previous).subject
            if subject:
                return subject
        return []


def _merged_drafts(
    doc: Layout,
    sentences: list[Sentence],
    timexes: list[Timex],
    entities: list[EntityMention],
    published: date | None,
) -> list[Draft]:
    """Drafts in text order, repeated mentions already merged into the first one."""
    cues = lexicon().cues
    triggers = find_triggers(doc, entities, timexes)
    timing = Timing(doc, timexes, triggers, sentences, published)
    role_cache = _RoleCache(doc, triggers, entities)
    by_index = {sentence.index: sentence for sentence in sentences}  # a trigger's clause knows its sentence
    kept: list[Draft] = []
    kept_by_type: dict[str, list[Draft]] = {}
    for index, trigger in enumerate(triggers):
        clause = trigger.clause
        times = _times(trigger, clause, timing, cues.publication_types)
        speech = trigger.event_type in cues.publication_types
        # Only a speech act outside quotations, said with a verb, can be dated by its occasion or publication.
        undated = times == [None] and (not speech or trigger.quote is not None or trigger.nominal)
        if undated and (speech or trigger.event_type not in kept_by_type):
            continue  # neither a row of its own nor a mention of an earlier one (speech acts never merge)
        sentence = by_index[clause.sentence]
        polarity, modality = polarity_and_modality(doc, trigger, clause, (sentence.start, sentence.end))
        roles = role_cache.roles(index)
        if trigger.event_type in cues.publication_types and not roles.actors and _after_relative(doc, trigger):
            continue  # "kabar yang menyebutkan ...": a rumour, not someone's statement
        for row, time in enumerate(times):
            draft = Draft(
                trigger=trigger,
                trigger_text=doc.text[trigger.start : trigger.end],
                sentence=sentence,
                event_type=trigger.event_type,
                polarity=polarity,
                modality=modality,
                time=time,
                duration=timing.duration(trigger),
                actors=list(roles.actors),
                location=roles.location,
                in_quote=trigger.quote is not None,
                row=row,
            )
            draft.mentions = [draft.mention()]
            target = _merge_target(kept_by_type.get(draft.event_type, []), draft, cues.publication_types)
            if target is not None:
                _absorb(target, draft)
            elif not undated:
                kept.append(draft)
                kept_by_type.setdefault(draft.event_type, []).append(draft)
    return kept


def build_events(
    document: Document, sentences: list[Sentence], timexes: list[Timex], entities: list[EntityMention]
) -> list[Event]:
    """The document's timeline rows, in text order (see /shared/guidelines/events-id.md).

    An event becomes a row when its time can be resolved: a date in its clause (`explicit`), the
    paragraph's narrative date (`narrative`); a speech act (statement, request, accusation) outside
    quotations takes its speaker's dated occasion in the article (`narrative`), else the publication
    date (`publication`). Repeated mentions of one event (`bertemu` … `Pertemuan tersebut`) become one
    row with several mentions; speech acts never merge.
    """
    if not sentences:
        return []
    cues = lexicon().cues
    doc = layout(document.text, sentences)
    drafts = _merged_drafts(doc, sentences, timexes, entities, document.published)
    # "Ali mengatakan ..." ... "kata Ali, Kamis (28/11/2013)": a speaker's undated statements share the
    # occasion of their explicitly dated one, wherever in the article that is.
    spoken: dict[str, EventTime] = {}
    for draft in drafts:
        if _speech(draft, cues.publication_types) and _occasion(draft, document.published):
            for name in _speakers(draft):
                spoken.setdefault(name, draft.time)
    rows = []
    for draft in drafts:
        if draft.time is None and _speech(draft, cues.publication_types) and not draft.trigger.nominal:
            occasion = next((spoken[name] for name in _speakers(draft) if name in spoken), None)
            if occasion is not None:
                draft.time = occasion._replace(anchor=NARRATIVE)
            elif document.published:
                draft.time = publication(document.published)
        if draft.time is not None:
            rows.append(_row(document, draft, draft.time))
    # The same checks as Event.model_validate per row, a little cheaper as one call per document.
    return EVENT_ROWS.validate_python(rows)


def _occasion(draft: Draft, published: date | None) -> bool:
    """A statement dated to the day, in the days before publication: the occasion of an interview or
    press conference (not "a proposal made in January 2021")."""
    time = draft.time
    if draft.trigger.nominal or time is None or time.anchor is not EXPLICIT or time.start is None:
        return False
    if time.precision not in DAY_OR_FINER or time.start != time.end:
        return False
    return published is None or timedelta(0) <= published - time.start <= OCCASION_WINDOW


def _speech(draft: Draft, speech_types: frozenset[str]) -> bool:
    return draft.event_type in speech_types and not draft.in_quote


def _speakers(draft: Draft) -> list[str]:
    return [actor.name for actor in draft.actors if actor.role is AGENT]
