"""The three output tables, derived from the pydantic models.

Everything a writer needs to know about a table — its Arrow schema, its sort
order, its CSV columns, the date it is partitioned by — is computed here from
`model_fields`, so a new field in `timeline/models.py` reaches every format
without touching this module.
"""

from __future__ import annotations

import csv
import functools
import io
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal, Union, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel

from timeline import __version__
from timeline.models import Actor, ActorRole, Document, Event, EventMention, Span, Timex

TableName = Literal["documents", "timexes", "events"]
TABLE_NAMES: tuple[TableName, ...] = ("documents", "events", "timexes")
"""Tables in the order of the `Timeline` model's fields (the order of timeline.json)."""

CATEGORY = pa.dictionary(pa.int32(), pa.string())
LIST_ITEM = "element"  # the name Parquet gives list items; using it keeps schemas equal after a round trip

JSON_COLUMN = "_json"
CSV_COLUMN = "_csv"
"""Internal staging columns: each row pre-rendered as JSON and as a CSV line, so consolidation streams strings."""


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(members) != 1:
            raise TypeError(f"no Arrow type for union {annotation!r}")
        return members[0], True
    return annotation, False


def _arrow_type(annotation: Any) -> pa.DataType:
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        item_type, item_nullable = _unwrap_optional(item)
        return pa.list_(pa.field(LIST_ITEM, _arrow_type(item_type), nullable=item_nullable))
    if not isinstance(annotation, type):
        raise TypeError(f"no Arrow type for {annotation!r}")
    if issubclass(annotation, BaseModel):
        return pa.struct(model_arrow_fields(annotation))
    if issubclass(annotation, StrEnum):
        return CATEGORY
    # bool before int and datetime before date: each is a subclass of the other
    for python_type, arrow_type in (
        (bool, pa.bool_()),
        (int, pa.int64()),
        (str, pa.string()),
        (datetime, pa.timestamp("us")),
        (date, pa.date32()),
    ):
        if issubclass(annotation, python_type):
            return arrow_type
    raise TypeError(f"no Arrow type for {annotation!r}")


def model_arrow_fields(model: type[BaseModel], *, describe: bool = False) -> list[pa.Field]:
    fields = []
    for name, info in model.model_fields.items():
        annotation, nullable = _unwrap_optional(info.annotation)
        metadata = {"description": info.description} if describe and info.description else None
        fields.append(pa.field(name, _arrow_type(annotation), nullable=nullable, metadata=metadata))
    return fields


def _plain_type(data_type: pa.DataType) -> pa.DataType:
    """The same type with categoricals as plain strings (how rows are staged before the final cast)."""
    if pa.types.is_dictionary(data_type):
        return data_type.value_type
    if pa.types.is_list(data_type):
        item = data_type.value_field
        return pa.list_(item.with_type(_plain_type(item.type)))
    if pa.types.is_struct(data_type):
        return pa.struct([field.with_type(_plain_type(field.type)) for field in data_type])
    return data_type


# ---------------------------------------------------------------- sort keys


def _event_key(time_start: date | None, time_vague: bool, document_id: str, trigger_start: int, event_id: str) -> tuple:
    if time_start is not None and not time_vague:
        return (0, time_start, document_id, trigger_start, event_id)
    return (1, document_id, trigger_start, event_id)


def _timex_key(document_id: str, start: int, end: int, timex_id: str) -> tuple:
    return (document_id, start, end, timex_id)


def _document_key(document_id: str, content_hash: str) -> tuple:
    return (document_id, content_hash)


def event_sort_key(event: Event) -> tuple:
    """Timeline order: dated events by time_start, then vague or undated ones; ties by document and offset."""
    return _event_key(event.time_start, event.time_vague, event.document_id, event.trigger_start, event.event_id)


def timex_sort_key(timex: Timex) -> tuple:
    return _timex_key(timex.document_id, timex.start, timex.end, timex.id)


def document_sort_key(document: Document) -> tuple:
    return _document_key(document.id, document.content_hash)


# ---------------------------------------------------------------- CSV


def _scalar_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _format_actor(actor: Actor) -> str:
    details = [actor.kind.value, *([actor.country] if actor.country else []), actor.role.value]
    return f"{actor.name} ({', '.join(details)})"


def _format_event_mention(mention: EventMention) -> str:
    return f"{mention.trigger} [{mention.trigger_start}:{mention.trigger_end}] s{mention.sentence_index}"


def _format_span(span: Span) -> str:
    return f"{span.text} [{span.start}:{span.end}]"


_ITEM_FORMATTERS: dict[type, Callable[[Any], str]] = {
    Actor: _format_actor,
    EventMention: _format_event_mention,
    Span: _format_span,
    str: str,
}
LIST_SEPARATOR = "; "


def headline_actors(actors: Sequence[Actor]) -> tuple[Actor | None, Actor | None]:
    """Event-dataset style actor1/actor2: first agent and first target, empty slots filled by the other actors."""
    actor1 = next((a for a in actors if a.role is ActorRole.AGENT), None)
    actor2 = next((a for a in actors if a.role is ActorRole.TARGET), None)
    rest = iter([a for a in actors if a is not actor1 and a is not actor2])
    return actor1 or next(rest, None), actor2 or next(rest, None)


def _actor_columns(name: str) -> tuple[list[str], Callable[[Any], list[str]]]:
    def values(actors: list[Actor]) -> list[str]:
        actor1, actor2 = headline_actors(actors)
        return [
            actor1.name if actor1 else "",
            (actor1.country or "") if actor1 else "",
            actor2.name if actor2 else "",
            (actor2.country or "") if actor2 else "",
            LIST_SEPARATOR.join(_format_actor(a) for a in actors),
        ]

    return ["actor1", "actor1_country", "actor2", "actor2_country", name], values


def _csv_columns_of_field(name: str, annotation: Any) -> tuple[list[str], Callable[[Any], list[str]]]:
    annotation, _ = _unwrap_optional(annotation)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        if item is Actor:
            return _actor_columns(name)
        if item not in _ITEM_FORMATTERS:
            raise TypeError(f"no CSV format for list items of type {item!r} (field {name})")
        formatter = _ITEM_FORMATTERS[item]
        return [name], lambda items: [LIST_SEPARATOR.join(formatter(item) for item in items)]
    return [name], lambda value: [_scalar_text(value)]


class _LineWriter:
    """Renders one CSV record (RFC 4180 quoting, CRLF) to a string."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")

    def line(self, values: list[str]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(values)
        return self._buffer.getvalue()


# ---------------------------------------------------------------- the tables


@dataclass(frozen=True)
class TableSpec:
    name: TableName
    model: type[BaseModel]
    document_column: str
    """Column holding the document id: rows of a re-processed document are replaced on resume."""
    key_columns: tuple[str, ...]
    key: Callable[..., tuple]
    partition_column: str
    """Date column the Hive-partitioned dataset is split by."""

    @property
    def schema(self) -> pa.Schema:
        return arrow_schema(self.name)

    @property
    def staging_schema(self) -> pa.Schema:
        fields = [field.with_type(_plain_type(field.type)) for field in self.schema]
        return pa.schema([*fields, pa.field(JSON_COLUMN, pa.string(), False), pa.field(CSV_COLUMN, pa.string(), False)])

    def row_key(self, row: BaseModel) -> tuple:
        return self.key(*(getattr(row, column) for column in self.key_columns))

    def batch_keys(self, batch: pa.RecordBatch | pa.Table) -> Iterator[tuple]:
        """Sort keys of staged rows; the JSON text breaks ties so equal keys still merge deterministically."""
        columns = [batch.column(column).to_pylist() for column in (*self.key_columns, JSON_COLUMN)]
        key = self.key
        for values in zip(*columns):
            yield (key(*values[:-1]), values[-1])

    def csv_header(self) -> list[str]:
        return [column for columns, _ in _csv_layout(self.model) for column in columns]

    def csv_header_line(self) -> str:
        return _LineWriter().line(self.csv_header())

    def csv_renderer(self) -> Callable[[BaseModel], str]:
        layout = [(name, values) for name, (_, values) in zip(self.model.model_fields, _csv_layout(self.model))]
        writer = _LineWriter()

        def render(row: BaseModel) -> str:
            return writer.line([text for name, values in layout for text in values(getattr(row, name))])

        return render


def _csv_layout(model: type[BaseModel]) -> list[tuple[list[str], Callable[[Any], list[str]]]]:
    return [_csv_columns_of_field(name, info.annotation) for name, info in model.model_fields.items()]


TABLES: dict[TableName, TableSpec] = {
    "documents": TableSpec("documents", Document, "id", ("id", "content_hash"), _document_key, "published"),
    "events": TableSpec(
        "events",
        Event,
        "document_id",
        ("time_start", "time_vague", "document_id", "trigger_start", "event_id"),
        _event_key,
        "time_start",
    ),
    "timexes": TableSpec("timexes", Timex, "document_id", ("document_id", "start", "end", "id"), _timex_key, "interval_start"),
}


@functools.cache
def arrow_schema(table: TableName) -> pa.Schema:
    """Arrow schema of an output table, derived field by field from its pydantic model."""
    model = TABLES[table].model
    return pa.schema(
        model_arrow_fields(model, describe=True),
        metadata={"timeline.version": __version__, "timeline.table": table, "timeline.model": model.__name__},
    )
