"""Sentence splitting and entity recognition throughput on the dev articles.

Reads the raw dev TimeML articles, then times `split_sentences` alone and
`split_sentences` + `find_entities` over all of them, best of `--rounds`
passes of process CPU time (other processes on the machine do not skew it),
and reports milliseconds per 4 KB of text (the budget is 0.5 ms for both
together) and documents/s; the first pass, with cold caches, is reported too.
The dev articles average 2 KB; `--join 2` concatenates consecutive pairs into
~4 KB articles, the size the budget is for.

    .venv/bin/python benchmarks/entities_throughput.py [--raw DIR | --raw CORPUS.jsonl] [--rounds 20] [--join 1]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from timeline.actors import find_entities
from timeline.sentences import split_sentences
from timeline.timeml import parse_timeml

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_RAW = PROJECT.parent / "shared" / "dev" / "kompas_dev_raw"


def load_texts(raw: Path) -> list[str]:
    if raw.suffix == ".jsonl" and raw.is_file():  # `benchmarks/generate_corpus.py` output
        with raw.open(encoding="utf-8") as lines:
            return [json.loads(line)["text"] for line in lines if line.strip()]
    paths = sorted(raw.glob("*.tml")) if raw.is_dir() else []
    if not paths:
        sys.exit(f"no raw dev articles (*.tml) in {raw}; pass --raw DIR or a generated corpus --raw FILE.jsonl")
    return [parse_timeml(path.read_text(encoding="utf-8")).text for path in paths]


def pass_times(texts: list[str], work: Callable[[str], object], rounds: int) -> tuple[float, float]:
    """CPU seconds of the first pass (cold caches: every run of names and word is new, as in a fresh corpus)
    and of the best later pass (warm caches, as for the recurring names of a long corpus)."""
    times = []
    for _ in range(rounds):
        started = time.process_time()
        for text in texts:
            work(text)
        times.append(time.process_time() - started)
    return times[0], min(times[1:] or times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--join", type=int, default=1, help="articles concatenated into one document")
    arguments = parser.parse_args()
    articles = load_texts(arguments.raw)
    texts = [
        "\n".join(articles[index : index + arguments.join]) for index in range(0, len(articles), arguments.join)
    ]
    # Build the lookup tables and the stemmer's dictionary outside the timing.
    warm_up = "Pembangunan jalan dimulai. Namun Sutrisno meresmikan pasar itu."
    find_entities(warm_up, split_sentences(warm_up))
    size = sum(len(text) for text in texts)
    print(f"{len(texts)} articles, {size / len(texts):.0f} characters on average")
    for label, work in (
        ("sentences", split_sentences),
        ("sentences + entities", lambda text: find_entities(text, split_sentences(text))),
    ):
        cold, warm = pass_times(texts, work, arguments.rounds)
        print(
            f"{label:>22}: {warm / size * 4096 * 1000:.3f} ms per 4 KB, {len(texts) / warm:,.0f} documents/s"
            f" (first pass, cold caches: {cold / size * 4096 * 1000:.3f} ms per 4 KB)"
        )


if __name__ == "__main__":
    main()
