from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import writer_samples as samples
from timeline.models import Document, Event, Reject, Timeline, Timex
from timeline.schemas import SCHEMA_MODELS, json_schemas, schema_text, write_schemas

PROJECT = Path(__file__).resolve().parents[1]
NAMES = ["timeline.schema.json", "event.schema.json", "timex.schema.json", "document.schema.json", "reject.schema.json"]


def test_one_schema_per_output_model():
    assert list(json_schemas()) == NAMES
    assert list(SCHEMA_MODELS.values()) == [Timeline, Event, Timex, Document, Reject]


@pytest.mark.parametrize("name", NAMES)
def test_committed_schema_matches_the_models(name):
    committed = (PROJECT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == schema_text(json_schemas()[name]), (
        f"schemas/{name} is out of date: regenerate with `timeline schema schemas/`"
    )


@pytest.mark.parametrize("name", NAMES)
def test_schemas_are_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(json_schemas()[name])


def test_write_schemas_is_deterministic(tmp_path: Path):
    first = write_schemas(tmp_path / "a")
    second = write_schemas(tmp_path / "b")
    assert [p.name for p in first] == NAMES
    for one, two in zip(first, second):
        text = one.read_bytes()
        assert text == two.read_bytes() and text.endswith(b"}\n") and b'\n  "' in text


def test_schema_keeps_the_field_descriptions():
    event = json_schemas()["event.schema.json"]
    assert "PLOVER" in event["properties"]["event_type"]["description"]
    assert set(event["required"]) >= {"event_id", "trigger", "polarity", "modality"}


@pytest.mark.parametrize(
    ("name", "instance", "valid"),
    [
        ("reject.schema.json", {"file": "a.jsonl", "line": 3, "reason": "invalid JSON"}, True),
        ("reject.schema.json", {"file": "a.jsonl", "line": "tiga", "reason": "invalid JSON"}, False),
        ("reject.schema.json", {"file": "a.jsonl"}, False),
        ("reject.schema.json", {"reason": "x", "extra": 1}, False),
        ("timex.schema.json", json.loads(samples.timexes()[1].model_dump_json()), True),
        ("timex.schema.json", {**json.loads(samples.timexes()[1].model_dump_json()), "type": "WAKTU"}, False),
        ("document.schema.json", json.loads(samples.documents()[1].model_dump_json()), True),
        ("timeline.schema.json", json.loads(samples.timeline().model_dump_json()), True),
        ("timeline.schema.json", {"documents": []}, False),
    ],
)
def test_schema_accepts_model_output_and_refuses_broken_records(name, instance, valid):
    assert Draft202012Validator(json_schemas()[name]).is_valid(instance) is valid
