"""Corpus scale: worker processes, bounded memory, interrupted and resumed runs."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pipeline_corpus import dataset_files, write_corpus

from timeline import pipeline
from timeline.pipeline import batched_items, local_pool, process_and_stage, run_extract
from timeline.writers import TimelineWriter


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "berita.jsonl", 40)


def test_two_workers_give_the_same_dataset_as_one(tmp_path, corpus):
    run_extract([corpus], tmp_path / "one", workers=1, batch_size=4)
    summary = run_extract([corpus], tmp_path / "two", workers=2, batch_size=4)
    assert summary.documents == 40
    assert dataset_files(tmp_path / "one") == dataset_files(tmp_path / "two")


def test_the_pool_keeps_input_order_and_a_bounded_number_of_batches_in_flight(corpus):
    from timeline.readers import read_inputs

    pulled = 0

    def counted(batches):
        nonlocal pulled
        for batch in batches:
            pulled += 1
            yield batch

    workers = 2
    expected = [process_and_stage(batch) for batch in batched_items(read_inputs([corpus]), 3)]
    received = []
    with local_pool(workers) as mapper:
        for outcome in mapper(counted(batched_items(read_inputs([corpus]), 3))):
            assert pulled - len(received) <= 2 * workers
            received.append(outcome)
    assert received == expected


class _Crash(RuntimeError):
    pass


def _writer_crashing_after(batches: int) -> type[TimelineWriter]:
    class CrashingWriter(TimelineWriter):
        written = 0

        def write_staged(self, batch):
            if CrashingWriter.written == batches:
                raise _Crash("simulated crash")
            CrashingWriter.written += 1
            return super().write_staged(batch)

    return CrashingWriter


@pytest.mark.parametrize("workers", [1, 2])
def test_a_resumed_run_equals_an_uninterrupted_one(tmp_path, corpus, monkeypatch, workers):
    run_extract([corpus], tmp_path / "whole", workers=1, batch_size=4)
    monkeypatch.setattr(pipeline, "TimelineWriter", _writer_crashing_after(3))
    with pytest.raises(_Crash):
        run_extract([corpus], tmp_path / "resumed", workers=workers, batch_size=4)
    monkeypatch.undo()
    summary = run_extract([corpus], tmp_path / "resumed", workers=workers, batch_size=4, resume=True)
    assert summary.resumed == 12 and summary.documents == 28
    assert dataset_files(tmp_path / "resumed") == dataset_files(tmp_path / "whole")


def test_resuming_a_finished_run_processes_nothing_and_keeps_the_dataset(tmp_path, corpus):
    run_extract([corpus], tmp_path / "out", workers=1, batch_size=8)
    before = dataset_files(tmp_path / "out")
    summary = run_extract([corpus], tmp_path / "out", workers=1, batch_size=8, resume=True)
    assert (summary.documents, summary.resumed) == (0, 40)
    assert dataset_files(tmp_path / "out") == before


def test_a_changed_document_is_processed_again_on_resume(tmp_path, corpus):
    run_extract([corpus], tmp_path / "out", workers=1)
    lines = corpus.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("Catatan redaksi nomor 0.", "Catatan redaksi diperbarui.")
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = run_extract([corpus], tmp_path / "out", workers=1, resume=True)
    assert (summary.documents, summary.resumed) == (1, 39)
    run_extract([corpus], tmp_path / "fresh", workers=1)
    assert dataset_files(tmp_path / "out") == dataset_files(tmp_path / "fresh")


def test_a_killed_run_resumes_to_the_same_dataset(tmp_path):
    corpus = write_corpus(tmp_path / "berita.jsonl", 400)
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "timeline.cli", "extract", str(corpus), "--out", str(out)]
    command += ["--workers", "1", "--batch-size", "10", "--quiet"]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        staged = [path for path in out.rglob("*") if path.is_file()] if out.exists() else []
        if len(staged) >= 3:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    process.wait()
    if process.returncode == 0:
        pytest.skip("the run finished before it could be killed")
    assert process.returncode == -signal.SIGKILL
    assert not (out / "events.parquet").exists()
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    run_extract([corpus], tmp_path / "whole", workers=1, batch_size=10)
    assert dataset_files(out) == dataset_files(tmp_path / "whole")
