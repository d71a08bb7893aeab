"""Streaming k-way merge of sorted runs.

A run is an Arrow IPC stream file (`.arrows`, LZ4-compressed) of rows already
sorted by their table's key, in record batches of about RUN_BATCH_BYTES. Merging reads
every run one batch at a time, so memory depends on the number of runs merged
at once (the fan-in), never on the size of the dataset; more runs than the
fan-in are first merged in groups into longer runs. (IPC streams rather than
Parquet: a Parquet reader holds the metadata of every row group of its file,
which grows with the run, while a stream reader holds one batch.)
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

RUN_SUFFIX = ".arrows"
RUN_BATCH_BYTES = 2**20
"""Size of a run's record batches (what merging holds per run): rows per batch follow the table's row size."""
FAN_IN = 64
"""Runs merged at once: memory is about FAN_IN × RUN_BATCH_BYTES (plus their decompression)."""
CHUNK_ROWS = 8_192
"""Rows per merged chunk handed to the output writers (for tables of wide rows, a fraction of it)."""

SortKeys = Callable[[pa.Table], list[pa.Array]]
"""A table's key as columns whose lexicographic order is the rows' order (ties broken by the tie column)."""


_IPC_OPTIONS = pa.ipc.IpcWriteOptions(compression="lz4")
"""Runs live only until `close`, which is serial: LZ4 reads back several times faster than zstd (and takes
about twice the disk space; the final Parquet files are zstd)."""


def _batch_rows(table: pa.Table) -> int:
    row_bytes = table.nbytes // max(1, table.num_rows)
    return max(1, min(8192, RUN_BATCH_BYTES // max(1, row_bytes)))


def run_bytes(table: pa.Table) -> bytes:
    """A run as the bytes of its file (rows already sorted), so it can be made in one process and stored in another."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=_IPC_OPTIONS) as writer:
        writer.write_table(table, max_chunksize=_batch_rows(table))
    return sink.getvalue().to_pybytes()


def write_run(table: pa.Table, path: Path) -> None:
    path.write_bytes(run_bytes(table))


def read_run(path: Path) -> Iterator[pa.RecordBatch]:
    with pa.OSFile(str(path)) as source:
        yield from pa.ipc.open_stream(source)


def read_run_table(path: Path, columns: Sequence[str] | None = None) -> pa.Table:
    with pa.OSFile(str(path)) as source:
        table = pa.ipc.open_stream(source).read_all()
    return table.select(list(columns)) if columns is not None else table


def _run_schema(path: Path) -> pa.Schema:
    with pa.OSFile(str(path)) as source:
        return pa.ipc.open_stream(source).schema


def _python_values(array: pa.Array | pa.ChunkedArray) -> list:
    # dates compare like their day numbers, which Python builds several times faster than date objects
    if pa.types.is_date32(array.type):
        array = array.cast(pa.int32())
    return array.to_pylist()


class _RunCursor:
    """The rows of one run not merged yet: the rest of its current batch, with their keys as Python tuples
    (for the frontier search only; the rows themselves are ordered by Arrow)."""

    def __init__(self, path: Path, sort_keys: SortKeys, tie_column: str) -> None:
        self._batches = read_run(path)
        self._sort_keys = sort_keys
        self._tie_column = tie_column
        self.table = pa.table({})
        self.keys: list[tuple] = []
        self._load_next()

    def _load_next(self) -> None:
        for batch in self._batches:
            if batch.num_rows:
                self.table = pa.Table.from_batches([batch])
                self.keys = list(zip(*map(_python_values, self._sort_keys(self.table))))
                return
        self.keys = []  # exhausted

    def tie(self, row: int) -> str:
        return self.table.column(self._tie_column)[row].as_py()

    def last_tie(self) -> str:
        return self.tie(len(self.keys) - 1)

    def count_through(self, key: tuple, tie: str) -> int:
        """How many buffered rows come at or before (key, tie)."""
        count = bisect.bisect_left(self.keys, key)
        equal_end = bisect.bisect_right(self.keys, key, lo=count)
        while count < equal_end and self.tie(count) <= tie:
            count += 1
        return count

    def take(self, count: int) -> pa.Table:
        """Remove and return the first `count` buffered rows."""
        piece = self.table.slice(0, count)
        if count == len(self.keys):
            self._load_next()
        else:
            self.table, self.keys = self.table.slice(count), self.keys[count:]
        return piece


def _in_order(rows: pa.Table, sort_keys: SortKeys, tie_column: str) -> pa.Table:
    columns = {f"key{index}": column for index, column in enumerate(sort_keys(rows))}
    columns["tie"] = rows.column(tie_column)
    order = pc.sort_indices(pa.table(columns), sort_keys=[(name, "ascending") for name in columns])
    return rows.take(order)


def merge_runs(
    paths: Sequence[Path], sort_keys: SortKeys, tie_column: str, chunk_rows: int | None = None
) -> Iterator[pa.Table]:
    """The rows of all runs in key order (ties by `tie_column`), as tables of exactly `chunk_rows` (default
    CHUNK_ROWS) rows, the last one shorter.

    Each step takes, from every run, the buffered rows up to the smallest of the runs' last buffered rows —
    no row still unread can come before them — and orders them with one Arrow sort. Chunk boundaries depend
    only on the merged rows, never on how they were split into runs, so the output files do not either.
    """
    chunk_rows = chunk_rows or CHUNK_ROWS
    cursors = [cursor for cursor in (_RunCursor(path, sort_keys, tie_column) for path in paths) if cursor.keys]
    pending: list[pa.Table] = []
    pending_rows = 0
    while cursors:
        frontier_key = min(cursor.keys[-1] for cursor in cursors)
        frontier_tie = min(cursor.last_tie() for cursor in cursors if cursor.keys[-1] == frontier_key)
        pieces = []
        for cursor in cursors:
            count = cursor.count_through(frontier_key, frontier_tie)
            if count:
                pieces.append(cursor.take(count))
        cursors = [cursor for cursor in cursors if cursor.keys]
        step = _in_order(pa.concat_tables(pieces), sort_keys, tie_column) if len(pieces) > 1 else pieces[0]
        pending.append(step)
        pending_rows += step.num_rows
        while pending_rows >= chunk_rows:
            combined = pa.concat_tables(pending)
            yield combined.slice(0, chunk_rows)
            pending, pending_rows = [combined.slice(chunk_rows)], pending_rows - chunk_rows
    if pending_rows:
        yield pa.concat_tables(pending)


def reduce_runs(
    paths: Sequence[Path], sort_keys: SortKeys, tie_column: str, work_dir: Path, chunk_rows: int | None = None
) -> list[Path]:
    """Merge groups of runs into longer runs until at most FAN_IN remain; intermediate files go to work_dir."""
    fan_in = FAN_IN
    paths = list(paths)
    level = 0
    while len(paths) > fan_in:
        merged = []
        for group_number, start in enumerate(range(0, len(paths), fan_in)):
            group = paths[start : start + fan_in]
            target = work_dir / f"merge-{level}-{group_number:06d}{RUN_SUFFIX}"
            with (
                pa.OSFile(str(target), "wb") as sink,
                pa.ipc.new_stream(sink, _run_schema(group[0]), options=_IPC_OPTIONS) as writer,
            ):
                for chunk in merge_runs(group, sort_keys, tie_column, chunk_rows):
                    writer.write_table(chunk, max_chunksize=_batch_rows(chunk))
            for path in group:
                if path.parent == work_dir:
                    path.unlink()
            merged.append(target)
        paths = merged
        level += 1
    return paths
