from __future__ import annotations

from datetime import date

import pytest

from timeline.models import Granularity, TimexAnchor, TimexType
from timeline.temporal.holidays import find_holiday_timexes

DCT = date(2023, 9, 13)


@pytest.mark.parametrize(
    ("sentence", "dct", "extent", "value", "anchor"),
    [
        ("Arus mudik Lebaran 2023 lebih padat.", DCT, "Lebaran 2023", "2023-04-22", TimexAnchor.ABSOLUTE),
        # Indonesia's official Idul Fitri 1444 H, a day after Umm al-Qura (21 April).
        ("Salat Idul Fitri 1444 H digelar di lapangan.", DCT, "Idul Fitri 1444 H", "2023-04-22", TimexAnchor.ABSOLUTE),
        ("Harga naik menjelang Idulfitri tahun ini.", DCT, "Idulfitri tahun ini", "2023-04-22", TimexAnchor.DCT),
        ("Sapi kurban dijual sebelum Iduladha tahun lalu.", DCT, "Iduladha tahun lalu", "2022-07-10", TimexAnchor.DCT),
        ("Upacara HUT RI ke-78 berlangsung khidmat.", DCT, "HUT RI ke-78", "2023-08-17", TimexAnchor.ABSOLUTE),
        ("Warga merayakan Hari Kemerdekaan dengan lomba.", DCT, "Hari Kemerdekaan", "2023-08-17", TimexAnchor.DCT),
        ("Gereja ramai saat hari raya Natal tahun depan.", DCT, "hari raya Natal tahun depan", "2024-12-25", TimexAnchor.DCT),
        ("Kembang api menyala pada malam tahun baru 2024.", DCT, "malam tahun baru 2024", "2023-12-31TNI", TimexAnchor.ABSOLUTE),
        ("Barongsai tampil saat Imlek 2024.", DCT, "Imlek 2024", "2024-02-10", TimexAnchor.ABSOLUTE),
        ("Bali sunyi ketika Nyepi tahun 2023.", DCT, "Nyepi tahun 2023", "2023-03-22", TimexAnchor.ABSOLUTE),
        ("Umat Buddha merayakan Waisak 2023 di Borobudur.", DCT, "Waisak 2023", "2023-06-04", TimexAnchor.ABSOLUTE),
        ("Pawai obor menyambut 1 Muharram 1445 Hijriah.", DCT, "1 Muharram 1445 Hijriah", "2023-07-19", TimexAnchor.ABSOLUTE),
        ("Pengajian digelar pada Maulid Nabi 2023.", DCT, "Maulid Nabi 2023", "2023-09-28", TimexAnchor.ABSOLUTE),
        ("Libur Isra Miraj 2024 jatuh pada hari Kamis.", DCT, "Isra Miraj 2024", "2024-02-08", TimexAnchor.ABSOLUTE),
        ("Gereja penuh saat Jumat Agung 2023.", DCT, "Jumat Agung 2023", "2023-04-07", TimexAnchor.ABSOLUTE),
        ("Libur Kenaikan Isa Almasih tahun depan.", DCT, "Kenaikan Isa Almasih tahun depan", "2024-05-09", TimexAnchor.DCT),
        ("Upacara Hari Pahlawan 2022 di Surabaya.", DCT, "Hari Pahlawan 2022", "2022-11-10", TimexAnchor.ABSOLUTE),
        # Without a year: the occurrence nearest the DCT, even across a year boundary.
        ("Toko tutup saat Tahun Baru.", date(2014, 12, 29), "Tahun Baru", "2015-01-01", TimexAnchor.DCT),
        ("Pasar ramai menjelang Lebaran.", DCT, "Lebaran", "2023-04-22", TimexAnchor.DCT),
        # Idul Fitri fell twice in 2000 (8 Jan, 27 Dec); a December text means the second.
        ("Pasar ramai menjelang Lebaran.", date(2000, 12, 20), "Lebaran", "2000-12-27", TimexAnchor.DCT),
        ("Pasar ramai menjelang Lebaran.", date(2000, 1, 5), "Lebaran", "2000-01-08", TimexAnchor.DCT),
        ("Toko tutup saat Natal.", None, "Natal", "XXXX-12-25", TimexAnchor.NONE),
        ("Pasar ramai menjelang Lebaran.", None, "Lebaran", "XXXX-XX-XX", TimexAnchor.NONE),
        # A year outside the calendars' tables keeps what is known.
        ("Waisak 1950 dirayakan sederhana.", DCT, "Waisak 1950", "1950-XX-XX", TimexAnchor.ABSOLUTE),
    ],
)
def test_holiday_values(sentence: str, dct: date | None, extent: str, value: str, anchor: TimexAnchor) -> None:
    (timex,) = find_holiday_timexes(sentence, dct, "uji")
    assert (timex.text, timex.value, timex.anchor) == (extent, value, anchor)
    assert sentence[timex.start : timex.end] == timex.text
    assert timex.document_id == "uji"


def test_ramadhan_is_a_month_long_period() -> None:
    (timex,) = find_holiday_timexes("Selama bulan puasa tahun lalu, harga beras stabil.", DCT, "uji")
    assert (timex.text, timex.type, timex.value, timex.granularity) == (
        "bulan puasa tahun lalu",
        TimexType.DATE,
        "2022-04-02",
        Granularity.MONTH,
    )
    # Ends the day before Indonesia's Idul Fitri 1443 H (2 May 2022).
    assert (timex.interval_start, timex.interval_end) == (date(2022, 4, 2), date(2022, 5, 1))


def test_ramadhan_with_hijri_year() -> None:
    (timex,) = find_holiday_timexes("Pada Ramadhan 1445 H, masjid penuh.", None, "uji")
    assert (timex.text, timex.value) == ("Ramadhan 1445 H", "2024-03-11")
    assert (timex.interval_start, timex.interval_end) == (date(2024, 3, 11), date(2024, 4, 9))


def test_new_years_eve_is_a_night() -> None:
    (timex,) = find_holiday_timexes("Jalan ditutup pada malam pergantian tahun.", DCT, "uji")
    assert (timex.type, timex.value, timex.granularity) == (TimexType.TIME, "2023-12-31TNI", Granularity.PART_OF_DAY)


@pytest.mark.parametrize(
    ("sentence", "extents"),
    [
        ("Libur Natal dan Tahun Baru diperpanjang.", ["Natal", "Tahun Baru"]),
        # The longest name wins.
        ("Perayaan Tahun Baru Islam dan Tahun Baru Imlek.", ["Tahun Baru Islam", "Tahun Baru Imlek"]),
        ("Rapat soal lebaran haji digelar.", ["lebaran haji"]),
        # A personal name, not the fasting month.
        ("Ramadhan Pohan menghadiri rapat.", []),
        # Not a word of its own.
        ("Kota Natalia dan Lebaranan tidak dihitung.", []),
        # "ke-2" does not count years of Lebaran; the name alone is marked.
        ("Ini Lebaran ke-2 tanpa mudik.", ["Lebaran"]),
        ("Tidak ada hari libur di sini.", []),
    ],
)
def test_extents(sentence: str, extents: list[str]) -> None:
    assert [timex.text for timex in find_holiday_timexes(sentence, DCT, "uji")] == extents


def test_offsets_hold_when_lower_casing_changes_the_length() -> None:
    # "İ" lower-cases to two code points; matching must still index the original text.
    sentence = "İstanbul juga merayakan NATAL 2023 dengan meriah."
    (timex,) = find_holiday_timexes(sentence, DCT, "uji")
    assert (timex.text, timex.value) == ("NATAL 2023", "2023-12-25")
    assert sentence[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(
    ("dct", "values"),
    [
        (date(1, 1, 1), ["XXXX-12-25", "0002-12-25", "0001-XX-XX", "0001-XX-XX", "0001-04-01"]),
        (date(9999, 12, 31), ["9998-12-25", "XXXX-12-25", "9999-XX-XX", "9999-XX-XX", "9999-03-28"]),
    ],
)
def test_years_beyond_the_calendar_stay_unresolved(dct: date, values: list[str]) -> None:
    timexes = find_holiday_timexes("Natal tahun lalu, Natal tahun depan, Imlek, Lebaran dan Paskah.", dct, "uji")
    assert [timex.value for timex in timexes] == values


@pytest.mark.parametrize(
    "text",
    [
        "Arus mudik Lebaran 2023 dan Idul  Fitri 1444 H, lalu HUT RI ke-78 dan 1 Muharram.",
        "Jumat Agung, malam Natal, hari raya Natal tahun depan; Idul-Fitri; Isra' Mi'raj; 10 Dzulhijjah.",
        "TAHUN BARU IMLEK, tahun baru 2024 dan Tahun Baru Islam; x1 Muharram; natalan; Natal2023.",
        "Kota İzmir merayakan Natal dan Lebaran tahun lalu.",
    ],
)
def test_starts_from_the_tagger_word_scan_find_what_a_full_scan_finds(text: str) -> None:
    from timeline.temporal.recognize import first_word_tokens
    from timeline.temporal.tagger import _holiday_starts

    starts = _holiday_starts(first_word_tokens(text))
    assert starts is not None
    assert find_holiday_timexes(text, DCT, "d", starts) == find_holiday_timexes(text, DCT, "d")
    assert find_holiday_timexes(text, DCT, "d")  # something to compare
