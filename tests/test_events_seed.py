"""Acceptance: the seed article's timeline, end to end through the tagger, sentences and entities."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from timeline.actors import find_entities
from timeline.events import build_events
from timeline.models import ActorKind, ActorRole, Document, TimeAnchor
from timeline.sentences import split_sentences
from timeline.temporal import tag

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED = "000_f289a60c1eb80260"


@pytest.fixture(scope="module")
def seed_events():
    meta = json.loads((SEEDS / f"{SEED}.meta.json").read_text(encoding="utf-8"))
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8")
    document = Document(
        id=meta["id"], text=text, published=meta["published"], content_hash=hashlib.sha256(text.encode()).hexdigest()
    )
    sentences = split_sentences(text)
    events = build_events(document, sentences, tag(text, document.published, document.id), find_entities(text, sentences))
    return document, events


def rows(events, event_type, value):
    return [e for e in events if e.event_type == event_type and e.time_value == value]


def agents(event):
    return {actor.name for actor in event.actors if actor.role is ActorRole.AGENT}


def test_summit_meeting(seed_events):
    document, events = seed_events
    (meeting,) = rows(events, "CONSULT", "2023-09-13")
    assert meeting.trigger == "bertemu" and meeting.time_anchor is TimeAnchor.EXPLICIT
    assert agents(meeting) >= {"Kim Jong-un", "Vladimir Putin"}
    assert (meeting.location, meeting.location_country) == ("Kosmodrom Vostochny", "RUS")
    later = [m.trigger for m in meeting.mentions[1:]]
    assert "Pertemuan" in later and len(later) >= 2


def test_train_journey(seed_events):
    _, events = seed_events
    (journey,) = rows(events, "TRAVEL", "2023-09-10TAF")
    assert "perjalanan" in journey.trigger and journey.duration_value == "P4D"
    assert {(a.name, a.role) for a in journey.actors} >= {
        ("Kim Jong-un", ActorRole.AGENT),
        ("kader militer", ActorRole.PARTICIPANT),
    }


def test_beginnings(seed_events):
    _, events = seed_events
    (pandemic,) = rows(events, "ESTABLISH", "2020-01")
    assert pandemic.trigger == "dimulainya" and pandemic.lemma == "mulai"
    (inauguration,) = rows(events, "ESTABLISH", "2016")
    assert inauguration.trigger == "diresmikan"
    assert [a.name for a in inauguration.actors] == ["Kosmodrom Vostochny"]


def test_party_congress_proposal(seed_events):
    _, events = seed_events
    (proposal,) = [e for e in events if e.time_value == "2021-01" and e.time_anchor is TimeAnchor.EXPLICIT]
    assert proposal.event_type in ("STATEMENT", "OTHER") and agents(proposal) == {"Kim Jong-un"}


@pytest.mark.parametrize("month", ["2023-05", "2023-08"])
def test_failed_launches(seed_events, month):
    _, events = seed_events
    (launch,) = rows(events, "LAUNCH", month)
    assert launch.trigger == "peluncuran"
    (actor,) = launch.actors
    assert (actor.name, actor.kind, actor.country, actor.role) == ("Korea Utara", ActorKind.COUNTRY, "PRK", ActorRole.AGENT)
    assert [span.text for span in actor.mentions] == ["Pyongyang"]


def test_statements_on_the_summit_day(seed_events):
    _, events = seed_events
    statements = {(e.trigger, frozenset(agents(e))) for e in rows(events, "STATEMENT", "2023-09-13")}
    assert {
        ("menegaskan", frozenset({"Kim Jong-un"})),
        ("kata", frozenset({"Vladimir Putin"})),
        ("kata", frozenset({"Kim Jong-un"})),
        ("menggambarkan", frozenset({"Park Won-gon"})),
    } <= statements
    (assessment,) = [e for e in events if e.trigger == "menggambarkan"]
    (park,) = assessment.actors
    assert park.affiliation == "Universitas Wanita Ewha"
    assert assessment.time_anchor is TimeAnchor.PUBLICATION


def test_rows_are_in_text_order_with_valid_evidence(seed_events):
    document, events = seed_events
    assert [e.trigger_start for e in events] == sorted(e.trigger_start for e in events)
    assert len({e.event_id for e in events}) == len(events)
    for event in events:
        assert document.text[event.trigger_start : event.trigger_end] == event.trigger
        assert document.text[event.sentence_start : event.sentence_end] == event.sentence
        assert event.time_type is None or event.time_type.value in ("DATE", "TIME")
        for actor in event.actors:
            for span in actor.mentions:
                assert document.text[span.start : span.end] == span.text
