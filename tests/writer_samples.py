"""Hand-built documents, timexes and events (Indonesian sentences written for these tests) for the writer tests."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from timeline.models import (
    Actor,
    ActorKind,
    ActorRole,
    Document,
    Event,
    EventMention,
    Granularity,
    Modality,
    Polarity,
    PublishedSource,
    Reject,
    RunInfo,
    Span,
    TimeAnchor,
    Timeline,
    Timex,
    TimexAnchor,
    TimexType,
)

RUN = RunInfo(tool_version="0.1.0", settings={"workers": 1})

TEXTS = {
    "doc-banjir": (
        "Banjir merendam tiga desa di Kabupaten Bandung pada Senin (4/3/2024). "
        "Gubernur Jawa Barat meninjau lokasi pada pukul 10.00 WIB keesokan harinya, "
        'lalu berkata, "Bantuan akan tiba secepatnya."'
    ),
    "doc-kttasean": (
        "Presiden Joko Widodo bertemu Perdana Menteri Malaysia Anwar Ibrahim di Jakarta, Selasa (5/9/2023). "
        "Kedua pemimpin menandatangani nota kesepahaman tentang perbatasan. "
        "Saat ini kerja sama kedua negara terus meningkat."
    ),
    "doc-tanpa-tanggal": "Warga desa menolak rencana pembangunan pabrik semen dan menggelar unjuk rasa.",
}


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def span(document_id: str, needle: str, occurrence: int = 0) -> tuple[int, int, str]:
    text = TEXTS[document_id]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle), needle


def documents() -> list[Document]:
    return [
        Document(
            id="doc-banjir",
            text=TEXTS["doc-banjir"],
            published=date(2024, 3, 4),
            published_source=PublishedSource.METADATA,
            title="Banjir di Bandung",
            source="Warta Contoh",
            path="input/banjir.txt",
            content_hash=_hash(TEXTS["doc-banjir"]),
        ),
        Document(
            id="doc-kttasean",
            text=TEXTS["doc-kttasean"],
            published=date(2023, 9, 5),
            published_source=PublishedSource.INFERRED,
            published_evidence=["Selasa (5/9/2023)"],
            path="input/berita.jsonl",
            line=2,
            content_hash=_hash(TEXTS["doc-kttasean"]),
        ),
        Document(
            id="doc-tanpa-tanggal",
            text=TEXTS["doc-tanpa-tanggal"],
            content_hash=_hash(TEXTS["doc-tanpa-tanggal"]),
        ),
    ]


def timexes() -> list[Timex]:
    senin = span("doc-banjir", "Senin (4/3/2024)")
    pukul = span("doc-banjir", "pukul 10.00 WIB keesokan harinya")
    selasa = span("doc-kttasean", "Selasa (5/9/2023)")
    saat_ini = span("doc-kttasean", "Saat ini")
    return [
        Timex(
            id="doc-banjir:t1", document_id="doc-banjir", start=senin[0], end=senin[1], text=senin[2],
            type=TimexType.DATE, value="2024-03-04", granularity=Granularity.DAY,
            interval_start=date(2024, 3, 4), interval_end=date(2024, 3, 4), anchor=TimexAnchor.ABSOLUTE,
        ),
        Timex(
            id="doc-banjir:t2", document_id="doc-banjir", start=pukul[0], end=pukul[1], text=pukul[2],
            type=TimexType.TIME, value="2024-03-05T10:00", granularity=Granularity.MINUTE,
            interval_start=date(2024, 3, 5), interval_end=date(2024, 3, 5),
            datetime_start=datetime(2024, 3, 5, 10, 0), datetime_end=datetime(2024, 3, 5, 10, 1),
            timezone="WIB", utc_offset="+07:00", anchor=TimexAnchor.NARRATIVE,
        ),
        Timex(
            id="doc-kttasean:t1", document_id="doc-kttasean", start=selasa[0], end=selasa[1], text=selasa[2],
            type=TimexType.DATE, value="2023-09-05", granularity=Granularity.DAY,
            interval_start=date(2023, 9, 5), interval_end=date(2023, 9, 5), anchor=TimexAnchor.ABSOLUTE,
        ),
        Timex(
            id="doc-kttasean:t2", document_id="doc-kttasean", start=saat_ini[0], end=saat_ini[1], text=saat_ini[2],
            type=TimexType.DATE, value="PRESENT_REF", anchor=TimexAnchor.DCT,
        ),
    ]


def _sentence(document_id: str, index: int) -> tuple[int, int, str]:
    text = TEXTS[document_id]
    bounds = [0]
    for position, character in enumerate(text):
        if character == "." and position + 1 < len(text) and text[position + 1] == " " and text[position - 1] != "0":
            bounds.append(position + 2)
    bounds.append(len(text))
    start, end = bounds[index], bounds[index + 1]
    end = end - 1 if text[end - 1] == " " else end
    return start, end, text[start:end]


def _event(document_id: str, sentence_index: int, trigger: str, lemma: str, event_type: str, **fields) -> Event:
    trigger_start, trigger_end, _ = span(document_id, trigger)
    sentence_start, sentence_end, sentence = _sentence(document_id, sentence_index)
    return Event(
        event_id=f"{document_id}:e{trigger_start}",
        document_id=document_id,
        sentence_index=sentence_index,
        sentence=sentence,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        trigger=trigger,
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        lemma=lemma,
        event_type=event_type,
        polarity=fields.pop("polarity", Polarity.POSITIVE),
        modality=fields.pop("modality", Modality.ASSERTED),
        mentions=[EventMention(sentence_index=sentence_index, trigger=trigger, trigger_start=trigger_start, trigger_end=trigger_end)],
        **fields,
    )


def _actor(document_id: str, name: str, kind: ActorKind, role: ActorRole, country: str | None = None, **fields) -> Actor:
    start, end, text = span(document_id, fields.pop("surface", name))
    return Actor(name=name, kind=kind, role=role, country=country, mentions=[Span(start=start, end=end, text=text)], **fields)


def events() -> list[Event]:
    day = {"time_type": TimexType.DATE, "time_precision": Granularity.DAY, "time_anchor": TimeAnchor.EXPLICIT}
    return [
        _event(
            "doc-banjir", 0, "merendam", "rendam", "DISASTER",
            time_value="2024-03-04", time_start=date(2024, 3, 4), time_end=date(2024, 3, 4), timex_id="doc-banjir:t1",
            location="Kabupaten Bandung", location_country="IDN", **day,
        ),
        _event(
            "doc-banjir", 1, "meninjau", "tinjau", "CONSULT",
            time_value="2024-03-05T10:00", time_type=TimexType.TIME, time_start=date(2024, 3, 5), time_end=date(2024, 3, 5),
            time_precision=Granularity.MINUTE, time_anchor=TimeAnchor.NARRATIVE, timex_id="doc-banjir:t2",
            actors=[_actor("doc-banjir", "Gubernur Jawa Barat", ActorKind.PERSON, ActorRole.AGENT, "IDN", title="Gubernur Jawa Barat")],
        ),
        _event(
            "doc-banjir", 1, "berkata", "kata", "STATEMENT",
            time_value="2024-03-05T10:00", time_type=TimexType.TIME, time_start=date(2024, 3, 5), time_end=date(2024, 3, 5),
            time_precision=Granularity.MINUTE, time_anchor=TimeAnchor.NARRATIVE, timex_id="doc-banjir:t2",
        ),
        _event(
            "doc-kttasean", 0, "bertemu", "temu", "CONSULT",
            time_value="2023-09-05", time_start=date(2023, 9, 5), time_end=date(2023, 9, 5), timex_id="doc-kttasean:t1",
            location="Jakarta", location_country="IDN",
            actors=[
                _actor("doc-kttasean", "Joko Widodo", ActorKind.PERSON, ActorRole.AGENT, "IDN", title="Presiden"),
                _actor("doc-kttasean", "Anwar Ibrahim", ActorKind.PERSON, ActorRole.TARGET, "MYS", title="Perdana Menteri Malaysia"),
            ],
            **day,
        ),
        _event(
            "doc-kttasean", 1, "menandatangani", "tanda tangan", "AGREE",
            time_value="2023-09-05", time_start=date(2023, 9, 5), time_end=date(2023, 9, 5), timex_id="doc-kttasean:t1",
            time_type=TimexType.DATE, time_precision=Granularity.DAY, time_anchor=TimeAnchor.NARRATIVE,
            actors=[
                _actor("doc-kttasean", "Joko Widodo", ActorKind.PERSON, ActorRole.PARTICIPANT, "IDN", surface="Kedua pemimpin"),
                _actor("doc-kttasean", "Anwar Ibrahim", ActorKind.PERSON, ActorRole.PARTICIPANT, "MYS", surface="Kedua pemimpin"),
            ],
        ),
        _event(
            "doc-kttasean", 2, "meningkat", "tingkat", "COOPERATE",
            time_value="PRESENT_REF", time_type=TimexType.DATE, time_vague=True, timex_id="doc-kttasean:t2",
            time_start=date(2023, 9, 5), time_end=date(2023, 9, 5), time_anchor=TimeAnchor.PUBLICATION,
        ),
        _event(
            "doc-tanpa-tanggal", 0, "menolak", "tolak", "REJECT",
            polarity=Polarity.NEGATIVE,
            actors=[_actor("doc-tanpa-tanggal", "Warga desa", ActorKind.GROUP, ActorRole.AGENT)],
        ),
        _event(
            "doc-tanpa-tanggal", 0, "menggelar", "gelar", "PROTEST", modality=Modality.REPORTED,
            actors=[_actor("doc-tanpa-tanggal", "Warga desa", ActorKind.GROUP, ActorRole.AGENT)],
        ),
    ]


def rejects() -> list[Reject]:
    return [
        Reject(file="input/berita.jsonl", line=3, reason="invalid JSON: Expecting value"),
        Reject(file="input/kosong.txt", reason="empty document"),
    ]


def timeline() -> Timeline:
    return Timeline(run=RUN, documents=documents(), events=events(), timexes=timexes())
