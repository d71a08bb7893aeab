"""Progress display for long runs: documents done, documents per second, ETA, warnings so far."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".tml"})
# Counting lines reads the whole file; beyond this it is no longer cheap next to a quick look.
LINE_COUNT_LIMIT = 2 << 30


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("—  docs/s" if speed is None else f"{speed:,.0f} docs/s")


def _count_lines(path: Path) -> int:
    count = 0
    last = b"\n"
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def _estimate_file(path: Path) -> int | None:
    suffix = path.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        return 1
    if suffix == ".jsonl" and path.stat().st_size <= LINE_COUNT_LIMIT:
        return _count_lines(path)
    return None


def _is_article_file(path: Path, root: Path) -> bool:
    relative = path.relative_to(root)
    hidden = any(part.startswith(".") for part in relative.parts)
    return path.is_file() and not hidden and not path.name.endswith(".meta.json")


def estimate_documents(inputs: Sequence[str | Path]) -> int | None:
    """How many documents the inputs hold, when that is cheap to know (files and JSONL lines);
    None when it is not (standard input, JSON arrays, huge files)."""
    total = 0
    for entry in inputs:
        if str(entry) == "-":
            return None
        path = Path(entry)
        if path.is_dir():
            files = [file for file in path.rglob("*") if _is_article_file(file, path)]
        elif path.exists():
            files = [path]
        else:
            total += 1  # read as one reject
            continue
        for file in files:
            count = _estimate_file(file)
            if count is None:
                return None
            total += count
    return total


class RunProgress:
    """A live progress line on the terminal; does nothing when disabled or when stdout is not a terminal.
    The total (for the bar and the ETA) is estimated from `inputs` only when the line is shown."""

    def __init__(self, inputs: Sequence[str | Path], enabled: bool = True) -> None:
        self.active = enabled and sys.stdout.isatty()
        self.inputs = inputs
        self.total: int | None = None
        self._progress: Progress | None = None
        self._task = None

    def __enter__(self) -> Self:
        if not self.active:
            return self
        self.total = estimate_documents(self.inputs)
        columns: list[ProgressColumn] = [TextColumn("extract")]
        if self.total is not None:
            columns += [BarColumn(), MofNCompleteColumn()]
        else:
            columns += [TextColumn("{task.completed:,} documents")]
        columns += [_RateColumn(), TimeElapsedColumn()]
        if self.total is not None:
            columns += [TextColumn("ETA"), TimeRemainingColumn()]
        columns += [TextColumn("{task.fields[warnings]} warnings")]
        self._progress = Progress(*columns, console=Console(stderr=True), transient=True)
        self._progress.start()
        self._task = self._progress.add_task("extract", total=self.total, warnings=0)
        return self

    def announce(self, message: str) -> None:
        """One plain line, for a long step after the live line is gone (no refresh thread: the step may fork)."""
        if self.active:
            Console(stderr=True).print(message)

    def update(self, done: int, warnings: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=done, warnings=warnings)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
