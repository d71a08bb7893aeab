"""End-to-end throughput and memory of `timeline extract` on synthetic corpora.

For each corpus size, generates a corpus with `benchmarks/generate_corpus.py` (kept in the work
folder and reused), then runs the full `timeline extract` in a subprocess for each worker count,
sampling the resident memory of the run's processes. It also times temporal tagging alone, and
`dateparser.search.search_dates(text, languages=["id"])` on a sample of the same documents as a
reference. Prints a table (`--markdown` for a Markdown one) and the project's speed targets.

    .venv/bin/python benchmarks/throughput.py                         # 1k, 10k, 100k documents
    .venv/bin/python benchmarks/throughput.py --sizes 1000,10000      # a quick run
    .venv/bin/python benchmarks/throughput.py --sizes 100000 --workers 2
    .venv/bin/python benchmarks/throughput.py --articles ../shared/dev/kompas_dev_raw --sizes 10000

`--articles` measures real articles instead: any input `timeline extract` reads, repeated with fresh ids up to
each size (repeats make word caches warmer than a real archive would, so read those figures as an upper bound).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path

import psutil

PROJECT = Path(__file__).resolve().parents[1]
GENERATOR = PROJECT / "benchmarks" / "generate_corpus.py"
SAMPLE_INTERVAL = 0.05
MEGABYTE = 1 << 20

TARGET_EXTRACT = 300.0
TARGET_TAG = 500.0
TARGET_SPEEDUP = 1.7


@dataclass(frozen=True)
class Measurement:
    run: str
    documents: int
    workers: int
    seconds: float
    driver_rss: float | None = None
    total_rss: float | None = None
    events: int | None = None
    driver_cpu: float | None = None
    total_cpu: float | None = None
    """CPU seconds of the driver, and of the driver and its workers (the machine may be shared: wall time is not enough)."""

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def corpus(size: int, seed: int, work: Path) -> Path:
    path = work / f"corpus-{size}-seed{seed}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".partial")
        command = [sys.executable, str(GENERATOR), "--docs", str(size), "--out", str(partial), "--seed", str(seed)]
        subprocess.run(command, check=True)
        partial.rename(path)
    return path


def repeated_articles(size: int, articles: Path, work: Path) -> Path:
    """The articles in `articles`, repeated with fresh ids (`ID~N`) up to `size` documents, as JSONL."""
    from timeline.models import Document
    from timeline.readers import read_inputs

    path = work / f"articles-{size}.jsonl"
    documents = [item for item in read_inputs([articles]) if isinstance(item, Document)]
    if not documents:
        sys.exit(f"no articles in {articles}")
    with path.open("w", encoding="utf-8") as out:
        for number in range(size):
            document = documents[number % len(documents)]
            record = {"id": f"{document.id}~{number // len(documents)}", "text": document.text}
            if document.published:
                record["published"] = document.published.isoformat()
            if document.title:
                record["title"] = document.title
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _own_cpu(process: psutil.Process) -> float | None:
    try:
        times = process.cpu_times()
    except psutil.NoSuchProcess:
        return None
    return times.user + times.system


def _tree_rss(process: psutil.Process) -> tuple[int, int]:
    """Resident memory of the process, and of it plus all its descendants."""
    try:
        own = process.memory_info().rss
        children = process.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0, 0
    total = own
    for child in children:
        try:
            total += child.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return own, total


def run_extract(path: Path, size: int, workers: int, work: Path) -> Measurement:
    out = work / f"out-{size}-w{workers}"
    command = [sys.executable, "-m", "timeline.cli", "extract", str(path), "--out", str(out)]
    command += ["--workers", str(workers), "--quiet"]
    started, started_cpu = time.perf_counter(), _children_cpu()
    process = psutil.Popen(command, stderr=subprocess.PIPE, text=True)
    driver_peak = total_peak = 0
    driver_cpu = 0.0
    while process.poll() is None:
        own, total = _tree_rss(process)
        driver_peak, total_peak = max(driver_peak, own), max(total_peak, total)
        driver_cpu = _own_cpu(process) or driver_cpu  # the last sample before exit
        time.sleep(SAMPLE_INTERVAL)
    seconds = time.perf_counter() - started
    total_cpu = _children_cpu() - started_cpu  # the run and the workers it waited for
    errors = process.stderr.read()
    if process.returncode not in (0, 1):
        sys.exit(f"timeline extract failed ({process.returncode}):\n{errors}")
    with (out / "events.jsonl").open("rb") as stream:
        events = sum(1 for _ in stream)
    return Measurement(
        "extract", size, workers, seconds, driver_peak / MEGABYTE, total_peak / MEGABYTE, events, driver_cpu, total_cpu
    )


def read_sample(path: Path, count: int) -> list[tuple[str, str, date | None]]:
    with path.open(encoding="utf-8") as stream:
        records = [json.loads(line) for line in islice(stream, count)]
    return [
        (record["id"], record["text"], date.fromisoformat(record["published"][:10]) if record.get("published") else None)
        for record in records
    ]


def time_tagging(sample: list[tuple[str, str, date | None]]) -> Measurement:
    from timeline.temporal import tag

    tag(sample[0][1], sample[0][2], sample[0][0])  # language data loaded before the clock starts
    started = time.perf_counter()
    for document_id, text, published in sample:
        tag(text, published, document_id)
    return Measurement("tag only", len(sample), 1, time.perf_counter() - started)


def time_dateparser(sample: list[tuple[str, str, date | None]]) -> Measurement:
    from dateparser.search import search_dates

    search_dates(sample[0][1], languages=["id"])
    started = time.perf_counter()
    for _document_id, text, _published in sample:
        search_dates(text, languages=["id"])
    return Measurement("dateparser search_dates", len(sample), 1, time.perf_counter() - started)


def _cell(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"


def table(rows: list[Measurement], markdown: bool) -> str:
    single = {row.documents: row.rate for row in rows if row.run == "extract" and row.workers == 1}
    header = [
        "run", "documents", "workers", "seconds", "docs/s", "× 1 worker", "events", "RSS driver MB", "RSS all MB",
        "CPU driver s", "CPU all s",
    ]
    lines = []
    for row in rows:
        speedup = row.rate / single[row.documents] if row.run == "extract" and row.documents in single else None
        lines.append(
            [
                row.run, _cell(row.documents), str(row.workers), _cell(row.seconds, 1), _cell(row.rate),
                _cell(speedup, 2), _cell(row.events), _cell(row.driver_rss), _cell(row.total_rss),
                _cell(row.driver_cpu, 1), _cell(row.total_cpu, 1),
            ]
        )
    if markdown:
        rendered = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        rendered += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(rendered)
    widths = [max(len(column), *(len(line[index]) for line in lines)) for index, column in enumerate(header)]
    return "\n".join(
        "  ".join(cell.rjust(width) if index else cell.ljust(width) for index, (cell, width) in enumerate(zip(line, widths)))
        for line in [header, *lines]
    )


def verdicts(rows: list[Measurement]) -> list[str]:
    extract = [row for row in rows if row.run == "extract"]
    findings = []
    for row in (row for row in extract if row.workers == 1):
        findings.append(f"extract, 1 worker, {row.documents:,} docs: {row.rate:,.0f} docs/s (target ≥ {TARGET_EXTRACT:.0f})")
    for row in (row for row in rows if row.run == "tag only"):
        findings.append(f"tagging, {row.documents:,} docs: {row.rate:,.0f} docs/s (target ≥ {TARGET_TAG:.0f})")
    by_size = {(row.documents, row.workers): row for row in extract}
    for (size, workers), row in sorted(by_size.items()):
        if workers == 2 and (size, 1) in by_size:
            speedup = row.rate / by_size[(size, 1)].rate
            findings.append(f"2 workers vs 1, {size:,} docs: {speedup:.2f}× (target ≥ {TARGET_SPEEDUP})")
    for workers in sorted({row.workers for row in extract}):
        sizes = sorted((row.documents, row.driver_rss) for row in extract if row.workers == workers)
        if len(sizes) >= 2:
            (small, small_rss), (large, large_rss) = sizes[-2], sizes[-1]
            findings.append(
                f"peak driver RSS, {workers} worker(s): {small_rss:,.0f} MB at {small:,} docs → "
                f"{large_rss:,.0f} MB at {large:,} docs (target: flat)"
            )
    return findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, comma-separated")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--tag-docs", type=int, default=5000, help="documents tagged alone (at most the corpus)")
    parser.add_argument("--dateparser-docs", type=int, default=100, help="documents for the dateparser reference")
    parser.add_argument("--work", type=Path, help="folder for corpora and outputs (default: a temporary one)")
    parser.add_argument("--articles", type=Path, help="real articles to repeat instead of generated ones")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    worker_counts = [int(count) for count in arguments.workers.split(",")]

    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as temporary:
        work = arguments.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        rows: list[Measurement] = []
        def corpus_of(size: int) -> Path:
            if arguments.articles:
                return repeated_articles(size, arguments.articles, work)
            return corpus(size, arguments.seed, work)

        for size in sizes:
            path = corpus_of(size)
            for workers in worker_counts:
                rows.append(run_extract(path, size, workers, work))
                print(f"measured extract of {size:,} documents on {workers} worker(s)", file=sys.stderr)
        sample = read_sample(corpus_of(max(sizes)), max(arguments.tag_docs, arguments.dateparser_docs))
        rows.append(time_tagging(sample[: arguments.tag_docs]))
        rows.append(time_dateparser(sample[: arguments.dateparser_docs]))
    print(table(rows, arguments.markdown))
    print()
    for finding in verdicts(rows):
        print(("- " if arguments.markdown else "") + finding)


if __name__ == "__main__":
    main()
