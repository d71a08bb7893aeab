"""Streaming k-way merge of sorted runs.

A run is an Arrow IPC stream file (`.arrows`, zstd-compressed) of rows already
sorted by their table's key, in record batches of READ_ROWS rows. Merging reads
every run one batch at a time, so memory depends on the number of runs merged
at once (the fan-in), never on the size of the dataset; more runs than the
fan-in are first merged in groups into longer runs. (IPC streams rather than
Parquet: a Parquet reader holds the metadata of every row group of its file,
which grows with the run, while a stream reader holds one batch.)
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import pyarrow as pa

RUN_SUFFIX = ".arrows"
READ_ROWS = 256
"""Rows per record batch of a run: what merging reads from each run at a time."""
FAN_IN = 32
"""Runs merged at once: memory is about FAN_IN × READ_ROWS staged rows."""
CHUNK_ROWS = 8_192
"""Rows per merged chunk handed to the output writers."""

BatchKeys = Callable[[pa.RecordBatch], Iterable[tuple]]


_IPC_OPTIONS = pa.ipc.IpcWriteOptions(compression="zstd")


def write_run(table: pa.Table, path: Path) -> None:
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_stream(sink, table.schema, options=_IPC_OPTIONS) as writer:
        writer.write_table(table, max_chunksize=READ_ROWS)


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


def merge_runs(paths: Sequence[Path], batch_keys: BatchKeys) -> Iterator[pa.Table]:
    """The rows of all runs in key order, as tables of CHUNK_ROWS rows (the last one shorter)."""
    chunk_rows = CHUNK_ROWS
    loaded: dict[tuple[int, int], pa.RecordBatch] = {}
    current: dict[int, int] = {}

    def rows(run: int, path: Path) -> Iterator[tuple]:
        for batch_number, batch in enumerate(read_run(path)):
            loaded[run, batch_number] = batch
            current[run] = batch_number
            for row, key in enumerate(batch_keys(batch)):
                yield key, run, batch_number, row

    picks: list[tuple[int, int, int]] = []
    for _key, run, batch_number, row in heapq.merge(*(rows(run, path) for run, path in enumerate(paths))):
        picks.append((run, batch_number, row))
        if len(picks) == chunk_rows:
            yield _take(loaded, picks)
            picks = []
            # the heap holds at most one pending row per run, from the run's current batch
            for batch_id in [batch_id for batch_id in loaded if batch_id[1] != current[batch_id[0]]]:
                del loaded[batch_id]
    if picks:
        yield _take(loaded, picks)


def _take(loaded: dict[tuple[int, int], pa.RecordBatch], picks: list[tuple[int, int, int]]) -> pa.Table:
    offsets: dict[tuple[int, int], int] = {}
    batches: list[pa.RecordBatch] = []
    size = 0
    for run, batch_number, _row in picks:
        if (run, batch_number) not in offsets:
            offsets[run, batch_number] = size
            batch = loaded[run, batch_number]
            batches.append(batch)
            size += batch.num_rows
    indices = pa.array([offsets[run, batch_number] + row for run, batch_number, row in picks], type=pa.int64())
    return pa.Table.from_batches(batches).take(indices)


def reduce_runs(paths: Sequence[Path], batch_keys: BatchKeys, work_dir: Path) -> list[Path]:
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
                for chunk in merge_runs(group, batch_keys):
                    writer.write_table(chunk, max_chunksize=READ_ROWS)
            for path in group:
                if path.parent == work_dir:
                    path.unlink()
            merged.append(target)
        paths = merged
        level += 1
    return paths
