"""Properties of the tagger on arbitrary and adversarial input: it never raises, spans are sane,
values follow the TIMEX3 value grammar, and huge inputs finish."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.models import TimexType
from timeline.temporal import tag

# The TIMEX3 value grammar as the tagger may emit it (ISO 8601 based, X for unknown digits).
_Y = r"(?:\d{4}|XXXX)"
_DATE = (
    rf"(?:{_Y}(?:-(?:\d{{2}}|XX)(?:-(?:\d{{2}}|XX))?)?"  # 2023, 2023-09, 2023-09-13, XXXX-XX-XX
    rf"|{_Y}-W(?:\d{{2}}|XX)(?:-(?:[1-7]|WE))?"  # 2023-W37, 2023-W37-WE, XXXX-WXX-3
    rf"|{_Y}-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI)"  # quarters, halves, seasons
    r"|\d{3}|\d{2})"  # decades, centuries
)
_TIME = rf"{_DATE}T(?:MO|AF|EV|NI|\d{{2}}:\d{{2}})"
_NUMBER = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:{_NUMBER}[YMWD]|T{_NUMBER}[HMS]|XX)"
_VAGUE = r"PRESENT_REF|PAST_REF|FUTURE_REF"
VALUE_GRAMMAR = {
    TimexType.DATE: re.compile(rf"(?:{_DATE}|{_VAGUE})"),
    TimexType.TIME: re.compile(_TIME),
    TimexType.DURATION: re.compile(_DURATION),
    TimexType.SET: re.compile(rf"(?:{_DURATION}|{_DATE}|{_TIME})"),
}

VOCABULARY = [
    "Rabu", "(13/9)", "(29/12/2014)", "Senin", "Minggu", "sore", "pagi", "malam", "pukul", "14.30", "WIB", "7:55",
    "kemarin", "hari", "ini", "itu", "tahun", "bulan", "pekan", "lalu", "depan", "kemudian", "sebelumnya", "lagi",
    "Januari", "Sept", "Agt", "2014", "2023", "13", "1990-an", "abad", "ke-21", "kuartal", "III", "kedua",
    "semester", "I", "musim", "hujan", "setiap", "tiap", "dua", "kali", "sehari", "tiga", "puluh", "setengah",
    "jam", "menit", "beberapa", "bertahun-tahun", "saat", "sekarang", "ke", "masa", "akhir", "awal", "sekitar",
    "lebih", "dari", "hampir", "dan", "hingga", "-", "–", ",", ".", "(", ")", "/", "No.", "UU", "usia", "5,5",
    "keesokan", "harinya", "terakhir", "Sabtu-Minggu", "tengah", "dini", "sejak", "akan", "\n", "  ",
]  # fmt: skip

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(VOCABULARY), max_size=60).map(" ".join),
    st.lists(st.sampled_from(VOCABULARY), max_size=60).map("".join),
)
dcts = st.one_of(st.none(), st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)))


def check_spans(text: str, timexes: list) -> None:
    previous_end = 0
    for timex in timexes:
        assert 0 <= timex.start < timex.end <= len(text)
        assert timex.start >= previous_end
        assert text[timex.start : timex.end] == timex.text
        previous_end = timex.end


@settings(max_examples=400, deadline=None)
@given(texts, dcts)
def test_arbitrary_text_gives_sane_spans_and_grammatical_values(text: str, dct: date | None) -> None:
    timexes = tag(text, dct, "prop")
    check_spans(text, timexes)
    for timex in timexes:
        assert VALUE_GRAMMAR[timex.type].fullmatch(timex.value), (timex.text, timex.type, timex.value)
        if timex.interval_start is not None:
            assert timex.interval_end is not None and timex.interval_start <= timex.interval_end


def test_value_grammar_rejects_malformed_values() -> None:
    assert not VALUE_GRAMMAR[TimexType.DATE].fullmatch("2023-9-13")
    assert not VALUE_GRAMMAR[TimexType.DURATION].fullmatch("P5")
    assert not VALUE_GRAMMAR[TimexType.TIME].fullmatch("2023-09-13T")


PARAGRAPH = (
    "Harga minyak turun pada Rabu (13/9) pukul 14.30 WIB setelah naik selama tiga hari. "
    "Pada 2015, produksi naik dua kali sehari dibanding setahun sebelumnya, kata dia, Senin (29/12/2014).\n\n"
)


def test_a_megabyte_document_finishes() -> None:
    text = PARAGRAPH * (1_000_000 // len(PARAGRAPH) + 1)
    started = time.perf_counter()
    timexes = tag(text, date(2023, 9, 13))
    assert time.perf_counter() - started < 60  # generous: catches runaway backtracking, not a benchmark
    assert len(timexes) == 6 * text.count("Harga minyak")
    check_spans(text, timexes[:50])


def test_a_long_line_of_digits_and_punctuation_finishes() -> None:
    line = ("12/12/12 - 13.30 - (1/1) 2014-an ke-5 " * 3000)[:100_000]
    started = time.perf_counter()
    timexes = tag(line, date(2023, 9, 13))
    assert time.perf_counter() - started < 60
    check_spans(line, timexes)


def test_a_long_line_without_spaces_finishes() -> None:
    line = "Rabu(13/9)" * 10_000
    started = time.perf_counter()
    check_spans(line, tag(line, None))
    assert time.perf_counter() - started < 60


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=40).map(" ".join), st.sampled_from([date.min, date.max]))
def test_dcts_at_the_ends_of_the_calendar_do_not_raise(text: str, dct: date) -> None:
    check_spans(text, tag(text, dct))


def _scan_every_pattern(text: str) -> set[tuple[int, int, int]]:
    from timeline.temporal.recognize import patterns

    table = patterns().table
    return {
        (rank, part.start, part.end)
        for rank, (pattern, handler) in enumerate(table)
        for match in pattern.finditer(text)
        for part in handler(match, text)
        if part.end > part.start
    }


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=40).map(" ".join))
def test_first_word_index_finds_what_a_full_scan_finds(text: str) -> None:
    from timeline.temporal.recognize import candidates

    indexed = {(rank, part.start, part.end) for rank, part in candidates(text)}
    assert _scan_every_pattern(text) <= indexed


def test_first_word_index_covers_the_seed(seed_dir) -> None:
    from timeline.temporal.recognize import candidates

    text = (seed_dir / "000_f289a60c1eb80260.txt").read_text(encoding="utf-8")
    assert _scan_every_pattern(text) <= {(rank, part.start, part.end) for rank, part in candidates(text)}


NUMBER_SHAPES = [
    "13", "7", "2023", "1990", "1990an", "80an", "80", "'80-an", "130", "20231", "5s.d.", "5sd", "13September",
    "1,5", "-", "/", "09", "2023-09-13", "13/9/2023", "tahun", "September", "jam", "malam", "hari", "kali",
    "hingga", "dan", "sekali", "sehari", "tanggal", "an", "٢٠٢٣", "²", "(", ")", "$", "%", "APBN-", "–", "—",
    ".", ",", "s.d.", "\n", "\u00a0", "bulan", "1.5", "12:30", "PUKUL", "Jam", "Tahun", "İ", "_", "x",
    "atau", "sampai", "dua", "puluh", "setengah", "s.d", "empat", "dalam", "satu", "minggu",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_SHAPES), max_size=30).flatmap(
    lambda words: st.sampled_from([" ".join(words), "".join(words)])
))
def test_number_shape_index_finds_what_a_full_scan_finds(text: str) -> None:
    """Digit-led tokens are indexed by shape (two digits, four, other, digits then letters) and by
    the characters around them (after a decimal point or slash; a short number's next character)."""
    from timeline.temporal.recognize import candidates

    assert _scan_every_pattern(text) <= {(rank, part.start, part.end) for rank, part in candidates(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Mereka menginap tiga malam empat hari di sana.", "Paket 2 malam 3 hari dijual murah.",
        "Obat diminum dua kali sehari.", "Rapat digelar 1,5 kali dalam satu minggu.", "Bus lewat sekali sebulan.",
        "Proyek butuh satu hingga dua tahun.", "Masa kerja 5 s.d. 7 tahun.", "Antre 3-4 hari.",
        "Tinggal 2 atau 3 bulan lagi.", "Sekitar dua puluh sampai tiga puluh menit.",
    ],
)
def test_count_patterns_behind_one_look_are_found(text: str) -> None:
    """Range, nights-and-days and frequency patterns are tried on a count only when what follows fits."""
    from timeline.temporal.recognize import candidates

    assert _scan_every_pattern(text) <= {(rank, part.start, part.end) for rank, part in candidates(text)}
