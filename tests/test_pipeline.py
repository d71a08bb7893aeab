"""The pipeline API: process_document, process_batch, extract, run_extract."""

from __future__ import annotations

import hashlib
import logging
import sys
from datetime import date

import pytest
from pipeline_corpus import ARTICLES, dataset_files, write_corpus

import timeline
from timeline import pipeline
from timeline.models import Document, PublishedSource, Reject
from timeline.pipeline import (
    DocumentResult,
    document_from_text,
    extract,
    process_batch,
    process_document,
    run_extract,
)
from timeline.writers import event_sort_key


def make_document(text: str, published: date | None = None, **fields) -> Document:
    return Document(
        text=text,
        published=published,
        published_source=PublishedSource.METADATA if published else None,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        **{"id": "uji", **fields},
    )


def test_process_document_tags_and_finds_events_with_valid_offsets():
    document = make_document(ARTICLES[0], date(2023, 9, 5))
    result = process_document(document)
    assert isinstance(result, DocumentResult)
    assert result.document == document
    assert any(timex.value.startswith("2023-09-04") for timex in result.timexes)
    assert result.events, "bertemu / menandatangani / mengatakan should give events"
    for timex in result.timexes:
        assert document.text[timex.start : timex.end] == timex.text
    for event in result.events:
        assert event.document_id == "uji"
        assert document.text[event.trigger_start : event.trigger_end] == event.trigger


def test_process_document_infers_a_missing_publication_date():
    text = "JAKARTA, Rabu, 13 September 2023 — Presiden bertemu para menteri di Istana hari ini."
    result = process_document(make_document(text))
    assert result.document.published == date(2023, 9, 13)
    assert result.document.published_source is PublishedSource.INFERRED
    assert result.document.published_evidence


def test_process_document_warns_when_no_date_can_be_found(caplog):
    document = make_document("Presiden bertemu para menteri kemarin.", path="berita/a.jsonl", line=3)
    with caplog.at_level(logging.WARNING, logger="timeline"):
        result = process_document(document)
    assert result.document.published is None
    assert any("berita/a.jsonl:3 (uji)" in message and "unresolved" in message for message in caplog.messages)


def test_a_failing_stage_rejects_only_its_document(monkeypatch):
    real_tag = pipeline.tag

    def fragile_tag(text, dct=None, document_id="doc"):
        if "meledak" in text:
            raise RuntimeError("tagger meledak")
        return real_tag(text, dct, document_id)

    monkeypatch.setattr(pipeline, "tag", fragile_tag)
    good = make_document(ARTICLES[1], date(2023, 1, 10), id="baik")
    bad = make_document("Bom meledak di pasar pada Senin.", date(2023, 1, 10), id="buruk", path="in.jsonl", line=7)
    unreadable = Reject(file="in.jsonl", line=8, reason="the line is not valid JSON")
    outcome = process_batch([good, bad, unreadable])
    first, second, third = outcome.items
    assert isinstance(first, DocumentResult) and first.document.id == "baik"
    assert second == Reject(file="in.jsonl", line=7, id="buruk", reason="processing failed: RuntimeError: tagger meledak")
    assert third is unreadable


def test_batch_warnings_are_carried_back_and_logged_by_the_caller(caplog):
    undated = make_document("Rapat digelar besok.", id="tanpa-tanggal")
    with caplog.at_level(logging.WARNING):
        outcome = process_batch([undated])
    assert [message.logger for message in outcome.warnings] == ["timeline.pipeline"]
    assert "tanpa-tanggal" in outcome.warnings[0].message
    assert not caplog.records, "the batch collects its warnings instead of emitting them"


def test_extract_accepts_strings_with_ids_from_their_content():
    result = extract(ARTICLES[:2], published=date(2023, 9, 5))
    expected_ids = sorted(document_from_text(text).id for text in ARTICLES[:2])
    assert [document.id for document in result.documents] == expected_ids
    assert all(document.published_source is PublishedSource.CLI for document in result.documents)
    assert result.run.tool_version == timeline.__version__
    assert result.run.settings == {"published": "2023-09-05"}
    assert result.events == sorted(result.events, key=event_sort_key)
    assert [(t.document_id, t.start) for t in result.timexes] == sorted((t.document_id, t.start) for t in result.timexes)


def test_extract_is_deterministic_and_order_independent():
    documents = [make_document(text, date(2023, 9, 5), id=f"d{index}") for index, text in enumerate(ARTICLES)]
    forward = extract(documents)
    backward = extract(list(reversed(documents)))
    assert forward.model_dump_json() == backward.model_dump_json()


def test_extract_leaves_out_duplicates_and_failures_with_a_warning(caplog, monkeypatch):
    monkeypatch.setattr(pipeline, "build_events", lambda *args: 1 / 0)
    with caplog.at_level(logging.WARNING, logger="timeline"):
        result = extract([ARTICLES[0], ARTICLES[0]], published=date(2023, 9, 5))
    assert result.documents == [] and result.events == []
    assert any("duplicate document id" in message for message in caplog.messages)
    assert any("ZeroDivisionError" in message for message in caplog.messages)


def test_public_exports():
    assert timeline.extract is extract
    assert timeline.process_document is process_document
    assert callable(timeline.tag) and callable(timeline.run_extract)


def test_run_extract_writes_a_dataset_and_counts(tmp_path):
    corpus = write_corpus(tmp_path / "berita.jsonl", 12)
    summary = run_extract([corpus], tmp_path / "out", workers=1, batch_size=5)
    assert (summary.documents, summary.skipped, summary.resumed) == (12, 0, 0)
    assert summary.events > 0 and summary.timexes > 0
    written = dataset_files(tmp_path / "out")
    assert {"events.parquet", "events.csv", "timeline.json", "events.jsonl"} <= set(written)
    assert written["events.jsonl"].count(b"\n") == summary.events
    assert "rejects.jsonl" not in written


def test_duplicates_are_caught_across_batches_and_commits_and_leave_no_scratch_file(tmp_path, monkeypatch):
    from timeline import pipeline

    monkeypatch.setattr(pipeline._Admission, "COMMIT_EVERY", 2)
    corpus = write_corpus(tmp_path / "berita.jsonl", 6)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    corpus.write_text("\n".join([*lines, lines[0], lines[4]]) + "\n", encoding="utf-8")
    rejects: list[Reject] = []
    summary = run_extract([corpus], tmp_path / "out", workers=1, batch_size=2, on_reject=rejects.append)
    assert (summary.documents, summary.skipped) == (6, 2)
    assert [reject.reason for reject in rejects] == [
        f"duplicate id, first seen at {corpus}:1",
        f"duplicate id, first seen at {corpus}:5",
    ]
    assert not (tmp_path / "out" / ".staging").exists()


def test_run_extract_rejects_duplicate_ids_and_bad_lines(tmp_path):
    corpus = write_corpus(tmp_path / "berita.jsonl", 3)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    corpus.write_text("\n".join([lines[0], "{bukan json", lines[1], lines[0]]) + "\n", encoding="utf-8")
    rejects: list[Reject] = []
    summary = run_extract([corpus], tmp_path / "out", workers=1, on_reject=rejects.append)
    assert summary.documents == 2 and summary.skipped == 2
    assert [reject.line for reject in rejects] == [2, 4]
    assert rejects[1].reason == f"duplicate id, first seen at {corpus}:1"
    written = (tmp_path / "out" / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert [Reject.model_validate_json(line) for line in written] == rejects


def test_batch_size_does_not_change_the_dataset(tmp_path):
    corpus = write_corpus(tmp_path / "berita.jsonl", 9)
    run_extract([corpus], tmp_path / "a", workers=1, batch_size=2)
    run_extract([corpus], tmp_path / "b", workers=1, batch_size=100)
    assert dataset_files(tmp_path / "a") == dataset_files(tmp_path / "b")


def test_run_extract_fills_publication_date_from_the_argument(tmp_path):
    (tmp_path / "a.txt").write_text("Menteri bertemu wartawan kemarin di Jakarta.", encoding="utf-8")
    run_extract([tmp_path / "a.txt"], tmp_path / "out", formats=["jsonl"], published=date(2024, 2, 1), workers=1)
    document = Document.model_validate_json((tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8"))
    assert (document.published, document.published_source) == (date(2024, 2, 1), PublishedSource.CLI)


def test_invalid_batch_size_is_refused(tmp_path):
    with pytest.raises(ValueError, match="batch size"):
        run_extract([tmp_path], tmp_path / "out", batch_size=0)


def test_document_count_is_estimated_only_where_cheap(tmp_path):
    from timeline.progress import estimate_documents

    folder = tmp_path / "arsip"
    (folder / "bagian").mkdir(parents=True)
    (folder / "a.txt").write_text("Satu.", encoding="utf-8")
    (folder / "a.meta.json").write_text("{}", encoding="utf-8")
    (folder / ".tersembunyi.txt").write_text("Bukan artikel.", encoding="utf-8")
    (folder / "bagian" / "b.md").write_text("Dua.", encoding="utf-8")
    write_corpus(folder / "bagian" / "c.jsonl", 3)
    (tmp_path / "tanpa-akhir.jsonl").write_text('{"text": "x"}\n{"text": "y"}', encoding="utf-8")
    assert estimate_documents([folder]) == 5
    assert estimate_documents([folder, tmp_path / "tanpa-akhir.jsonl", tmp_path / "hilang.txt"]) == 8
    assert estimate_documents([folder, "-"]) is None
    (folder / "larik.json").write_text("[]", encoding="utf-8")
    assert estimate_documents([folder]) is None


def test_a_terminal_is_told_when_the_final_files_are_being_written(tmp_path, monkeypatch, capsys):
    corpus = write_corpus(tmp_path / "berita.jsonl", 3)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    run_extract([corpus], tmp_path / "out", workers=1, progress=True)
    assert "writing the final files for 3 documents" in capsys.readouterr().err


def test_progress_stays_silent_when_stdout_is_not_a_terminal(tmp_path, capsys):
    from timeline.progress import RunProgress

    with RunProgress([tmp_path], enabled=True) as display:
        display.update(3, 0)
    assert not display.active
    assert capsys.readouterr() == ("", "")
