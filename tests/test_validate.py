from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import writer_samples as samples
from timeline.validate import validate_path
from timeline.writers import TimelineWriter, write_timeline


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    with TimelineWriter(folder, run=samples.RUN) as writer:
        writer.write_batch(samples.documents(), samples.timexes(), samples.events(), rejects=samples.rejects())
    return folder


def test_a_fresh_output_folder_is_valid(out: Path):
    assert validate_path(out) == []
    for name in ("events.jsonl", "timexes.jsonl", "documents.jsonl", "rejects.jsonl", "timeline.json",
                 "events.parquet", "events.csv", "documents.csv"):
        assert validate_path(out / name) == []


def test_broken_jsonl_line_is_reported_with_its_number(out: Path):
    path = out / "events.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    del record["trigger"]
    record["time_start"] = "5 September 2023"
    lines[1] = json.dumps(record)
    lines[3] = lines[3][:40]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    messages = validate_path(path)
    assert messages[0] == f"{path}:2: 'trigger' is a required property"
    assert messages[1] == f"{path}:2: at time_start: '5 September 2023' is not a 'date'"
    assert messages[2].startswith(f"{path}:4: invalid JSON: ")
    assert len(messages) == 3


def test_nested_errors_name_their_location(out: Path):
    path = out / "events.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["actors"][1]["kind"] = "ORANG"
    lines[0] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert validate_path(path) == [
        f"{path}:1: at actors.1.kind: 'ORANG' is not one of ['PERSON', 'ORGANIZATION', 'COUNTRY', 'LOCATION', 'GROUP']"
    ]


def test_rejects_jsonl_has_its_own_schema(out: Path):
    path = out / "rejects.jsonl"
    path.write_text('{"file": "a.txt"}\n', encoding="utf-8")
    assert validate_path(path) == [f"{path}:1: 'reason' is a required property"]


def test_timeline_json_against_the_timeline_schema(out: Path):
    path = out / "timeline.json"
    timeline = json.loads(path.read_text(encoding="utf-8"))
    timeline["events"][2]["polarity"] = "maybe"
    del timeline["run"]
    path.write_text(json.dumps(timeline), encoding="utf-8")
    assert validate_path(path) == [
        f"{path}: 'run' is a required property",
        f"{path}: at events.2.polarity: 'maybe' is not one of ['positive', 'negative']",
    ]


def test_wrong_parquet_column_type(out: Path):
    path = out / "events.parquet"
    table = pq.read_table(path)
    index = table.schema.get_field_index("time_start")
    table = table.set_column(index, pa.field("time_start", pa.string()), table.column("time_start").cast(pa.string()))
    pq.write_table(table.drop_columns(["lemma"]).append_column("extra", pa.array([1] * table.num_rows)), path)
    assert validate_path(path) == [
        f"{path}: missing column lemma (string)",
        f"{path}: column time_start is string, expected date32",
        f"{path}: unexpected column extra",
    ]


def test_nulls_in_a_required_parquet_column(out: Path):
    path = out / "timexes.parquet"
    table = pq.read_table(path)
    index = table.schema.get_field_index("value")
    values = pa.array([None] + table.column("value").to_pylist()[1:], pa.string())
    pq.write_table(table.set_column(index, pa.field("value", pa.string()), values), path)
    assert validate_path(path) == [f"{path}: column value has nulls but is required"]


def test_partitioned_dataset_folders(tmp_path: Path):
    out = tmp_path / "out"
    write_timeline(samples.timeline(), out, formats=["parquet"], partition_by="month")
    assert validate_path(out) == []
    assert validate_path(out / "events") == []
    part = next((out / "events").rglob("part-0.parquet"))
    assert validate_path(part) == []
    pq.write_table(pa.table({"trigger": ["rapat"]}), part)
    assert f"{part}: missing column event_id (string)" in validate_path(out / "events")


def test_csv_header_is_checked(out: Path):
    path = out / "events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("actor1_country,", "", 1), encoding="utf-8")
    assert validate_path(path) == [f"{path}:1: header does not match the events table: missing actor1_country"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.jsonl", None, "no such file or directory"),
        ("notes.txt", "halo", "unknown output file"),
        ("events.parquet", "bukan parquet", "not a readable Parquet file"),
    ],
)
def test_paths_that_cannot_be_checked(tmp_path: Path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    (message,) = validate_path(path)
    assert message.startswith(f"{path}: {expected}")


def test_folder_without_outputs(tmp_path: Path):
    assert validate_path(tmp_path) == [f"{tmp_path}: no timeline outputs found (events.parquet, events.jsonl, timeline.json, ...)"]
