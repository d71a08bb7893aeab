"""The seed article: all 16 gold TIMEX3 with exact extents and values; the dev set's scores."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from timeline.temporal import tag
from timeline.timeml import parse_timeml

SEED = "000_f289a60c1eb80260"

# (extent, value) of every TIMEX3 in the seed, in text order (DCT 2023-09-13).
SEED_EXPECTED = [
    ("Rabu (13/9)", "2023-09-13"),
    ("tiga jam", "PT3H"),
    ("masa depan", "FUTURE_REF"),
    ("bertahun-tahun", "PXY"),
    ("Januari 2020", "2020-01"),
    ("tiga malam empat hari", "P4D"),
    ("Minggu sore", "2023-09-10TAF"),
    ("saat ini", "PRESENT_REF"),
    ("saat ini", "PRESENT_REF"),
    ("masa depan", "FUTURE_REF"),
    ("tahun 2016", "2016"),
    ("lima tahun", "P5Y"),
    ("Januari 2021", "2021-01"),
    ("lima tahun", "P5Y"),
    ("bulan Mei", "2023-05"),
    ("Agustus tahun ini", "2023-08"),
]


def test_seed_copy_in_the_repository(seed_dir: Path) -> None:
    text = (seed_dir / f"{SEED}.txt").read_text(encoding="utf-8")
    published = date.fromisoformat(json.loads((seed_dir / f"{SEED}.meta.json").read_text())["published"])
    assert [(t.text, t.value) for t in tag(text, published)] == SEED_EXPECTED


def test_seed_gold_extents_types_and_values(shared_dir: Path) -> None:
    gold = parse_timeml((shared_dir / "seeds" / f"{SEED}.gold.tml").read_text(encoding="utf-8"))
    system = tag(gold.text, gold.dct, gold.doc_id)
    expected = [(g.start, g.end, g.type, g.value) for g in gold.timexes]
    assert [(t.start, t.end, t.type.value, t.value) for t in system] == expected
    assert len(expected) == 16


def test_dev_set_meets_the_acceptance_scores(shared_dir: Path) -> None:
    from timeline.evaluation import evaluate

    report = evaluate(shared_dir / "dev" / "kompas_dev_gold")
    assert report.relaxed.f1 >= 0.95
    assert report.strict.f1 >= 0.90
    assert report.value_f1 >= 0.90
