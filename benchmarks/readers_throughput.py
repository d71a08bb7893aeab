"""Corpus generation and JSONL reading throughput.

Writes `--docs` synthetic articles with `generate_corpus.py` (or reads an existing `--corpus`
file), then reads them back with `timeline.readers.read_inputs` and reports documents/s, MB/s
and memory (rates per CPU second, one core): the reader streams, so resident memory should not grow with the corpus.

    .venv/bin/python benchmarks/readers_throughput.py [--docs 100000] [--seed 1] [--corpus FILE]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import write_corpus  # noqa: E402

from timeline.models import Document  # noqa: E402
from timeline.readers import read_inputs  # noqa: E402


def generate(path: Path, docs: int, seed: int) -> float:
    """CPU seconds to write the corpus (CPU time, as the machine may be shared)."""
    started = time.process_time()
    with path.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        write_corpus(out, docs, seed)
    return time.process_time() - started


def read(path: Path) -> tuple[float, int, int, float]:
    """CPU seconds, documents, rejects, and the largest growth of resident memory (MB) while reading."""
    process = psutil.Process()
    baseline = process.memory_info().rss
    growth = 0
    documents = rejects = 0
    started = time.process_time()
    for number, record in enumerate(read_inputs([path]), start=1):
        if isinstance(record, Document):
            documents += 1
        else:
            rejects += 1
        if number % 10_000 == 0:
            growth = max(growth, process.memory_info().rss - baseline)
    return time.process_time() - started, documents, rejects, growth / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="read this JSONL file instead of generating one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = args.corpus or Path(scratch) / "corpus.jsonl"
        if args.corpus is None:
            seconds = generate(path, args.docs, args.seed)
            print(f"generate: {args.docs} articles in {seconds:.2f} CPU s = {args.docs / seconds:,.0f} docs/s")
        megabytes = path.stat().st_size / 1e6
        seconds, documents, rejects, growth = read(path)
        print(
            f"read:     {documents} documents, {rejects} rejects, {megabytes:.0f} MB in {seconds:.2f} CPU s"
            f" = {documents / seconds:,.0f} docs/s, {megabytes / seconds:.0f} MB/s;"
            f" resident memory grew {growth:.1f} MB"
        )


if __name__ == "__main__":
    main()
