"""The typed values that flow through the pipeline.

These models are the single source of truth: the JSON Schemas in `schemas/`,
the Arrow schemas of the Parquet tables and the CSV columns are all derived
from them.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema


LocalDateTime = Annotated[
    datetime,
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$"}),
]
"""A wall-clock time with no zone (news times are local; the zone, when named, is a field of its own). JSON
Schema's `date-time` format requires an offset, so the schema gives its ISO 8601 shape instead."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class PublishedSource(StrEnum):
    """Where a document's publication date (the DCT) came from."""

    METADATA = "metadata"
    CLI = "cli"
    INFERRED = "inferred"


class TimexType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class TimexMod(StrEnum):
    START = "START"
    MID = "MID"
    END = "END"
    APPROX = "APPROX"
    MORE_THAN = "MORE_THAN"
    LESS_THAN = "LESS_THAN"
    EQUAL_OR_MORE = "EQUAL_OR_MORE"
    EQUAL_OR_LESS = "EQUAL_OR_LESS"
    BEFORE = "BEFORE"
    AFTER = "AFTER"
    ON_OR_BEFORE = "ON_OR_BEFORE"
    ON_OR_AFTER = "ON_OR_AFTER"


class Granularity(StrEnum):
    """How precise a value is, coarsest first; also an event's `time_precision`."""

    CENTURY = "century"
    DECADE = "decade"
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    SEASON = "season"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    PART_OF_DAY = "part_of_day"
    HOUR = "hour"
    MINUTE = "minute"
    SECOND = "second"


class TimexAnchor(StrEnum):
    """What a timex value was resolved against."""

    DCT = "dct"
    NARRATIVE = "narrative"
    ABSOLUTE = "absolute"
    NONE = "none"


class ActorKind(StrEnum):
    PERSON = "PERSON"
    ORGANIZATION = "ORGANIZATION"
    COUNTRY = "COUNTRY"
    LOCATION = "LOCATION"
    GROUP = "GROUP"


class ActorRole(StrEnum):
    AGENT = "agent"
    TARGET = "target"
    PARTICIPANT = "participant"


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class Modality(StrEnum):
    ASSERTED = "asserted"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"
    REPORTED = "reported"


class TimeAnchor(StrEnum):
    """How an event got its date."""

    EXPLICIT = "explicit"
    NARRATIVE = "narrative"
    PUBLICATION = "publication"


class Document(_Model):
    """One article, as read from its source."""

    id: str = Field(description="Stable document id: from metadata, else derived from the file name or record.")
    text: str = Field(description="The article body; every offset in the dataset indexes into this string.")
    published: date | None = Field(None, description="Publication date (the DCT) used to resolve deictic expressions.")
    published_source: PublishedSource | None = Field(None, description="Where `published` came from.")
    published_evidence: list[str] = Field(
        default_factory=list, description="For an inferred publication date, the expressions it was inferred from."
    )
    title: str | None = None
    source: str | None = Field(None, description="Outlet or publisher.")
    url: str | None = None
    language: str = "id"
    path: str | None = Field(None, description="File the document was read from.")
    line: int | None = Field(None, description="1-based line in `path` for line-oriented inputs (JSONL).")
    content_hash: str = Field(description="SHA-256 of `text`, hex; identifies a document's content across runs.")


def timex_id(document_id: str, start: int, end: int) -> str:
    """The id every Timex gets, whichever part of the tagger found it."""
    return f"{document_id}:t{start}-{end}"


class Timex(_Model):
    """A TIMEX3 temporal expression with its resolved value and calendar interval."""

    id: str = Field(description="Stable id derived from the document id and the offsets.")
    document_id: str
    start: int = Field(ge=0, description="Start offset (Python string index) into the document text.")
    end: int = Field(ge=0, description="End offset, exclusive: `text[start:end] == text`.")
    text: str
    type: TimexType
    value: str = Field(description="TIMEX3 value (ISO 8601 based): 2023-09-13, 2023-W37, P3D, PRESENT_REF, ...")
    mod: TimexMod | None = None
    quant: str | None = Field(None, description="SET quantifier, e.g. EVERY.")
    freq: str | None = Field(None, description="SET frequency, e.g. 2X.")
    granularity: Granularity | None = Field(None, description="Precision of a DATE/TIME value.")
    interval_start: date | None = Field(None, description="First calendar day the value covers.")
    interval_end: date | None = Field(None, description="Last calendar day the value covers (inclusive).")
    datetime_start: LocalDateTime | None = Field(
        None, description="For TIME values: start of the local time span covered (inclusive)."
    )
    datetime_end: LocalDateTime | None = Field(
        None, description="For TIME values: end of the local time span covered (exclusive)."
    )
    timezone: str | None = Field(None, description="Zone named in the text: WIB, WITA, WIT, UTC, ...")
    utc_offset: str | None = Field(None, description="UTC offset of `timezone`, e.g. +07:00.")
    anchor: TimexAnchor = Field(description="What the value was resolved against.")
    conflict: str | None = Field(
        None, description="Set when the text contradicts itself, e.g. a weekday that does not match the date."
    )


class Span(_Model):
    """A stretch of the document text: `document.text[start:end] == text`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Sentence(_Model):
    """A sentence of a document, with its offsets and paragraph number."""

    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    paragraph: int = Field(ge=0, description="0-based paragraph the sentence belongs to.")


class EntityMention(_Model):
    """A person, organisation, country, group or place named in the text, before any role is assigned."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(description="Surface form, `document.text[start:end]`.")
    name: str = Field(description="Canonical name: the fullest form in the document.")
    kind: ActorKind
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code of the country the entity is or belongs to.")
    title: str | None = Field(None, description="Title or position naming a person: Presiden Rusia, Menteri Luar Negeri.")
    affiliation: str | None = Field(None, description="Organisation a person belongs to, where the text states it.")


class Actor(_Model):
    """An entity taking part in an event."""

    name: str = Field(description="Canonical name: the fullest form in the document.")
    kind: ActorKind
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code.")
    role: ActorRole
    title: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = Field(default_factory=list, description="Where the actor is named for this event.")


class EventMention(_Model):
    """One place in the document where an event is mentioned (an event merged from repeats has several)."""

    sentence_index: int = Field(ge=0)
    trigger: str
    trigger_start: int = Field(ge=0)
    trigger_end: int = Field(ge=0)


class Event(_Model):
    """A timeline row: what happened, when, who, where, and the evidence."""

    event_id: str = Field(description="Stable id derived from the document id and the trigger offset.")
    document_id: str
    sentence_index: int = Field(ge=0)
    sentence: str
    sentence_start: int = Field(ge=0)
    sentence_end: int = Field(ge=0)
    trigger: str
    trigger_start: int = Field(ge=0)
    trigger_end: int = Field(ge=0)
    lemma: str
    event_type: str = Field(description="Controlled vocabulary (PLOVER-based): CONSULT, STATEMENT, LAUNCH, ...")
    polarity: Polarity
    modality: Modality
    time_value: str | None = Field(None, description="TIMEX3 value of the event's time.")
    time_type: TimexType | None = None
    time_mod: TimexMod | None = None
    time_start: date | None = Field(None, description="First day of the event's time interval.")
    time_end: date | None = Field(None, description="Last day of the event's time interval (inclusive).")
    time_precision: Granularity | None = Field(None, description="Precision of the event's date (day, month, year, ...).")
    time_anchor: TimeAnchor | None = Field(None, description="How the event got its time.")
    time_vague: bool = Field(False, description="True when the only time is vague (PRESENT_REF, PAST_REF, FUTURE_REF).")
    timex_id: str | None = Field(None, description="The timex that dates the event, when one does.")
    duration_value: str | None = Field(None, description="TIMEX3 duration of the event (P4D, PT3H), when stated.")
    duration_timex_id: str | None = None
    actors: list[Actor] = Field(default_factory=list)
    location: str | None = None
    location_country: str | None = Field(None, description="ISO 3166-1 alpha-3 code of the location's country.")
    mentions: list[EventMention] = Field(default_factory=list, description="Every mention of this event in the document.")


class RunInfo(_Model):
    """How a timeline was made; no wall-clock time, so output is reproducible."""

    tool: str = "timeline"
    tool_version: str
    settings: dict[str, Any] = Field(default_factory=dict)


class Timeline(_Model):
    """The whole result of a run."""

    run: RunInfo
    documents: list[Document] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)


class Reject(_Model):
    """A record that could not be processed, with where it came from and why."""

    file: str | None = Field(None, description="Input file, or `-` for standard input.")
    line: int | None = Field(None, description="1-based line number, for line-oriented inputs.")
    id: str | None = Field(None, description="Document id, when it could be read.")
    reason: str
