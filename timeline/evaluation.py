"""TempEval-3 style scoring of a TIMEX3 tagger against gold TimeML files.

Extents are scored strictly (same offsets) and relaxed (any overlap); gold and
system timexes are paired one-to-one, exact pairs first, then by the longest
overlap. Type, value and mod accuracy are measured over the relaxed pairs, and
value F1 = value accuracy × relaxed F1, as in TempEval-3. Values are compared
after zero-padding month and day (the corpus has `2013-12-5` for `2013-12-05`);
otherwise they must be equal strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from timeline.models import Timex, TimexType
from timeline.timeml import GoldTimex, parse_timeml

Tagger = Callable[[str, date | None, str], Sequence[Timex]]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Scores(_Model):
    matches: int
    precision: float
    recall: float
    f1: float


class TypeBreakdown(_Model):
    """How the gold timexes of one type fared."""

    type: TimexType
    gold: int
    system: int
    matched: int
    recall: float
    value_correct: int
    value_accuracy: float


class Annotation(_Model):
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None


class Mismatch(_Model):
    """A miss (no system side), a false alarm (no gold side) or a wrong value (both sides)."""

    document: str
    gold: Annotation | None = None
    system: Annotation | None = None


class EvalReport(_Model):
    documents: int
    gold: int
    system: int
    strict: Scores
    relaxed: Scores
    type_accuracy: float
    value_accuracy: float
    mod_accuracy: float
    value_f1: float
    per_type: list[TypeBreakdown]
    misses: list[Mismatch]
    false_alarms: list[Mismatch]
    wrong_values: list[Mismatch]


_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?=$|T)")


def canonical_value(value: str) -> str:
    """Zero-pad the month and day of a date value; leave any other value as it is."""
    match = _DATE_PREFIX.match(value)
    if match is None:
        return value
    year, month, day = match.groups()
    padded = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    return padded + value[match.end() :]


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _scores(matches: int, gold: int, system: int) -> Scores:
    precision, recall = _ratio(matches, system), _ratio(matches, gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(matches=matches, precision=precision, recall=recall, f1=f1)


def _annotation(timex: GoldTimex | Timex) -> Annotation:
    mod = timex.mod.value if isinstance(timex, Timex) and timex.mod is not None else timex.mod
    return Annotation(start=timex.start, end=timex.end, text=timex.text, type=timex.type, value=timex.value, mod=mod)


def match_timexes(gold: Sequence[Annotation], system: Sequence[Annotation]) -> list[tuple[int, int]]:
    """Pair overlapping gold and system spans one-to-one: exact spans first, then longest overlap."""
    candidates = []
    for gold_index, gold_span in enumerate(gold):
        for system_index, system_span in enumerate(system):
            overlap = min(gold_span.end, system_span.end) - max(gold_span.start, system_span.start)
            if overlap > 0:
                exact = (gold_span.start, gold_span.end) == (system_span.start, system_span.end)
                candidates.append((not exact, -overlap, gold_index, system_index))
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, _, gold_index, system_index in sorted(candidates):
        if gold_index not in used_gold and system_index not in used_system:
            used_gold.add(gold_index)
            used_system.add(system_index)
            pairs.append((gold_index, system_index))
    return sorted(pairs)


class _Tally:
    """Counts accumulated over documents."""

    def __init__(self) -> None:
        self.documents = self.gold = self.system = self.strict = self.relaxed = 0
        self.type_correct = self.value_correct = self.mod_correct = 0
        self.gold_by_type: dict[TimexType, int] = dict.fromkeys(TimexType, 0)
        self.system_by_type: dict[TimexType, int] = dict.fromkeys(TimexType, 0)
        self.matched_by_type: dict[TimexType, int] = dict.fromkeys(TimexType, 0)
        self.value_correct_by_type: dict[TimexType, int] = dict.fromkeys(TimexType, 0)
        self.misses: list[Mismatch] = []
        self.false_alarms: list[Mismatch] = []
        self.wrong_values: list[Mismatch] = []

    def add(self, document: str, gold: Sequence[Annotation], system: Sequence[Annotation]) -> None:
        self.documents += 1
        self.gold += len(gold)
        self.system += len(system)
        for annotation in gold:
            self.gold_by_type[annotation.type] += 1
        for annotation in system:
            self.system_by_type[annotation.type] += 1
        pairs = match_timexes(gold, system)
        for gold_index, system_index in pairs:
            gold_span, system_span = gold[gold_index], system[system_index]
            value_ok = canonical_value(gold_span.value) == canonical_value(system_span.value)
            self.relaxed += 1
            self.strict += (gold_span.start, gold_span.end) == (system_span.start, system_span.end)
            self.type_correct += gold_span.type == system_span.type
            self.mod_correct += gold_span.mod == system_span.mod
            self.value_correct += value_ok
            self.matched_by_type[gold_span.type] += 1
            self.value_correct_by_type[gold_span.type] += value_ok
            if not value_ok:
                self.wrong_values.append(Mismatch(document=document, gold=gold_span, system=system_span))
        matched_gold = {gold_index for gold_index, _ in pairs}
        matched_system = {system_index for _, system_index in pairs}
        self.misses += [Mismatch(document=document, gold=g) for i, g in enumerate(gold) if i not in matched_gold]
        self.false_alarms += [Mismatch(document=document, system=s) for i, s in enumerate(system) if i not in matched_system]

    def report(self) -> EvalReport:
        relaxed = _scores(self.relaxed, self.gold, self.system)
        value_accuracy = _ratio(self.value_correct, self.relaxed)
        per_type = [
            TypeBreakdown(
                type=timex_type,
                gold=self.gold_by_type[timex_type],
                system=self.system_by_type[timex_type],
                matched=self.matched_by_type[timex_type],
                recall=_ratio(self.matched_by_type[timex_type], self.gold_by_type[timex_type]),
                value_correct=self.value_correct_by_type[timex_type],
                value_accuracy=_ratio(self.value_correct_by_type[timex_type], self.matched_by_type[timex_type]),
            )
            for timex_type in TimexType
            if self.gold_by_type[timex_type] or self.system_by_type[timex_type]
        ]
        return EvalReport(
            documents=self.documents,
            gold=self.gold,
            system=self.system,
            strict=_scores(self.strict, self.gold, self.system),
            relaxed=relaxed,
            type_accuracy=_ratio(self.type_correct, self.relaxed),
            value_accuracy=value_accuracy,
            mod_accuracy=_ratio(self.mod_correct, self.relaxed),
            value_f1=value_accuracy * relaxed.f1,
            per_type=per_type,
            misses=self.misses,
            false_alarms=self.false_alarms,
            wrong_values=self.wrong_values,
        )


def gold_files(gold: Path) -> list[Path]:
    """The `.tml` files under a folder (recursive, sorted), or the one file given."""
    if gold.is_dir():
        return sorted(gold.rglob("*.tml"))
    if gold.is_file():
        return [gold]
    raise FileNotFoundError(f"{gold}: no such file or directory")


def evaluate(gold: Path, tagger: Tagger | None = None) -> EvalReport:
    """Tag the text of each gold TimeML document with its DCT and score the result.

    `tagger` defaults to `timeline.temporal.tag`. A gold file that cannot be parsed
    raises `ValueError` naming the file.
    """
    if tagger is None:
        from timeline.temporal import tag as tagger
    tally = _Tally()
    for path in gold_files(Path(gold)):
        try:
            document = parse_timeml(path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None
        document_id = document.doc_id or path.stem
        system = tagger(document.text, document.dct, document_id)
        tally.add(document_id, [_annotation(t) for t in document.timexes], [_annotation(t) for t in system])
    return tally.report()


def _describe(annotation: Annotation | None) -> str:
    if annotation is None:
        return "-"
    mod = f" mod={annotation.mod}" if annotation.mod else ""
    return f"{annotation.text!r} [{annotation.start}:{annotation.end}] {annotation.type.value} {annotation.value}{mod}"


def _mismatch_lines(title: str, mismatches: list[Mismatch]) -> list[str]:
    lines = ["", f"{title} ({len(mismatches)})"]
    for mismatch in mismatches:
        if mismatch.gold is not None and mismatch.system is not None:
            lines.append(f"  {mismatch.document}: gold {_describe(mismatch.gold)} | system {_describe(mismatch.system)}")
        else:
            lines.append(f"  {mismatch.document}: {_describe(mismatch.gold or mismatch.system)}")
    return lines


def format_report(report: EvalReport, verbose: bool = False) -> str:
    """A plain-text table of the scores; `verbose` lists misses, false alarms and wrong values."""
    lines = [
        f"documents {report.documents}   gold timexes {report.gold}   system timexes {report.system}",
        "",
        f"{'extent':<10}{'matches':>9}{'precision':>11}{'recall':>9}{'F1':>9}",
    ]
    for name, scores in (("strict", report.strict), ("relaxed", report.relaxed)):
        lines.append(f"{name:<10}{scores.matches:>9}{scores.precision:>11.3f}{scores.recall:>9.3f}{scores.f1:>9.3f}")
    lines += [
        "",
        f"type accuracy  {report.type_accuracy:.3f}",
        f"value accuracy {report.value_accuracy:.3f}",
        f"mod accuracy   {report.mod_accuracy:.3f}",
        f"value F1       {report.value_f1:.3f}",
        "",
        f"{'gold type':<10}{'gold':>6}{'system':>8}{'matched':>9}{'recall':>8}{'value ok':>10}{'value acc':>11}",
    ]
    for row in report.per_type:
        lines.append(
            f"{row.type.value:<10}{row.gold:>6}{row.system:>8}{row.matched:>9}{row.recall:>8.3f}"
            f"{row.value_correct:>10}{row.value_accuracy:>11.3f}"
        )
    if verbose:
        lines += _mismatch_lines("misses", report.misses)
        lines += _mismatch_lines("false alarms", report.false_alarms)
        lines += _mismatch_lines("wrong values", report.wrong_values)
    return "\n".join(lines) + "\n"
