"""Temporal tagging throughput on the dev articles (or a generated corpus), next to dateparser's `search_dates`.

Reads the raw dev TimeML articles (or a `benchmarks/generate_corpus.py` JSONL file, whose
articles are longer and denser in dates), repeats them to `--docs` documents, tags them all
in this process and reports documents/s, KB/s, CPU ms per document (the figure to compare on
a shared machine) and peak memory; then times `dateparser.search.search_dates(text,
languages=["id"])` on the first `--dateparser-docs` of the same documents and reports the ratio.

    .venv/bin/python benchmarks/tag_throughput.py [--raw DIR | --raw CORPUS.jsonl] [--docs 5000] [--dateparser-docs 200]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import psutil

from timeline.timeml import TimeMLDocument, parse_timeml

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_RAW = PROJECT.parent / "shared" / "dev" / "kompas_dev_raw"


def load_articles(raw: Path) -> list[TimeMLDocument]:
    if raw.suffix == ".jsonl" and raw.is_file():  # `benchmarks/generate_corpus.py` output
        with raw.open(encoding="utf-8") as lines:
            records = [json.loads(line) for line in lines if line.strip()]
        return [
            TimeMLDocument(doc_id=record["id"], dct=record.get("published"), text=record["text"], timexes=[])
            for record in records
        ]
    paths = sorted(raw.glob("*.tml")) if raw.is_dir() else []
    if not paths:
        sys.exit(f"no raw dev articles (*.tml) in {raw}; pass --raw DIR or a generated corpus --raw FILE.jsonl")
    return [parse_timeml(path.read_text(encoding="utf-8")) for path in paths]


def repeat_to(articles: list[TimeMLDocument], count: int) -> list[TimeMLDocument]:
    return [articles[index % len(articles)] for index in range(count)]


def time_tagger(documents: list[TimeMLDocument]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and the number of timexes found."""
    from timeline.temporal import tag

    timexes = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for number, document in enumerate(documents):
        timexes += len(tag(document.text, document.dct, f"doc{number}"))
    return time.perf_counter() - started, time.process_time() - cpu_started, timexes


def time_dateparser(documents: list[TimeMLDocument]) -> tuple[float, int]:
    from dateparser.search import search_dates

    found = 0
    started = time.perf_counter()
    for document in documents:
        found += len(search_dates(document.text, languages=["id"]) or [])
    return time.perf_counter() - started, found


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder of raw dev .tml articles")
    parser.add_argument("--docs", type=int, default=5000, help="documents to tag (articles repeated)")
    parser.add_argument("--dateparser-docs", type=int, default=200, help="documents to run dateparser on")
    args = parser.parse_args()

    try:
        from timeline.temporal import tag  # noqa: F401
    except ImportError as error:
        sys.exit(f"the tagger is not importable: {error}")
    articles = load_articles(args.raw)
    documents = repeat_to(articles, args.docs)
    kilobytes = sum(len(document.text.encode("utf-8")) for document in documents) / 1024
    rss_before = psutil.Process().memory_info().rss / 2**20

    # The first call builds the lexicon and compiles the patterns; time it apart from the steady state.
    warm_up_started = time.perf_counter()
    time_tagger(documents[:1])
    warm_up = time.perf_counter() - warm_up_started

    seconds, cpu_seconds, timexes = time_tagger(documents)
    tag_docs_per_s = len(documents) / seconds
    print(f"articles: {len(articles)} distinct, {kilobytes / len(documents):.2f} KB each on average")
    print(f"tagger:     {len(documents)} docs in {seconds:.2f} s = {tag_docs_per_s:,.0f} docs/s, "
          f"{kilobytes / seconds:,.0f} KB/s, {1000 * seconds / len(documents):.3f} ms/doc "
          f"({1000 * cpu_seconds / len(documents):.3f} ms/doc CPU), "
          f"{timexes / len(documents):.1f} timexes/doc (first call {1000 * warm_up:.0f} ms)")
    print(f"memory:     peak RSS {peak_rss_mb():.0f} MB (RSS before tagging {rss_before:.0f} MB)")

    sample = documents[: args.dateparser_docs]
    if sample:
        seconds, found = time_dateparser(sample)
        dateparser_docs_per_s = len(sample) / seconds
        print(f"dateparser: {len(sample)} docs in {seconds:.2f} s = {dateparser_docs_per_s:,.1f} docs/s, "
              f"{found / len(sample):.1f} dates/doc (search_dates, languages=['id'])")
        print(f"ratio:      tagger is {tag_docs_per_s / dateparser_docs_per_s:,.0f}x faster than dateparser")


if __name__ == "__main__":
    main()
