"""The `timeline` command line, through typer's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pipeline_corpus import ARTICLES, write_corpus
from typer.testing import CliRunner

import timeline
from timeline.cli import app
from timeline.timeml import parse_timeml

runner = CliRunner()

GOLD_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>uji-emas</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-09-13" functionInDocument="CREATION_TIME">2023-09-13</TIMEX3></DCT>
<TEXT>Menteri bertemu wartawan pada <TIMEX3 tid="t1" type="DATE" value="2023-09-12">Selasa (12/9)</TIMEX3> di Jakarta.</TEXT>
</TimeML>
"""


def invoke(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture
def project_copy(tmp_path, seed_dir, monkeypatch) -> Path:
    """A working directory holding a copy of the bundled seeds/, as after a fresh clone."""
    shutil.copytree(seed_dir, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"timeline {timeline.__version__}"


@pytest.mark.parametrize("command", ["extract", "tag", "validate", "schema", "eval"])
def test_every_command_has_help_with_examples(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"timeline {command}" in result.stdout


def test_extract_help_documents_exit_codes():
    help_text = invoke("extract", "--help").stdout
    assert "Exit codes:" in help_text and "rejects.jsonl" in help_text


def test_extract_reads_seeds_by_default_and_is_byte_identical_twice(project_copy):
    first = invoke("extract", "--quiet")
    assert first.exit_code == 0, first.output
    exports = project_copy / "exports"
    snapshot = {name: (exports / name).read_bytes() for name in ("timeline.json", "events.csv", "timexes.csv")}
    document = json.loads(snapshot["timeline.json"])["documents"][0]
    assert document["id"] == "klikpositif-kim-putin-vostochny"
    second = invoke("extract", "--quiet")
    assert second.exit_code == 0, second.output
    assert {name: (exports / name).read_bytes() for name in snapshot} == snapshot


def test_extract_prints_a_summary_line_on_stderr(project_copy):
    result = invoke("extract", "--out", "hasil", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert "1 documents" in result.stderr and "docs/s" in result.stderr
    assert result.stdout == ""
    assert sorted(path.name for path in (project_copy / "hasil").iterdir()) == [
        "documents.jsonl",
        "events.jsonl",
        "timexes.jsonl",
    ]


def test_extract_names_a_malformed_line_and_processes_the_others(tmp_path):
    corpus = write_corpus(tmp_path / "berita.jsonl", 3)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    corpus.write_text("\n".join([lines[0], '{"id": "rusak", "text": ', lines[1], lines[2]]) + "\n", encoding="utf-8")
    result = invoke("extract", str(corpus), "--out", str(tmp_path / "out"), "--quiet", "--workers", "1")
    assert result.exit_code == 1
    assert f"{corpus}:2" in result.stderr
    assert "3 documents" not in result.stderr  # --quiet: no summary
    documents = (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(documents) == 3
    rejects = (tmp_path / "out" / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["line"] for line in rejects] == [2]


def test_extract_missing_input_is_nothing_readable(tmp_path):
    missing = tmp_path / "tidak-ada.jsonl"
    result = invoke("extract", str(missing), "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 2
    assert str(missing) in result.stderr and "nothing readable" in result.stderr


def test_extract_without_inputs_or_seeds_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("extract", "--quiet")
    assert result.exit_code == 2
    assert "seeds/" in result.stderr


def test_extract_unwritable_output_names_the_path(tmp_path):
    corpus = write_corpus(tmp_path / "berita.jsonl", 1)
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder", encoding="utf-8")
    result = invoke("extract", str(corpus), "--out", str(blocker / "out"), "--quiet")
    assert result.exit_code == 2
    assert str(blocker) in result.stderr


def test_extract_warns_about_a_document_without_publication_date(tmp_path):
    (tmp_path / "tanpa-tanggal.txt").write_text("Menteri bertemu wartawan kemarin di Jakarta.", encoding="utf-8")
    result = invoke("extract", str(tmp_path / "tanpa-tanggal.txt"), "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0
    assert "tanpa-tanggal" in result.stderr and "unresolved" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--published", "13-09-2023"],
        ["--format", "xlsx"],
        ["--workers", "0"],
        ["--engine", "spark"],
        ["--partition-by", "day"],
        ["--scheduler", "tcp://127.0.0.1:8786"],
    ],
)
def test_extract_usage_errors(tmp_path, args):
    result = invoke("extract", str(tmp_path), "--out", str(tmp_path / "out"), *args)
    assert result.exit_code == 2


def test_extract_partitioned_by_year(tmp_path):
    corpus = write_corpus(tmp_path / "berita.jsonl", 4)
    out = tmp_path / "out"
    result = invoke("extract", str(corpus), "--out", str(out), "--format", "parquet", "--partition-by", "year", "-q")
    assert result.exit_code == 0, result.output
    assert any(path.name.startswith("year=") for path in (out / "events").iterdir())


def test_tag_jsonl_uses_each_record_date(tmp_path):
    records = [
        {"id": "a", "text": "Rapat digelar Rabu (13/9) pukul 10.00 WIB.", "published": "2023-09-11"},
        {"id": "b", "text": "Rapat digelar Rabu (13/9) pukul 10.00 WIB.", "published": "2017-09-11"},
    ]
    stdin = "".join(json.dumps(record) + "\n" for record in records)
    result = invoke("tag", "-", "--format", "jsonl", stdin=stdin)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    first_values = [timex["value"] for timex in lines[0]["timexes"]]
    second_values = [timex["value"] for timex in lines[1]["timexes"]]
    assert any(value.startswith("2023-09-13") for value in first_values)
    assert any(value.startswith("2017-09-13") for value in second_values)
    assert {"start", "end", "text", "type", "value", "mod"} <= set(lines[0]["timexes"][0])


def test_tag_dct_overrides_the_record_date(tmp_path):
    stdin = json.dumps({"id": "a", "text": "Rapat digelar Rabu (13/9).", "published": "2017-09-11"}) + "\n"
    result = invoke("tag", "-", "--format", "jsonl", "--dct", "2023-09-12", stdin=stdin)
    assert result.exit_code == 0, result.output
    values = [timex["value"] for timex in json.loads(result.stdout)["timexes"]]
    assert "2023-09-13" in values


def test_tag_timeml_round_trips_the_text(tmp_path):
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLES[0], encoding="utf-8")
    result = invoke("tag", str(article), "--dct", "2023-09-05")
    assert result.exit_code == 0, result.output
    document = parse_timeml(result.stdout)
    assert document.text == ARTICLES[0]
    assert document.dct.isoformat() == "2023-09-05"
    assert any(timex.value.startswith("2023-09-04") for timex in document.timexes)


def test_tag_names_a_bad_line_and_exits_1(tmp_path):
    corpus = tmp_path / "berita.jsonl"
    corpus.write_text('{"id": "a", "text": "Sidang digelar besok.", "published": "2023-01-02"}\nrusak\n', encoding="utf-8")
    result = invoke("tag", str(corpus), "--format", "jsonl")
    assert result.exit_code == 1
    assert f"{corpus}:2" in result.stderr
    assert json.loads(result.stdout)["id"] == "a"


def test_validate_accepts_extract_output_and_names_a_broken_line(tmp_path):
    corpus = write_corpus(tmp_path / "berita.jsonl", 2)
    out = tmp_path / "out"
    assert invoke("extract", str(corpus), "--out", str(out), "-q").exit_code == 0
    good = invoke("validate", str(out / "timeline.json"), str(out / "events.jsonl"), str(out / "events.parquet"))
    assert good.exit_code == 0, good.output
    events = out / "events.jsonl"
    events.write_text(events.read_text(encoding="utf-8") + '{"event_id": "x"}\n', encoding="utf-8")
    bad = invoke("validate", str(events))
    assert bad.exit_code == 1
    broken_line = len(events.read_text(encoding="utf-8").splitlines())
    assert f"events.jsonl:{broken_line}" in bad.stdout


def test_validate_missing_file(tmp_path):
    result = invoke("validate", str(tmp_path / "tidak-ada.jsonl"))
    assert result.exit_code == 1
    assert "tidak-ada.jsonl" in result.stdout


def test_schema_writes_the_json_schemas(tmp_path):
    result = invoke("schema", "--out", str(tmp_path / "skema"))
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in (tmp_path / "skema").iterdir())
    assert "event.schema.json" in written and "timeline.schema.json" in written
    assert json.loads((tmp_path / "skema" / "event.schema.json").read_text(encoding="utf-8"))


def test_schema_unwritable_out(tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("x", encoding="utf-8")
    result = invoke("schema", "--out", str(blocker / "skema"))
    assert result.exit_code == 2
    assert str(blocker) in result.stderr


def test_eval_scores_a_gold_file(tmp_path):
    gold = tmp_path / "emas.tml"
    gold.write_text(GOLD_TML, encoding="utf-8")
    table = invoke("eval", str(gold))
    assert table.exit_code == 0, table.output
    assert "F1" in table.stdout or "f1" in table.stdout
    report = json.loads(invoke("eval", str(gold), "--json").stdout)
    assert report


def test_eval_missing_gold(tmp_path):
    result = invoke("eval", str(tmp_path / "tidak-ada"))
    assert result.exit_code == 2
    assert "tidak-ada" in result.stderr


def test_extract_reads_jsonl_from_stdin(tmp_path):
    corpus = write_corpus(tmp_path / "berita.jsonl", 2)
    out = tmp_path / "out"
    result = invoke("extract", "-", "--out", str(out), "--format", "jsonl", "-q", stdin=corpus.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ids == ["berita-0000", "berita-0001"]
