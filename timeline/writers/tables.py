"""The three output tables, derived from the pydantic models.

Everything a writer needs to know about a table — its Arrow schema, its sort
order, its CSV columns, the date it is partitioned by — is computed here from
`model_fields`, so a new field in `timeline/models.py` reaches every format
without touching this module.
"""

from __future__ import annotations

import functools
import io
import operator
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pa_json
from pydantic import BaseModel

from timeline import __version__
from timeline.models import Actor, ActorRole, Document, Event, EventMention, Span, Timex

TableName = Literal["documents", "timexes", "events"]
TABLE_NAMES: tuple[TableName, ...] = ("documents", "events", "timexes")
"""Tables in the order of the `Timeline` model's fields (the order of timeline.json)."""

CATEGORY = pa.dictionary(pa.int32(), pa.string())
LIST_ITEM = "element"  # the name Parquet gives list items; using it keeps schemas equal after a round trip

JSON_COLUMN = "_json"
"""Internal staging column: each row's `model_dump_json()`, so JSON outputs stream exact, cheap strings."""


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    """The type under `X | None` and `Annotated[X, ...]` (metadata only shapes the JSON Schema), and whether
    None is allowed."""
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(members) != 1:
            raise TypeError(f"no Arrow type for union {annotation!r}")
        return _unwrap_optional(members[0])[0], True
    if get_origin(annotation) is Annotated:
        return _unwrap_optional(get_args(annotation)[0])
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


def _event_key_columns(time_start, time_vague, document_id, trigger_start, event_id) -> list:
    undated = pc.or_kleene(pc.is_null(time_start), time_vague)
    no_date = pa.scalar(None, time_start.type)
    return [pc.cast(undated, pa.int8()), pc.if_else(undated, no_date, time_start), document_id, trigger_start, event_id]


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


def _format_actor(actor: Actor) -> str:
    # the enums are StrEnums, formatted as their values (reading `.value` costs a descriptor call per use)
    if actor.country:
        return f"{actor.name} ({actor.kind}, {actor.country}, {actor.role})"
    return f"{actor.name} ({actor.kind}, {actor.role})"


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
CSV_COLUMN = "_csv"
"""Internal staging column: each row's whole CSV record, rendered where the batch is staged (often a worker)."""
CSV_LINE_END = "\r\n"


def headline_actors(actors: Sequence[Actor]) -> tuple[Actor | None, Actor | None]:
    """Event-dataset style actor1/actor2: first agent and first target, empty slots filled by the other actors."""
    actor1 = next((a for a in actors if a.role is ActorRole.AGENT), None)
    actor2 = next((a for a in actors if a.role is ActorRole.TARGET), None)
    rest = iter([a for a in actors if a is not actor1 and a is not actor2])
    return actor1 or next(rest, None), actor2 or next(rest, None)


def _actor_texts(actors: list[Actor]) -> tuple[str, ...]:
    if not actors:
        return ("", "", "", "", "")
    actor1, actor2 = headline_actors(actors)
    return (
        actor1.name if actor1 else "",
        (actor1.country or "") if actor1 else "",
        actor2.name if actor2 else "",
        (actor2.country or "") if actor2 else "",
        LIST_SEPARATOR.join(map(_format_actor, actors)),
    )


def _list_texts(formatter: Callable[[Any], str]) -> Callable[[list], tuple[str]]:
    return lambda items: (LIST_SEPARATOR.join(map(formatter, items)),)


def _timestamp_texts(value: datetime | None) -> tuple[str]:
    # Arrow would print "2024-03-05 10:00:00.000000"; isoformat matches the JSON outputs
    return (value.isoformat() if value else "",)


_CSV_SPECIAL = '[",\r\n]'
"""Characters that make Python's csv writer (QUOTE_MINIMAL, "\r\n" line ends) quote a field."""


def csv_lines(columns: Sequence[pa.Array | pa.ChunkedArray]) -> pa.Array:
    """CSV records of columns of texts (nulls as empty fields), each ending in CSV_LINE_END, byte for byte
    what `csv.writer` writes, but quoted and joined by Arrow over whole columns instead of field by field."""
    fields = []
    for column in columns:
        texts = pc.fill_null(column, "")
        quoted = pc.binary_join_element_wise('"', pc.replace_substring(texts, '"', '""'), '"', "")
        fields.append(pc.if_else(pc.match_substring_regex(texts, _CSV_SPECIAL), quoted, texts))
    records = pc.binary_join_element_wise(pc.binary_join_element_wise(*fields, ","), CSV_LINE_END, "")
    return records.combine_chunks() if isinstance(records, pa.ChunkedArray) else records


@dataclass(frozen=True)
class CsvField:
    """The CSV columns one model field becomes; `render` is None when Arrow's cast to text is the right form."""

    field: str
    columns: tuple[str, ...]
    render: Callable[[Any], tuple[str, ...]] | None


def _csv_field(name: str, annotation: Any) -> CsvField:
    annotation, _ = _unwrap_optional(annotation)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        if item is Actor:
            return CsvField(name, ("actor1", "actor1_country", "actor2", "actor2_country", name), _actor_texts)
        if item not in _ITEM_FORMATTERS:
            raise TypeError(f"no CSV format for list items of type {item!r} (field {name})")
        return CsvField(name, (name,), _list_texts(_ITEM_FORMATTERS[item]))
    if isinstance(annotation, type) and issubclass(annotation, datetime):
        return CsvField(name, (name,), _timestamp_texts)
    return CsvField(name, (name,), None)


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
    arrow_key: Callable[..., list] = lambda *columns: list(columns)
    """`key` computed by Arrow over whole columns (the key columns themselves, unless `key` reorders them)."""
    row_scale: int = 1
    """How many event rows one row of this table weighs (documents carry their whole text): merging holds
    CHUNK_ROWS // row_scale rows at a time, so its memory does not depend on the table."""

    @functools.cached_property
    def schema(self) -> pa.Schema:
        return arrow_schema(self.name)

    @functools.cached_property
    def staging_schema(self) -> pa.Schema:
        texts = [JSON_COLUMN, CSV_COLUMN]
        return pa.schema([*self._plain_schema, *(pa.field(name, pa.string(), nullable=False) for name in texts)])

    @functools.cached_property
    def _key_values(self) -> Callable[[BaseModel], tuple]:
        return operator.attrgetter(*self.key_columns)

    def row_key(self, row: BaseModel) -> tuple:
        return self.key(*self._key_values(row))

    def sort_keys(self, rows: pa.Table) -> list[pa.Array]:
        """The key of staged rows as columns, in the order `key` gives (merging breaks ties by JSON_COLUMN)."""
        return self.arrow_key(*(rows.column(column) for column in self.key_columns))

    @functools.cached_property
    def csv_fields(self) -> list[CsvField]:
        return [_csv_field(name, info.annotation) for name, info in self.model.model_fields.items()]

    def csv_header(self) -> list[str]:
        return [column for field in self.csv_fields for column in field.columns]

    def csv_records(self, table: pa.Table, rows: Sequence[BaseModel]) -> pa.Array:
        """Each row's CSV record, line end included, from the rows and the same rows as typed columns: Arrow
        casts scalars to text column by column, lists and timestamps are rendered in Python."""
        columns: list[pa.Array | pa.ChunkedArray] = []
        for field in self.csv_fields:
            if field.render:
                texts = map(field.render, map(operator.attrgetter(field.field), rows))
                columns.extend(pa.array(column, pa.string()) for column in zip(*texts))
            else:
                columns.append(table.column(field.field).cast(pa.string()))
        return csv_lines(columns)

    @functools.cached_property
    def _plain_schema(self) -> pa.Schema:
        return pa.schema([field.with_type(_plain_type(field.type)) for field in self.schema])

    @functools.cached_property
    def _json_read_schema(self) -> pa.Schema:
        # Arrow's JSON reader takes dates as text; the cast to the plain schema parses them
        return pa.schema(
            [field.with_type(pa.string()) if pa.types.is_temporal(field.type) else field for field in self._plain_schema]
        )

    def table_from_json(self, lines: list[str]) -> pa.Table:
        """Rows from their `model_dump_json()` lines, parsed by Arrow in one pass (much faster than from_pylist)."""
        data = "\n".join(lines).encode()
        table = pa_json.read_json(
            io.BytesIO(data),
            read_options=pa_json.ReadOptions(use_threads=False, block_size=len(data) + 1),
            parse_options=pa_json.ParseOptions(explicit_schema=self._json_read_schema, unexpected_field_behavior="error"),
        )
        return table.select(self._plain_schema.names).cast(self._plain_schema)


TABLES: dict[TableName, TableSpec] = {
    "documents": TableSpec("documents", Document, "id", ("id", "content_hash"), _document_key, "published", row_scale=8),
    "events": TableSpec(
        "events",
        Event,
        "document_id",
        ("time_start", "time_vague", "document_id", "trigger_start", "event_id"),
        _event_key,
        "time_start",
        arrow_key=_event_key_columns,
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
