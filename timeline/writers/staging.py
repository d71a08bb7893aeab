"""Staging: a batch of rows turned into the sorted runs the writer persists.

`stage_batch` is pure and self-contained, so it runs where the rows were made — in a worker process or
on a Dask worker — and only compact bytes travel back: the driver's `TimelineWriter.write_staged` just
writes them to disk. Each run is an Arrow IPC stream (see `timeline.writers.merge`) of the batch's rows
of one table, sorted by the table key, with each row's JSON text and CSV record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyarrow as pa
from pydantic import BaseModel

from timeline.models import Document, Event, Reject, Timex
from timeline.writers.merge import run_bytes
from timeline.writers.tables import TABLE_NAMES, TABLES, TableName, TableSpec


@dataclass(frozen=True, slots=True)
class StagedBatch:
    """One batch ready for the writer: a sorted run per table, and its rejects as JSON lines."""

    runs: dict[TableName, bytes]
    """Arrow IPC stream of each table's rows (every table present, possibly with no rows)."""
    row_counts: dict[TableName, int]
    document_ids: tuple[str, ...]
    """Ids of the batch's documents: on resume they replace rows staged or written earlier."""
    rejects: str
    """The batch's rejects, one `model_dump_json()` line each, in input order."""

    @property
    def empty(self) -> bool:
        return not any(self.row_counts.values()) and not self.rejects


def staged_table(spec: TableSpec, rows: Sequence[BaseModel]) -> pa.Table:
    """Rows sorted by the table key (ties by their JSON), with their JSON text and CSV record, in the staging
    schema. Each row is serialised once; Arrow parses those JSON texts into the typed columns."""
    if not rows:
        return spec.staging_schema.empty_table()
    row_key = spec.row_key
    json_rows = [row.model_dump_json() for row in rows]
    order = sorted(range(len(rows)), key=lambda index: (row_key(rows[index]), json_rows[index]))
    json_rows = [json_rows[index] for index in order]
    table = spec.table_from_json(json_rows)
    records = spec.csv_records(table, [rows[index] for index in order])
    texts = [pa.array(json_rows, pa.string()), records]
    return pa.Table.from_arrays([*table.columns, *texts], schema=spec.staging_schema)


def stage_batch(
    documents: Iterable[Document],
    timexes: Iterable[Timex],
    events: Iterable[Event],
    rejects: Iterable[Reject] = (),
) -> StagedBatch:
    """Stage one batch: what `TimelineWriter.write_staged` persists (the bytes do not depend on where this runs)."""
    rows: dict[TableName, list] = {"documents": list(documents), "events": list(events), "timexes": list(timexes)}
    return StagedBatch(
        runs={name: run_bytes(staged_table(TABLES[name], rows[name])) for name in TABLE_NAMES},
        row_counts={name: len(rows[name]) for name in TABLE_NAMES},
        document_ids=tuple(document.id for document in rows["documents"]),
        rejects="".join(f"{reject.model_dump_json()}\n" for reject in rejects),
    )

