from pathlib import Path

import pytest

from timeline import resources


def test_tsv_skips_comments_and_blank_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "_read_text", lambda _: "# a comment\nword\ttype\n\nbertemu\tCONSULT\n")
    resources.load_tsv.cache_clear()
    try:
        assert resources.load_tsv("x.tsv") == ({"word": "bertemu", "type": "CONSULT"},)
    finally:
        resources.load_tsv.cache_clear()


def test_toml_reads_package_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "_read_text", lambda _: 'months = ["Januari"]\n')
    resources.load_toml.cache_clear()
    try:
        assert resources.load_toml("x.toml") == {"months": ["Januari"]}
    finally:
        resources.load_toml.cache_clear()


def test_seed_is_bundled() -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    assert (seeds / "000_f289a60c1eb80260.txt").read_text(encoding="utf-8").startswith("KLIKPOSITIF")
