"""The README documents every output column: a field added to a model without a word there fails here."""

from pathlib import Path

import pytest

from timeline.models import Document, Event, Timex

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("model", [Event, Timex, Document], ids=lambda model: model.__name__)
def test_every_column_is_documented(model: type) -> None:
    missing = [name for name in model.model_fields if f"`{name}`" not in README]
    assert not missing, f"README.md does not document {model.__name__} columns {missing}"


def test_the_set_up_commands_are_the_ones_ci_runs() -> None:
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]'" in README and "python -m pytest -q" in README
    assert "pip install --quiet -e '.[test]'" in ci and "python -m pytest -q" in ci
