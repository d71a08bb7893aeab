"""Language data shipped with the package (rules as data, engine as code).

Each stage keeps its word lists and rules in files under `timeline/data/`;
adding a word there needs no code change. Files are parsed once per process.
"""

from __future__ import annotations

import csv
import io
import tomllib
from functools import cache
from importlib import resources
from typing import Any


def _read_text(relative_path: str) -> str:
    return resources.files("timeline").joinpath("data", relative_path).read_text(encoding="utf-8")


@cache
def load_toml(relative_path: str) -> dict[str, Any]:
    """Parse `timeline/data/<relative_path>` as TOML."""
    return tomllib.loads(_read_text(relative_path))


@cache
def load_tsv(relative_path: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated file with a header line; lines starting with `#` are comments."""
    lines = [line for line in _read_text(relative_path).splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({key: (value or "").strip() for key, value in row.items()} for row in reader)
