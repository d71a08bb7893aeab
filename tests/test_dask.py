"""The Dask engine gives the dataset of a single-process run."""

from __future__ import annotations

import sys

import pytest
from pipeline_corpus import dataset_files, write_corpus

from timeline.dask_engine import DaskUnavailable, dask_mapper
from timeline.pipeline import run_extract

pytest.importorskip("distributed")


def test_a_local_cluster_of_two_workers_gives_the_single_process_dataset(tmp_path):
    corpus = write_corpus(tmp_path / "berita.jsonl", 30)
    run_extract([corpus], tmp_path / "single", workers=1, batch_size=4)
    summary = run_extract([corpus], tmp_path / "dask", workers=2, batch_size=4, engine="dask")
    assert summary.documents == 30
    assert dataset_files(tmp_path / "dask") == dataset_files(tmp_path / "single")


def test_a_missing_dask_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(DaskUnavailable, match=r"timeline\[dask\]"), dask_mapper(2):
        pass


def test_an_unreachable_scheduler_is_a_clear_error():
    import dask

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(DaskUnavailable, match="tcp://127.0.0.1:9"),
        dask_mapper(1, "tcp://127.0.0.1:9"),
    ):
        pass
