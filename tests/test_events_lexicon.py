"""Trigger words added after the held-out reading of dev articles: each must give its row."""

from datetime import date

import pytest

from timeline import extract

PUBLISHED = date(2014, 11, 25)

CASES = [
    ("Juru bicara itu bilang stok aman, Senin (24/11/2014).", "bilang", "STATEMENT"),
    ("Petani berharap hujan segera turun, Senin (24/11/2014).", "harap", "STATEMENT"),
    ("Kontrak blok itu habis pada 2020.", "habis", "END"),
    ("Perusahaan itu memangkas harga jual pada Desember 2014.", "pangkas", "ECONOMIC"),
    ("Harga emas terpuruk ke level terendah, Kamis (20/11/2014).", "puruk", "ECONOMIC"),
    ("Harga minyak mentah jenis Brent untuk pengiriman bulan depan naik 16 sen, Senin (24/11/2014).", "naik", "ECONOMIC"),
]


@pytest.mark.parametrize(("text", "lemma", "event_type"), CASES, ids=[case[1] for case in CASES])
def test_held_out_trigger_words_give_rows(text: str, lemma: str, event_type: str) -> None:
    events = extract([text], published=PUBLISHED).events
    assert (lemma, event_type) in {(event.lemma, event.event_type) for event in events}


def test_setuju_is_its_own_lemma() -> None:
    events = extract(["Menteri itu setuju pada Senin (24/11/2014)."], published=PUBLISHED).events
    assert [(event.lemma, event.event_type) for event in events] == [("setuju", "AGREE")]
