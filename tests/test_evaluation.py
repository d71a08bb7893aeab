from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.evaluation import Annotation, EvalReport, canonical_value, evaluate, format_report, match_timexes
from timeline.models import Timex, TimexAnchor, TimexType

RAPAT = "Rapat digelar Senin (2/12) selama tiga jam sejak pagi, dan berlanjut hari ini."
HARGA = "Akhir 2014 harga naik."

GOLD_RAPAT = (
    '<TimeML><DOCID>rapat</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2013-12-4">x</TIMEX3></DCT><TEXT>'
    'Rapat digelar <TIMEX3 tid="t1" type="DATE" value="2013-12-2">Senin (2/12)</TIMEX3> selama '
    '<TIMEX3 tid="t2" type="DURATION" value="PT3H">tiga jam</TIMEX3> sejak pagi, dan berlanjut '
    '<TIMEX3 tid="t3" type="DATE" value="2013-12-04">hari ini</TIMEX3>.</TEXT></TimeML>'
)
GOLD_HARGA = (
    '<TimeML><DOCID>harga</DOCID><TEXT><TIMEX3 tid="t1" type="DATE" value="2014" mod="END">Akhir 2014</TIMEX3>'
    " harga naik.</TEXT></TimeML>"
)

# What the fake tagger finds in each text: (extent, type, value, mod).
SYSTEM = {
    RAPAT: [
        ("Senin (2/12)", TimexType.DATE, "2013-12-02", None),
        ("selama tiga jam", TimexType.DURATION, "PT3H", None),
        ("pagi", TimexType.TIME, "2013-12-04TMO", None),
    ],
    HARGA: [("2014", TimexType.DATE, "2015", None)],
}


def fake_tagger(text: str, dct: date | None, document_id: str) -> list[Timex]:
    assert dct == (date(2013, 12, 4) if document_id == "rapat" else None)
    timexes = []
    for extent, timex_type, value, mod in SYSTEM[text]:
        start = text.index(extent)
        timexes.append(
            Timex(
                id=f"{document_id}-{start}",
                document_id=document_id,
                start=start,
                end=start + len(extent),
                text=extent,
                type=timex_type,
                value=value,
                mod=mod,
                anchor=TimexAnchor.DCT,
            )
        )
    return timexes


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "a_rapat.tml").write_text(GOLD_RAPAT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b_harga.tml").write_text(GOLD_HARGA, encoding="utf-8")
    (tmp_path / "catatan.txt").write_text("not gold", encoding="utf-8")
    return tmp_path


def test_scores_on_tiny_gold(gold_dir: Path) -> None:
    report = evaluate(gold_dir, fake_tagger)
    assert (report.documents, report.gold, report.system) == (2, 4, 4)
    assert (report.strict.matches, report.strict.precision, report.strict.recall, report.strict.f1) == (1, 0.25, 0.25, 0.25)
    assert (report.relaxed.matches, report.relaxed.precision, report.relaxed.recall, report.relaxed.f1) == (3, 0.75, 0.75, 0.75)
    assert report.type_accuracy == 1.0
    assert report.value_accuracy == pytest.approx(2 / 3)
    assert report.mod_accuracy == pytest.approx(2 / 3)
    assert report.value_f1 == pytest.approx(0.5)
    rows = {row.type: (row.gold, row.system, row.matched, row.recall, row.value_correct, row.value_accuracy) for row in report.per_type}
    assert rows == {
        TimexType.DATE: (3, 2, 2, pytest.approx(2 / 3), 1, 0.5),
        TimexType.DURATION: (1, 1, 1, 1.0, 1, 1.0),
        TimexType.TIME: (0, 1, 0, 0.0, 0, 0.0),
    }
    assert [(m.document, m.gold.text) for m in report.misses if m.gold] == [("rapat", "hari ini")]
    assert [(m.document, m.system.text) for m in report.false_alarms if m.system] == [("rapat", "pagi")]
    (wrong,) = report.wrong_values
    assert wrong.document == "harga"
    assert (wrong.gold.value, wrong.gold.mod, wrong.system.value, wrong.system.mod) == ("2014", "END", "2015", None)


def test_single_file_and_json_round_trip(gold_dir: Path) -> None:
    report = evaluate(gold_dir / "sub" / "b_harga.tml", fake_tagger)
    assert (report.documents, report.relaxed.matches, report.strict.matches, report.value_accuracy) == (1, 1, 0, 0.0)
    assert EvalReport.model_validate_json(report.model_dump_json()) == report


def test_unparseable_gold_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "rusak.tml").write_text("<TimeML><TEXT>", encoding="utf-8")
    with pytest.raises(ValueError, match=r"rusak\.tml: malformed XML"):
        evaluate(tmp_path, fake_tagger)


def test_missing_gold_path_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        evaluate(tmp_path / "tidak-ada", fake_tagger)


def _span(start: int, end: int) -> Annotation:
    return Annotation(start=start, end=end, text="x" * (end - start), type=TimexType.DATE, value="2014")


@pytest.mark.parametrize(
    ("gold", "system", "pairs"),
    [
        # One gold span overlapping two system spans is matched once; the longer overlap wins.
        ([_span(0, 10)], [_span(0, 3), _span(4, 10)], [(0, 1)]),
        # An exact pair is preferred over a longer overlap elsewhere.
        ([_span(0, 10), _span(12, 20)], [_span(2, 20), _span(12, 20)], [(0, 0), (1, 1)]),
        ([_span(0, 4)], [_span(4, 8)], []),
    ],
)
def test_matching_is_one_to_one(gold: list[Annotation], system: list[Annotation], pairs: list[tuple[int, int]]) -> None:
    assert match_timexes(gold, system) == pairs


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2013-12-5", "2013-12-05"), ("2014-6", "2014-06"), ("2014-12-3TMO", "2014-12-03TMO"), ("2014-W5", "2014-W5"), ("P3D", "P3D")],
)
def test_canonical_value_pads_dates_only(value: str, expected: str) -> None:
    assert canonical_value(value) == expected


def test_format_report(gold_dir: Path) -> None:
    report = evaluate(gold_dir, fake_tagger)
    brief = format_report(report)
    assert "relaxed           3      0.750    0.750    0.750" in brief
    assert "value F1       0.500" in brief
    assert "misses" not in brief
    verbose = format_report(report, verbose=True)
    assert "misses (1)\n  rapat: 'hari ini' [69:77] DATE 2013-12-04" in verbose
    assert "harga: gold 'Akhir 2014' [0:10] DATE 2014 mod=END | system '2014' [6:10] DATE 2015" in verbose


def test_dev_gold_report_is_well_formed(shared_dir: Path) -> None:
    gold = shared_dir / "dev" / "kompas_dev_gold"
    if not gold.is_dir():
        pytest.skip("dev gold is not present")
    temporal = pytest.importorskip("timeline.temporal")
    if not hasattr(temporal, "tag"):
        pytest.skip("the tagger, timeline.temporal.tag, is not there yet")
    report = evaluate(gold, temporal.tag)
    assert report.documents == len(list(gold.glob("*.tml")))
    assert report.gold == sum(row.gold for row in report.per_type) > 0
    assert report.relaxed.matches == report.gold - len(report.misses)
    assert report.relaxed.matches == report.system - len(report.false_alarms)
    assert 0.0 <= report.strict.f1 <= report.relaxed.f1 <= 1.0
    assert report.value_f1 <= report.relaxed.f1
    assert len(report.wrong_values) == report.relaxed.matches - sum(row.value_correct for row in report.per_type)
