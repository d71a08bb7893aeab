from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.models import Timex, TimexAnchor, TimexType
from timeline.temporal.inference import InferredDate, infer_publication_date


def tagger_finding(*found: tuple):
    """A stand-in tagger that marks the given (extent, type, value[, anchor]) where the extent first occurs.

    Without an anchor, values starting with a year count as stated in the text (ABSOLUTE), others as unresolved.
    """

    def tag(text: str, dct: date | None, document_id: str) -> list[Timex]:
        assert dct is None
        timexes = []
        for extent, timex_type, value, *anchor in found:
            default_anchor = TimexAnchor.NONE if value.startswith(("X", "P")) else TimexAnchor.ABSOLUTE
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
                    anchor=anchor[0] if anchor else default_anchor,
                )
            )
        return sorted(timexes, key=lambda timex: timex.start)

    return tag


DATE, DURATION = TimexType.DATE, TimexType.DURATION


@pytest.mark.parametrize(
    ("text", "found", "expected"),
    [
        (
            "Jakarta, Jumat (5/7/2024) - Banjir melanda. Warga mengungsi sejak Kamis (4/7).",
            [("Jumat (5/7/2024)", DATE, "2024-07-05"), ("Kamis (4/7)", DATE, "XXXX-07-04")],
            InferredDate(published=date(2024, 7, 5), evidence=["Jumat (5/7/2024)"]),
        ),
        (
            "Kedua pemimpin bertemu Rabu (13/9). Kongres digelar pada Januari 2021 dan satelit diluncurkan 2016.",
            [("Rabu (13/9)", DATE, "XXXX-09-13"), ("Januari 2021", DATE, "2021-01"), ("2016", DATE, "2016")],
            InferredDate(published=date(2023, 9, 13), evidence=["Rabu (13/9)", "Januari 2021"]),
        ),
        # The weekday decides between candidate years: 13 Sept 2017 is a Wednesday, 2016's a Tuesday.
        (
            "Gedung diresmikan Rabu (13/9) setelah dibangun sejak 2015.",
            [("Rabu (13/9)", DATE, "XXXX-09-13"), ("2015", DATE, "2015")],
            InferredDate(published=date(2017, 9, 13), evidence=["Rabu (13/9)", "2015"]),
        ),
        # 29 February on a Thursday: the leap-year cycle still finds it (2024).
        (
            "Sidang digelar Kamis (29/2) untuk perkara tahun 2021.",
            [("Kamis (29/2)", DATE, "XXXX-02-29"), ("tahun 2021", DATE, "2021")],
            InferredDate(published=date(2024, 2, 29), evidence=["Kamis (29/2)", "tahun 2021"]),
        ),
        # A date resolved against the narrative, not stated, is no evidence.
        (
            "Warga mengungsi Kamis pagi setelah banjir pada 2020.",
            [("Kamis pagi", TimexType.TIME, "2020-01-02TMO", TimexAnchor.NARRATIVE), ("2020", DATE, "2020")],
            None,
        ),
        # A duration's number is not a year.
        ("Rapat digelar Senin (4/3) selama tiga jam.", [("Senin (4/3)", DATE, "XXXX-03-04"), ("tiga jam", DURATION, "PT3H")], None),
        # A year but no weekday date.
        ("Proyek dimulai pada 2019.", [("2019", DATE, "2019")], None),
        ("Tidak ada tanggal di sini.", [], None),
    ],
)
def test_inference_rules(text: str, found: list[tuple], expected: InferredDate | None) -> None:
    assert infer_publication_date(text, tagger_finding(*found)) == expected


@pytest.fixture
def tag():
    temporal = pytest.importorskip("timeline.temporal")
    if not hasattr(temporal, "tag"):
        pytest.skip("the tagger, timeline.temporal.tag, is not there yet")
    return temporal.tag


def test_seed_without_metadata(tag, seed_dir: Path) -> None:
    text = (seed_dir / "000_f289a60c1eb80260.txt").read_text(encoding="utf-8")
    inferred = infer_publication_date(text, tag)
    assert inferred is not None
    assert inferred.published == date(2023, 9, 13)
    assert inferred.evidence[0] == "Rabu (13/9)"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Surabaya, Jumat (5/7/2024) - Hujan deras mengguyur kota sejak pagi.", date(2024, 7, 5)),
        ("Pasar kembali dibuka Senin (11/3). Pasar itu terbakar pada Agustus 2022.", date(2024, 3, 11)),
        ("Hujan deras mengguyur kota sejak pagi.", None),
    ],
)
def test_inference_with_the_tagger(tag, text: str, published: date | None) -> None:
    inferred = infer_publication_date(text, tag)
    assert (inferred.published if inferred else None) == published
