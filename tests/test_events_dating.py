"""Which expression dates an event: span bounds (`sejak`, `hingga`), dates qualifying a noun (`pengiriman
Januari`), a statement's occasion against its reported content, and subordinate clauses. Indonesian passages
written for these tests; timexes and entities built by hand."""

from __future__ import annotations

from datetime import date

import pytest
from test_events_support import document, entity, sentences, timex

from timeline.events import build_events
from timeline.models import ActorKind, TimeAnchor

PERSON = ActorKind.PERSON
EXPLICIT, NARRATIVE, PUBLICATION = TimeAnchor.EXPLICIT, TimeAnchor.NARRATIVE, TimeAnchor.PUBLICATION


def dated(text, timexes, published, entities=()):
    """(trigger, time value, anchor) of each row."""
    events = build_events(
        document(text, published),
        sentences(text),
        [timex(text, surface, value) for surface, value in timexes],
        list(entities),
    )
    return [(event.trigger, event.time_value, event.time_anchor) for event in events]


@pytest.mark.parametrize(
    ("text", "timexes", "published", "expected"),
    [
        pytest.param(
            "Harga minyak turun ke level terendah sejak Mei 2010 pada Rabu (26/11/2014).",
            [("Mei 2010", "2010-05"), ("Rabu (26/11/2014)", "2014-11-26")],
            date(2014, 11, 27),
            [("turun", "2014-11-26", EXPLICIT)],
            id="the clause's own date, not the span's start",
        ),
        pytest.param(
            "Harga minyak anjlok pada Senin (24/11/2014). Harga minyak merosot 35 persen sejak Juni.",
            [("Senin (24/11/2014)", "2014-11-24"), ("Juni", "2014-06")],
            date(2014, 11, 25),
            [("anjlok", "2014-11-24", EXPLICIT)],
            id="a trend since June is neither dated June nor by the paragraph's earlier date",
        ),
        pytest.param(
            "Sejak Juni harga minyak sudah merosot tajam. Pengusaha lalu menggelar rapat di Jakarta.",
            [("Juni", "2014-06")],
            date(2014, 11, 25),
            [],
            id="a span's start sets no narrative time",
        ),
        pytest.param(
            "Perusahaan keluarga itu didirikan sejak 1970 di Surabaya.",
            [("1970", "1970")],
            date(2014, 11, 25),
            [("didirikan", "1970", EXPLICIT)],
            id="a beginning is dated by its sejak date",
        ),
        pytest.param(
            "Harga minyak, Rabu (3/12/2014), naik sedikit hingga tengah hari.",
            [("Rabu (3/12/2014)", "2014-12-03"), ("tengah hari", "2014-12-03T12:00")],
            date(2014, 12, 4),
            [("naik", "2014-12-03", EXPLICIT)],
            id="a span's end yields to the clause's other date",
        ),
        pytest.param(
            "Harga minyak terus naik hingga Jumat (5/12/2014).",
            [("Jumat (5/12/2014)", "2014-12-05")],
            date(2014, 12, 6),
            [("naik", "2014-12-05", EXPLICIT)],
            id="a span's end alone still dates",
        ),
    ],
)
def test_span_bounds(text, timexes, published, expected):
    assert dated(text, timexes, published) == expected


@pytest.mark.parametrize(
    ("text", "timexes", "expected"),
    [
        pytest.param(
            "Minyak untuk pengiriman Januari naik 16 sen, Rabu (3/12/2014).",
            [("Januari", "2015-01"), ("Rabu (3/12/2014)", "2014-12-03")],
            [("naik", "2014-12-03", EXPLICIT)],
            id="delivery month beside the day",
        ),
        pytest.param(
            "Harga minyak anjlok pada Selasa (2/12/2014).\nMinyak untuk pengiriman Januari 2015 naik 16 sen.",
            [("Selasa (2/12/2014)", "2014-12-02"), ("Januari 2015", "2015-01")],
            [("anjlok", "2014-12-02", EXPLICIT)],
            id="a delivery month alone dates nothing",
        ),
        pytest.param(
            "Harga kontrak Maret melemah 20 sen, Kamis (4/12/2014).",
            [("Maret", "2015-03"), ("Kamis (4/12/2014)", "2014-12-04")],
            [("melemah", "2014-12-04", EXPLICIT)],
            id="contract month",
        ),
        pytest.param(
            "Harga minyak anjlok pada Selasa (2/12/2014). Harga gas periode Januari turun tajam.",
            [("Selasa (2/12/2014)", "2014-12-02"), ("Januari", "2015-01")],
            [("anjlok", "2014-12-02", EXPLICIT), ("turun", "2014-12-02", NARRATIVE)],
            id="a period's month sets no narrative time either",
        ),
    ],
)
def test_dates_qualifying_a_noun(text, timexes, expected):
    assert dated(text, timexes, date(2014, 12, 5)) == expected


def test_a_date_after_publication_dates_the_reported_plan_not_the_statement():
    text = "Sudirman mengatakan, Rabu (3/12/2014), dia akan kembali rapat dengan Menteri Keuangan."
    timexes = [("Rabu (3/12/2014)", "2014-12-03")]
    entities = [entity(text, "Sudirman", PERSON)]
    assert dated(text, timexes, date(2014, 12, 2), entities) == [
        ("mengatakan", "2014-12-02", PUBLICATION),
        ("rapat", "2014-12-03", EXPLICIT),
    ]
    # Published the day after, the same date is when Sudirman said it.
    assert dated(text, timexes, date(2014, 12, 4), entities)[0] == ("mengatakan", "2014-12-03", EXPLICIT)


@pytest.mark.parametrize(
    ("text", "timexes", "published", "expected"),
    [
        pytest.param(
            '"Tender itu sudah dihentikan," ujar Agus, kepada wartawan, Senin (24/11/2014).',
            [("Senin (24/11/2014)", "2014-11-24")],
            date(2014, 11, 26),
            ("ujar", "2014-11-24", EXPLICIT),
            id="the occasion after a postposed verb and its audience",
        ),
        pytest.param(
            "Agus mengatakan, kepada wartawan, Senin (24/11/2014), tender itu sudah dihentikan.",
            [("Senin (24/11/2014)", "2014-11-24")],
            date(2014, 11, 26),
            ("mengatakan", "2014-11-24", EXPLICIT),
            id="the audience between the verb and its date",
        ),
        pytest.param(
            "Agus mengatakan, harga bensin akan turun pada Januari 2015.",
            [("Januari 2015", "2015-01")],
            date(2014, 11, 26),
            ("mengatakan", "2014-11-26", PUBLICATION),
            id="a date in what was said",
        ),
        pytest.param(
            "Agus akan mengumumkan harga bensin yang baru pada Rabu (31/12/2014).",
            [("Rabu (31/12/2014)", "2014-12-31")],
            date(2014, 12, 30),
            ("mengumumkan", "2014-12-31", EXPLICIT),
            id="a planned statement keeps its own later date",
        ),
    ],
)
def test_statement_dates(text, timexes, published, expected):
    rows = dated(text, timexes, published, [entity(text, "Agus", PERSON)])
    assert rows[0] == expected


@pytest.mark.parametrize(
    ("text", "timexes", "expected"),
    [
        pytest.param(
            "Harga minyak turun ke level terendah, setelah kemarin sempat bertahan di 70 dolar.",
            [("kemarin", "2014-12-04")],
            [],
            id="a subordinate date does not date the main clause before it",
        ),
        pytest.param(
            "Pemasangan alat itu tertunda, karena kemarin ada masalah impor, kemudian harga dolar naik.",
            [("kemarin", "2014-12-04")],
            [("naik", "2014-12-04", EXPLICIT)],
            id="it dates a later clause continuing it",
        ),
        pytest.param(
            "Harga minyak turun ke level terendah, ketika pasar Asia sepi pada Kamis (4/12/2014).",
            [("Kamis (4/12/2014)", "2014-12-04")],
            [("turun", "2014-12-04", EXPLICIT)],
            id="a `ketika` clause's date does date the main clause",
        ),
    ],
)
def test_subordinate_clause_dates(text, timexes, expected):
    assert [row for row in dated(text, timexes, date(2014, 12, 5)) if row[0] != "tertunda"] == expected


def test_a_bracketed_time_restating_another_dates_nothing():
    text = "Harga minyak jatuh pada Selasa (6/1/2015) waktu setempat (Rabu pagi WIB).\nPenurunan harga itu dipicu pasokan."
    timexes = [("Selasa (6/1/2015)", "2015-01-06"), ("Rabu pagi WIB", "2015-01-07TMO")]
    assert dated(text, timexes, date(2015, 1, 7)) == [("jatuh", "2015-01-06", EXPLICIT)]
    # Not a restatement: a bracketed time after other words is a time of its own.
    text = "Harga minyak jatuh pada Selasa (6/1/2015), lalu harga minyak naik lagi (Rabu pagi WIB)."
    assert dated(text, timexes, date(2015, 1, 7)) == [
        ("jatuh", "2015-01-06", EXPLICIT),
        ("naik", "2015-01-07TMO", EXPLICIT),
    ]


@pytest.mark.parametrize(
    ("text", "timexes", "expected"),
    [
        pytest.param(
            "Perundingan dagang kedua negara tertunda sejak 2021.",
            [("2021", "2021")],
            [("tertunda", "2021", EXPLICIT)],
            id="a state begun then, the phrase right after its trigger",
        ),
        pytest.param(
            "Sejak 1990-an, para peneliti telah memperingatkan bahaya banjir di kota itu.",
            [("1990-an", "199")],
            [("memperingatkan", "199", EXPLICIT)],
            id="a habit begun then, the phrase opening its clause",
        ),
        pytest.param(
            "Pertemuan itu digelar setelah harga minyak merosot 30 persen sejak Juni.",
            [("Juni", "2014-06")],
            [],
            id="a far sejak phrase belongs to the change beside it",
        ),
    ],
)
def test_since_dates_states_begun_then(text, timexes, expected):
    assert dated(text, timexes, date(2014, 11, 27)) == expected


def test_the_start_of_a_state_sets_the_narrative_time():
    text = (
        "Ratusan mahasiswa menggelar unjuk rasa sejak Kamis (27/1/2022) pagi. "
        "Polisi mengerahkan 500 personel untuk mengamankan aksi itu."
    )
    timexes = [("Kamis (27/1/2022) pagi", "2022-01-27TMO")]
    assert [(trigger, value) for trigger, value, _ in dated(text, timexes, date(2022, 1, 28))] == [
        ("menggelar unjuk rasa", "2022-01-27TMO"),
        ("mengerahkan", "2022-01-27TMO"),
    ]


def test_the_reference_date_of_a_comparison_dates_nothing():
    text = "Harga beras anjlok pada Senin (2/12/2013). Harga gula naik 5 persen dibanding pekan lalu."
    timexes = [("Senin (2/12/2013)", "2013-12-02"), ("pekan lalu", "2013-W48")]
    assert dated(text, timexes, date(2013, 12, 3)) == [
        ("anjlok", "2013-12-02", EXPLICIT),
        ("naik", "2013-12-02", NARRATIVE),
    ]
