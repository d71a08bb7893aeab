"""JSON Schemas of the JSON/JSONL outputs, generated from the pydantic models."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel

from timeline.models import Document, Event, Reject, Timeline, Timex

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "timeline.schema.json": Timeline,
    "event.schema.json": Event,
    "timex.schema.json": Timex,
    "document.schema.json": Document,
    "reject.schema.json": Reject,
}


def json_schemas() -> dict[str, dict]:
    """File name → JSON Schema of the model's serialized form (what the JSON/JSONL outputs contain)."""
    return {
        name: {"$schema": DRAFT, **model.model_json_schema(mode="serialization")}
        for name, model in SCHEMA_MODELS.items()
    }


def schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema to out_dir (indent 2, trailing newline; each file replaced atomically)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        target = out_dir / name
        temporary = target.with_name(f".{name}.tmp")
        temporary.write_text(schema_text(schema), encoding="utf-8")
        os.replace(temporary, target)
        written.append(target)
    return written
