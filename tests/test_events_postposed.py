"""Postposed reporting verbs with a title before the speaker's name, and parenthetical ones mid-sentence, on
Indonesian passages written for these tests (entities and timexes built by hand)."""

from __future__ import annotations

from datetime import date

import pytest
from test_events_support import document, entity, sentences, timex

from timeline.events import build_events
from timeline.models import ActorKind, ActorRole

PERSON, ORG, COUNTRY = ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.COUNTRY


def statements(text, entities, timexes=()):
    """(trigger, agents, time value) of the statement rows."""
    events = build_events(document(text, date(2014, 12, 4)), sentences(text), list(timexes), list(entities))
    return [
        (event.trigger, [a.name for a in event.actors if a.role is ActorRole.AGENT], event.time_value)
        for event in events
        if event.event_type == "STATEMENT"
    ]


@pytest.mark.parametrize(
    ("text", "named", "speaker"),
    [
        pytest.param(
            '"Pasokan harus dikurangi," kata Menteri Luar Negeri Venezuela Rafael Ramirez kepada wartawan.',
            [("Venezuela", COUNTRY), ("Rafael Ramirez", PERSON)],
            "Rafael Ramirez",
            id="title with a country before the name",
        ),
        pytest.param(
            '"Kuota masih cukup," kata Direktur Pemasaran PT Pertamina (Persero) Hanung Budya.',
            [("PT Pertamina", ORG), ("Hanung Budya", PERSON)],
            "Hanung Budya",
            id="bracketed legal form inside the title",
        ),
        pytest.param(
            '"Harga akan turun," ujar Deputi Gubernur Senior Bank Indonesia (BI) Mirza Adityaswara.',
            [("Bank Indonesia", ORG), ("Mirza Adityaswara", PERSON)],
            "Mirza Adityaswara",
            id="bracketed abbreviation inside the title",
        ),
    ],
)
def test_a_title_between_the_verb_and_the_speaker(text, named, speaker):
    entities = [entity(text, surface, kind) for surface, kind in named]
    verb = "ujar" if "ujar" in text else "kata"
    assert [(trigger, agents) for trigger, agents, _ in statements(text, entities)] == [(verb, [speaker])]


def test_lowercase_words_after_the_verb_are_no_title():
    text = '"Pasokan harus dikurangi," kata para pedagang di Pasar Induk Kramat Jati.'
    entities = [entity(text, "Pasar Induk Kramat Jati", ActorKind.LOCATION)]
    assert statements(text, entities) == []


def test_a_parenthetical_kata_dia_mid_sentence():
    text = (
        "Direktur Utama Pertamina Dwi Soetjipto berbicara di Jakarta, Rabu (3/12/2014). "
        "Dengan eksplorasi baru itu kata dia, produksi minyak akan terus bertambah."
    )
    entities = [
        entity(text, "Pertamina", ORG),
        entity(text, "Dwi Soetjipto", PERSON),
        entity(text, "Jakarta", ActorKind.LOCATION),
    ]
    rows = statements(text, entities, [timex(text, "Rabu (3/12/2014)", "2014-12-03")])
    assert ("kata", ["Dwi Soetjipto"]) in [(trigger, agents) for trigger, agents, _ in rows]


@pytest.mark.parametrize(
    ("text", "timexes"),
    [
        ("Harga solar turun 2 persen dibanding penutupan pekan lalu.", [("pekan lalu", "2014-W48")]),
        ("Konsumsi sepeda motor jauh lebih sedikit dibandingkan mobil pribadi.", []),
        ("Jumlah suara naik ketimbang pemilihan tahun 2009.", [("tahun 2009", "2009")]),
    ],
)
def test_comparatives_and_their_reference_points_are_no_events(text, timexes):
    built = [timex(text, surface, value) for surface, value in timexes]
    events = build_events(document(text, date(2014, 12, 4)), sentences(text), built, [])
    assert [event.trigger for event in events if event.trigger not in ("turun", "naik")] == []
