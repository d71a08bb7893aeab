"""TimelineWriter: staged, resumable, atomic output of a timeline in several formats.

Every `write_batch` persists its rows at once as sorted runs (Arrow IPC streams) in
`out_dir/.staging/batch-NNNNNN/` (written to a `.tmp` folder, then renamed),
so a killed run keeps every finished batch. `close` merges the runs — plus,
when resuming, the rows of the previous final output — in global key order
into temporary files that are renamed over the final ones only when all are
complete. The order never depends on how the input was split into batches,
so a resumed run gives byte for byte the output of an uninterrupted one.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO, Literal, Self

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pydantic import BaseModel

from timeline import __version__
from timeline.models import Document, Event, Reject, RunInfo, Timeline, Timex
from timeline.processes import process_context
from timeline.writers import merge
from timeline.writers.merge import (
    RUN_SUFFIX,
    merge_runs,
    read_run_table,
    reduce_runs,
    write_run,
)
from timeline.writers.staging import StagedBatch, stage_batch, staged_table
from timeline.writers.tables import (
    CSV_COLUMN,
    CSV_LINE_END,
    JSON_COLUMN,
    TABLE_NAMES,
    TABLES,
    TableName,
    TableSpec,
)

log = logging.getLogger("timeline.writers")

FORMATS = ("parquet", "csv", "json", "jsonl")
PartitionBy = Literal["year", "month"]
STAGING = ".staging"
REJECTS = "rejects.jsonl"
TIMELINE_JSON = "timeline.json"
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"
PREVIOUS_READ_ROWS = 512
"""Rows read at a time from a previous final Parquet output when resuming."""
CARRY_ROWS = 5_000
"""Rows of a previous output re-staged per sorted run when resuming (kept small: they are held as models)."""
ROW_GROUP_ROWS = 65_536
ROW_GROUP_BYTES = 16 * 2**20
"""Merged chunks are gathered into Parquet row groups of up to ROW_GROUP_ROWS rows or about ROW_GROUP_BYTES."""
COPY_BYTES = 2**20


class OutputError(Exception):
    """An output file or folder could not be written; the message names the path."""


def _output_error(error: OSError, fallback: Path) -> OutputError:
    path = error.filename or fallback
    return OutputError(f"cannot write {path}: {error.strerror or error}")


# ---------------------------------------------------------------- staging rows


def _without_documents(table: pa.Table, spec: TableSpec, document_ids: set[str]) -> pa.Table:
    if not document_ids or table.num_rows == 0:
        return table
    unwanted = pc.is_in(table.column(spec.document_column), value_set=pa.array(sorted(document_ids), pa.string()))
    return table.filter(pc.invert(unwanted))


# ---------------------------------------------------------------- previous output (resume)


def _previous_sources(out_dir: Path, table: TableName, partitioned: bool) -> list[Path]:
    """Files holding a table of a previous final output: JSONL (quickest to read back), else Parquet."""
    jsonl = out_dir / f"{table}.jsonl"
    if jsonl.is_file():
        return [jsonl]
    folder = out_dir / table
    folder_parts = sorted(folder.rglob("*.parquet")) if folder.is_dir() else []
    flat = [out_dir / f"{table}.parquet"] if (out_dir / f"{table}.parquet").is_file() else []
    return (folder_parts or flat) if partitioned else (flat or folder_parts)


def _previous_rows(spec: TableSpec, sources: Sequence[Path]) -> Iterator[BaseModel]:
    for source in sources:
        if source.suffix == ".parquet":
            for batch in pq.ParquetFile(source).iter_batches(batch_size=PREVIOUS_READ_ROWS, columns=list(spec.model.model_fields)):
                for record in batch.to_pylist():
                    yield spec.model.model_validate(record)
        else:
            with source.open(encoding="utf-8") as lines:
                for line in lines:
                    if line.strip():
                        yield spec.model.model_validate_json(line)


# ---------------------------------------------------------------- output sinks


class _Sinks:
    """The temporary final files of one table, fed merged chunks in order, and the table's rows for timeline.json
    (comma-separated, in `json_rows`). Texts go out as the UTF-8 bytes Arrow already holds, never as Python strings."""

    def __init__(
        self,
        spec: TableSpec,
        formats: Sequence[str],
        temp_dir: Path,
        partition_by: PartitionBy | None,
        json_rows: Path | None,
    ) -> None:
        self.spec = spec
        self.partition_by = partition_by
        self.temp_dir = temp_dir
        self.parquet: pq.ParquetWriter | None = None
        self.partitions: dict[tuple[str, ...], pq.ParquetWriter] = {}
        self.outputs: list[str] = []
        self.write_parquet = "parquet" in formats
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._pending_bytes = 0
        self.csv: IO[bytes] | None = None
        self.jsonl: IO[bytes] | None = None
        self.json_rows: IO[bytes] | None = None
        self._json_separator = b""
        if self.write_parquet:
            self.outputs.append(spec.name if partition_by else f"{spec.name}.parquet")
            if partition_by is None:
                self.parquet = _parquet_writer(temp_dir / f"{spec.name}.parquet", spec.schema)
        if "csv" in formats:
            self.csv = (temp_dir / f"{spec.name}.csv").open("wb")
            self.outputs.append(f"{spec.name}.csv")
            header = io.StringIO(newline="")
            csv.writer(header, lineterminator=CSV_LINE_END).writerow(spec.csv_header())
            self.csv.write(header.getvalue().encode())
        if "jsonl" in formats:
            self.jsonl = (temp_dir / f"{spec.name}.jsonl").open("wb")
            self.outputs.append(f"{spec.name}.jsonl")
        if json_rows is not None:
            self.json_rows = json_rows.open("wb")

    def write_rows(self, chunk: pa.Table) -> None:
        """Gather a merged chunk's Parquet columns (in their own buffers: a slice would keep the whole merge step
        alive, JSON and CSV texts included) until a row group is full."""
        if self.write_parquet:
            rows = _compact(chunk.select(self.spec.schema.names))
            self._pending.append(rows)
            self._pending_rows += rows.num_rows
            self._pending_bytes += rows.nbytes
            if self._pending_rows >= ROW_GROUP_ROWS or self._pending_bytes >= ROW_GROUP_BYTES:
                self._flush_parquet()

    def write_texts(self, chunk: pa.Table) -> None:
        if self.csv is not None:
            self.csv.write(_joined(chunk.column(CSV_COLUMN), ""))
        if self.jsonl is not None:
            self.jsonl.write(_joined(chunk.column(JSON_COLUMN), "\n"))
            self.jsonl.write(b"\n")
        if self.json_rows is not None:
            self.json_rows.write(self._json_separator)
            self.json_rows.write(_joined(chunk.column(JSON_COLUMN), ","))
            self._json_separator = b","

    def _flush_parquet(self) -> None:
        if not self._pending:
            return
        pieces, self._pending, self._pending_rows, self._pending_bytes = self._pending, [], 0, 0
        # one chunk per column: Arrow dictionary-encodes chunk by chunk, and chunking must not show in the bytes
        rows = _concatenated(pieces).cast(self.spec.schema)
        if self.parquet is not None:
            self.parquet.write_table(rows, row_group_size=ROW_GROUP_ROWS)
        else:
            self._write_partitions(rows)

    def _write_partitions(self, rows: pa.Table) -> None:
        groups: dict[tuple[str, ...], list[int]] = {}
        for index, day in enumerate(rows.column(self.spec.partition_column).to_pylist()):
            groups.setdefault(self._partition(day), []).append(index)
        for partition, indices in groups.items():
            writer = self.partitions.get(partition)
            if writer is None:
                folder = self.temp_dir / self.spec.name / Path(*partition)
                folder.mkdir(parents=True, exist_ok=True)
                writer = self.partitions[partition] = _parquet_writer(folder / "part-0.parquet", self.spec.schema)
            writer.write_table(rows.take(pa.array(indices, pa.int64())))

    def _partition(self, day: date | None) -> tuple[str, ...]:
        year = HIVE_NULL if day is None else str(day.year)
        if self.partition_by == "year":
            return (f"year={year}",)
        # unpadded month numbers: DuckDB and Polars then both read the column as an integer
        return (f"year={year}", f"month={HIVE_NULL if day is None else day.month}")

    def close(self) -> None:
        self._flush_parquet()
        if self.parquet is not None:
            self.parquet.close()
        if self.write_parquet and self.partition_by and not self.partitions:
            # an empty dataset still needs one file, or readers find no schema at all
            folder = self.temp_dir / self.spec.name
            folder.mkdir(parents=True, exist_ok=True)
            _parquet_writer(folder / "part-0.parquet", self.spec.schema).close()
        for writer in self.partitions.values():
            writer.close()
        for handle in (self.csv, self.jsonl, self.json_rows):
            if handle is not None:
                handle.close()


def _joined(texts: pa.ChunkedArray, separator: str) -> pa.Buffer:
    """The texts joined by `separator`, as one buffer of UTF-8 bytes (joined by Arrow, not in Python)."""
    values = texts.combine_chunks()
    one_list = pa.ListArray.from_arrays(pa.array([0, len(values)], pa.int32()), values)
    return pc.binary_join(one_list, separator)[0].as_buffer()


def _compact(table: pa.Table) -> pa.Table:
    """The rows in fresh buffers of their own, one chunk per column (`combine_chunks` keeps a lone slice as it is)."""
    if table.num_rows == 0:
        return table
    return pa.Table.from_arrays([pa.concat_arrays(column.chunks) for column in table.columns], schema=table.schema)


def _concatenated(pieces: list[pa.Table]) -> pa.Table:
    """Tables of one schema as one table with one chunk per column, built column by column while the pieces'
    columns are released, so the rows are held about once rather than twice; empties `pieces`."""
    schema = pieces[0].schema
    columns = [[piece.column(index) for piece in pieces] for index in range(len(schema))]
    pieces.clear()
    arrays = []
    for index in range(len(schema)):
        parts, columns[index] = columns[index], []
        arrays.append(pa.concat_arrays([chunk for part in parts for chunk in part.chunks]))
        del parts
    return pa.Table.from_arrays(arrays, schema=schema)


def _parquet_writer(path: Path, schema: pa.Schema) -> pq.ParquetWriter:
    return pq.ParquetWriter(path, schema, compression="zstd", use_dictionary=True, store_schema=True)


# ---------------------------------------------------------------- the writer


def _batch_number(path: Path) -> int | None:
    name = path.name
    if path.is_dir() and name.startswith("batch-") and name[6:].isdigit():
        return int(name[6:])
    return None


def _read_document_hashes(path: Path) -> dict[str, str]:
    if path.suffix in (".parquet", RUN_SUFFIX):
        columns = ["id", "content_hash"]
        table = pq.read_table(path, columns=columns) if path.suffix == ".parquet" else read_run_table(path, columns)
        return dict(zip(table.column("id").to_pylist(), table.column("content_hash").to_pylist()))
    hashes = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                document = Document.model_validate_json(line)
                hashes[document.id] = document.content_hash
    return hashes


class TimelineWriter:
    """Writes a timeline batch by batch; `close` (or leaving the `with` block) produces the final files."""

    def __init__(
        self,
        out_dir: Path,
        formats: Sequence[str] = FORMATS,
        run: RunInfo | None = None,
        partition_by: PartitionBy | None = None,
        resume: bool = False,
        processes: int = 1,
    ) -> None:
        """`processes`: how many local processes `close` may use to merge the tables at the same time."""
        unknown = sorted(set(formats) - set(FORMATS))
        if unknown:
            raise ValueError(f"unknown output format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
        if partition_by not in (None, "year", "month"):
            raise ValueError(f"partition_by must be 'year', 'month' or None, not {partition_by!r}")
        self.out_dir = Path(out_dir)
        self.formats = tuple(dict.fromkeys(formats))
        self.run = run or RunInfo(tool_version=__version__)
        self.partition_by = partition_by
        self.resume = resume
        self.processes = processes
        self.staging = self.out_dir / STAGING
        self.outputs: list[Path] = []
        self._closed = False
        # Only a resumed run keeps document ids in memory: it must know which rows the re-processed documents replace.
        self._session_ids: set[str] = set()
        self._earlier_batches: dict[int, set[str]] = {}
        """Batches staged by an interrupted earlier run: number → document ids."""
        self._previous_output: dict[TableName, list[Path]] = {}
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            if not resume and self.staging.exists():
                shutil.rmtree(self.staging)
            self.staging.mkdir(exist_ok=True)
            for leftover in self.staging.iterdir():
                if _batch_number(leftover) is None:
                    _remove(leftover)
            if resume:
                self._load_previous()
        except OSError as error:
            raise _output_error(error, self.out_dir) from error
        self._next_batch = max(self._earlier_batches, default=0) + 1

    def _load_previous(self) -> None:
        sources = {table: _previous_sources(self.out_dir, table, self.partition_by is not None) for table in TABLE_NAMES}
        if all(sources.values()):
            self._previous_output = sources
        elif any(sources.values()):
            log.warning("%s: previous output is incomplete (needs Parquet or JSONL of every table); not carried over", self.out_dir)
        for batch in sorted(self.staging.iterdir()):
            number = _batch_number(batch)
            if number is not None:
                self._earlier_batches[number] = set(_read_document_hashes(batch / f"documents{RUN_SUFFIX}"))

    def done_documents(self) -> dict[str, str]:
        """Documents already persisted (id → content_hash), from staged batches and a resumed previous output.

        Read from disk on each call, so a long run holds no per-document state for it.
        """
        return dict(self.iter_done_documents())

    def iter_done_documents(self) -> Iterator[tuple[str, str]]:
        """`done_documents` as (id, content_hash) pairs, a later pair of an id replacing an earlier one."""
        for source in self._previous_output.get("documents", []):
            yield from _read_document_hashes(source).items()
        for _number, batch in self._batches():
            yield from _read_document_hashes(batch / f"documents{RUN_SUFFIX}").items()

    def scratch_path(self, name: str) -> Path:
        """A path in the staging folder for the caller's temporary file, removed with the staging folder."""
        return self.staging / name

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        # after a failure the staged batches stay, so the run can be resumed
        if exc_type is None:
            self.close()

    def write_batch(
        self,
        documents: Iterable[Document],
        timexes: Iterable[Timex],
        events: Iterable[Event],
        rejects: Iterable[Reject] = (),
    ) -> None:
        """Persist one batch now, as sorted staged runs (atomically: a temporary folder renamed into place)."""
        if self._closed:
            raise RuntimeError("TimelineWriter is closed")
        self.write_staged(stage_batch(documents, timexes, events, rejects))

    def write_staged(self, batch: StagedBatch) -> None:
        """Persist a batch staged by `stage_batch` (possibly in another process): only its bytes are written."""
        if self._closed:
            raise RuntimeError("TimelineWriter is closed")
        if batch.empty:
            return
        target = self.staging / f"batch-{self._next_batch:06d}"
        temporary = target.with_name(target.name + ".tmp")
        try:
            temporary.mkdir()
            for name in TABLE_NAMES:
                (temporary / f"{name}{RUN_SUFFIX}").write_bytes(batch.runs[name])
            if batch.rejects:
                (temporary / REJECTS).write_text(batch.rejects, encoding="utf-8")
            temporary.rename(target)
        except OSError as error:
            shutil.rmtree(temporary, ignore_errors=True)
            raise _output_error(error, temporary) from error
        self._next_batch += 1
        if self.resume:
            self._session_ids.update(batch.document_ids)

    def close(self) -> list[Path]:
        """Consolidate the staged batches into the final files; returns the paths written."""
        if self._closed:
            return self.outputs
        final = self.staging / "final"
        work = self.staging / "work"
        try:
            for folder in (final, work):
                _remove(folder)
                folder.mkdir()
            names = self._consolidate(final, work)
            self._commit(final, names)
        except BaseException as error:
            # the staged batches stay: the run can be resumed
            for folder in (final, work):
                shutil.rmtree(folder, ignore_errors=True)
            if isinstance(error, OSError):
                raise _output_error(error, self.out_dir) from error
            raise
        self._closed = True
        self.outputs = [self.out_dir / name for name in names]
        return self.outputs

    def _batches(self) -> list[tuple[int, Path]]:
        if not self.staging.is_dir():
            return []
        numbered = ((_batch_number(path), path) for path in self.staging.iterdir())
        return sorted((number, path) for number, path in numbered if number is not None)

    def _runs(self, spec: TableSpec, work: Path) -> list[Path]:
        """Sorted runs of a table: staged batches, minus documents re-processed since, plus carried-over rows."""
        runs = []
        for number, batch in self._batches():
            path = batch / f"{spec.name}{RUN_SUFFIX}"
            replaced = self._earlier_batches.get(number, set()) & self._session_ids
            if replaced:
                path = work / f"{batch.name}-{spec.name}{RUN_SUFFIX}"
                write_run(_without_documents(read_run_table(batch / f"{spec.name}{RUN_SUFFIX}"), spec, replaced), path)
            runs.append(path)
        if self._previous_output:
            superseded = self._session_ids.union(*self._earlier_batches.values())
            rows = (
                row
                for row in _previous_rows(spec, self._previous_output[spec.name])
                if getattr(row, spec.document_column) not in superseded
            )
            for number, chunk in enumerate(_chunks(rows, CARRY_ROWS)):
                path = work / f"carried-{spec.name}-{number:06d}{RUN_SUFFIX}"
                write_run(staged_table(spec, chunk), path)
                runs.append(path)
        return runs

    def _consolidate(self, final: Path, work: Path) -> list[str]:
        json_rows = {name: work / f"{name}.json-rows" for name in TABLE_NAMES} if "json" in self.formats else None
        jobs = [
            _TableJob(
                name, tuple(self._runs(TABLES[name], work)), self.formats, self.partition_by, final, work,
                json_rows[name] if json_rows else None,
            )
            for name in TABLE_NAMES
        ]
        names = [name for outputs in _run_table_jobs(jobs, self.processes) for name in outputs]
        if json_rows is not None:
            _assemble_timeline_json(final / TIMELINE_JSON, self.run, json_rows)
            names.append(TIMELINE_JSON)
        rejects = self._rejects()
        if rejects:
            (final / REJECTS).write_text("".join(rejects), encoding="utf-8")
            names.append(REJECTS)
        return names

    def _rejects(self) -> list[str]:
        """Reject lines in input order; a record rejected again after a resume is listed once."""
        lines: dict[str, None] = {}
        for _number, batch in self._batches():
            path = batch / REJECTS
            if path.is_file():
                with path.open(encoding="utf-8") as handle:
                    lines.update(dict.fromkeys(handle))
        return list(lines)

    def _commit(self, final: Path, names: list[str]) -> None:
        replaced = self.staging / "replaced"
        replaced.mkdir()
        for name in names:
            source, target = final / name, self.out_dir / name
            if source.is_dir() and target.exists():
                # a folder cannot be renamed over a non-empty one: move the old one aside first
                target.rename(replaced / name)
            os.replace(source, target)
        if REJECTS not in names:
            (self.out_dir / REJECTS).unlink(missing_ok=True)
        shutil.rmtree(self.staging)


@dataclass(frozen=True)
class _TableJob:
    """Everything needed to merge one table's runs into its final files, in this process or another."""

    name: TableName
    runs: tuple[Path, ...]
    formats: tuple[str, ...]
    partition_by: PartitionBy | None
    final: Path
    work: Path
    json_rows: Path | None

    @property
    def run_bytes(self) -> int:
        return sum(path.stat().st_size for path in self.runs)


def _write_table(job: _TableJob) -> list[str]:
    """Merge a table's sorted runs into its final files; returns their names."""
    spec = TABLES[job.name]
    sinks = _Sinks(spec, job.formats, job.final, job.partition_by, job.json_rows)
    try:
        chunk_rows = max(1, merge.CHUNK_ROWS // spec.row_scale)
        runs = reduce_runs(job.runs, spec.sort_keys, JSON_COLUMN, job.work / job.name, chunk_rows)
        for chunk in merge_runs(runs, spec.sort_keys, JSON_COLUMN, chunk_rows):
            sinks.write_rows(chunk)
            sinks.write_texts(chunk)
    finally:
        sinks.close()
    return sinks.outputs


def _run_table_jobs(jobs: list[_TableJob], processes: int) -> list[list[str]]:
    """Each job's output names, in the order of `jobs`. With several processes the tables are merged at the
    same time, the largest started first (merging is the part of a run no batch worker can share)."""
    for job in jobs:
        (job.work / job.name).mkdir(exist_ok=True)
    if processes <= 1:
        return [_write_table(job) for job in jobs]
    largest_first = sorted(jobs, key=lambda job: job.run_bytes, reverse=True)
    with ProcessPoolExecutor(min(processes, len(jobs)), mp_context=process_context()) as pool:
        futures = {job.name: pool.submit(_write_table, job) for job in largest_first}
        return [futures[job.name].result() for job in jobs]


def _assemble_timeline_json(path: Path, run: RunInfo, json_rows: dict[TableName, Path]) -> None:
    with path.open("wb") as out:
        out.write(b'{"run":' + run.model_dump_json().encode())
        for name in TABLE_NAMES:
            out.write(f',"{name}":['.encode())
            with json_rows[name].open("rb") as rows:
                shutil.copyfileobj(rows, out, COPY_BYTES)
            out.write(b"]")
        out.write(b"}")


def _chunks(rows: Iterable[BaseModel], size: int) -> Iterator[list[BaseModel]]:
    chunk: list[BaseModel] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def write_timeline(
    timeline: Timeline,
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    partition_by: PartitionBy | None = None,
) -> list[Path]:
    """Write an in-memory Timeline (one batch through TimelineWriter); returns the paths written."""
    writer = TimelineWriter(out_dir, formats, run=timeline.run, partition_by=partition_by)
    writer.write_batch(timeline.documents, timeline.timexes, timeline.events)
    return writer.close()
