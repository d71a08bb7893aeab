"""The extraction pipeline: documents in, timeline rows out.

One document goes through: publication date (from metadata, the command line, or
inferred from the text) → temporal tagger → sentences → entities → events.
`extract` runs that over an in-memory collection; `run_extract` streams any number
of input files through it in batches, on local worker processes or on Dask, and
hands each batch to the `TimelineWriter`.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal, NamedTuple

from timeline import __version__
from timeline.actors import find_entities
from timeline.events import build_events
from timeline.models import (
    Document,
    Event,
    PublishedSource,
    Reject,
    RunInfo,
    Timeline,
    Timex,
)
from timeline.processes import process_context
from timeline.progress import RunProgress
from timeline.readers import read_inputs
from timeline.sentences import split_sentences
from timeline.temporal import tag
from timeline.temporal.inference import infer_publication_date
from timeline.writers import (
    FORMATS,
    PartitionBy,
    StagedBatch,
    TimelineWriter,
    document_sort_key,
    event_sort_key,
    stage_batch,
    timex_sort_key,
)

logger = logging.getLogger("timeline.pipeline")

DEFAULT_BATCH_SIZE = 256

Item = Document | Reject
Engine = Literal["local", "dask"]


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """A processed document (with its final publication date) and what was found in it."""

    document: Document
    timexes: list[Timex]
    events: list[Event]


class LogMessage(NamedTuple):
    """A warning raised while processing a batch, carried back to the driver to be logged there."""

    logger: str
    level: int
    message: str


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """A processed batch: one result or reject per input item, in input order, and its warnings."""

    items: list[DocumentResult | Reject]
    warnings: list[LogMessage] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StagedOutcome:
    """A processed batch already staged for the writer, plus what the driver reports: its rejects and warnings."""

    batch: StagedBatch
    rejects: list[Reject]
    warnings: list[LogMessage] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RunSummary:
    """Counts of a `run_extract` run; `skipped` counts rejected records, `resumed` documents already done."""

    documents: int
    events: int
    timexes: int
    skipped: int
    resumed: int
    warnings: int
    elapsed: float

    @property
    def throughput(self) -> float:
        """Documents processed per second."""
        return self.documents / self.elapsed if self.elapsed > 0 else 0.0

    def line(self) -> str:
        return (
            f"{self.documents} documents, {self.events} events, {self.timexes} timexes, "
            f"{self.skipped} skipped, {self.resumed} already done, {self.warnings} warnings "
            f"in {self.elapsed:.1f} s ({self.throughput:.0f} docs/s)"
        )


def describe(document: Document) -> str:
    """Where a document came from, for messages: `file:line (id)`."""
    if document.path is None:
        return document.id
    place = document.path if document.line is None else f"{document.path}:{document.line}"
    return f"{place} ({document.id})"


def with_publication_date(document: Document) -> Document:
    """The document with a publication date inferred from its text when it has none."""
    if document.published is not None:
        return document
    inferred = infer_publication_date(document.text)
    if inferred is None:
        logger.warning(
            "%s: no publication date given and none could be inferred; deictic expressions stay unresolved",
            describe(document),
        )
        return document
    return document.model_copy(
        update={
            "published": inferred.published,
            "published_source": PublishedSource.INFERRED,
            "published_evidence": list(inferred.evidence),
        }
    )


def process_document(document: Document) -> DocumentResult:
    """Tag, segment and extract events from one document."""
    document = with_publication_date(document)
    timexes = tag(document.text, document.published, document.id)
    sentences = split_sentences(document.text)
    entities = find_entities(document.text, sentences)
    events = build_events(document, sentences, timexes, entities)
    return DocumentResult(document, timexes, events)


def reject_for(document: Document, reason: str) -> Reject:
    return Reject(file=document.path, line=document.line, id=document.id, reason=reason)


def process_item(item: Item) -> DocumentResult | Reject:
    """`process_document`, with any failure turned into a Reject so the rest of the batch goes on."""
    if isinstance(item, Reject):
        return item
    try:
        return process_document(item)
    except Exception as error:  # noqa: BLE001 — a bug or bad input in one document must not stop the run
        return reject_for(item, f"processing failed: {type(error).__name__}: {error}")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[LogMessage] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(LogMessage(record.name, record.levelno, record.getMessage()))


@contextmanager
def _captured_warnings() -> Iterator[list[LogMessage]]:
    """Collect the `timeline.*` warnings of a batch instead of emitting them, so that the driver logs
    (and counts) them the same way whether the batch ran in this process, a worker process or on Dask."""
    package_logger = logging.getLogger("timeline")
    collector = _Collector()
    propagate = package_logger.propagate
    package_logger.addHandler(collector)
    package_logger.propagate = False
    try:
        yield collector.messages
    finally:
        package_logger.removeHandler(collector)
        package_logger.propagate = propagate


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one batch. Processing and staging a batch allocate hundreds
    of thousands of small objects that are freed by reference counting; the collections they trigger
    cost 15% of processing. Any cyclic garbage of the batch is collected once the collector runs again,
    so memory stays bounded by the batch."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def process_batch(items: list[Item]) -> BatchOutcome:
    """Process a batch; the unit of work shipped to worker processes and Dask workers."""
    with _captured_warnings() as warnings, _collector_paused():
        outcomes = [process_item(item) for item in items]
    return BatchOutcome(outcomes, warnings)


def stage_outcome(outcome: BatchOutcome) -> StagedOutcome:
    results = [item for item in outcome.items if isinstance(item, DocumentResult)]
    rejects = [item for item in outcome.items if isinstance(item, Reject)]
    with _collector_paused():
        batch = stage_batch(
            [result.document for result in results],
            [timex for result in results for timex in result.timexes],
            [event for result in results for event in result.events],
            rejects,
        )
    return StagedOutcome(batch, rejects, outcome.warnings)


def process_and_stage(items: list[Item]) -> StagedOutcome:
    """`process_batch` then staging, where the batch runs (worker process, Dask worker or this process):
    the driver receives compact Arrow bytes instead of every result object, and only writes them."""
    return stage_outcome(process_batch(items))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_from_text(text: str) -> Document:
    """A Document for a bare string; its id comes from the content hash, so it is stable across runs."""
    digest = content_hash(text)
    return Document(id=f"doc-{digest[:16]}", text=text, content_hash=digest)


def with_cli_published(document: Document, published: date | None) -> Document:
    """Fill in the caller's publication date where the document has none."""
    if published is None or document.published is not None:
        return document
    return document.model_copy(update={"published": published, "published_source": PublishedSource.CLI})


def run_info(published: date | None, partition_by: PartitionBy | None = None) -> RunInfo:
    """Only settings that change the output go here: worker count, engine and batch size never do."""
    settings: dict[str, str | None] = {"published": published.isoformat() if published else None}
    if partition_by is not None:
        settings["partition_by"] = partition_by
    return RunInfo(tool_version=__version__, settings=settings)


def _emit(warnings: Iterable[LogMessage]) -> None:
    for message in warnings:
        logging.getLogger(message.logger).log(message.level, message.message)


def extract(documents: Iterable[Document | str], published: date | None = None) -> Timeline:
    """Extract a timeline from documents (or bare article texts) held in memory.

    `published` fills in the publication date of documents without one. A document that
    fails, or repeats an id already seen, is left out with a warning naming it.
    Events come in timeline order, timexes by (document, offset), documents by id.
    """
    seen: set[str] = set()
    results: list[DocumentResult] = []
    for entry in documents:
        document = document_from_text(entry) if isinstance(entry, str) else entry
        document = with_cli_published(document, published)
        if document.id in seen:
            logger.warning("%s: duplicate document id; left out", describe(document))
            continue
        seen.add(document.id)
        outcome = process_batch([document])
        _emit(outcome.warnings)
        result = outcome.items[0]
        if isinstance(result, Reject):
            logger.warning("%s: %s; left out", describe(document), result.reason)
            continue
        results.append(result)
    return Timeline(
        run=run_info(published),
        documents=sorted((result.document for result in results), key=document_sort_key),
        timexes=sorted((timex for result in results for timex in result.timexes), key=timex_sort_key),
        events=sorted((event for result in results for event in result.events), key=event_sort_key),
    )


# --- streaming runs ---------------------------------------------------------------------------------


def default_workers() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class _Admission:
    """Decides, in input order, which read documents are processed: repeats of an id seen earlier in the
    run become rejects; documents already in the output (same id and content) are skipped on resume.

    The ids live in an SQLite file, not in memory, so memory stays flat over archives of any size."""

    COMMIT_EVERY = 4096

    def __init__(self, path: Path, done: Iterable[tuple[str, str]] = ()) -> None:
        self._db = sqlite3.connect(path)
        # a scratch file rebuilt by every run: durability would only cost time
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, place TEXT NOT NULL) WITHOUT ROWID")
        self._db.execute("CREATE TABLE done (id TEXT PRIMARY KEY, content_hash TEXT NOT NULL) WITHOUT ROWID")
        self._db.executemany("INSERT OR REPLACE INTO done VALUES (?, ?)", done)
        self._resuming = self._db.execute("SELECT 1 FROM done LIMIT 1").fetchone() is not None
        self._uncommitted = 0
        self.resumed = 0

    def admit(self, item: Item) -> Item | None:
        if isinstance(item, Reject):
            return item
        place = item.path if item.line is None else f"{item.path}:{item.line}"
        try:
            self._db.execute("INSERT INTO seen VALUES (?, ?)", (item.id, place or "<input>"))
        except sqlite3.IntegrityError:
            (first,) = self._db.execute("SELECT place FROM seen WHERE id = ?", (item.id,)).fetchone()
            return reject_for(item, f"duplicate id, first seen at {first}")
        self._uncommitted += 1
        if self._uncommitted >= self.COMMIT_EVERY:
            self._db.commit()
            self._uncommitted = 0
        if self._resuming:
            done = self._db.execute("SELECT content_hash FROM done WHERE id = ?", (item.id,)).fetchone()
            if done is not None and done[0] == item.content_hash:
                self.resumed += 1
                return None
        return item

    def close(self) -> None:
        self._db.close()


def batched_items(items: Iterable[Item], batch_size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


BatchMapper = Callable[[Iterable[list[Item]]], Iterator[StagedOutcome]]


def map_in_process(batches: Iterable[list[Item]]) -> Iterator[StagedOutcome]:
    return (process_and_stage(batch) for batch in batches)


@contextmanager
def local_pool(workers: int) -> Iterator[BatchMapper]:
    """A mapper over `workers` local processes, yielding outcomes in input order with a bounded number of
    batches in flight, so memory stays flat however long the input is.

    The processes are started here, before any progress display starts its refresh thread."""
    in_flight_limit = 2 * workers
    with process_context().Pool(workers) as pool:

        def mapper(batches: Iterable[list[Item]]) -> Iterator[StagedOutcome]:
            pending: deque = deque()
            for batch in batches:
                pending.append(pool.apply_async(process_and_stage, (batch,)))
                if len(pending) >= in_flight_limit:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()

        yield mapper


@contextmanager
def batch_mapper(engine: Engine, workers: int, scheduler: str | None) -> Iterator[BatchMapper]:
    if engine == "dask":
        from timeline.dask_engine import dask_mapper

        with dask_mapper(workers, scheduler) as mapper:
            yield mapper
    elif workers <= 1:
        yield map_in_process
    else:
        with local_pool(workers) as mapper:
            yield mapper


class _WarningCounter(logging.Handler):
    """Counts `timeline.*` warnings reaching the root logger during a run."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "timeline" or record.name.startswith("timeline."):
            self.count += 1


@contextmanager
def _counting_warnings() -> Iterator[_WarningCounter]:
    counter = _WarningCounter()
    root = logging.getLogger()
    root.addHandler(counter)
    try:
        yield counter
    finally:
        root.removeHandler(counter)


def run_extract(
    inputs: Sequence[str | Path],
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    published: date | None = None,
    workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    resume: bool = False,
    partition_by: PartitionBy | None = None,
    engine: Engine = "local",
    scheduler: str | None = None,
    progress: bool = False,
    on_reject: Callable[[Reject], None] = lambda reject: None,
) -> RunSummary:
    """Stream `inputs` through the pipeline into a dataset in `out_dir`.

    Documents are read lazily, processed in batches of `batch_size` (on `workers` processes, or on
    Dask with `engine="dask"`), and each finished batch is persisted by the writer at once, so memory
    stays flat and an interrupted run can be continued with `resume=True`. The dataset is the same
    whatever the number of workers, the engine or the batch size. Every skipped record is passed to
    `on_reject` as well as written to `rejects.jsonl`. Raises `OutputError` (from the writer)
    when the output cannot be written.
    """
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    workers = default_workers() if workers is None else max(1, workers)
    started = time.perf_counter()
    documents = events = timexes = skipped = 0
    writer = TimelineWriter(
        Path(out_dir), formats=tuple(formats), run=run_info(published, partition_by),
        partition_by=partition_by, resume=resume, processes=workers,
    )
    admission = _Admission(writer.scratch_path("admission.sqlite"), writer.iter_done_documents() if resume else ())
    with _counting_warnings() as counter:
        with closing(admission):
            admitted = (
                item for item in map(admission.admit, read_inputs(inputs, published=published)) if item is not None
            )
            # the batch workers are shut down before `close`, which may fork processes of its own to merge tables
            with batch_mapper(engine, workers, scheduler) as mapper, RunProgress(inputs, enabled=progress) as display:
                for outcome in mapper(batched_items(admitted, batch_size)):
                    _emit(outcome.warnings)
                    writer.write_staged(outcome.batch)
                    counts = outcome.batch.row_counts
                    documents += counts["documents"]
                    timexes += counts["timexes"]
                    events += counts["events"]
                    skipped += len(outcome.rejects)
                    for reject in outcome.rejects:
                        on_reject(reject)
                    display.update(documents + skipped + admission.resumed, counter.count)
        display.announce(f"writing the final files for {documents:,} documents…")
        writer.close()
        warnings = counter.count
    return RunSummary(
        documents=documents, events=events, timexes=timexes, skipped=skipped, resumed=admission.resumed,
        warnings=warnings, elapsed=time.perf_counter() - started,
    )
