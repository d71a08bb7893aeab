"""Normalization and resolution: recognised parts -> TIMEX3 values, in document order.

Deictic expressions count from the DCT; anaphoric ones ("sehari kemudian", "hari itu") from
the narrative time, the most recent suitable date already resolved in the text. Underspecified
dates ("Rabu", "Juli", "13/9") take the reading nearest the DCT that the sentence's tense allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from pydantic import TypeAdapter

from timeline.models import Granularity, Timex, TimexAnchor, TimexMod, TimexType, timex_id
from timeline.temporal.calendar import (
    Point,
    add_months,
    add_months_to_date,
    at_minute,
    at_part_of_day,
    day_point,
    safe_date,
    span_of_hours,
    week_point,
)
from timeline.temporal.lexicon import alternation, lexicon
from timeline.temporal.recognize import CAL, DURATION, SET, Part

# Starting with a character class lets the regex engine's fast search skip to candidate characters.
_SENTENCE_BREAK = re.compile(r"[.!?\n](?:(?<=\n)|(?<!\n)[\"”'’)]*\s+(?=[\"“‘(]?[A-Z0-9]))")
_TIME_GRANULARITIES = (Granularity.PART_OF_DAY, Granularity.HOUR, Granularity.MINUTE)
_NEAR_CHARS = 40
# one validation call per document: cheaper than a model call per timex, same checks
_TIMEX_LIST = TypeAdapter(list[Timex])
_TYPE_OF_KIND = {DURATION: TimexType.DURATION, SET: TimexType.SET}
_MODS = {mod.value: mod for mod in TimexMod}  # a dict look-up costs a fraction of calling the enum
# Reading an enum member through its class costs a metaclass look-up; the per-timex paths use these.
_DATE, _TIME, _NO_ANCHOR = TimexType.DATE, TimexType.TIME, TimexAnchor.NONE
_PERIOD_GRANULARITY = {"Q": Granularity.QUARTER, "H": Granularity.HALF}


@dataclass(slots=True)
class Context:
    text: str
    dct: date | None
    narrative: list[tuple[int, Point]] = field(default_factory=list)


@dataclass(slots=True)  # not frozen, as `Point`: built once per timex, never changed
class Resolved:
    point: Point | None
    anchor: TimexAnchor
    conflict: str | None = None
    raw_value: str | None = None  # a value no Point expresses: XXXX-WXX-3, PAST_REF


@cache
def _cue_pattern() -> re.Pattern[str]:
    lex = lexicon()
    return re.compile(
        rf"\b(?:(?P<future>{alternation(lex.future_cues)[3:-1]})|(?P<past>{alternation(lex.past_cues)[3:-1]}))\b",
        re.IGNORECASE,
    )


def _clause_left(text: str, start: int, width: int = 80) -> str:
    """The text before `start` in its clause (back to a sentence break or a comma)."""
    begin = max(0, start - width)
    # one character past `start` lets the break's look-ahead see the sentence's first letter
    breaks = [b.end() for b in _SENTENCE_BREAK.finditer(text, begin, min(len(text), start + 1)) if b.end() <= start]
    clause = text[breaks[-1] if breaks else begin : start]
    return clause[clause.rfind(",") + 1 :]


def tense_cue(text: str, start: int) -> str | None:
    """'future' or 'past' from the nearest cue word before `start` in its clause."""
    last = None
    for match in _cue_pattern().finditer(_clause_left(text, start)):
        last = "future" if match["future"] else "past"
    return last


def _same_sentence(text: str, end: int, start: int) -> bool:
    return start - end < 200 and _SENTENCE_BREAK.search(text, end, min(len(text), start + 1)) is None


def _anchor_date(point: Point) -> date | None:
    if point.year is None:
        return None
    if point.has_day:
        return point.as_date()
    interval = point.interval()
    return interval[0] if interval else None


def _fine_enough(point: Point, unit: str) -> bool:
    if point.year is None:
        return False
    if unit == "day":
        return point.has_day
    if unit in ("week", "weekend"):
        return point.has_day or point.granularity is Granularity.WEEK
    if unit == "month":
        return point.has_day or point.granularity is Granularity.MONTH
    if unit in ("quarter", "half"):
        return point.has_day or point.granularity in (Granularity.MONTH, Granularity.QUARTER, Granularity.HALF)
    return point.granularity not in (Granularity.DECADE, Granularity.CENTURY)


def _narrative_anchor(ctx: Context, unit: str, before: int) -> Point | None:
    for end, point in reversed(ctx.narrative):
        if end <= before and _fine_enough(point, unit):
            return point
    return None


def _shift(anchor: date, unit: str, offset: int, anchor_has_day: bool, narrative: bool) -> Point:
    if unit == "day":
        return day_point(anchor + timedelta(days=offset))
    if unit in ("week", "weekend"):
        return week_point(anchor + timedelta(weeks=offset), weekend=unit == "weekend")
    if unit == "month":
        if narrative and anchor_has_day:
            return day_point(add_months_to_date(anchor, offset))
        year, month = add_months(anchor.year, anchor.month, offset)
        return Point(Granularity.MONTH, year, month)
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + offset
        return Point(Granularity.QUARTER, index // 4, period=f"Q{index % 4 + 1}")
    if unit == "half":
        index = anchor.year * 2 + (anchor.month - 1) // 6 + offset
        return Point(Granularity.HALF, index // 2, period=f"H{index % 2 + 1}")
    return Point(Granularity.YEAR, anchor.year + offset)


_UNRESOLVED = {
    "day": Point(Granularity.DAY),
    "week": Point(Granularity.WEEK),
    "weekend": Point(Granularity.WEEK, weekend=True),
    "month": Point(Granularity.MONTH),
    "quarter": Point(Granularity.QUARTER, period="QX"),
    "half": Point(Granularity.HALF, period="HX"),
    "year": Point(Granularity.YEAR),
}


def _relative(part: Part, ctx: Context) -> Resolved:
    unit = part.rel_unit or "day"
    if part.rel_base == "narrative":
        anchor_point = _narrative_anchor(ctx, unit, part.start)
        if anchor_point is not None:
            anchor = _anchor_date(anchor_point)
            if anchor is not None:
                point = _shift(anchor, unit, part.rel_offset, anchor_point.has_day, narrative=True)
                return Resolved(point, TimexAnchor.NARRATIVE)
        if part.anaphor:
            return Resolved(None, TimexAnchor.NONE, raw_value="PAST_REF")
    if ctx.dct is None:
        return Resolved(_UNRESOLVED[unit], TimexAnchor.NONE)
    return Resolved(_shift(ctx.dct, unit, part.rel_offset, True, narrative=False), TimexAnchor.DCT)


def _year_of(part: Part, ctx: Context) -> tuple[int | None, TimexAnchor]:
    """The year a part states or borrows: explicit, or relative to the DCT."""
    for source in (part, part.borrow):
        if source is None:
            continue
        if source.year is not None:
            return source.year, TimexAnchor.ABSOLUTE
        relative = source.year_rel if source.year_rel is not None else (
            source.rel_offset if source.rel_unit == "year" else None
        )
        if relative is not None:
            return (ctx.dct.year + relative, TimexAnchor.DCT) if ctx.dct else (None, TimexAnchor.NONE)
    return None, TimexAnchor.NONE


def _choose(diffs: list[tuple[int, int]], tense: str | None, strict: bool) -> int:
    """Pick a candidate (value, signed distance from the DCT) by tense, else the nearest (ties: the past)."""
    if tense == "past":
        allowed = [c for c in diffs if c[1] < 0 or (c[1] == 0 and not strict)]
        if allowed:
            return max(allowed, key=lambda c: c[1])[0]
    if tense == "future":
        allowed = [c for c in diffs if c[1] > 0 or (c[1] == 0 and not strict)]
        if allowed:
            return min(allowed, key=lambda c: c[1])[0]
    return min(diffs, key=lambda c: (abs(c[1]), c[1] > 0))[0]


def _tense(part: Part, ctx: Context) -> tuple[str | None, bool]:
    if part.tense:
        return part.tense, True
    return tense_cue(ctx.text, part.start), False


def _guess_year(part: Part, ctx: Context, month: int, day: int | None) -> int | None:
    dct = ctx.dct
    if dct is None:
        return None
    tense, strict = _tense(part, ctx)
    if tense == "current":
        return dct.year
    diffs: list[tuple[int, int]] = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        if day is None:
            diffs.append((year, (year * 12 + month) - (dct.year * 12 + dct.month)))
        elif (candidate := safe_date(year, month, day)) is not None:
            diffs.append((year, (candidate - dct).days))
    if part.weekday is not None and day is not None:
        # the weekday picks the year when one of the candidates falls on it
        matching = [(y, d) for y, d in diffs if date(y, month, day).isoweekday() == part.weekday]
        diffs = matching or diffs
    if not diffs:
        return None
    return _choose(diffs, tense, strict)


def _one_digit_edits(number: int, width: int) -> list[int]:
    digits = f"{number:0{width}d}"
    edits = []
    for position in range(width):
        for replacement in "0123456789":
            if replacement != digits[position]:
                edits.append(int(digits[:position] + replacement + digits[position + 1 :]))
    return edits


def _correct_weekday(stated: date, weekday: int, reference: date) -> date | None:
    """The date one typo away from `stated` that falls on `weekday`, nearest `reference`."""
    options = [safe_date(stated.year, stated.month, d) for d in _one_digit_edits(stated.day, 2)]
    options += [safe_date(stated.year, m, stated.day) for m in _one_digit_edits(stated.month, 2)]
    options += [safe_date(y, stated.month, stated.day) for y in _one_digit_edits(stated.year, 4)]
    matching = [d for d in options if d is not None and d.isoweekday() == weekday]
    return min(matching, key=lambda d: (abs((d - reference).days), d)) if matching else None


def _weekday_date(part: Part, ctx: Context) -> tuple[date | None, TimexAnchor]:
    weekday = part.weekday
    assert weekday is not None
    if ctx.narrative:
        # "Senin (8/12) waktu setempat (Selasa pagi WIB)": a weekday right after a date is near that date
        end, point = ctx.narrative[-1]
        anchor = point.as_date() if point.has_day else None
        if anchor is not None and part.start - end <= _NEAR_CHARS and _same_sentence(ctx.text, end, part.start):
            delta = (weekday - anchor.isoweekday()) % 7
            return anchor + timedelta(days=delta if delta <= 3 else delta - 7), TimexAnchor.NARRATIVE
    if ctx.dct is None:
        return None, TimexAnchor.NONE
    tense, _ = _tense(part, ctx)
    if tense == "current":  # "Jumat ini": that day of the publication week
        return ctx.dct + timedelta(days=weekday - ctx.dct.isoweekday()), TimexAnchor.DCT
    back = (ctx.dct.isoweekday() - weekday) % 7
    ahead = (weekday - ctx.dct.isoweekday()) % 7
    # News reports the recent past; without a cue only tomorrow beats the last such day.
    if tense == "future" or (tense is None and ahead == 1):
        return ctx.dct + timedelta(days=ahead), TimexAnchor.DCT
    return ctx.dct - timedelta(days=back), TimexAnchor.DCT


def _day_level(part: Part, ctx: Context) -> Resolved:
    """A part that names a day: a date, a weekday, a day word, or a combination."""
    conflict = None
    if part.day is not None:
        month = part.month if part.month is not None else (part.borrow.month if part.borrow else None)
        if month is None:
            return Resolved(None, TimexAnchor.NONE)
        year, anchor = _year_of(part, ctx)
        if year is None:
            year = _guess_year(part, ctx, month, part.day)
            anchor = TimexAnchor.DCT if year is not None else TimexAnchor.NONE
        if year is None:
            return Resolved(Point(Granularity.DAY, None, month, part.day), TimexAnchor.NONE)
        stated = safe_date(year, month, part.day)
        if stated is None:
            return Resolved(None, TimexAnchor.NONE)
        day = stated
        if part.weekday is not None and stated.isoweekday() != part.weekday:
            corrected = _correct_weekday(stated, part.weekday, ctx.dct or stated)
            name = lexicon().weekday_display[part.weekday]
            if corrected is not None:
                day = corrected
                conflict = f"{name} does not fall on {stated.isoformat()}; read as {corrected.isoformat()}"
            else:
                conflict = f"{name} does not fall on {stated.isoformat()}"
        elif part.rel_unit == "day" and part.rel_base == "dct" and ctx.dct is not None:
            said = ctx.dct + timedelta(days=part.rel_offset)
            if said != stated:
                conflict = f"the day word says {said.isoformat()}, the date says {stated.isoformat()}"
        return Resolved(day_point(day), anchor, conflict)
    if part.rel_unit == "day":
        resolved = _relative(part, ctx)
        day = resolved.point.as_date() if resolved.point else None
        if part.weekday is not None and day is not None and day.isoweekday() != part.weekday:
            conflict = f"{lexicon().weekday_display[part.weekday]} does not fall on {day.isoformat()}"
        return Resolved(resolved.point, resolved.anchor, conflict, resolved.raw_value)
    day, anchor = _weekday_date(part, ctx)
    if day is None:
        return Resolved(None, TimexAnchor.NONE, raw_value=f"XXXX-WXX-{part.weekday}")
    return Resolved(day_point(day), anchor)


def _time_only_day(part: Part, ctx: Context) -> tuple[date | None, TimexAnchor]:
    for end, point in reversed(ctx.narrative):
        if end > part.start or not _same_sentence(ctx.text, end, part.start):
            break
        if point.has_day and point.year is not None:
            return point.as_date(), TimexAnchor.NARRATIVE
    return ctx.dct, TimexAnchor.DCT if ctx.dct else TimexAnchor.NONE


def resolve_calendar(part: Part, ctx: Context) -> Resolved:
    if part.day is not None or part.weekday is not None or part.rel_unit == "day":
        resolved = _day_level(part, ctx)
    elif part.rel_unit is not None:
        resolved = _relative(part, ctx)
    elif part.century is not None:
        resolved = Resolved(Point(Granularity.CENTURY, century=part.century), TimexAnchor.ABSOLUTE)
    elif part.decade is not None:
        resolved = Resolved(Point(Granularity.DECADE, decade=part.decade), TimexAnchor.ABSOLUTE)
    elif part.period is not None:
        year, anchor = _year_of(part, ctx)
        if year is None and ctx.dct is not None:
            year, anchor = ctx.dct.year, TimexAnchor.DCT
        granularity = _PERIOD_GRANULARITY.get(part.period[0], Granularity.SEASON)
        if granularity is not Granularity.SEASON and not part.period[1:].isdigit():
            granularity = Granularity.SEASON
        resolved = Resolved(Point(granularity, year, period=part.period), anchor)
    elif part.month is not None:
        year, anchor = _year_of(part, ctx)
        if year is None:
            year = _guess_year(part, ctx, part.month, None)
            anchor = TimexAnchor.DCT if year is not None else TimexAnchor.NONE
        resolved = Resolved(Point(Granularity.MONTH, year, part.month), anchor)
    elif part.year is not None:
        resolved = Resolved(Point(Granularity.YEAR, part.year), TimexAnchor.ABSOLUTE)
    else:
        day, anchor = _time_only_day(part, ctx)
        point = day_point(day) if day else Point(Granularity.DAY)
        resolved = Resolved(point, anchor)
    return _with_time_of_day(part, resolved)


def _with_time_of_day(part: Part, resolved: Resolved) -> Resolved:
    point = resolved.point
    if point is None or not point.has_day or (part.hour is None and part.pod is None):
        return resolved
    if part.hour is not None:
        point = at_minute(point, part.hour, part.minute or 0)
    else:
        point = at_part_of_day(point, lexicon().parts_of_day[part.pod].code)
    return Resolved(point, resolved.anchor, resolved.conflict)


def _datetime_span(part: Part, point: Point, day: date) -> tuple[object, object]:
    if point.granularity is Granularity.MINUTE:
        start = datetime(day.year, day.month, day.day) + timedelta(hours=point.hour or 0, minutes=point.minute or 0)
        return start, start + timedelta(minutes=1)
    if point.granularity is Granularity.PART_OF_DAY and part.pod:
        spec = lexicon().parts_of_day[part.pod]
        return span_of_hours(day, spec.start_hour, spec.end_hour)
    return None, None


def timex_row(part: Part, resolved: Resolved | None, text: str, document_id: str) -> dict[str, object]:
    """The fields of the part's `Timex`, to be validated with the document's other rows in one call."""
    row: dict[str, object] = {
        "id": timex_id(document_id, part.start, part.end),
        "document_id": document_id,
        "start": part.start,
        "end": part.end,
        "text": text[part.start : part.end],
    }
    if part.mod:
        row["mod"] = _MODS[part.mod]
    if part.kind != CAL or resolved is None or resolved.point is None:
        row["type"] = _TYPE_OF_KIND.get(part.kind, _DATE)
        row["value"] = part.value if part.kind != CAL else (resolved.raw_value if resolved and resolved.raw_value else "XXXX-XX-XX")
        row["anchor"] = _NO_ANCHOR
        # a field left out takes its default (None) without being validated
        if part.quant is not None:
            row["quant"] = part.quant
        if part.freq is not None:
            row["freq"] = part.freq
        if resolved is not None and resolved.conflict is not None:
            row["conflict"] = resolved.conflict
        return row
    point = resolved.point
    is_time = point.granularity in _TIME_GRANULARITIES
    row["type"] = _TIME if is_time else _DATE
    row["value"], interval = point.value_and_interval()
    row["granularity"] = point.granularity
    row["anchor"] = resolved.anchor
    if interval:
        row["interval_start"], row["interval_end"] = interval
    if is_time and interval:
        start, end = _datetime_span(part, point, interval[0])
        if start is not None:
            row["datetime_start"], row["datetime_end"] = start, end
    if part.tz:
        row["timezone"] = part.tz
        if (offset := lexicon().timezones.get(part.tz)) is not None:
            row["utc_offset"] = offset
    if resolved.conflict is not None:
        row["conflict"] = resolved.conflict
    return row


def resolve_all(parts: list[Part], text: str, dct: date | None, document_id: str) -> list[Timex]:
    """Resolve parts in document order, letting each concrete date set the narrative time."""
    ctx = Context(text, dct)
    rows = []
    for part in parts:
        try:
            resolved = resolve_calendar(part, ctx) if part.kind == CAL else None
            row = timex_row(part, resolved, text, document_id)
        except (OverflowError, ValueError):
            # calendar arithmetic left the years 1-9999 (a DCT at the very end of the calendar)
            resolved = Resolved(None, TimexAnchor.NONE, conflict="the value falls outside the years 1-9999")
            row = timex_row(part, resolved, text, document_id)
        if resolved is not None and resolved.point is not None and resolved.point.year is not None:
            ctx.narrative.append((part.end, resolved.point))
        rows.append(row)
    return _TIMEX_LIST.validate_python(rows)
