"""The event builder on Indonesian passages written for these tests, with hand-built entities and timexes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_events_support import document, entity, find, sentences, timex

from timeline.events import build_events
from timeline.events.lexicon import lemma_of, lexicon
from timeline.models import (
    ActorKind,
    ActorRole,
    EntityMention,
    Event,
    Granularity,
    Modality,
    Polarity,
    TimeAnchor,
    Timex,
    TimexAnchor,
    TimexType,
)

PERSON, ORG, COUNTRY, LOCATION, GROUP = (
    ActorKind.PERSON,
    ActorKind.ORGANIZATION,
    ActorKind.COUNTRY,
    ActorKind.LOCATION,
    ActorKind.GROUP,
)


def build(text, entities=(), timexes=(), published=date(2023, 9, 13)):
    return build_events(document(text, published), sentences(text), list(timexes), list(entities))


def only(events, trigger):
    matching = [event for event in events if event.trigger == trigger]
    assert len(matching) == 1, [event.trigger for event in events]
    return matching[0]


def roles(event):
    return {(actor.name, actor.role) for actor in event.actors}


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("bertemu", "temu"),
        ("peluncuran", "luncur"),
        ("diresmikan", "resmi"),
        ("dimulainya", "mulai"),
        ("menegaskan", "tegas"),
        ("menandatangani", "tandatangan"),
        ("kesepakatan", "sepakat"),
        ("mengunjungi", "kunjung"),
        ("bertemu-temu", "temu"),
        ("pemerintah", None),
        ("mempunyai", None),
        ("adalah", None),
    ],
)
def test_lemmas_through_morphology(word, lemma):
    assert lemma_of(word) == lemma


def test_lexicon_uses_only_the_controlled_vocabulary():
    vocabulary = {
        "CONSULT", "STATEMENT", "SUPPORT", "AGREE", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT",
        "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "TRAVEL", "LAUNCH", "ACCIDENT",
        "DISASTER", "DEATH", "ESTABLISH", "END", "ELECTION", "LEGAL", "ECONOMIC", "OTHER",
    }  # fmt: skip
    lex = lexicon()
    assert lex.event_types == vocabulary
    used = {entry.event_type for entry in lex.triggers.values()}
    used |= {entry.event_type for entries in lex.multiword.values() for entry in entries}
    assert used <= vocabulary


def test_copulas_and_possession_are_not_events():
    text = "Rusia adalah negara besar yang mempunyai banyak satelit dan menjadi mitra dagang pada 2023."
    assert build(text, [entity(text, "Rusia", COUNTRY, country="RUS")], [timex(text, "2023", "2023")]) == []


def test_passive_agent_from_oleh_and_subject_as_target():
    text = "Aung San Suu Kyi ditahan oleh militer Myanmar pada 1 Februari 2021."
    event = only(
        build(
            text,
            [
                entity(text, "Aung San Suu Kyi", PERSON, country="MMR"),
                entity(text, "militer Myanmar", GROUP, country="MMR"),
            ],
            [timex(text, "1 Februari 2021", "2021-02-01")],
        ),
        "ditahan",
    )
    assert event.event_type == "COERCE"
    assert event.lemma == "tahan"
    assert roles(event) == {("militer Myanmar", ActorRole.AGENT), ("Aung San Suu Kyi", ActorRole.TARGET)}
    assert (event.time_value, event.time_anchor, event.time_precision) == ("2021-02-01", TimeAnchor.EXPLICIT, Granularity.DAY)


def test_coordinated_subjects_are_both_agents_and_location_comes_from_di():
    text = "Presiden Joko Widodo dan Perdana Menteri Anthony Albanese bertemu di Canberra pada Selasa (4/7/2023)."
    event = only(
        build(
            text,
            [
                entity(text, "Joko Widodo", PERSON, country="IDN", title="Presiden"),
                entity(text, "Anthony Albanese", PERSON, country="AUS", title="Perdana Menteri"),
                entity(text, "Canberra", LOCATION, country="AUS"),
            ],
            [timex(text, "Selasa (4/7/2023)", "2023-07-04")],
        ),
        "bertemu",
    )
    assert event.event_type == "CONSULT"
    assert roles(event) == {("Joko Widodo", ActorRole.AGENT), ("Anthony Albanese", ActorRole.AGENT)}
    assert (event.location, event.location_country) == ("Canberra", "AUS")
    assert event.time_value == "2023-07-04"


def test_coreference_comes_from_the_entity_names():
    text = "Presiden Joko Widodo tiba di Tokyo pada Rabu (6/9/2023).\nJokowi menegaskan komitmen Indonesia."
    events = build(
        text,
        [
            entity(text, "Joko Widodo", PERSON, country="IDN"),
            entity(text, "Tokyo", LOCATION, country="JPN"),
            entity(text, "Jokowi", PERSON, name="Joko Widodo", country="IDN"),
            entity(text, "Indonesia", COUNTRY, country="IDN"),
        ],
        [timex(text, "Rabu (6/9/2023)", "2023-09-06")],
    )
    statement = only(events, "menegaskan")
    (actor,) = statement.actors
    assert (actor.name, actor.role) == ("Joko Widodo", ActorRole.AGENT)
    assert [(span.start, span.text) for span in actor.mentions] == [(find(text, "Jokowi"), "Jokowi")]
    assert only(events, "tiba").event_type == "TRAVEL"


def test_capitals_stand_for_their_governments():
    text = "Washington menjatuhkan sanksi baru terhadap Moskow pada Maret 2022."
    event = only(
        build(
            text,
            [
                entity(text, "Washington", COUNTRY, country="USA"),
                entity(text, "Moskow", COUNTRY, country="RUS"),
            ],
            [timex(text, "Maret 2022", "2022-03")],
        ),
        "sanksi",
    )
    assert event.event_type == "SANCTION"
    assert roles(event) == {("Amerika Serikat", ActorRole.AGENT), ("Rusia", ActorRole.TARGET)}
    surfaces = {actor.name: [span.text for span in actor.mentions] for actor in event.actors}
    assert surfaces == {"Amerika Serikat": ["Washington"], "Rusia": ["Moskow"]}


@pytest.mark.parametrize(
    ("clause", "trigger", "polarity", "modality"),
    [
        ("Putin tidak menghadiri KTT itu", "menghadiri", Polarity.NEGATIVE, Modality.ASSERTED),
        ("Putin belum pernah mengunjungi Bali", "mengunjungi", Polarity.NEGATIVE, Modality.ASSERTED),
        ("Putin tak akan menghadiri KTT itu", "menghadiri", Polarity.NEGATIVE, Modality.PLANNED),
        ("Putin akan mengunjungi Bali", "mengunjungi", Polarity.POSITIVE, Modality.PLANNED),
        ("Putin dijadwalkan tiba di Bali", "tiba", Polarity.POSITIVE, Modality.PLANNED),
        ("Putin berencana menghadiri KTT itu", "menghadiri", Polarity.POSITIVE, Modality.PLANNED),
        ("Jika diundang, Putin menghadiri KTT itu", "menghadiri", Polarity.POSITIVE, Modality.HYPOTHETICAL),
        ("Putin secara resmi membuka KTT itu", "membuka", Polarity.POSITIVE, Modality.ASSERTED),
        ("Putin tanpa syarat menyatakan dukungannya", "menyatakan", Polarity.POSITIVE, Modality.ASSERTED),
    ],
)
def test_polarity_and_modality(clause, trigger, polarity, modality):
    text = f"{clause} pada 15 November 2022."
    event = only(
        build(text, [entity(text, "Putin", PERSON, country="RUS")], [timex(text, "15 November 2022", "2022-11-15")]),
        trigger,
    )
    assert (event.polarity, event.modality) == (polarity, modality)


def test_events_inside_reported_speech_are_reported():
    text = "Menurut Basarnas, pesawat itu jatuh di Laut Jawa pada Minggu (28/12/2014)."
    event = only(
        build(
            text,
            [entity(text, "Basarnas", ORG, country="IDN"), entity(text, "Laut Jawa", LOCATION, country="IDN")],
            [timex(text, "Minggu (28/12/2014)", "2014-12-28")],
        ),
        "jatuh",
    )
    assert (event.event_type, event.modality, event.location) == ("ACCIDENT", Modality.REPORTED, "Laut Jawa")


def test_narrative_time_is_inherited_within_a_paragraph_only():
    text = (
        "Gempa mengguncang Cianjur pada Senin (21/11/2022). Sedikitnya 300 warga tewas.\n"
        "Banjir juga melanda Bekasi."
    )
    events = build(
        text,
        [entity(text, "Cianjur", LOCATION, country="IDN"), entity(text, "Bekasi", LOCATION, country="IDN")],
        [timex(text, "Senin (21/11/2022)", "2022-11-21")],
    )
    assert [(e.trigger, e.time_value, e.time_anchor) for e in events] == [
        ("Gempa", "2022-11-21", TimeAnchor.EXPLICIT),
        ("tewas", "2022-11-21", TimeAnchor.NARRATIVE),
    ]
    assert events[1].event_type == "DEATH"
    assert events[1].timex_id == events[0].timex_id


def test_statements_without_a_date_get_the_publication_date():
    text = "Menteri Luar Negeri Retno Marsudi menyatakan dukungan bagi perundingan damai."
    event = only(build(text, [entity(text, "Retno Marsudi", PERSON, country="IDN")]), "menyatakan")
    assert (event.time_value, event.time_anchor, event.time_precision) == ("2023-09-13", TimeAnchor.PUBLICATION, Granularity.DAY)
    assert (event.time_start, event.time_end, event.timex_id) == (date(2023, 9, 13), date(2023, 9, 13), None)
    assert build(text, [entity(text, "Retno Marsudi", PERSON)], published=None) == []


def test_undated_happenings_do_not_become_rows():
    text = "Kedua negara pernah berperang dan kini menandatangani perjanjian."
    assert build(text) == []


def test_postposed_reporting_verbs_name_their_speaker():
    text = (
        "Putin menerima Kim di Vostochny pada Rabu (13/9/2023).\n"
        "“Kami siap membantu,” kata Putin. “Kunjungan ini bersejarah,” ujarnya."
    )
    events = build(
        text,
        [
            entity(text, "Putin", PERSON, name="Vladimir Putin", country="RUS"),
            entity(text, "Kim", PERSON, name="Kim Jong-un", country="PRK"),
            entity(text, "Vostochny", LOCATION, country="RUS"),
            entity(text, "Putin", PERSON, name="Vladimir Putin", country="RUS", nth=1),
        ],
        [timex(text, "Rabu (13/9/2023)", "2023-09-13")],
    )
    said = only(events, "kata")
    said_again = only(events, "ujarnya")
    assert said.event_type == said_again.event_type == "STATEMENT"
    assert roles(said) == roles(said_again) == {("Vladimir Putin", ActorRole.AGENT)}
    assert said.modality == Modality.ASSERTED
    # The quoted words are not rows of their own: nothing dates them.
    assert not [e for e in events if e.trigger in ("membantu", "Kunjungan")]


def test_light_verb_joins_its_noun():
    text = "Kim, didampingi kader militer, memulai perjalanan kereta api selama empat hari pada Minggu sore."
    event = only(
        build(
            text,
            [entity(text, "Kim", PERSON, name="Kim Jong-un", country="PRK"), entity(text, "kader militer", GROUP)],
            [
                timex(text, "empat hari", "P4D", TimexType.DURATION),
                timex(text, "Minggu sore", "2023-09-10TAF", TimexType.TIME),
            ],
        ),
        "memulai perjalanan",
    )
    assert (event.event_type, event.lemma, event.time_value, event.duration_value) == ("TRAVEL", "jalan", "2023-09-10TAF", "P4D")
    assert text[event.trigger_start : event.trigger_end] == event.trigger
    assert roles(event) == {("Kim Jong-un", ActorRole.AGENT), ("kader militer", ActorRole.PARTICIPANT)}
    assert event.duration_timex_id == f"doc:t{find(text, 'empat hari')}"


def test_coordinated_dates_give_one_row_each():
    text = "Namun, Pyongyang mengalami dua peluncuran yang gagal pada bulan Mei dan Agustus tahun ini."
    events = build(
        text,
        [entity(text, "Pyongyang", COUNTRY, country="PRK")],
        [timex(text, "bulan Mei", "2023-05"), timex(text, "Agustus tahun ini", "2023-08")],
    )
    assert [(e.event_type, e.time_value, e.polarity) for e in events] == [
        ("LAUNCH", "2023-05", Polarity.POSITIVE),
        ("LAUNCH", "2023-08", Polarity.POSITIVE),
    ]
    assert [roles(e) for e in events] == [{("Korea Utara", ActorRole.AGENT)}] * 2
    assert len({e.event_id for e in events}) == 2
    assert events[0].event_id == f"doc:e{find(text, 'peluncuran')}"


def test_durations_never_date_an_event():
    text = "Kedua menteri bertemu selama tiga jam."
    assert build(text, [], [timex(text, "tiga jam", "PT3H", TimexType.DURATION)]) == []


def test_vague_reference_is_flagged():
    text = "Fasilitas peluncuran Angara saat ini sedang dibangun."
    event = only(build(text, [], [timex(text, "saat ini", "PRESENT_REF")]), "dibangun")
    assert (event.time_value, event.time_vague, event.event_type) == ("PRESENT_REF", True, "ESTABLISH")


def test_repeated_mentions_merge_into_one_row():
    text = (
        "Kim dan Putin bertemu di Vostochny pada Rabu (13/9).\n"
        "Pertemuan tersebut berlangsung selama tiga jam. Putin dan Kim memulai pertemuan mereka dengan tur."
    )
    events = build(
        text,
        [
            entity(text, "Kim", PERSON, name="Kim Jong-un", country="PRK"),
            entity(text, "Putin", PERSON, name="Vladimir Putin", country="RUS"),
            entity(text, "Vostochny", LOCATION, country="RUS"),
            entity(text, "Putin", PERSON, name="Vladimir Putin", country="RUS", nth=1),
            entity(text, "Kim", PERSON, name="Kim Jong-un", country="PRK", nth=1),
        ],
        [timex(text, "Rabu (13/9)", "2023-09-13"), timex(text, "tiga jam", "PT3H", TimexType.DURATION)],
    )
    (event,) = events
    assert [m.trigger for m in event.mentions] == ["bertemu", "Pertemuan", "memulai pertemuan"]
    assert [m.sentence_index for m in event.mentions] == [0, 1, 2]
    assert (event.time_value, event.duration_value, event.location) == ("2023-09-13", "PT3H", "Vostochny")


def test_different_dates_do_not_merge():
    text = "Kim dan Putin bertemu pada April 2019.\nKim dan Putin bertemu lagi pada September 2023."
    entities = [
        entity(text, name, PERSON, name=full, nth=nth)
        for nth in (0, 1)
        for name, full in (("Kim", "Kim Jong-un"), ("Putin", "Vladimir Putin"))
    ]
    events = build(text, entities, [timex(text, "April 2019", "2019-04"), timex(text, "September 2023", "2023-09")])
    assert [(e.time_value, len(e.mentions)) for e in events] == [("2019-04", 1), ("2023-09", 1)]


def test_rows_carry_valid_offsets_and_stable_ids():
    text = "Presiden Joko Widodo meresmikan Bendungan Jatigede pada 31 Agustus 2015."
    args = (
        text,
        [entity(text, "Joko Widodo", PERSON, country="IDN"), entity(text, "Bendungan Jatigede", LOCATION, country="IDN")],
        [timex(text, "31 Agustus 2015", "2015-08-31")],
    )
    first, second = build(*args), build(*args)
    assert first == second
    (event,) = first
    assert event.event_id == f"doc:e{event.trigger_start}"
    assert text[event.trigger_start : event.trigger_end] == event.trigger == "meresmikan"
    assert text[event.sentence_start : event.sentence_end] == event.sentence
    assert roles(event) == {("Joko Widodo", ActorRole.AGENT), ("Bendungan Jatigede", ActorRole.TARGET)}


def test_empty_document():
    assert build("") == []


def test_a_speakers_undated_statements_share_their_dated_occasion():
    text = (
        "JAKARTA, KOMPAS.com - Direktur PT Kereta Api Indonesia (Persero) Budi Santoso mengatakan, tarif naik.\n"
        "“Kami sudah siap,” kata Budi kepada wartawan, Kamis (28/11/2013).\n"
        "Budi menambahkan, jadwal tetap."
    )
    events = build(
        text,
        [
            entity(text, "JAKARTA", LOCATION, name="Jakarta", country="IDN"),
            entity(text, "KOMPAS", ORG, name="Kompas"),
            entity(text, "PT Kereta Api Indonesia", ORG, country="IDN"),
            entity(text, "Budi Santoso", PERSON, country="IDN"),
            entity(text, "Budi", PERSON, name="Budi Santoso", country="IDN", nth=1),
            entity(text, "Budi", PERSON, name="Budi Santoso", country="IDN", nth=2),
        ],
        [timex(text, "Kamis (28/11/2013)", "2013-11-28")],
        published=date(2013, 11, 29),
    )
    assert [(e.trigger, e.time_value, e.time_anchor) for e in events] == [
        ("mengatakan", "2013-11-28", TimeAnchor.NARRATIVE),
        ("kata", "2013-11-28", TimeAnchor.EXPLICIT),
        ("menambahkan", "2013-11-28", TimeAnchor.NARRATIVE),
    ]
    # Neither the dateline nor the organisation in the speaker's title is an actor.
    assert all(roles(e) == {("Budi Santoso", ActorRole.AGENT)} for e in events)


def test_an_old_dated_statement_is_not_the_occasion_of_todays_quotes():
    text = "Kim mengusulkan rencana itu pada Januari 2021.\nKim menegaskan dukungannya."
    kim = [entity(text, "Kim", PERSON, name="Kim Jong-un", nth=n) for n in (0, 1)]
    events = build(text, kim, [timex(text, "Januari 2021", "2021-01")])
    assert [(e.trigger, e.time_value) for e in events] == [("mengusulkan", "2021-01"), ("menegaskan", "2023-09-13")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Pejabat Agus Salim ditemui di kantornya.\n“Kami siap,” kata dia.", "Agus Salim"),
        ("Pejabat Agus Salim ditemui di kantornya.\n“Kami siap,” ujarnya.", "Agus Salim"),
        ("Pejabat Agus Salim ditemui di kantornya.\nIa menegaskan kesiapan timnya.", "Agus Salim"),
    ],
)
def test_pronoun_speakers_are_the_last_person_named(text, speaker):
    (event,) = build(text, [entity(text, "Agus Salim", PERSON)])
    assert event.event_type == "STATEMENT" and roles(event) == {(speaker, ActorRole.AGENT)}


def test_rumours_and_nominal_speech_acts_are_not_dated_by_publication():
    text = "Kabar yang menyebutkan tarif naik beredar luas. Imbauan itu tidak dihiraukan."
    assert build(text) == []


def test_a_light_verb_after_its_noun_leaves_the_date_to_the_noun():
    text = "Pertemuan kedua menteri itu digelar pada Senin (2/10/2023)."
    (event,) = build(text, [], [timex(text, "Senin (2/10/2023)", "2023-10-02")])
    assert (event.trigger, event.event_type, event.time_value) == ("Pertemuan", "CONSULT", "2023-10-02")


def test_statement_location_is_where_it_was_said_not_what_was_said():
    text = "Ali mengatakan, pemasangan alat itu selesai di Bekasi. Ali menyampaikan hal itu di Jakarta."
    events = build(
        text,
        [
            entity(text, "Ali", PERSON),
            entity(text, "Bekasi", LOCATION, country="IDN"),
            entity(text, "Ali", PERSON, nth=1),
            entity(text, "Jakarta", LOCATION, country="IDN"),
        ],
    )
    assert [(e.trigger, e.location) for e in events] == [("mengatakan", None), ("menyampaikan", "Jakarta")]


WORDS = (
    "Kim", "bertemu", "tidak", "akan", "pada", "Senin", "di", "Jakarta", ",", ".", "“", "”", "kata", "dia",
    "yang", "bahwa", "dan", "peluncuran", "gagal", "tersebut", "ujarnya", "oleh", "diresmikan", "\n", "Pertemuan",
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.data())
def test_any_input_gives_valid_rows(words, data):
    text = " ".join(words)
    spans = sorted(data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 12)), max_size=6)))
    entities, timexes = [], []
    for number, (start, width) in enumerate(spans):
        end = min(len(text), start + width)
        if end <= start:
            continue
        if number % 2:
            entities.append(EntityMention(start=start, end=end, text=text[start:end], name=text[start:end], kind=PERSON))
        else:
            value = "2023-09-13" if number % 4 == 0 else "PT3H"
            kind = TimexType.DATE if value[0] == "2" else TimexType.DURATION
            timexes.append(Timex(id=f"t{start}", document_id="doc", start=start, end=end, text=text[start:end], type=kind, value=value, anchor=TimexAnchor.DCT))
    events = build(text, entities, timexes)
    assert [e.trigger_start for e in events] == sorted(e.trigger_start for e in events)
    for event in events:
        assert text[event.trigger_start : event.trigger_end] == event.trigger
        assert event.time_value is not None
        Event.model_validate(event.model_dump())


def test_object_behind_its_title_and_one_row_for_signing_an_agreement():
    text = (
        "Presiden Joko Widodo bertemu Perdana Menteri Jepang Fumio Kishida pada Senin (4/9/2023). "
        "Kedua pemimpin menandatangani kesepakatan kerja sama energi."
    )
    events = build(
        text,
        [
            entity(text, "Joko Widodo", PERSON, country="IDN"),
            entity(text, "Jepang", COUNTRY, country="JPN"),
            entity(text, "Fumio Kishida", PERSON, country="JPN"),
        ],
        [timex(text, "Senin (4/9/2023)", "2023-09-04")],
    )
    assert [(e.trigger, e.event_type, e.time_anchor) for e in events] == [
        ("bertemu", "CONSULT", TimeAnchor.EXPLICIT),
        ("menandatangani kesepakatan", "AGREE", TimeAnchor.NARRATIVE),
    ]
    assert roles(events[0]) == {("Joko Widodo", ActorRole.AGENT), ("Fumio Kishida", ActorRole.TARGET)}


def test_a_nouns_modal_may_follow_it():
    text = "Pertemuan berikutnya dijadwalkan pada Desember 2023."
    (event,) = build(text, [], [timex(text, "Desember 2023", "2023-12")])
    assert (event.trigger, event.modality, event.time_value) == ("Pertemuan", Modality.PLANNED, "2023-12")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harga minyak mentah jatuh pada Selasa (25/11/2014).", [("jatuh", "ECONOMIC")]),
        ("Pesawat itu jatuh pada Selasa (25/11/2014).", [("jatuh", "ACCIDENT")]),
        ("Harga saham naik tajam pada Selasa (25/11/2014).", [("naik", "ECONOMIC")]),
        ("Para penumpang naik kapal pada Selasa (25/11/2014).", []),
        ("Permintaan minyak dunia anjlok pada Selasa (25/11/2014).", [("anjlok", "ECONOMIC")]),
    ],
)
def test_market_quantities_give_the_economic_sense(text, expected):
    events = build(text, [], [timex(text, "Selasa (25/11/2014)", "2014-11-25")])
    assert [(e.trigger, e.event_type) for e in events] == expected
