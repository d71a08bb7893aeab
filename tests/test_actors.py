from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.actors import find_entities
from timeline.models import ActorKind, EntityMention
from timeline.sentences import split_sentences


def _entities(text: str) -> list[EntityMention]:
    mentions = find_entities(text, split_sentences(text))
    _check_invariants(text, mentions)
    return mentions


def _check_invariants(text: str, mentions: list[EntityMention]) -> None:
    previous_end = 0
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end, "mentions overlap or are unsorted"
        previous_end = mention.end


def _by_text(mentions: list[EntityMention]) -> dict[str, list[EntityMention]]:
    found: dict[str, list[EntityMention]] = {}
    for mention in mentions:
        found.setdefault(mention.text, []).append(mention)
    return found


def _only(mentions: list[EntityMention], surface: str) -> EntityMention:
    matching = _by_text(mentions)[surface]
    assert len(matching) == 1
    return matching[0]


def test_partial_names_take_the_fullest_form_title_and_country() -> None:
    text = (
        "Presiden Brasil Luiz Inacio Lula da Silva tiba di Jakarta pada Senin malam.\n"
        "Lula mengatakan kunjungan itu membuka babak baru kerja sama kedua negara."
    )
    mentions = _entities(text)
    full = _only(mentions, "Luiz Inacio Lula da Silva")
    short = _only(mentions, "Lula")
    for person in (full, short):
        assert (person.kind, person.name, person.title, person.country) == (
            ActorKind.PERSON, "Luiz Inacio Lula da Silva", "Presiden Brasil", "BRA",
        )
    assert _only(mentions, "Brasil").kind is ActorKind.COUNTRY
    jakarta = _only(mentions, "Jakarta")
    assert (jakarta.kind, jakarta.country) == (ActorKind.LOCATION, "IDN")
    assert "Senin" not in _by_text(mentions)


def test_title_mention_refers_to_the_person_it_introduced() -> None:
    text = (
        "Perdana Menteri Jepang Haruto Sakamoto menerima tamu dari Vietnam di Tokyo.\n"
        "Dalam jumpa pers, Perdana Menteri Jepang menyebut pertemuan itu produktif."
    )
    mentions = _entities(text)
    titled = [m for m in mentions if m.text == "Perdana Menteri Jepang"]
    assert len(titled) == 1
    assert (titled[0].kind, titled[0].name, titled[0].country) == (ActorKind.PERSON, "Haruto Sakamoto", "JPN")
    assert _only(mentions, "Haruto Sakamoto").title == "Perdana Menteri Jepang"
    assert _only(mentions, "Vietnam").country == "VNM"


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Hubungan antara Tokyo dan Beijing kembali memanas.", "Tokyo", "JPN"),
        ("Hubungan antara Tokyo dan Beijing kembali memanas.", "Beijing", "CHN"),
        ("Washington menjatuhkan sanksi baru, sementara Moskow membantah tuduhan itu.", "Washington", "USA"),
        ("Washington menjatuhkan sanksi baru, sementara Moskow membantah tuduhan itu.", "Moskow", "RUS"),
        ("Seoul memanggil duta besar yang ditugaskan Pyongyang.", "Pyongyang", "PRK"),
        ("Kyiv meminta bantuan tambahan.", "Kyiv", "UKR"),
    ],
)
def test_capitals_stand_for_their_governments(text: str, surface: str, country: str) -> None:
    mention = _only(_entities(text), surface)
    assert (mention.kind, mention.name, mention.country) == (ActorKind.COUNTRY, surface, country)


def test_capital_after_a_locative_is_a_place() -> None:
    mention = _only(_entities("Pertemuan berikutnya digelar di Seoul bulan depan."), "Seoul")
    assert (mention.kind, mention.country) == (ActorKind.LOCATION, "KOR")


@pytest.mark.parametrize(
    ("surface", "country"),
    [("Korut", "PRK"), ("Korsel", "KOR"), ("AS", "USA"), ("Amerika Serikat", "USA"), ("Tiongkok", "CHN"),
     ("China", "CHN"), ("Rusia", "RUS"), ("Indonesia", "IDN"), ("Ukraina", "UKR"), ("Selandia Baru", "NZL")],
)
def test_country_names_and_short_forms(surface: str, country: str) -> None:
    mention = _only(_entities(f"Pernyataan itu ditanggapi {surface} dengan hati-hati."), surface)
    assert (mention.kind, mention.country) == (ActorKind.COUNTRY, country)


def test_demonym_phrases_are_groups_of_that_country() -> None:
    text = "Dua warga Jepang dan seorang warga negara Indonesia dilaporkan hilang saat mendaki."
    mentions = _entities(text)
    japanese = _only(mentions, "warga Jepang")
    indonesian = _only(mentions, "warga negara Indonesia")
    assert (japanese.kind, japanese.country) == (ActorKind.GROUP, "JPN")
    assert (indonesian.kind, indonesian.country) == (ActorKind.GROUP, "IDN")


def test_groups_of_people() -> None:
    mentions = _entities("Para nelayan dan kader militer berkumpul di dermaga.")
    assert {m.text: m.kind for m in mentions} == {"nelayan": ActorKind.GROUP, "kader militer": ActorKind.GROUP}


@pytest.mark.parametrize(
    ("surface", "name", "country"),
    [
        ("KPK", "Komisi Pemberantasan Korupsi", "IDN"),
        ("Basarnas", "Badan SAR Nasional", "IDN"),
        ("BMKG", "Badan Meteorologi, Klimatologi, dan Geofisika", "IDN"),
        ("Kemenlu", "Kementerian Luar Negeri", "IDN"),
        ("PBB", "Perserikatan Bangsa-Bangsa", None),
        ("NATO", "NATO", None),
        ("Uni Eropa", "Uni Eropa", None),
        ("AirAsia", "AirAsia", "MYS"),
    ],
)
def test_known_organisations(surface: str, name: str, country: str | None) -> None:
    mention = _only(_entities(f"Keterangan resmi disampaikan {surface} kepada wartawan."), surface)
    assert (mention.kind, mention.name, mention.country) == (ActorKind.ORGANIZATION, name, country)


def test_acronym_and_full_name_share_one_canonical_name() -> None:
    text = "Otoritas Jasa Keuangan menerbitkan aturan baru. Menurut OJK, aturan itu berlaku bulan depan."
    names = {m.text: m.name for m in _entities(text) if m.kind is ActorKind.ORGANIZATION}
    assert names == {"Otoritas Jasa Keuangan": "Otoritas Jasa Keuangan", "OJK": "Otoritas Jasa Keuangan"}


def test_affiliation_is_the_institution_in_the_describing_clause() -> None:
    text = (
        "Rina Kusumawati, seorang peneliti di Pusat Kajian Maritim di Universitas Nusa Bangsa, "
        "menilai kebijakan itu terlambat. Rina menambahkan bahwa nelayan paling dirugikan."
    )
    mentions = _entities(text)
    person = _only(mentions, "Rina Kusumawati")
    assert (person.kind, person.title, person.affiliation) == (ActorKind.PERSON, "peneliti", "Universitas Nusa Bangsa")
    assert _only(mentions, "Rina").name == "Rina Kusumawati"
    assert _only(mentions, "Pusat Kajian Maritim").kind is ActorKind.ORGANIZATION
    assert _only(mentions, "Universitas Nusa Bangsa").kind is ActorKind.ORGANIZATION


def test_title_with_organisation_gives_affiliation() -> None:
    text = "Direktur Utama PT Kereta Api Indonesia Bagus Pranoto meninjau stasiun. Bagus mengatakan jadwal normal."
    person = _only(_entities(text), "Bagus Pranoto")
    assert person.kind is ActorKind.PERSON
    assert person.title.startswith("Direktur Utama")
    assert person.affiliation is not None


def test_honorifics_are_left_out_of_the_name() -> None:
    text = "Bapak Sutarjo Wirahadi membuka acara itu. Menurut Pak Sutarjo, panen tahun ini melimpah."
    mentions = _entities(text)
    assert _only(mentions, "Sutarjo Wirahadi").kind is ActorKind.PERSON
    assert _only(mentions, "Sutarjo").name == "Sutarjo Wirahadi"
    assert not any(m.text.startswith(("Bapak", "Pak")) for m in mentions)


def test_sentence_initial_function_words_weekdays_and_months_are_not_names() -> None:
    text = (
        "Namun rapat itu ditunda. Pada Minggu pagi hujan turun. Dilansir dari laman resmi, jadwal bergeser ke Mei. "
        "Menurut catatan panitia, peserta datang dari Medan. Pertemuan berikutnya digelar pada Juni."
    )
    mentions = _entities(text)
    assert [(m.text, m.kind) for m in mentions] == [("Medan", ActorKind.LOCATION)]


def test_hyphenated_korean_names_and_particles() -> None:
    text = (
        "Menteri Unifikasi Korea Selatan Lee Jae-hoon menemui Ahmad bin Salim di Singapura. "
        "Lee mengatakan pembicaraan berjalan baik, ujar Ahmad."
    )
    mentions = _entities(text)
    lee = _only(mentions, "Lee Jae-hoon")
    assert (lee.kind, lee.country) == (ActorKind.PERSON, "KOR")
    assert lee.title == "Menteri Unifikasi Korea Selatan"
    assert _only(mentions, "Lee").name == "Lee Jae-hoon"
    assert _only(mentions, "Ahmad").name == "Ahmad bin Salim"
    assert _only(mentions, "Ahmad bin Salim").kind is ActorKind.PERSON


@pytest.mark.parametrize(
    ("text", "surface", "kind", "country"),
    [
        ("Banjir melanda Kabupaten Sleman sejak pagi.", "Kabupaten Sleman", ActorKind.LOCATION, None),
        ("Pendaki tertahan di Gunung Rinjani.", "Gunung Rinjani", ActorKind.LOCATION, None),
        ("Kapal itu tenggelam di Selat Malaka.", "Selat Malaka", ActorKind.LOCATION, None),
        ("Banjir merendam Jawa Barat.", "Jawa Barat", ActorKind.LOCATION, "IDN"),
        ("Protes dilayangkan Kementerian Luar Negeri Rusia.", "Kementerian Luar Negeri Rusia", ActorKind.ORGANIZATION, "RUS"),
        ("Laporan itu dirilis Universitas Lembah Hijau.", "Universitas Lembah Hijau", ActorKind.ORGANIZATION, None),
    ],
)
def test_headed_places_and_organisations(text: str, surface: str, kind: ActorKind, country: str | None) -> None:
    mention = _only(_entities(text), surface)
    assert (mention.kind, mention.country) == (kind, country)


def test_place_takes_the_country_beside_it() -> None:
    text = "Roket itu diluncurkan dari pangkalan utama Prancis, Kosmodrom Sinnamary, di pantai timur."
    mention = _only(_entities(text), "Kosmodrom Sinnamary")
    assert (mention.kind, mention.country) == (ActorKind.LOCATION, "FRA")


def test_unknown_capitalised_words_without_evidence_are_not_guessed() -> None:
    assert _entities("Aplikasi Zorbix dipakai di sekolah.") == []


def test_same_input_same_output() -> None:
    text = "Presiden Brasil Luiz Lula tiba di Jakarta. Lula bertemu Menlu Retno. KPK diam."
    assert _entities(text) == _entities(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"AaBbKkPpUu .,-()“”\n", "Presiden ", "Rusia ", "dan ", "Kim ", "di ", "bin "])).map("".join))
def test_any_text_gives_valid_offsets(text: str) -> None:
    _entities(text)


def test_seed(seed_dir) -> None:
    text = (seed_dir / "000_f289a60c1eb80260.txt").read_text(encoding="utf-8")
    mentions = _entities(text)
    found = _by_text(mentions)
    kim = found["Kim Jong-un"][0]
    assert (kim.kind, kim.name, kim.country, kim.title) == (ActorKind.PERSON, "Kim Jong-un", "PRK", "Pemimpin Korea Utara")
    assert all(m.name == "Kim Jong-un" for m in found["Kim"])
    putin = found["Vladimir Putin"][0]
    assert (putin.kind, putin.country, putin.title) == (ActorKind.PERSON, "RUS", "Presiden Rusia")
    assert all(m.name == "Vladimir Putin" for m in found["Putin"])
    park = found["Park Won-gon"][0]
    assert (park.kind, park.affiliation) == (ActorKind.PERSON, "Universitas Wanita Ewha")
    assert found["Universitas Wanita Ewha"][0].kind is ActorKind.ORGANIZATION
    assert {(m.kind, m.country) for m in found["Korea Utara"]} == {(ActorKind.COUNTRY, "PRK")}
    assert {(m.kind, m.country) for m in found["Rusia"]} == {(ActorKind.COUNTRY, "RUS")}
    assert {(m.kind, m.country) for m in found["Pyongyang"]} == {(ActorKind.COUNTRY, "PRK")}
    assert {(m.kind, m.country) for m in found["Moskow"]} == {(ActorKind.COUNTRY, "RUS")}
    assert {(m.kind, m.country) for m in found["Kosmodrom Vostochny"]} == {(ActorKind.LOCATION, "RUS")}
    assert (found["Timur Jauh Rusia"][0].kind, found["Timur Jauh Rusia"][0].country) == (ActorKind.LOCATION, "RUS")
    assert found["Pemimpin Korea Utara"][0].name == "Kim Jong-un"
    assert found["kader militer"][0].kind is ActorKind.GROUP
    assert not {"Minggu", "Mei", "Agustus", "Namun", "Dilansir", "Pilihan", "Transfer"} & found.keys()


def test_lower_case_title_before_an_organisation_and_name() -> None:
    text = "Hal itu disampaikan juru bicara Kemenlu Andi Pratama di Jakarta. Andi menolak berkomentar lebih jauh."
    mentions = _entities(text)
    person = _only(mentions, "Andi Pratama")
    assert (person.kind, person.title, person.affiliation, person.country) == (
        ActorKind.PERSON, "juru bicara Kemenlu", "Kementerian Luar Negeri", "IDN",
    )
    assert _only(mentions, "Kemenlu").kind is ActorKind.ORGANIZATION
    assert _only(mentions, "Andi").name == "Andi Pratama"


@pytest.mark.parametrize(
    ("text", "surface", "title"),
    [
        ("Seminar dibuka Dr. Wulandari Hapsari pada pagi hari.", "Wulandari Hapsari", "Dr"),
        ("Menurut profesor Gunawan Sastro, data itu keliru.", "Gunawan Sastro", "profesor"),
        ("Usulan itu datang dari Ibu Sumarni.", "Sumarni", None),
        ("Usulan itu datang dari ibu Sumarni.", "Sumarni", None),
    ],
)
def test_title_or_honorific_before_a_name(text: str, surface: str, title: str | None) -> None:
    person = _only(_entities(text), surface)
    assert (person.kind, person.title) == (ActorKind.PERSON, title)


def test_office_names_joined_by_dan_and_bracketed_acronym_stay_in_the_title() -> None:
    text = "Kepala Badan Riset dan Teknologi Pangan (BRTP) Sulastri Nugroho mengatakan stok aman."
    person = _only(_entities(text), "Sulastri Nugroho")
    assert person.kind is ActorKind.PERSON
    assert person.title == "Kepala Badan Riset dan Teknologi Pangan (BRTP)"


def test_organisation_named_by_a_trailing_word() -> None:
    text = "“Harga akan turun,” kata Rudi Hartono, analis di Samudra Capital Group."
    mentions = _entities(text)
    person = _only(mentions, "Rudi Hartono")
    assert (person.kind, person.title, person.affiliation) == (ActorKind.PERSON, "analis", "Samudra Capital Group")
    assert _only(mentions, "Samudra Capital Group").kind is ActorKind.ORGANIZATION


def test_long_document_keeps_invariants_and_names() -> None:
    paragraph = (
        "Menteri Perikanan Selandia Baru Aroha Tane bertemu nelayan di Wellington. "
        "Tane mengatakan, kuota akan ditinjau bersama Kemenlu dan warga Jepang. Pertemuan berlangsung hangat.\n"
    )
    text = paragraph * 400  # long enough for the indexed lookup of lower-case words
    mentions = _entities(text)
    tane = [m for m in mentions if m.text == "Tane"]
    assert len(tane) == 400 and all(m.name == "Aroha Tane" and m.country == "NZL" for m in tane)
    assert not any(m.text == "Pertemuan" for m in mentions)


def test_spokesperson_of_a_foreign_ministry() -> None:
    text = "Juru Bicara Kementerian Luar Negeri Rusia Irina Volkova membantah laporan itu."
    mentions = _entities(text)
    person = _only(mentions, "Irina Volkova")
    assert (person.kind, person.country, person.affiliation) == (
        ActorKind.PERSON, "RUS", "Kementerian Luar Negeri Rusia",
    )
    assert person.title == "Juru Bicara Kementerian Luar Negeri Rusia"
    assert _only(mentions, "Kementerian Luar Negeri Rusia").country == "RUS"


# Names the lexicon does not know, read from their shape and position (`_kinds` gives surface -> kind).
def _kinds(text: str) -> dict[str, ActorKind]:
    return {m.text: m.kind for m in _entities(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two to four name-shaped words are a person wherever they stand, sentence-initial too.
        ("Hendra Wiratmaja meresmikan bendungan itu.", {"Hendra Wiratmaja": ActorKind.PERSON}),
        (
            "Ratna Puspitasari bertemu Gilang Hutapea di Bandung.",
            {"Ratna Puspitasari": ActorKind.PERSON, "Gilang Hutapea": ActorKind.PERSON, "Bandung": ActorKind.LOCATION},
        ),
        (
            "Kim Tae-yong dan Oleg Sorokin bertemu di Vladivostok, Rabu (13/9).",
            {"Kim Tae-yong": ActorKind.PERSON, "Oleg Sorokin": ActorKind.PERSON, "Vladivostok": ActorKind.LOCATION},
        ),
        ("Rapat itu dipimpin Marta van Houten sejak pagi.", {"Marta van Houten": ActorKind.PERSON}),
        ("Keputusan itu diambil setelah Teguh Santosa Wibisono menolak.", {"Teguh Santosa Wibisono": ActorKind.PERSON}),
        # Leading function words are stripped, not the name.
        ("Namun Hendra Wiratmaja menolak usulan itu.", {"Hendra Wiratmaja": ActorKind.PERSON}),
        ("Sementara Hendra Wiratmaja tetap bertahan.", {"Hendra Wiratmaja": ActorKind.PERSON}),
        ("Menurut Hendra Wiratmaja, stok beras aman.", {"Hendra Wiratmaja": ActorKind.PERSON}),
        ("Pada Selasa Hendra Wiratmaja tiba.", {"Hendra Wiratmaja": ActorKind.PERSON}),
        # A month name followed by a name is a given name; after a date word or before a year it is a date.
        ("Mei Ling tiba di Surabaya kemarin.", {"Mei Ling": ActorKind.PERSON, "Surabaya": ActorKind.LOCATION}),
        ("Hasil panen dilaporkan pada Mei 2023.", {}),
        ("Pedagang di Pasar Minggu mengeluhkan sepinya pembeli.", {"Pasar Minggu": ActorKind.LOCATION}),
        # Heads say otherwise; ordinary words and phrases of things are no one.
        ("Warga Desa Sukamaju menolak tambang.", {"Desa Sukamaju": ActorKind.LOCATION}),
        ("Laporan itu dirilis Universitas Tanjung Harapan.", {"Universitas Tanjung Harapan": ActorKind.ORGANIZATION}),
        ("Piala Dunia digelar empat tahun sekali.", {}),
        ("Bendungan Jatigede diresmikan kemarin.", {}),
        ("Harga minyak di Mercantile Exchange turun tajam.", {"Mercantile Exchange": ActorKind.LOCATION}),
        ("Produk itu memakai Radio Frequency Identification.", {}),
        # Sentence-initial, an ordinary first word needs more evidence.
        ("Aplikasi Zorbix dipakai di sekolah.", {}),
    ],
)
def test_names_known_by_their_shape(text: str, expected: dict[str, ActorKind]) -> None:
    assert _kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An unknown word before an active verb is its subject, a person.
        ("Sutrisno meresmikan pasar itu.", {"Sutrisno": ActorKind.PERSON}),
        # Whom one meets is a person, even when every word of the name is also an ordinary word.
        ("Wali kota itu bertemu Gilang Permadi kemarin.", {"Gilang Permadi": ActorKind.PERSON}),
        ("Namun Sutrisno meresmikan pasar itu.", {"Sutrisno": ActorKind.PERSON}),
        ("Rapat selesai, lalu Wiranegara berpidato.", {"Wiranegara": ActorKind.PERSON}),
        # Ordinary words before a verb are not names, whatever their case.
        ("Banjir melanda desa itu.", {}),
        ("Selain meresmikan pasar, rombongan meninjau sawah.", {}),
        ("Seusai menghadiri rapat, rombongan pulang.", {}),
        ("Sementara menunggu hasil, panitia berdoa.", {}),
        # A single unknown word with no evidence stays out.
        ("Lalu Zorbix datang.", {}),
        # Speech cues still make a person.
        ("Harga pangan stabil, kata Sutrisno.", {"Sutrisno": ActorKind.PERSON}),
        # An unknown acronym with a verb of saying is not a person.
        ("Menurut QRTX, harga turun.", {}),
        ("QRTX mengatakan harga turun.", {}),
    ],
)
def test_single_unknown_words_need_evidence(text: str, expected: dict[str, ActorKind]) -> None:
    assert _kinds(text) == expected


def test_a_single_word_takes_the_long_name_found_by_its_shape() -> None:
    text = (
        "Kim Tae-yong dan Oleg Sorokin bertemu di Vladivostok. "
        "Dalam jamuan itu, Kim menyebut Sorokin sahabat lama, lalu Tae-yong tertawa."
    )
    names = {(m.text, m.name) for m in _entities(text) if m.kind is ActorKind.PERSON}
    assert names == {
        ("Kim Tae-yong", "Kim Tae-yong"), ("Oleg Sorokin", "Oleg Sorokin"), ("Kim", "Kim Tae-yong"),
        ("Sorokin", "Oleg Sorokin"), ("Tae-yong", "Kim Tae-yong"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Kurs dollar AS melemah sore ini.",
        "Nilai tukar rupiah terhadap dolar AS menguat.",
        "Harga emas naik dalam yen Jepang dan won Korea Selatan.",
    ],
)
def test_a_country_after_a_currency_names_the_currency(text: str) -> None:
    assert not [m for m in _entities(text) if m.kind is ActorKind.COUNTRY]


def test_the_country_in_other_contexts_stays_an_actor() -> None:
    mention = _only(_entities("Dolar menguat setelah AS menaikkan suku bunga."), "AS")
    assert (mention.kind, mention.country) == (ActorKind.COUNTRY, "USA")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A month name after a given name is a family name; after a date word or before a number, a date.
        ("Budi Ramadhan menambahkan, evaluasi berlanjut.", {"Budi Ramadhan": ActorKind.PERSON}),
        ("Selama bulan Ramadhan harga naik.", {}),
        ("Kata Hendra Wiratmaja Senin (13/9), stok aman.", {"Hendra Wiratmaja": ActorKind.PERSON}),
        # A title before the end of the previous sentence does not reach into the next one.
        ("Rapat melibatkan para menteri. Data yang dihimpun belum lengkap.", {}),
    ],
)
def test_calendar_words_and_sentence_edges(text: str, expected: dict[str, ActorKind]) -> None:
    assert _kinds(text) == expected


def test_a_function_word_that_modifies_a_title_continues_it() -> None:
    text = "Rapat usai.\nMenteri Energi dan Sumber Daya Mineral Hendra Wiratmaja menambahkan, stok aman."
    person = _only(_entities(text), "Hendra Wiratmaja")
    assert (person.kind, person.title) == (ActorKind.PERSON, "Menteri Energi dan Sumber Daya Mineral")


def test_a_single_word_after_a_place_ends_a_company_name() -> None:
    text = "Direktur Utama PT Sinar Nusantara Abadi, Hendra Wiratmaja, meninjau pabrik."
    mentions = _entities(text)
    assert _only(mentions, "Direktur Utama PT Sinar Nusantara Abadi").kind is ActorKind.PERSON  # the title
    assert _only(mentions, "Hendra Wiratmaja").kind is ActorKind.PERSON
    assert not [m for m in mentions if m.text == "Abadi"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A place name ending an office is not the office holder's name.
        (
            "Wali Kota Sorongsari, Indah Lestiani, meminta warga tenang.",
            {"Wali Kota Sorongsari": ActorKind.PERSON, "Indah Lestiani": ActorKind.PERSON, "warga": ActorKind.GROUP},
        ),
        # Ordinary words after a lower-case title are no name; a name is.
        ("Rapat dihadiri para menteri Kabinet Kerja dan presiden Wiratmaja.", {"Wiratmaja": ActorKind.PERSON}),
        # Hyphenated ordinary words are ordinary words.
        ("Parlemen mengesahkan Rancangan Undang-Undang Penyiaran kemarin.", {}),
    ],
)
def test_offices_and_ordinary_words_are_not_names(text: str, expected: dict[str, ActorKind]) -> None:
    assert _kinds(text) == expected


def test_family_names_that_end_like_english_nouns() -> None:
    text = "Kemarin Ketut Nasution mengatakan banjir surut. Data dikirim lewat Radio Frequency Identification."
    assert _kinds(text) == {"Ketut Nasution": ActorKind.PERSON}


def test_ordinary_words_after_a_title_describe_the_office() -> None:
    text = "Kepala Badan Penanggulangan Bencana Daerah (BPBD) Sorongsari, Ketut Nasution, mengatakan banjir surut."
    mentions = _entities(text)
    office = _only(mentions, "Kepala Badan Penanggulangan Bencana Daerah (BPBD) Sorongsari")
    assert office.kind is ActorKind.PERSON
    assert not [m for m in mentions if m.text == "Penanggulangan Bencana Daerah"]


def test_a_word_shared_by_a_company_and_a_person_goes_with_the_person() -> None:
    text = (
        "PT Karya Bumi Lestari meluncurkan layanan baru. Direktur Utama Lestari Wulandari menambahkan, "
        "evaluasi berlanjut. Menurut Lestari, layanan aman."
    )
    mentions = _entities(text)
    assert _only(mentions, "PT Karya Bumi Lestari").kind is ActorKind.ORGANIZATION
    person = _only(mentions, "Lestari")
    assert (person.kind, person.name) == (ActorKind.PERSON, "Lestari Wulandari")


def test_a_name_after_a_title_is_not_taken_for_the_office() -> None:
    person = _only(_entities("Bupati Dimas Purnama meresmikan pasar itu."), "Dimas Purnama")
    assert (person.kind, person.title) == (ActorKind.PERSON, "Bupati")
