"""Check output files against the schemas derived from the models.

JSON and JSONL files are validated with `jsonschema` against `json_schemas()`
(independently of pydantic, as any consumer would); Parquet files and
Hive-partitioned dataset folders are compared column by column with
`arrow_schema()`; CSV headers with the expected columns. Every problem is one
message naming the file (and line, for JSONL).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from timeline.schemas import json_schemas
from timeline.writers.tables import TABLE_NAMES, TABLES, TableName, arrow_schema

JSONL_SCHEMAS = {
    "events": "event.schema.json",
    "timexes": "timex.schema.json",
    "documents": "document.schema.json",
    "rejects": "reject.schema.json",
}
TIMELINE_SCHEMA = "timeline.schema.json"
# Only `date` is checked: the models' datetimes are local (no zone), which RFC 3339 `date-time` would refuse.
_FORMATS = FormatChecker(formats=("date",))


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    return Draft202012Validator(json_schemas()[schema_name], format_checker=_FORMATS)


def _where(error: ValidationError) -> str:
    location = ".".join(str(part) for part in error.absolute_path)
    return f"at {location}: " if location else ""


def _message(error: ValidationError) -> str:
    """For an optional field (`anyOf: [X, null]`) the reason X failed says more than 'not valid under any'."""
    reasons = [inner for inner in error.context if not (inner.validator == "type" and inner.validator_value == "null")]
    return reasons[0].message if len(reasons) == 1 else error.message


def _schema_errors(validator: Draft202012Validator, instance: object) -> Iterator[str]:
    for error in sorted(validator.iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        yield f"{_where(error)}{_message(error)}"


def _validate_jsonl(path: Path, schema_name: str) -> list[str]:
    validator = _validator(schema_name)
    messages = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                messages.append(f"{path}:{number}: empty line")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                messages.append(f"{path}:{number}: invalid JSON: {error.msg} (column {error.colno})")
                continue
            messages.extend(f"{path}:{number}: {message}" for message in _schema_errors(validator, record))
    return messages


def _validate_json(path: Path, schema_name: str) -> list[str]:
    try:
        with path.open(encoding="utf-8") as handle:
            document = json.load(handle)
    except json.JSONDecodeError as error:
        return [f"{path}:{error.lineno}: invalid JSON: {error.msg} (column {error.colno})"]
    return [f"{path}: {message}" for message in _schema_errors(_validator(schema_name), document)]


def _type_name(data_type: pa.DataType) -> str:
    return "date32" if pa.types.is_date32(data_type) else str(data_type)


def _parquet_messages(label: Path, actual: pa.Schema, table: TableName) -> list[str]:
    expected = arrow_schema(table)
    messages = []
    for field in expected:
        if field.name not in actual.names:
            messages.append(f"{label}: missing column {field.name} ({_type_name(field.type)})")
            continue
        found = actual.field(field.name)
        if not found.type.equals(field.type):
            messages.append(f"{label}: column {field.name} is {_type_name(found.type)}, expected {_type_name(field.type)}")
        elif found.nullable and not field.nullable and _has_nulls(label, field.name):
            messages.append(f"{label}: column {field.name} has nulls but is required")
    messages.extend(f"{label}: unexpected column {name}" for name in actual.names if name not in expected.names)
    return messages


def _has_nulls(path: Path, column: str) -> bool:
    metadata = pq.ParquetFile(path).metadata
    index = metadata.schema.names.index(column) if column in metadata.schema.names else None
    if index is None:
        return False
    for group in range(metadata.num_row_groups):
        statistics = metadata.row_group(group).column(index).statistics
        if statistics is None or not statistics.has_null_count or statistics.null_count:
            return True
    return False


def _validate_parquet_file(path: Path, table: TableName) -> list[str]:
    try:
        schema = pq.read_schema(path)
    except (pa.ArrowInvalid, OSError) as error:
        return [f"{path}: not a readable Parquet file: {error}"]
    return _parquet_messages(path, schema, table)


def _validate_dataset(folder: Path, table: TableName) -> list[str]:
    parts = sorted(folder.rglob("*.parquet"))
    if not parts:
        return [f"{folder}: no Parquet files in the dataset folder"]
    messages = []
    for part in parts:
        messages.extend(_validate_parquet_file(part, table))
        for level in part.relative_to(folder).parent.parts:
            if "=" not in level:
                messages.append(f"{part}: folder {level} is not a Hive partition (key=value)")
    return messages


def _validate_csv(path: Path, table: TableName) -> list[str]:
    expected = TABLES[table].csv_header()
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    if header != expected:
        missing = [column for column in expected if column not in header]
        extra = [column for column in header if column not in expected]
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unexpected {', '.join(extra)}" if extra else "",
                "columns out of order" if not missing and not extra else "",
            )
            if part
        )
        return [f"{path}:1: header does not match the {table} table: {detail}"]
    return []


def _table_of(name: str) -> TableName | None:
    return name if name in TABLE_NAMES else None  # type: ignore[return-value]


def _validate_output_dir(folder: Path) -> list[str]:
    known = [
        child
        for child in sorted(folder.iterdir())
        if child.name == "timeline.json"
        or (child.is_file() and child.stem in (*TABLE_NAMES, "rejects") and child.suffix in (".jsonl", ".parquet", ".csv"))
        or (child.is_dir() and _table_of(child.name))
    ]
    if not known:
        return [f"{folder}: no timeline outputs found (events.parquet, events.jsonl, timeline.json, ...)"]
    return [message for child in known for message in validate_path(child)]


def validate_path(path: Path) -> list[str]:
    """Problems found in an output file, dataset folder or output folder; an empty list means valid."""
    path = Path(path)
    if not path.exists():
        return [f"{path}: no such file or directory"]
    if path.is_dir():
        table = _table_of(path.name)
        if table and any(path.rglob("*.parquet")):
            return _validate_dataset(path, table)
        return _validate_output_dir(path)
    table = _table_of(path.stem)
    if path.suffix == ".jsonl" and path.stem in JSONL_SCHEMAS:
        return _validate_jsonl(path, JSONL_SCHEMAS[path.stem])
    if path.name == "timeline.json" or path.name.endswith(".timeline.json"):
        return _validate_json(path, TIMELINE_SCHEMA)
    if path.suffix == ".parquet":
        table = table or next((_table_of(parent.name) for parent in path.parents if _table_of(parent.name)), None)
        if table:
            return _validate_parquet_file(path, table)
    if path.suffix == ".csv" and table:
        return _validate_csv(path, table)
    return [f"{path}: unknown output file; expected events/timexes/documents .parquet/.csv/.jsonl, rejects.jsonl or timeline.json"]
