from __future__ import annotations

import csv
import io
import json
import random
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import writer_samples as samples
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from timeline import __version__
from timeline.models import (
    Actor,
    ActorKind,
    ActorRole,
    Document,
    Event,
    Timeline,
    Timex,
)
from timeline.writers import (
    OutputError,
    TimelineWriter,
    arrow_schema,
    document_sort_key,
    event_sort_key,
    headline_actors,
    timex_sort_key,
    write_timeline,
)
from timeline.writers import writer as writer_module

PROJECT = Path(__file__).resolve().parents[1]
FLAT_OUTPUTS = [
    "documents.parquet", "documents.csv", "documents.jsonl",
    "events.parquet", "events.csv", "events.jsonl",
    "timexes.parquet", "timexes.csv", "timexes.jsonl",
    "timeline.json",
]


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def sorted_timeline(timeline: Timeline) -> Timeline:
    return timeline.model_copy(
        update={
            "documents": sorted(timeline.documents, key=document_sort_key),
            "events": sorted(timeline.events, key=event_sort_key),
            "timexes": sorted(timeline.timexes, key=timex_sort_key),
        }
    )


def rows_of(document_ids: set[str]) -> tuple[list[Document], list[Timex], list[Event]]:
    return (
        [d for d in samples.documents() if d.id in document_ids],
        [t for t in samples.timexes() if t.document_id in document_ids],
        [e for e in samples.events() if e.document_id in document_ids],
    )


@pytest.fixture
def written(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    write_timeline(samples.timeline(), out)
    return out


# ---------------------------------------------------------------- Arrow schema


@pytest.mark.parametrize(
    ("table", "model"), [("documents", Document), ("timexes", Timex), ("events", Event)]
)
def test_arrow_schema_has_every_model_field_in_order(table, model):
    schema = arrow_schema(table)
    assert schema.names == list(model.model_fields)
    assert schema.metadata[b"timeline.version"] == __version__.encode()


@pytest.mark.parametrize(
    ("table", "column", "expected"),
    [
        ("documents", "published", pa.date32()),
        ("documents", "published_evidence", pa.list_(pa.field("element", pa.string(), nullable=False))),
        ("documents", "line", pa.int64()),
        ("timexes", "datetime_start", pa.timestamp("us")),
        ("timexes", "type", pa.dictionary(pa.int32(), pa.string())),
        ("events", "time_start", pa.date32()),
        ("events", "time_vague", pa.bool_()),
        ("events", "event_type", pa.string()),
        ("events", "polarity", pa.dictionary(pa.int32(), pa.string())),
    ],
)
def test_arrow_types_follow_python_types(table, column, expected):
    assert arrow_schema(table).field(column).type == expected


def test_actors_are_a_list_of_structs_with_nested_mentions():
    item = arrow_schema("events").field("actors").type.value_type
    assert [f.name for f in item] == ["name", "kind", "country", "role", "title", "affiliation", "mentions"]
    assert item.field("kind").type == pa.dictionary(pa.int32(), pa.string())
    assert not item.field("name").nullable and item.field("country").nullable
    span = item.field("mentions").type.value_type
    assert [(f.name, f.type) for f in span] == [("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]


def test_optional_fields_are_nullable_and_required_ones_not():
    schema = arrow_schema("events")
    assert not schema.field("trigger").nullable
    assert schema.field("time_start").nullable
    assert not schema.field("actors").nullable


# ---------------------------------------------------------------- order


def test_event_order_dated_first_then_vague_and_undated():
    order = [e.trigger for e in sorted(samples.events(), key=event_sort_key)]
    assert order == ["bertemu", "menandatangani", "merendam", "meninjau", "berkata", "meningkat", "menolak", "menggelar"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # same day: document id decides, then the trigger offset
        ({"time_start": date(2024, 1, 1), "document_id": "a", "trigger_start": 50},
         {"time_start": date(2024, 1, 1), "document_id": "b", "trigger_start": 1}),
        ({"time_start": date(2024, 1, 1), "document_id": "a", "trigger_start": 5},
         {"time_start": date(2024, 1, 1), "document_id": "a", "trigger_start": 9}),
        # any dated event before a vague one, even a later date
        ({"time_start": date(2030, 1, 1), "document_id": "z", "trigger_start": 0},
         {"time_start": date(2000, 1, 1), "document_id": "a", "trigger_start": 0, "time_vague": True}),
        # a vague event and an undated one are ordered like each other: by document, then offset
        ({"time_start": None, "document_id": "a", "trigger_start": 7},
         {"time_start": date(2000, 1, 1), "document_id": "b", "trigger_start": 0, "time_vague": True}),
    ],
)
def test_event_sort_key_pairs(first, second):
    base = samples.events()[0]
    one = base.model_copy(update=first)
    two = base.model_copy(update=second)
    assert event_sort_key(one) < event_sort_key(two)


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ([ActorRole.AGENT, ActorRole.TARGET], ("A0", "A1")),
        ([ActorRole.TARGET, ActorRole.AGENT], ("A1", "A0")),
        ([ActorRole.PARTICIPANT, ActorRole.PARTICIPANT], ("A0", "A1")),
        ([ActorRole.PARTICIPANT, ActorRole.TARGET], ("A0", "A1")),
        ([ActorRole.AGENT, ActorRole.PARTICIPANT, ActorRole.TARGET], ("A0", "A2")),
        ([ActorRole.AGENT], ("A0", None)),
        ([ActorRole.TARGET], (None, "A0")),
        ([], (None, None)),
    ],
)
def test_headline_actors(roles, expected):
    actors = [Actor(name=f"A{i}", kind=ActorKind.PERSON, role=role) for i, role in enumerate(roles)]
    actor1, actor2 = headline_actors(actors)
    assert (actor1 and actor1.name, actor2 and actor2.name) == expected


# ---------------------------------------------------------------- flat outputs


def test_write_timeline_writes_every_format(tmp_path: Path):
    out = tmp_path / "out"
    paths = write_timeline(samples.timeline(), out)
    assert sorted(p.name for p in paths) == sorted(FLAT_OUTPUTS)
    assert sorted(p.name for p in out.iterdir()) == sorted(FLAT_OUTPUTS)  # no staging left behind


def test_timeline_json_is_the_sorted_timeline(written: Path):
    expected = sorted_timeline(samples.timeline()).model_dump_json()
    assert (written / "timeline.json").read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(("table", "key"), [("events", event_sort_key), ("timexes", timex_sort_key), ("documents", document_sort_key)])
def test_jsonl_has_one_sorted_row_per_line(written: Path, table, key):
    rows = getattr(samples.timeline(), table)
    lines = (written / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines == [row.model_dump_json() for row in sorted(rows, key=key)]


def test_only_requested_formats(tmp_path: Path):
    out = tmp_path / "out"
    paths = write_timeline(samples.timeline(), out, formats=["jsonl"])
    assert sorted(p.name for p in paths) == ["documents.jsonl", "events.jsonl", "timexes.jsonl"]


def test_unknown_format_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="xlsx"):
        TimelineWriter(tmp_path, formats=["xlsx"])


def test_parquet_has_real_types_zstd_and_version(written: Path):
    schema = pq.read_schema(written / "events.parquet")
    assert schema.equals(arrow_schema("events"))
    assert schema.metadata[b"timeline.version"] == __version__.encode()
    metadata = pq.ParquetFile(written / "events.parquet").metadata
    assert metadata.row_group(0).column(0).compression == "ZSTD"


def test_duckdb_reads_dates_as_date(written: Path):
    relation = duckdb.sql(f"select * from read_parquet('{written / 'events.parquet'}')")
    types = dict(zip(relation.columns, map(str, relation.types)))
    assert types["time_start"] == "DATE" and types["time_end"] == "DATE"
    first = duckdb.sql(
        f"select trigger, time_start, actors[1].name from read_parquet('{written / 'events.parquet'}') limit 1"
    ).fetchall()
    assert first == [("bertemu", date(2023, 9, 5), "Joko Widodo")]
    documents = duckdb.sql(f"select typeof(published) from read_parquet('{written / 'documents.parquet'}') limit 1")
    assert documents.fetchall() == [("DATE",)]


def test_polars_reads_dates_and_categories(written: Path):
    frame = pl.read_parquet(written / "events.parquet")
    assert frame.schema["time_start"] == pl.Date
    assert frame.schema["polarity"] == pl.Categorical
    assert frame.schema["actors"].inner.fields[0].name == "name"
    assert pl.read_parquet(written / "timexes.parquet").schema["datetime_start"] == pl.Datetime("us")


@pytest.mark.parametrize(("table", "model"), [("events", Event), ("timexes", Timex), ("documents", Document)])
def test_parquet_to_polars_to_json_round_trip(written: Path, table, model):
    rows = pl.read_parquet(written / f"{table}.parquet").to_dicts()
    lines = (written / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
    assert [model.model_validate(row).model_dump_json() for row in rows] == lines


def test_json_outputs_validate_against_committed_schemas(written: Path):
    def validator(name: str) -> Draft202012Validator:
        schema = json.loads((PROJECT / "schemas" / name).read_text(encoding="utf-8"))
        return Draft202012Validator(schema, format_checker=FormatChecker())

    timeline = json.loads((written / "timeline.json").read_text(encoding="utf-8"))
    assert list(validator("timeline.schema.json").iter_errors(timeline)) == []
    for table, schema in (("events", "event"), ("timexes", "timex"), ("documents", "document")):
        check = validator(f"{schema}.schema.json")
        for line in (written / f"{table}.jsonl").read_text(encoding="utf-8").splitlines():
            assert list(check.iter_errors(json.loads(line))) == []


def test_schemas_take_local_times_without_a_zone_and_reject_other_shapes():
    schema = json.loads((PROJECT / "schemas" / "timex.schema.json").read_text(encoding="utf-8"))
    check = Draft202012Validator(schema, format_checker=FormatChecker())
    timex = json.loads(next(t for t in samples.timexes() if t.datetime_start is not None).model_dump_json())
    assert timex["datetime_start"].count(":") == 2 and "+" not in timex["datetime_start"]
    assert list(check.iter_errors(timex)) == []
    timex["datetime_start"] = "2024-03-04 10:00"
    assert [error.json_path for error in check.iter_errors(timex)] == ["$.datetime_start"]


def test_schemas_catch_a_broken_event():
    schema = json.loads((PROJECT / "schemas" / "event.schema.json").read_text(encoding="utf-8"))
    event = json.loads(samples.events()[0].model_dump_json())
    event["time_start"] = "13 September 2023"
    del event["trigger"]
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(event))
    messages = {error.message for error in errors} | {inner.message for error in errors for inner in error.context}
    assert "'trigger' is a required property" in messages
    assert "'13 September 2023' is not a 'date'" in messages


def test_csv_is_rfc4180_with_flattened_actors(written: Path):
    raw = (written / "events.csv").read_bytes()
    assert raw.count(b"\r\n") == len(samples.events()) + 1  # no line breaks inside these sentences
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    bertemu = next(row for row in rows if row["trigger"] == "bertemu")
    assert (bertemu["actor1"], bertemu["actor1_country"], bertemu["actor2"], bertemu["actor2_country"]) == (
        "Joko Widodo", "IDN", "Anwar Ibrahim", "MYS",
    )
    assert bertemu["actors"] == "Joko Widodo (PERSON, IDN, agent); Anwar Ibrahim (PERSON, MYS, target)"
    assert bertemu["mentions"] == "bertemu [21:28] s0"
    assert bertemu["time_start"] == "2023-09-05" and bertemu["time_vague"] == "false"
    menolak = next(row for row in rows if row["trigger"] == "menolak")
    assert (menolak["actors"], menolak["time_start"], menolak["polarity"]) == ("Warga desa (GROUP, agent)", "", "negative")
    meninjau = next(row for row in rows if row["trigger"] == "meninjau")
    assert '"' in meninjau["sentence"] or "," in meninjau["sentence"]  # quoting survived the round trip
    assert [row["trigger"] for row in rows] == [e.trigger for e in sorted(samples.events(), key=event_sort_key)]


def test_csv_quotes_embedded_quotes_commas_and_newlines(tmp_path: Path):
    text = 'Ia berkata, "Kami siap."\nLalu pergi.'
    document = samples.documents()[2].model_copy(update={"text": text, "title": 'Judul, dengan "kutip"'})
    out = tmp_path / "out"
    write_timeline(Timeline(run=samples.RUN, documents=[document]), out, formats=["csv"])
    (row,) = list(csv.DictReader(io.StringIO((out / "documents.csv").read_text(encoding="utf-8"), newline="")))
    assert row["text"] == text and row["title"] == 'Judul, dengan "kutip"'
    assert (out / "documents.csv").read_bytes().startswith(b"id,text,published,")


def test_document_csv_lists_evidence(written: Path):
    rows = list(csv.DictReader(io.StringIO((written / "documents.csv").read_text(encoding="utf-8"), newline="")))
    inferred = next(row for row in rows if row["id"] == "doc-kttasean")
    assert (inferred["published_evidence"], inferred["published_source"], inferred["line"]) == ("Selasa (5/9/2023)", "inferred", "2")


def test_empty_timeline_gives_empty_but_typed_outputs(tmp_path: Path):
    out = tmp_path / "out"
    write_timeline(Timeline(run=samples.RUN), out)
    assert json.loads((out / "timeline.json").read_text()) == json.loads(Timeline(run=samples.RUN).model_dump_json())
    assert pq.read_table(out / "events.parquet").schema.equals(arrow_schema("events"))
    assert (out / "events.jsonl").read_text() == ""
    assert (out / "events.csv").read_text().count("\n") == 1


# ---------------------------------------------------------------- determinism, batches, resume


def test_byte_identical_twice(tmp_path: Path):
    write_timeline(samples.timeline(), tmp_path / "one")
    write_timeline(samples.timeline(), tmp_path / "two")
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")


def test_batch_split_and_order_do_not_change_the_output(tmp_path: Path):
    write_timeline(samples.timeline(), tmp_path / "whole")
    ids = [d.id for d in samples.documents()]
    random.Random(7).shuffle(ids)
    with TimelineWriter(tmp_path / "split", run=samples.RUN) as writer:
        for document_id in ids:
            writer.write_batch(*rows_of({document_id}))
    assert files_of(tmp_path / "whole") == files_of(tmp_path / "split")


@pytest.mark.parametrize("partition_by", [None, "month"])
def test_tables_merged_in_parallel_processes_give_the_same_files(tmp_path: Path, partition_by):
    write_timeline(samples.timeline(), tmp_path / "whole", partition_by=partition_by)
    outputs = {}
    for processes in (1, 3):
        out = tmp_path / f"processes-{processes}"
        with TimelineWriter(out, run=samples.RUN, partition_by=partition_by, processes=processes) as writer:
            for document in samples.documents():
                writer.write_batch(*rows_of({document.id}))
        outputs[processes] = files_of(out)
    assert outputs[1] == outputs[3] == files_of(tmp_path / "whole")


def test_more_batches_than_the_merge_fan_in(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("timeline.writers.merge.FAN_IN", 3)
    monkeypatch.setattr("timeline.writers.merge.CHUNK_ROWS", 2)
    events = samples.events()
    write_timeline(samples.timeline(), tmp_path / "whole")
    with TimelineWriter(tmp_path / "many", run=samples.RUN) as writer:
        writer.write_batch(samples.documents(), samples.timexes(), [])
        for event in reversed(events):
            writer.write_batch([], [], [event])
    assert files_of(tmp_path / "whole") == files_of(tmp_path / "many")


def test_resume_after_a_crash_equals_an_uninterrupted_run(tmp_path: Path):
    write_timeline(samples.timeline(), tmp_path / "whole")
    out = tmp_path / "resumed"
    crashed = TimelineWriter(out, run=samples.RUN)
    crashed.write_batch(*rows_of({"doc-kttasean"}), rejects=samples.rejects()[:1])
    crashed.write_batch(*rows_of({"doc-banjir"}))
    del crashed  # killed: never closed
    assert not (out / "events.parquet").exists()

    with TimelineWriter(out, run=samples.RUN, resume=True) as writer:
        done = writer.done_documents()
        assert set(done) == {"doc-kttasean", "doc-banjir"}
        assert done["doc-banjir"] == samples.documents()[0].content_hash
        missing = {d.id for d in samples.documents()} - set(done)
        # the resumed run reads the input again: the earlier reject comes again, then a new one
        writer.write_batch(*rows_of(missing), rejects=samples.rejects())
    with TimelineWriter(tmp_path / "whole-rejects", run=samples.RUN) as writer:
        writer.write_batch(*rows_of({"doc-kttasean", "doc-banjir"}), rejects=samples.rejects()[:1])
        writer.write_batch(*rows_of(missing), rejects=samples.rejects()[1:])
    assert files_of(out) == files_of(tmp_path / "whole-rejects")
    assert files_of(tmp_path / "whole").keys() == files_of(out).keys() - {"rejects.jsonl"}


def test_resume_keeps_a_half_written_batch_out(tmp_path: Path):
    out = tmp_path / "out"
    writer = TimelineWriter(out, run=samples.RUN)
    writer.write_batch(*rows_of({"doc-banjir"}))
    (out / ".staging" / "batch-000002.tmp").mkdir()  # killed while writing the second batch
    resumed = TimelineWriter(out, run=samples.RUN, resume=True)
    assert set(resumed.done_documents()) == {"doc-banjir"}
    resumed.close()
    assert [json.loads(line)["id"] for line in (out / "documents.jsonl").read_text().splitlines()] == ["doc-banjir"]


def test_resume_after_a_completed_run_carries_rows_over(tmp_path: Path):
    write_timeline(samples.timeline(), tmp_path / "whole")
    out = tmp_path / "out"
    with TimelineWriter(out, run=samples.RUN) as writer:
        writer.write_batch(*rows_of({"doc-banjir", "doc-tanpa-tanggal"}))
    with TimelineWriter(out, run=samples.RUN, resume=True) as writer:
        assert set(writer.done_documents()) == {"doc-banjir", "doc-tanpa-tanggal"}
        writer.write_batch(*rows_of({"doc-kttasean"}))
    assert files_of(out) == files_of(tmp_path / "whole")


def test_resume_with_nothing_new_reproduces_the_output(written: Path, tmp_path: Path):
    before = files_of(written)
    with TimelineWriter(written, run=samples.RUN, resume=True) as writer:
        assert len(writer.done_documents()) == 3
    assert files_of(written) == before


def test_resume_replaces_a_document_whose_text_changed(tmp_path: Path):
    out = tmp_path / "out"
    write_timeline(samples.timeline(), out)
    changed = samples.documents()[2].model_copy(update={"content_hash": "0" * 64})
    with TimelineWriter(out, run=samples.RUN, resume=True) as writer:
        assert writer.done_documents()[changed.id] != changed.content_hash
        writer.write_batch([changed], [], [])  # re-processed: no events any more
    documents = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    assert [d["content_hash"] for d in documents if d["id"] == changed.id] == ["0" * 64]
    events = pl.read_parquet(out / "events.parquet")
    assert changed.id not in events["document_id"].to_list() and events.height == len(samples.events()) - 2


def test_resume_from_jsonl_only_output(tmp_path: Path):
    write_timeline(samples.timeline(), tmp_path / "whole", formats=["jsonl"])
    out = tmp_path / "out"
    write_timeline(Timeline(run=samples.RUN, documents=samples.documents()[:1]), out, formats=["jsonl"])
    with TimelineWriter(out, formats=["jsonl"], run=samples.RUN, resume=True) as writer:
        documents, timexes, events = rows_of({d.id for d in samples.documents()} - set(writer.done_documents()))
        writer.write_batch(documents, timexes, events)
        writer.write_batch([], samples.timexes()[:2], samples.events()[:3])  # rows of the carried document
    assert files_of(out) == files_of(tmp_path / "whole")


def test_done_documents_include_batches_of_this_run(tmp_path: Path):
    writer = TimelineWriter(tmp_path / "out", run=samples.RUN)
    assert writer.done_documents() == {}
    writer.write_batch(*rows_of({"doc-banjir"}))
    assert writer.done_documents() == {"doc-banjir": samples.documents()[0].content_hash}
    writer.close()


def test_opening_without_resume_clears_old_staging(tmp_path: Path):
    out = tmp_path / "out"
    TimelineWriter(out, run=samples.RUN).write_batch(*rows_of({"doc-banjir"}))
    with TimelineWriter(out, run=samples.RUN) as writer:
        assert writer.done_documents() == {}
        writer.write_batch(*rows_of({"doc-kttasean"}))
    assert [json.loads(line)["id"] for line in (out / "documents.jsonl").read_text().splitlines()] == ["doc-kttasean"]


def test_an_exception_in_the_with_block_keeps_staging_for_resume(tmp_path: Path):
    out = tmp_path / "out"
    with pytest.raises(RuntimeError), TimelineWriter(out, run=samples.RUN) as writer:
        writer.write_batch(*rows_of({"doc-banjir"}))
        raise RuntimeError("worker died")
    assert not (out / "events.parquet").exists()
    assert set(TimelineWriter(out, run=samples.RUN, resume=True).done_documents()) == {"doc-banjir"}


# ---------------------------------------------------------------- rejects


def test_rejects_in_input_order_and_stale_file_removed(tmp_path: Path):
    out = tmp_path / "out"
    with TimelineWriter(out, run=samples.RUN) as writer:
        writer.write_batch(*rows_of({"doc-banjir"}), rejects=samples.rejects()[1:])
        writer.write_batch([], [], [], rejects=samples.rejects()[:1])
    lines = (out / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines == [r.model_dump_json() for r in (samples.rejects()[1], samples.rejects()[0])]
    write_timeline(samples.timeline(), out)
    assert not (out / "rejects.jsonl").exists()


# ---------------------------------------------------------------- partitioned datasets


@pytest.mark.parametrize("partition_by", ["year", "month"])
def test_partitioned_dataset_reads_as_one_table(tmp_path: Path, partition_by):
    out = tmp_path / "out"
    paths = write_timeline(samples.timeline(), out, formats=["parquet"], partition_by=partition_by)
    assert sorted(p.name for p in paths) == ["documents", "events", "timexes"]
    for table, column, rows in (
        ("events", "time_start", samples.events()),
        ("timexes", "interval_start", samples.timexes()),
        ("documents", "published", samples.documents()),
    ):
        pattern = str(out / table / "**" / "*.parquet")
        from_duckdb = duckdb.sql(
            f"select year, {column} from read_parquet('{pattern}', hive_partitioning=true) order by all"
        ).fetchall()
        from_polars = pl.scan_parquet(pattern, hive_partitioning=True).select("year", column).collect()
        days = [getattr(row, column) for row in rows]
        expected = sorted(((day.year if day else None), day) for day in days if day) + [(None, None)] * days.count(None)
        assert len(from_duckdb) == from_polars.height == len(rows)
        assert from_polars.schema[column] == pl.Date and from_polars.schema["year"] == pl.Int64
        for year, day in from_polars.iter_rows():
            assert year == (day.year if day else None)
        for year, day in from_duckdb:
            assert year == (day.year if day else None)
        assert from_duckdb == expected


def test_month_partitions_and_null_partition(tmp_path: Path):
    out = tmp_path / "out"
    write_timeline(samples.timeline(), out, formats=["parquet"], partition_by="month")
    parts = sorted(str(p.relative_to(out / "events")) for p in (out / "events").rglob("*.parquet"))
    assert parts == [
        "year=2023/month=9/part-0.parquet",
        "year=2024/month=3/part-0.parquet",
        "year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/part-0.parquet",
    ]
    months = duckdb.sql(
        f"select distinct month from read_parquet('{out}/events/**/*.parquet', hive_partitioning=true) order by 1"
    ).fetchall()
    assert months == [(3,), (9,), (None,)]
    frame = pl.read_parquet(out / "events", hive_partitioning=True)
    assert frame.filter(pl.col("month").is_null())["trigger"].to_list() == ["menolak", "menggelar"]
    # the vague event keeps its date's partition, after the dated events of that month
    september = pq.read_table(out / "events" / "year=2023" / "month=9" / "part-0.parquet")
    assert september.column("trigger").to_pylist() == ["bertemu", "menandatangani", "meningkat"]
    assert september.schema.equals(arrow_schema("events"))


def test_partitioned_output_is_byte_identical_and_resumable(tmp_path: Path):
    write_timeline(samples.timeline(), tmp_path / "whole", partition_by="year")
    out = tmp_path / "out"
    with TimelineWriter(out, run=samples.RUN, partition_by="year") as writer:
        writer.write_batch(*rows_of({"doc-banjir"}))
    with TimelineWriter(out, run=samples.RUN, partition_by="year", resume=True) as writer:
        writer.write_batch(*rows_of({"doc-kttasean", "doc-tanpa-tanggal"}))
    assert files_of(out) == files_of(tmp_path / "whole")


def test_empty_partitioned_dataset_is_still_readable(tmp_path: Path):
    out = tmp_path / "out"
    write_timeline(Timeline(run=samples.RUN), out, formats=["parquet"], partition_by="year")
    count = duckdb.sql(f"select count(*) from read_parquet('{out}/events/**/*.parquet', hive_partitioning=true)")
    assert count.fetchall() == [(0,)]
    assert pl.scan_parquet(f"{out}/events/**/*.parquet", hive_partitioning=True).collect().height == 0


# ---------------------------------------------------------------- errors and atomicity


def test_unwritable_output_directory(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="not-a-folder"):
        write_timeline(samples.timeline(), blocker / "out")


def test_failure_during_consolidation_leaves_previous_outputs_intact(written: Path, monkeypatch):
    before = files_of(written)
    calls = []

    def failing_write(self, chunk):
        calls.append(self.spec.name)
        if self.spec.name == "events":
            raise OSError(28, "No space left on device", str(written / "events.parquet"))

    monkeypatch.setattr(writer_module._Sinks, "write_rows", failing_write)
    with pytest.raises(OutputError, match="No space left on device"):
        write_timeline(samples.timeline().model_copy(update={"events": samples.events()[:1]}), written)
    assert calls == ["documents", "events"]
    assert files_of(written).keys() - before.keys() == {
        name for name in files_of(written) if name.startswith(".staging/batch-")
    }
    assert {name: data for name, data in files_of(written).items() if name in before} == before
    monkeypatch.undo()
    # the staged batch survived, so the run can be finished
    with TimelineWriter(written, run=samples.RUN, resume=True) as writer:
        assert len(writer.done_documents()) == 3
    assert not (written / ".staging").exists()


def test_a_programming_error_mid_write_also_leaves_previous_outputs_intact(written: Path, monkeypatch):
    before = files_of(written)

    def broken(self, chunk):
        raise ValueError("bug")

    monkeypatch.setattr(writer_module._Sinks, "write_texts", broken)
    with pytest.raises(ValueError, match="bug"):
        write_timeline(samples.timeline(), written)
    after = files_of(written)
    assert {name: data for name, data in after.items() if not name.startswith(".staging/")} == before
    assert all(name.startswith(".staging/batch-000001/") for name in after.keys() - before.keys())


def test_os_error_while_staging_a_batch(tmp_path: Path):
    out = tmp_path / "out"
    writer = TimelineWriter(out, run=samples.RUN)
    staging = out / ".staging"
    staging.rmdir()
    staging.write_text("in the way")
    with pytest.raises(OutputError, match=r"\.staging"):
        writer.write_batch(*rows_of({"doc-banjir"}))


@pytest.mark.parametrize("seed", range(5))
def test_merge_runs_gives_sorted_rows_in_exact_chunks(tmp_path: Path, monkeypatch, seed):
    from timeline.writers import merge
    from timeline.writers.staging import staged_table
    from timeline.writers.tables import TABLES

    monkeypatch.setattr(merge, "RUN_BATCH_BYTES", 1)  # the smallest batches runs are written with
    monkeypatch.setattr(merge, "CHUNK_ROWS", 4)
    generator = random.Random(seed)
    base = samples.timexes()[0]
    timexes = [
        base.model_copy(update={"id": f"t{n}", "document_id": f"d{generator.randint(0, 3)}", "start": generator.randint(0, 9)})
        for n in range(40)
    ]
    timexes.append(timexes[5])  # an exact duplicate row
    generator.shuffle(timexes)
    paths = []
    for number, start in enumerate(range(0, len(timexes), 7)):
        path = tmp_path / f"run-{number}{merge.RUN_SUFFIX}"
        merge.write_run(staged_table(TABLES["timexes"], timexes[start : start + 7]), path)
        paths.append(path)
    chunks = list(merge.merge_runs(paths, TABLES["timexes"].sort_keys, "_json"))
    assert [chunk.num_rows for chunk in chunks] == [4] * 10 + [1]
    merged = [Timex.model_validate_json(row) for chunk in chunks for row in chunk.column("_json").to_pylist()]
    assert merged == sorted(timexes, key=lambda t: (timex_sort_key(t), t.model_dump_json()))


def test_merge_runs_orders_rows_of_equal_keys_by_their_json_across_runs(tmp_path: Path, monkeypatch):
    from timeline.writers import merge
    from timeline.writers.staging import staged_table
    from timeline.writers.tables import TABLES

    monkeypatch.setattr(merge, "RUN_BATCH_BYTES", 1)
    base = samples.timexes()[0]
    # one key (document, offsets, id) with different values: only the JSON text can order them
    twins = [base.model_copy(update={"value": f"2023-0{month}"}) for month in range(1, 10)]
    paths = []
    for number, start in enumerate(range(0, len(twins), 3)):
        path = tmp_path / f"run-{number}{merge.RUN_SUFFIX}"
        merge.write_run(staged_table(TABLES["timexes"], twins[start : start + 3]), path)
        paths.append(path)
    merged = [row for chunk in merge.merge_runs(paths, TABLES["timexes"].sort_keys, "_json") for row in chunk.column("_json").to_pylist()]
    assert merged == sorted(twin.model_dump_json() for twin in twins)


@pytest.mark.parametrize("partition_by", [None, "month"])
def test_resume_from_parquet_only_output(tmp_path: Path, partition_by):
    write_timeline(samples.timeline(), tmp_path / "whole", formats=["parquet"], partition_by=partition_by)
    out = tmp_path / "out"
    with TimelineWriter(out, ["parquet"], run=samples.RUN, partition_by=partition_by) as writer:
        writer.write_batch(*rows_of({"doc-banjir", "doc-tanpa-tanggal"}))
    with TimelineWriter(out, ["parquet"], run=samples.RUN, partition_by=partition_by, resume=True) as writer:
        assert set(writer.done_documents()) == {"doc-banjir", "doc-tanpa-tanggal"}
        writer.write_batch(*rows_of({"doc-kttasean"}))
    assert files_of(out) == files_of(tmp_path / "whole")


def test_a_batch_staged_in_another_process_gives_the_dataset_of_write_batch(tmp_path: Path):
    import pickle

    from timeline.writers import stage_batch

    staged = stage_batch(samples.documents(), samples.timexes(), samples.events(), samples.rejects())
    assert staged.row_counts == {
        "documents": len(samples.documents()), "events": len(samples.events()), "timexes": len(samples.timexes())
    }
    assert staged.document_ids == tuple(document.id for document in samples.documents())
    with TimelineWriter(tmp_path / "staged", run=samples.RUN) as writer:
        writer.write_staged(pickle.loads(pickle.dumps(staged)))
    with TimelineWriter(tmp_path / "direct", run=samples.RUN) as writer:
        writer.write_batch(samples.documents(), samples.timexes(), samples.events(), rejects=samples.rejects())
    assert files_of(tmp_path / "staged") == files_of(tmp_path / "direct")


def test_row_groups_gathered_from_several_chunks_keep_every_row_and_the_bytes(tmp_path: Path, monkeypatch):
    whole = pq.read_table(write_timeline(samples.timeline(), tmp_path / "whole", formats=["parquet"])[1])
    monkeypatch.setattr("timeline.writers.merge.CHUNK_ROWS", 2)
    monkeypatch.setattr(writer_module, "ROW_GROUP_ROWS", 3)  # a row group gathers two chunks of two rows
    write_timeline(samples.timeline(), tmp_path / "one", formats=["parquet"])
    with TimelineWriter(tmp_path / "split", ["parquet"], run=samples.RUN) as writer:
        for event in samples.events():
            writer.write_batch([], [], [event])
        writer.write_batch(samples.documents(), samples.timexes(), [])
    events = pq.ParquetFile(tmp_path / "one" / "events.parquet")
    sizes = [events.metadata.row_group(index).num_rows for index in range(events.metadata.num_row_groups)]
    assert sizes == [3, 1, 3, 1]  # 8 events gathered four at a time, each gathering cut at ROW_GROUP_ROWS
    assert pq.read_table(tmp_path / "one" / "events.parquet").to_pylist() == whole.to_pylist()
    assert files_of(tmp_path / "one") == files_of(tmp_path / "split")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.text(alphabet=st.sampled_from('ab ,"\r\n;é\t'), max_size=6)), min_size=3, max_size=3), min_size=1, max_size=8))
def test_csv_lines_are_what_the_csv_module_writes(rows):
    from timeline.writers.tables import csv_lines

    columns = [pa.array(list(column), pa.string()) for column in zip(*rows)]
    expected = io.StringIO(newline="")
    csv.writer(expected, lineterminator="\r\n").writerows(rows)
    assert "".join(csv_lines(columns).to_pylist()) == expected.getvalue()
