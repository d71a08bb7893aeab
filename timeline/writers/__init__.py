"""Output datasets: Parquet (flat or Hive-partitioned), CSV, JSON and JSONL, written atomically and resumably."""

from timeline.writers.staging import StagedBatch, stage_batch
from timeline.writers.tables import (
    TABLE_NAMES,
    TABLES,
    TableName,
    arrow_schema,
    document_sort_key,
    event_sort_key,
    headline_actors,
    timex_sort_key,
)
from timeline.writers.writer import (
    FORMATS,
    OutputError,
    PartitionBy,
    TimelineWriter,
    write_timeline,
)

__all__ = [
    "FORMATS",
    "TABLES",
    "TABLE_NAMES",
    "OutputError",
    "PartitionBy",
    "StagedBatch",
    "TableName",
    "TimelineWriter",
    "arrow_schema",
    "document_sort_key",
    "event_sort_key",
    "headline_actors",
    "stage_batch",
    "timex_sort_key",
    "write_timeline",
]
