"""Offices and organisations glued onto a person's name, apposed names, and names with hyphened particles."""

from __future__ import annotations

import pytest

from timeline.actors import find_entities
from timeline.models import ActorKind, EntityMention
from timeline.sentences import split_sentences


def _entities(text: str) -> list[EntityMention]:
    mentions = find_entities(text, split_sentences(text))
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    return mentions


def _mention(text: str, surface: str) -> EntityMention:
    matching = [mention for mention in _entities(text) if mention.text == surface]
    assert len(matching) == 1, [mention.text for mention in _entities(text)]
    return matching[0]


@pytest.mark.parametrize(
    ("text", "surface", "name", "title", "affiliation"),
    [
        (
            '"Permintaan lesu," kata ekonom Harbor Economics Dani Wiryawan.',
            "Dani Wiryawan", "Dani Wiryawan", "ekonom Harbor Economics", "Harbor Economics",
        ),
        (
            "Peneliti di lembaga kajian Baruna Capital Rina Kusumastuti mengatakan pasar jenuh.",
            "Rina Kusumastuti", "Rina Kusumastuti", None, "Baruna Capital",
        ),
        (
            "Direktur Eksekutif Kajian Energi Institute Bayu Prasetyo menilai harga terlalu rendah.",
            "Bayu Prasetyo", "Bayu Prasetyo", "Direktur Eksekutif Kajian Energi Institute", "Kajian Energi Institute",
        ),
        (
            "Menurut Kepala Bagian Ekonomi IEA Fatma Yilmaz, pasokan cukup.",
            "Fatma Yilmaz", "Fatma Yilmaz", "Kepala Bagian Ekonomi IEA", "Badan Energi Internasional",
        ),
        (
            "Hal itu disampaikan Kepala Bagian Riset IEA, Fatma Yilmaz, kepada wartawan.",
            "Fatma Yilmaz", "Fatma Yilmaz", "Kepala Bagian Riset IEA", "Badan Energi Internasional",
        ),
        (
            "Hal itu disampaikan Kepala Bagian Riset IEA, Fatma Yilmaz, kepada wartawan.",
            "Kepala Bagian Riset IEA", "Fatma Yilmaz", "Kepala Bagian Riset IEA", "Badan Energi Internasional",
        ),
        (
            "Vice President Policy, Government and Public Affairs Chevron Rudi Simanjuntak bilang, proyek berjalan.",
            "Rudi Simanjuntak", "Rudi Simanjuntak",
            "Vice President Policy, Government and Public Affairs Chevron", "Chevron",
        ),
        (
            "Rapat dihadiri Kepala BPH Migas Andi Saputra Wirawan dan sejumlah pejabat.",
            "Andi Saputra Wirawan", "Andi Saputra Wirawan", "Kepala BPH Migas",
            "Badan Pengatur Hilir Minyak dan Gas Bumi",
        ),
        (
            "Direktur Jenderal Migas Andi Saputra Wirawan hadir dalam rapat.",
            "Andi Saputra Wirawan", "Andi Saputra Wirawan", "Direktur Jenderal Migas", None,
        ),
        (
            "Menteri Keuangan, Bambang Sutedjo, hadir dalam rapat itu.",
            "Bambang Sutedjo", "Bambang Sutedjo", "Menteri Keuangan", None,
        ),
    ],
)
def test_the_person_is_the_name_after_the_office(
    text: str, surface: str, name: str, title: str | None, affiliation: str | None
) -> None:
    person = _mention(text, surface)
    assert (person.kind, person.name, person.title, person.affiliation) == (ActorKind.PERSON, name, title, affiliation)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ('"Permintaan lesu," kata ekonom Harbor Economics Dani Wiryawan.', "Harbor Economics"),
        ("Direktur Eksekutif Kajian Energi Institute Bayu Prasetyo menilai harga terlalu rendah.", "Kajian Energi Institute"),
        ("Menurut analis Lipow Oil Associates, pasar jenuh.", "Lipow Oil Associates"),
        ("Price Futures Group memperkirakan harga turun.", "Price Futures Group"),
    ],
)
def test_the_organisation_before_the_name_is_one(text: str, surface: str) -> None:
    assert _mention(text, surface).kind is ActorKind.ORGANIZATION


@pytest.mark.parametrize(
    "text",
    [
        "Rapat itu dipimpin Menteri Keuangan, Kamis (3/12), di Jakarta.",
        "Menteri Keuangan menyebut defisit aman.",
    ],
)
def test_a_bare_office_with_no_name_after_it_is_no_mention(text: str) -> None:
    assert [mention for mention in _entities(text) if mention.kind is ActorKind.PERSON] == []


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("Menteri Perminyakan Arab Saudi Ali al-Naimi menolak usulan itu.", "Ali al-Naimi", "Ali al-Naimi"),
        ("Menteri Perminyakan Arab Saudi Ali al-Naimi menolak usulan itu. Sementara itu Naimi diam.", "Naimi", "Ali al-Naimi"),
        ("Menteri Perminyakan Arab Saudi Ali Al-Naimi tiba. Kata Al-Naimi, pasar akan pulih.", "Al-Naimi", "Ali Al-Naimi"),
        ("Presiden Mesir Abdel Fattah el-Sisi tiba di Jakarta.", "Abdel Fattah el-Sisi", "Abdel Fattah el-Sisi"),
    ],
)
def test_hyphened_particles_stay_in_the_name(text: str, surface: str, name: str) -> None:
    person = _mention(text, surface)
    assert (person.kind, person.name) == (ActorKind.PERSON, name)


def test_a_short_form_of_a_name_split_from_its_institute_resolves_to_it() -> None:
    text = "Direktur Eksekutif Kajian Energi Institute Bayu Prasetyo menilai harga rendah. Menurut Bayu, itu wajar."
    assert _mention(text, "Bayu").name == "Bayu Prasetyo"


@pytest.mark.parametrize(
    ("text", "surface", "title", "country", "affiliation"),
    [
        (
            "Suhail Mansour, Menteri Energi Uni Emirat Arab mengatakan pada Minggu bahwa OPEC menahan diri.",
            "Suhail Mansour", "Menteri Energi Uni Emirat Arab", "ARE", None,
        ),
        (
            "Hal itu dikatakan Budi Santoso, Kepala Bagian Riset IEA, kepada wartawan.",
            "Budi Santoso", "Kepala Bagian Riset IEA", None, "Badan Energi Internasional",
        ),
    ],
)
def test_an_office_apposed_after_a_name_is_its_title(
    text: str, surface: str, title: str, country: str | None, affiliation: str | None
) -> None:
    person = _mention(text, surface)
    assert (person.kind, person.title, person.country, person.affiliation) == (
        ActorKind.PERSON, title, country, affiliation,
    )


@pytest.mark.parametrize(
    ("text", "surface", "kind", "name"),
    [
        ("Di Jakarta, menteri itu menolak sanksi.", "Jakarta", ActorKind.LOCATION, "Jakarta"),
        ("Organisasi Negara-negara Pengekspor Minyak (OPEC) menahan produksi.",
         "Organisasi Negara-negara Pengekspor Minyak", ActorKind.ORGANIZATION, "OPEC"),
        ("Hal itu dikatakan Rudi Hartono dari Citi Futures.", "Citi Futures", ActorKind.ORGANIZATION, "Citi Futures"),
    ],
)
def test_known_places_and_organisations(text: str, surface: str, kind: ActorKind, name: str) -> None:
    mention = _mention(text, surface)
    assert (mention.kind, mention.name) == (kind, name)


def test_a_bank_after_a_lower_title_is_no_person() -> None:
    text = "Analis Commerzbank dalam catatannya menyebutkan pasokan berlebih."
    assert not [m for m in _entities(text) if m.kind is ActorKind.PERSON and m.name == "Commerzbank"]


@pytest.mark.parametrize(
    ("text", "surface", "title", "affiliation"),
    [
        (
            '"Pasar lemah," kata analis Central China Securities Li Wenjun.',
            "Li Wenjun", "analis Central China Securities", "Central China Securities",
        ),
        (
            '"Pasar lemah," kata Park Jae-won, Analis Komoditas di Hanil Futures Inc, di Seoul.',
            "Park Jae-won", "Analis Komoditas", "Hanil Futures Inc",
        ),
        (
            "Itu kata Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Rahmat Hidayat kemarin.",
            "Rahmat Hidayat", "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", None,
        ),
    ],
)
def test_companies_with_places_and_long_offices(
    text: str, surface: str, title: str, affiliation: str | None
) -> None:
    person = _mention(text, surface)
    assert (person.kind, person.title, person.affiliation) == (ActorKind.PERSON, title, affiliation)


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Antrean terjadi di SPBU Jl Kapten Pierre Tendean sejak pagi.", "Jl Kapten Pierre Tendean"),
        ("Antrean terjadi di Jalan H Agus Salim sejak pagi.", "Jalan H Agus Salim"),
        ("Antrean terjadi di JL Budi Mulya sejak pagi.", "JL Budi Mulya"),
    ],
)
def test_ranks_and_honorifics_inside_street_names(text: str, street: str) -> None:
    mention = _mention(text, street)
    assert mention.kind is ActorKind.LOCATION
    assert not [m for m in _entities(text) if m.kind is ActorKind.PERSON]


def test_a_rank_after_a_town_still_starts_a_person() -> None:
    person = _mention("Di Kota Bogor Wali Kota Bima Arya meresmikan taman.", "Bima Arya")
    assert (person.kind, person.title) == (ActorKind.PERSON, "Wali Kota")


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ('"Pasar lemah," kata Tim Barker dari Citi Futures.', "Tim Barker", ActorKind.PERSON),
        ("Tim Barker mengatakan pasar lemah.", "Tim Barker", ActorKind.PERSON),
        ('"Korban sudah dievakuasi," kata Tim SAR gabungan.', "Tim SAR", ActorKind.ORGANIZATION),
        ("Menurut Tim Hukum Jokowi, gugatan itu lemah.", "Tim Hukum Jokowi", ActorKind.ORGANIZATION),
        ("Tim Pemenangan mengatakan hasilnya baik.", "Tim Pemenangan", ActorKind.ORGANIZATION),
    ],
)
def test_a_head_that_is_also_a_given_name(text: str, surface: str, kind: ActorKind) -> None:
    assert _mention(text, surface).kind is kind
