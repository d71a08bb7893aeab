"""Event-builder speed: milliseconds per document and per 4 KB of text, inputs prepared beforehand.

Sentences, entities and timexes are computed first (not timed); then `build_events` runs over every
document. The first pass is "cold" (every new word goes through the stemmer once), later passes are
"warm" (per-word caches filled), which is the steady state of a long run.

    .venv/bin/python benchmarks/events_throughput.py [--raw DIR | --jsonl FILE] [--docs 2000] [--passes 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.actors import find_entities  # noqa: E402
from timeline.events import build_events  # noqa: E402
from timeline.models import Document  # noqa: E402
from timeline.sentences import split_sentences  # noqa: E402
from timeline.temporal import tag  # noqa: E402
from timeline.timeml import parse_timeml  # noqa: E402


def documents(raw: Path | None, jsonl: Path | None, limit: int) -> list[Document]:
    found: list[Document] = []
    if jsonl is not None:
        with jsonl.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                found.append(_document(record["id"], record["text"], date.fromisoformat(record["published"])))
                if len(found) >= limit:
                    break
        return found
    for path in sorted((raw or ROOT.parent / "shared" / "dev" / "kompas_dev_raw").glob("*.tml"))[:limit]:
        parsed = parse_timeml(path.read_text(encoding="utf-8"))
        found.append(_document(parsed.doc_id or path.stem, parsed.text, parsed.dct))
    return found


def _document(doc_id: str, text: str, published: date | None) -> Document:
    return Document(id=doc_id, text=text, published=published, content_hash=hashlib.sha256(text.encode()).hexdigest())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path)
    parser.add_argument("--jsonl", type=Path)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    docs = documents(args.raw, args.jsonl, args.docs)
    inputs = []
    for document in docs:
        sentences = split_sentences(document.text)
        inputs.append((document, sentences, tag(document.text, document.published, document.id), find_entities(document.text, sentences)))
    kilobytes = sum(len(document.text.encode()) for document in docs) / 1024
    events = 0
    for number in range(1, args.passes + 1):
        started, cpu_started = time.perf_counter(), time.process_time()
        events = sum(len(build_events(*item)) for item in inputs)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        label = "cold" if number == 1 else "warm"
        # CPU time as well: on a shared machine wall time also counts waiting for a core.
        print(
            f"pass {number} ({label}): {len(docs)} docs, {kilobytes:.0f} KB, {events} events, "
            f"{seconds / len(docs) * 1000:.3f} ms/doc, {seconds / kilobytes * 4 * 1000:.3f} ms per 4 KB "
            f"(CPU {cpu / len(docs) * 1000:.3f} ms/doc, {cpu / kilobytes * 4 * 1000:.3f} ms per 4 KB)"
        )


if __name__ == "__main__":
    main()
