"""Names that are not actors: countries used as modifiers, benchmarks holding a place name, venues with their
country, and street lists; organisations named by a company marker."""

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


def _surfaces(text: str) -> list[str]:
    return [mention.text for mention in _entities(text)]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Harga minyak patokan AS turun 2 persen pada Selasa malam.", "AS"),
        ("Patokan AS, minyak mentah ringan, turun 40 sen.", "AS"),
        ("Minyak mentah AS untuk pengiriman bulan depan naik 40 sen.", "AS"),
        ("Sementara itu harga minyak AS jatuh ke level terendah dalam empat tahun.", "AS"),
        ("Permintaan pasar Eropa melemah sepanjang kuartal ketiga.", "Eropa"),
        ("Indeks bursa Tokyo dibuka menguat pagi ini.", "Tokyo"),
        ("Kontrak pasar patokan Amerika Serikat diperdagangkan lebih rendah.", "Amerika Serikat"),
        ("Rupiah melemah terhadap dollar AS dan yen Jepang.", "AS"),
        ("Rupiah melemah terhadap dollar AS dan yen Jepang.", "Jepang"),
        ("Harga West Texas Intermediate (WTI) merosot 1,5 persen pada Jumat.", "Texas"),
        ("Harga West Texas Intermediate (WTI) merosot 1,5 persen pada Jumat.", "WTI"),
        ("Minyak jenis Brent naik tipis, sementara Brent North Sea untuk Februari stagnan.", "Brent"),
        ("Minyak jenis Brent naik tipis, sementara Brent North Sea untuk Februari stagnan.", "Brent North Sea"),
        ("Para menteri bertemu di Wina, Austria, untuk memutuskan kuota produksi.", "Austria"),
    ],
)
def test_no_actor_is_read_from_a_modifier_benchmark_or_venue_country(text: str, absent: str) -> None:
    assert absent not in _surfaces(text)


@pytest.mark.parametrize(
    ("text", "surface", "kind", "country"),
    [
        ("Gubernur Texas Greg Abbott meninjau lokasi banjir.", "Texas", ActorKind.LOCATION, "USA"),
        ("Amerika Serikat menolak usulan itu pada Senin.", "Amerika Serikat", ActorKind.COUNTRY, "USA"),
        ("Produksi minyak Irak hanya turun 10 persen tahun ini.", "Irak", ActorKind.COUNTRY, "IRQ"),
        ("Rencana ekspor minyak mentah Rusia ke Asia tertunda.", "Rusia", ActorKind.COUNTRY, "RUS"),
        ("Produksi minyak naik, kata pejabat, dan Jepang membeli lebih banyak.", "Jepang", ActorKind.COUNTRY, "JPN"),
        ("Para menteri bertemu di Wina, Austria, pekan lalu.", "Wina, Austria", ActorKind.LOCATION, "AUT"),
        ("Rombongan tiba di Jenewa, Swiss, kemarin sore.", "Jenewa, Swiss", ActorKind.LOCATION, "CHE"),
        ("Permintaan di pasar Eropa melemah.", "Eropa", ActorKind.LOCATION, None),
        ("Kontrak di pasar patokan Amerika Serikat turun.", "Amerika Serikat", ActorKind.LOCATION, "USA"),
        ("Saham di bursa Tokyo dibuka menguat.", "Tokyo", ActorKind.LOCATION, "JPN"),
        ("Di kontrak berjangka New York, minyak mentah merosot.", "New York", ActorKind.LOCATION, "USA"),
    ],
)
def test_places_and_countries_outside_those_phrases_stay(
    text: str, surface: str, kind: ActorKind, country: str | None
) -> None:
    mention = next(mention for mention in _entities(text) if mention.text == surface)
    assert (mention.kind, mention.country) == (kind, country)


def test_a_place_and_country_of_different_countries_stay_apart() -> None:
    surfaces = _surfaces("Ia terbang dari Paris, Jerman lalu menyusul kemudian.")
    assert surfaces == ["Paris", "Jerman"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Kemacetan terjadi di Jalan Sudirman, Thamrin dan Kuningan sejak pagi.", ["Thamrin", "Kuningan"]),
        ("Polisi menutup Jalan Gatot Subroto, Rasuna Said dan Casablanca selama dua jam.", ["Rasuna Said", "Casablanca"]),
        ("Banjir merendam Kecamatan Cibeunying, Sukajadi, dan Coblong, kata petugas.", ["Sukajadi", "Coblong"]),
    ],
)
def test_names_listed_after_a_headed_place_are_places(text: str, places: list[str]) -> None:
    kinds = {mention.text: mention.kind for mention in _entities(text)}
    assert [kinds.get(place) for place in places] == [ActorKind.LOCATION] * len(places)


def test_a_verb_after_a_name_beside_a_street_still_makes_a_person() -> None:
    text = "Petugas berjaga di Jalan Sudirman, Budi Santoso mengatakan arus lancar."
    kinds = {mention.text: mention.kind for mention in _entities(text)}
    assert kinds["Budi Santoso"] is ActorKind.PERSON


@pytest.mark.parametrize(
    ("text", "organization"),
    [
        ("Sementara itu, Megah Jaya Tbk menaikkan harga jual semen.", "Megah Jaya Tbk"),
        ("Nusantara Petro Oil menghentikan pengeboran di blok itu.", "Nusantara Petro Oil"),
        ("Setelah itu Nusantara Group membeli saham perusahaan itu.", "Nusantara Group"),
        ("Tahun lalu Garuda Energy Corp mengakuisisi dua tambang.", "Garuda Energy Corp"),
        ("Rencana itu didukung Borneo Mining Resources yang menambah investasi.", "Borneo Mining Resources"),
    ],
)
def test_a_name_ending_in_a_company_marker_is_an_organisation(text: str, organization: str) -> None:
    kinds = {mention.text: mention.kind for mention in _entities(text)}
    assert kinds.get(organization) is ActorKind.ORGANIZATION, kinds
    assert ActorKind.PERSON not in kinds.values()


def test_an_unknown_place_takes_the_city_after_it() -> None:
    mentions = _entities("Rapat digelar di Senayan, Jakarta, pada Senin.")
    assert [(m.text, m.kind, m.country) for m in mentions] == [("Senayan, Jakarta", ActorKind.LOCATION, "IDN")]
