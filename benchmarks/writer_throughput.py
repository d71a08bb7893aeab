"""Writer throughput and peak memory: staged batches plus the final k-way merge, every format.

Builds synthetic documents with events, actors and timexes (a few Indonesian sentences of our own,
dates spread over three years), feeds them to `TimelineWriter` batch by batch and reports events/s
end to end (staging + consolidation) and the process's peak RSS. Building the models is not timed.

    .venv/bin/python benchmarks/writer_throughput.py [--docs 2000] [--events-per-doc 10] [--batch 200]
        [--formats parquet,csv,json,jsonl] [--partition-by month] [--out benchmarks/out/writer]
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from timeline.models import (
    Actor,
    ActorKind,
    ActorRole,
    Document,
    Event,
    EventMention,
    Granularity,
    Modality,
    Polarity,
    RunInfo,
    Span,
    TimeAnchor,
    Timex,
    TimexAnchor,
    TimexType,
)
from timeline.writers import TimelineWriter

SENTENCE = "Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Jepang di Jakarta pada Rabu (13/9/2023) untuk membahas kerja sama ekonomi."
TRIGGER = SENTENCE.index("bertemu")
ACTOR = SENTENCE.index("Retno Marsudi")
TIMEX = SENTENCE.index("Rabu (13/9/2023)")


def make_document(number: int, events_per_doc: int) -> tuple[Document, list[Timex], list[Event]]:
    document_id = f"bench-{number:08d}"
    text = " ".join([SENTENCE] * events_per_doc)
    day = date(2021, 1, 1) + timedelta(days=(number * 7919) % 1000)
    stride = len(SENTENCE) + 1
    document = Document(
        id=document_id, text=text, published=day, title=f"Berita {number}", source="Bench",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    timexes, events = [], []
    for index in range(events_per_doc):
        offset = index * stride
        timex_id = f"{document_id}:t{offset + TIMEX}"
        timexes.append(Timex(
            id=timex_id, document_id=document_id, start=offset + TIMEX, end=offset + TIMEX + 16,
            text="Rabu (13/9/2023)", type=TimexType.DATE, value=day.isoformat(), granularity=Granularity.DAY,
            interval_start=day, interval_end=day, anchor=TimexAnchor.DCT,
        ))
        vague = index % 5 == 4
        events.append(Event(
            event_id=f"{document_id}:e{offset + TRIGGER}", document_id=document_id, sentence_index=index,
            sentence=SENTENCE, sentence_start=offset, sentence_end=offset + len(SENTENCE), trigger="bertemu",
            trigger_start=offset + TRIGGER, trigger_end=offset + TRIGGER + 7, lemma="temu", event_type="CONSULT",
            polarity=Polarity.POSITIVE, modality=Modality.ASSERTED, time_value=day.isoformat(),
            time_type=TimexType.DATE, time_start=day, time_end=day, time_precision=Granularity.DAY,
            time_anchor=TimeAnchor.EXPLICIT, time_vague=vague, timex_id=timex_id, location="Jakarta",
            location_country="IDN",
            actors=[
                Actor(name="Retno Marsudi", kind=ActorKind.PERSON, country="IDN", role=ActorRole.AGENT,
                      title="Menteri Luar Negeri",
                      mentions=[Span(start=offset + ACTOR, end=offset + ACTOR + 13, text="Retno Marsudi")]),
                Actor(name="Jepang", kind=ActorKind.COUNTRY, country="JPN", role=ActorRole.TARGET),
            ],
            mentions=[EventMention(sentence_index=index, trigger="bertemu", trigger_start=offset + TRIGGER,
                                   trigger_end=offset + TRIGGER + 7)],
        ))
    return document, timexes, events


def batches(docs: int, events_per_doc: int, batch: int) -> Iterator[tuple[list, list, list]]:
    for start in range(0, docs, batch):
        built = [make_document(number, events_per_doc) for number in range(start, min(docs, start + batch))]
        yield [d for d, _, _ in built], [t for _, ts, _ in built for t in ts], [e for _, _, es in built for e in es]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--events-per-doc", type=int, default=10)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--formats", default="parquet,csv,json,jsonl")
    parser.add_argument("--partition-by", choices=["year", "month"])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "writer")
    args = parser.parse_args(argv)

    shutil.rmtree(args.out, ignore_errors=True)
    writer = TimelineWriter(
        args.out, args.formats.split(","), run=RunInfo(tool_version="bench"), partition_by=args.partition_by
    )
    staging = staging_cpu = 0.0
    for documents, timexes, events in batches(args.docs, args.events_per_doc, args.batch):
        started, started_cpu = time.perf_counter(), time.process_time()
        writer.write_batch(documents, timexes, events)
        staging += time.perf_counter() - started
        staging_cpu += time.process_time() - started_cpu
    started, started_cpu = time.perf_counter(), time.process_time()
    writer.close()
    closing = time.perf_counter() - started
    closing_cpu = time.process_time() - started_cpu
    events = args.docs * args.events_per_doc
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{events} events, {args.docs} documents in batches of {args.batch}: "
        f"staging {staging:.2f} s (CPU {staging_cpu:.2f} s), consolidation {closing:.2f} s (CPU {closing_cpu:.2f} s), "
        f"{events / (staging + closing):,.0f} events/s end to end wall clock, "
        f"{events / (staging_cpu + closing_cpu):,.0f} per CPU second (timexes and documents written too), "
        f"peak RSS {peak_mb:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
