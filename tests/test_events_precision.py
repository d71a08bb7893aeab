"""Precision of the event builder: which words make timeline rows, and who the actors are, on Indonesian
passages written for these tests (entities and timexes built by hand)."""

from __future__ import annotations

from datetime import date

import pytest
from test_events_support import document, entity, sentences, timex

from timeline.events import build_events
from timeline.events.layout import layout
from timeline.events.lexicon import lemma_of
from timeline.events.triggers import find_triggers
from timeline.models import ActorKind, ActorRole

PERSON, ORG, COUNTRY, LOCATION = ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.COUNTRY, ActorKind.LOCATION


def build(text, entities=(), timexes=(), published=date(2023, 9, 13)):
    return build_events(document(text, published), sentences(text), list(timexes), list(entities))


def agents(event):
    return [actor.name for actor in event.actors if actor.role is ActorRole.AGENT]


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("memasang", "pasang"),
        ("dipasang", "pasang"),
        ("terpasang", None),  # the resulting state
        ("pemasangan", None),  # the programme
        ("pemasangannya", None),  # a particle does not make a trigger of a listed non-trigger
        ("kesepakatannya", "sepakat"),
    ],
)
def test_installation_words(word, lemma):
    assert lemma_of(word) == lemma


def test_installing_is_a_happening_being_installed_is_not():
    text = (
        "Petugas memasang alat pemantau di SPBU Cikini pada Senin (11/9/2023). "
        "Hingga Selasa (12/9/2023), alat itu sudah terpasang di 40 SPBU dan pemasangan berlanjut."
    )
    events = build(
        text,
        [entity(text, "SPBU Cikini", LOCATION)],
        [timex(text, "Senin (11/9/2023)", "2023-09-11"), timex(text, "Selasa (12/9/2023)", "2023-09-12")],
    )
    assert [(e.trigger, e.time_value) for e in events] == [("memasang", "2023-09-11")]


def trigger_types(text, entities=()):
    return [(text[t.start : t.end], t.event_type) for t in find_triggers(layout(text, sentences(text)), list(entities), [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Demand: the sentence is about market quantities and nothing says who asks or what is asked.
        ("Pasokan minyak tahun depan akan melebihi permintaannya.", []),
        ("Produksi gandum naik, tetapi permintaan pada bulan ini tetap lemah.", [("naik", "ECONOMIC")]),
        ("Permintaan minyak dunia anjlok.", [("anjlok", "ECONOMIC")]),
        # Requests, even beside market quantities.
        ("Pemerintah menolak permintaan penambahan anggaran.", [("menolak", "REJECT"), ("permintaan", "REQUEST")]),
        ("Warga menyampaikan permintaan agar harga beras turun.", [("menyampaikan", "STATEMENT"), ("permintaan", "REQUEST"), ("turun", "ECONOMIC")]),
        ("Ali meminta harga beras diturunkan.", [("meminta", "REQUEST")]),
        # A request in a sentence with no market quantity.
        ("Permintaan itu muncul kemarin.", [("Permintaan", "REQUEST")]),
    ],
)
def test_demand_is_not_a_request(text, expected):
    assert [found for found in trigger_types(text) if found[0] != "diturunkan"] == expected


def test_a_name_after_the_noun_makes_it_a_request():
    text = "Harga minyak melonjak setelah permintaan Budi Santoso."
    assert trigger_types(text, [entity(text, "Budi Santoso", PERSON)]) == [
        ("melonjak", "ECONOMIC"),
        ("permintaan", "REQUEST"),
    ]


@pytest.mark.parametrize("currency", ["dolar", "dollar", "yen"])
def test_the_country_of_a_currency_is_no_actor(currency):
    text = f"Bank Indonesia membeli 5 miliar {currency} AS pada Selasa (12/9/2023)."
    events = build(
        text,
        [entity(text, "Bank Indonesia", ORG), entity(text, "AS", COUNTRY, name="Amerika Serikat", country="USA")],
        [timex(text, "Selasa (12/9/2023)", "2023-09-12")],
    )
    (event,) = events
    assert [actor.name for actor in event.actors] == ["Bank Indonesia"]
    assert event.location is None


def test_a_country_after_other_words_stays_an_actor():
    text = "Bank Indonesia mengkritik AS pada Selasa (12/9/2023)."
    (event,) = build(
        text,
        [entity(text, "Bank Indonesia", ORG), entity(text, "AS", COUNTRY, name="Amerika Serikat", country="USA")],
        [timex(text, "Selasa (12/9/2023)", "2023-09-12")],
    )
    assert [actor.name for actor in event.actors] == ["Bank Indonesia", "Amerika Serikat"]


def test_nya_means_the_speaker_not_the_person_named_in_the_speakers_sentence():
    text = (
        "Menteri Rina Wulandari, dalam pidato atas nama Presiden Joko Widodo pada Selasa (12/9/2023), "
        "mengatakan, harga pangan stabil.\n"
        "“Stok beras cukup sampai akhir tahun,” katanya."
    )
    events = build(
        text,
        [entity(text, "Rina Wulandari", PERSON), entity(text, "Joko Widodo", PERSON)],
        [timex(text, "Selasa (12/9/2023)", "2023-09-12")],
    )
    said = [e for e in events if e.trigger == "katanya"]
    assert [agents(e) for e in said] == [["Rina Wulandari"]]


def test_nya_means_a_person_named_after_the_last_speaker_in_a_later_sentence():
    text = (
        "Rina Wulandari mengatakan harga pangan stabil.\n"
        "Menurut pedagang Budi Santoso, harga cabai naik.\n"
        "“Pembeli mulai berkurang,” ujarnya."
    )
    events = build(text, [entity(text, "Rina Wulandari", PERSON), entity(text, "Budi Santoso", PERSON)])
    said = [e for e in events if e.trigger == "ujarnya"]
    assert [agents(e) for e in said] == [["Budi Santoso"]]


def test_pronoun_subject_follows_the_same_rule():
    text = (
        "Rina Wulandari, didampingi Budi Santoso, mengunjungi pasar pada Selasa (12/9/2023). "
        "Ia menambahkan, harga beras turun."
    )
    events = build(
        text,
        [entity(text, "Rina Wulandari", PERSON), entity(text, "Budi Santoso", PERSON)],
        [timex(text, "Selasa (12/9/2023)", "2023-09-12")],
    )
    (added,) = [e for e in events if e.trigger == "menambahkan"]
    assert agents(added) == ["Rina Wulandari"]


def test_a_date_in_what_was_said_after_bahwa_does_not_date_the_saying():
    text = "Pesan berantai itu menyebutkan bahwa tarif naik setelah 30 November 2023."
    events = build(text, [], [timex(text, "30 November 2023", "2023-11-30")])
    assert [(e.trigger, e.time_value) for e in events if e.trigger == "menyebutkan"] != [("menyebutkan", "2023-11-30")]


def test_an_appositive_names_the_same_speaker():
    text = (
        "Kepala Humas Polda Bali, Komisaris Besar Ketut Wibowo, mengatakan pelaku ditangkap pada Selasa (12/9/2023).\n"
        "“Pelaku tidak melawan,” katanya."
    )
    events = build(
        text,
        [entity(text, "Kepala Humas Polda Bali", PERSON), entity(text, "Ketut Wibowo", PERSON)],
        [timex(text, "Selasa (12/9/2023)", "2023-09-12")],
    )
    said = [e for e in events if e.trigger == "katanya"]
    assert [agents(e) for e in said] == [["Ketut Wibowo"]]
