"""The `timeline` command: a thin shell over the pipeline, tagger, writers and evaluation APIs."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, get_args

import typer

from timeline import __version__
from timeline.dask_engine import DaskUnavailable
from timeline.evaluation import evaluate, format_report
from timeline.models import Document, PublishedSource, Reject
from timeline.pipeline import (
    DEFAULT_BATCH_SIZE,
    Engine,
    describe,
    run_extract,
    with_publication_date,
)
from timeline.readers import read_inputs
from timeline.schemas import write_schemas
from timeline.temporal import tag as tag_text
from timeline.timeml import render_timeml
from timeline.validate import validate_path
from timeline.writers import FORMATS, OutputError
from timeline.writers import PartitionBy as WriterPartitionBy

EXIT_CODES = """\b
Exit codes:
  0  every record was processed
  1  some records were skipped (listed in rejects.jsonl, and on stderr with file and line)
  2  usage error, nothing readable, or the output could not be written"""

TAG_EXIT_CODES = """\b
Exit codes:
  0  every record was tagged
  1  some records were skipped (named on stderr with file and line)
  2  usage error or nothing readable"""

app = typer.Typer(
    name="timeline",
    help="Event timelines from Indonesian news: TIMEX3 temporal expressions, events, actors and locations.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _choices(name: str, values: Iterable[str]) -> type[StrEnum]:
    """A typer choice type over values the pipeline and writers define, so they are listed in one place."""
    return StrEnum(name, {value.upper(): value for value in values})


OutputFormat = _choices("OutputFormat", FORMATS)
PartitionBy = _choices("PartitionBy", get_args(WriterPartitionBy))
EngineName = _choices("EngineName", get_args(Engine))


class TagFormat(StrEnum):
    TIMEML = "timeml"
    JSONL = "jsonl"


class _StderrHandler(logging.Handler):
    """Writes to whatever `sys.stderr` is at the time (test runners swap it between commands)."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "timeline" or record.name.startswith("timeline."):
            print(f"warning: {record.getMessage()}", file=sys.stderr)


@contextmanager
def _warnings_on_stderr() -> Iterator[None]:
    root = logging.getLogger()
    handler = _StderrHandler(logging.WARNING)
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def _fail(message: str) -> typer.Exit:
    print(f"error: {message}", file=sys.stderr)
    return typer.Exit(2)


def _report_reject(reject: Reject) -> None:
    place = reject.file or "<input>"
    if reject.line is not None:
        place = f"{place}:{reject.line}"
    named = f" ({reject.id})" if reject.id else ""
    print(f"skipped {place}{named}: {reject.reason}", file=sys.stderr)


def _default_inputs(inputs: list[str] | None) -> list[str]:
    if inputs:
        return inputs
    if not Path("seeds").is_dir():
        raise _fail("no inputs given and no seeds/ folder in the current directory")
    return ["seeds"]


def _show_version(value: bool) -> None:
    if value:
        print(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Event timelines from Indonesian news: TIMEX3 temporal expressions, events, actors and locations."""


@app.command(
    epilog=f"""\b
Examples:
  timeline extract                                  # the articles in seeds/, into exports/
  timeline extract news.jsonl --out data/ --format parquet --format csv
  timeline extract archive/ --published 2023-09-13 --workers 4 --partition-by month
  timeline extract big.jsonl --resume               # continue an interrupted run
  cat news.jsonl | timeline extract - --quiet
  timeline extract big.jsonl --engine dask --scheduler tcp://10.0.0.5:8786

{EXIT_CODES}"""
)
def extract(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(metavar="INPUT", help="Files or folders (.txt, .md, .jsonl, .json, .tml); - reads JSONL from stdin. Default: seeds/."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("exports"),
    formats: Annotated[
        list[OutputFormat] | None, typer.Option(
            "--format", "-f", metavar="FORMAT", help="parquet, csv, json or jsonl; repeat for several. Default: all."
        )
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for documents that carry none.")
    ] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes. Default: the machine's cores.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per batch.")] = DEFAULT_BATCH_SIZE,
    resume: Annotated[bool, typer.Option(help="Skip documents already in the output (same id and content).")] = False,
    partition_by: Annotated[
        PartitionBy | None, typer.Option(help="Write Hive-partitioned Parquet datasets by year or month.")
    ] = None,
    engine: Annotated[EngineName, typer.Option(help="Run batches locally or on Dask.")] = EngineName.LOCAL,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address; default: a local cluster.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display and no summary line.")] = False,
) -> None:
    """Extract events and temporal expressions into Parquet, CSV and JSON datasets."""
    published_date = _parse_date(published)
    if scheduler is not None and engine is not EngineName.DASK:
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    sources = _default_inputs(inputs)
    with _warnings_on_stderr():
        try:
            summary = run_extract(
                sources,
                out,
                formats=[fmt.value for fmt in formats] if formats else ("parquet", "csv", "json", "jsonl"),
                published=published_date,
                workers=workers,
                batch_size=batch_size,
                resume=resume,
                partition_by=partition_by.value if partition_by else None,
                engine=engine.value,
                scheduler=scheduler,
                progress=not quiet,
                on_reject=_report_reject,
            )
        except (OutputError, DaskUnavailable) as error:
            raise _fail(str(error)) from None
    if not quiet:
        print(summary.line(), file=sys.stderr)
    if summary.documents + summary.resumed == 0:
        raise _fail(f"nothing readable in {', '.join(sources)}")
    raise typer.Exit(1 if summary.skipped else 0)


def _timex_record(document: Document, timexes: list) -> str:
    return json.dumps(
        {"id": document.id, "timexes": [timex.model_dump(mode="json", exclude={"document_id"}) for timex in timexes]},
        ensure_ascii=False,
    )


def _tagging_input(document: Document, dct: date | None) -> Document:
    if dct is not None:
        document = document.model_copy(update={"published": dct, "published_source": PublishedSource.CLI})
    return with_publication_date(document)


@app.command(
    epilog=f"""\b
Examples:
  timeline tag article.txt --dct 2023-09-13          # TimeML with inline TIMEX3 tags
  timeline tag news.jsonl --format jsonl > timexes.jsonl
  echo '{{"id": "a", "text": "Rabu (13/9) pagi", "published": "2023-09-13"}}' | timeline tag - --format jsonl

{TAG_EXIT_CODES}"""
)
def tag(
    inputs: Annotated[
        list[str] | None, typer.Argument(metavar="INPUT", help="Files or folders; - reads JSONL from stdin. Default: seeds/.")
    ] = None,
    dct: Annotated[
        str | None,
        typer.Option(help="Document creation time (YYYY-MM-DD); overrides the documents' own publication date."),
    ] = None,
    output_format: Annotated[TagFormat, typer.Option("--format", "-f", help="Output format.")] = TagFormat.TIMEML,
) -> None:
    """Temporal tagging only: print each document's TIMEX3 expressions."""
    dct_date = _parse_date(dct)
    sources = _default_inputs(inputs)
    tagged = skipped = 0
    with _warnings_on_stderr():
        for item in read_inputs(sources):
            if isinstance(item, Reject):
                _report_reject(item)
                skipped += 1
                continue
            try:
                document = _tagging_input(item, dct_date)
                timexes = tag_text(document.text, document.published, document.id)
                rendered = (
                    render_timeml(document, timexes)
                    if output_format is TagFormat.TIMEML
                    else _timex_record(document, timexes)
                )
            except Exception as error:  # noqa: BLE001 — one bad document must not stop the others
                print(f"skipped {describe(item)}: tagging failed: {type(error).__name__}: {error}", file=sys.stderr)
                skipped += 1
                continue
            print(rendered)
            tagged += 1
    if tagged == 0:
        raise _fail(f"nothing readable in {', '.join(sources)}")
    raise typer.Exit(1 if skipped else 0)


@app.command(
    epilog="""\b
Examples:
  timeline validate exports/timeline.json exports/events.jsonl exports/events.parquet
  timeline validate exports/events/                  # a partitioned dataset

\b
Exit codes: 0 all valid, 1 some file is invalid or missing."""
)
def validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="Output files or partitioned dataset folders.")],
) -> None:
    """Check output files against the JSON Schemas and the Parquet schemas."""
    failed = False
    for path in files:
        messages = validate_path(path) if path.exists() else [f"{path}: no such file or directory"]
        for message in messages:
            print(message)
        if messages:
            failed = True
        else:
            print(f"{path}: ok")
    raise typer.Exit(1 if failed else 0)


@app.command(
    epilog="""\b
Examples:
  timeline schema                  # writes schemas/*.schema.json
  timeline schema --out /tmp/schemas

\b
Exit codes: 0 written, 2 the folder could not be written."""
)
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the JSON Schema files.")] = Path("schemas"),
) -> None:
    """Write the JSON Schemas of the output records."""
    try:
        paths = write_schemas(out)
    except (OutputError, OSError) as error:
        raise _fail(str(error)) from None
    for path in paths:
        print(path)


@app.command(
    name="eval",
    epilog="""\b
Examples:
  timeline eval gold/                       # every .tml file under gold/
  timeline eval gold/article.tml --verbose  # with the misses, false alarms and wrong values
  timeline eval gold/ --json > scores.json

\b
Exit codes: 0 scored, 2 the gold files could not be read.""",
)
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="A gold TimeML file or a folder of them.")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss and wrong value.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score the temporal tagger against gold TimeML annotations (TempEval-3 style)."""
    try:
        report = evaluate(gold)
    except (OSError, ValueError) as error:
        raise _fail(str(error)) from None
    print(report.model_dump_json(indent=2) if as_json else format_report(report, verbose=verbose))


if __name__ == "__main__":
    app()
