"""Streaming k-way merge of sorted Parquet runs.

Each staged run is a Parquet file already sorted by its table's key. Merging
reads every run a few hundred rows at a time, so memory depends on the number
of runs merged at once (the fan-in), never on the size of the dataset; more
runs than the fan-in are first merged in groups into longer runs.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

READ_ROWS = 256
"""Rows read from a run at a time, and the row-group size runs are written with."""
FAN_IN = 64
"""Runs merged at once: memory is about FAN_IN × READ_ROWS staged rows."""
CHUNK_ROWS = 8_192
"""Rows per merged chunk handed to the output writers."""

BatchKeys = Callable[[pa.RecordBatch], Iterable[tuple]]


def write_run(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="snappy", row_group_size=READ_ROWS)


def merge_runs(paths: Sequence[Path], batch_keys: BatchKeys) -> Iterator[pa.Table]:
    """The rows of all runs in key order, as tables of CHUNK_ROWS rows (the last one shorter)."""
    chunk_rows = CHUNK_ROWS
    loaded: dict[tuple[int, int], pa.RecordBatch] = {}
    current: dict[int, int] = {}

    def rows(run: int, path: Path) -> Iterator[tuple]:
        for batch_number, batch in enumerate(pq.ParquetFile(path).iter_batches(batch_size=READ_ROWS)):
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
            target = work_dir / f"merge-{level}-{group_number:06d}.parquet"
            schema = pq.read_schema(group[0])
            with pq.ParquetWriter(target, schema, compression="snappy") as writer:
                for chunk in merge_runs(group, batch_keys):
                    writer.write_table(chunk, row_group_size=READ_ROWS)
            for path in group:
                if path.parent == work_dir:
                    path.unlink()
            merged.append(target)
        paths = merged
        level += 1
    return paths
