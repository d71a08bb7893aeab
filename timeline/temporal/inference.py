"""Infer a document's publication date (its DCT) from the text when no metadata gives it.

Indonesian news dates events as weekday + (day/month[/year]): `Jumat (5/7/2024)`, `Rabu (13/9)`.
The first such expression is taken as the report's own day, the convention of Kompas-style
datelines. With a year it is the answer. Without one, the weekday pins the year down to a few
candidates (13 September is a Wednesday in 2017, 2023 and 2028); the earliest candidate on or
after the latest year the text states (`Januari 2021`, `tahun 2016`) wins, since news mostly
reports on years up to its own. A text that states only future years (`target 2045`) therefore
misleads this rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache

from babel.dates import get_day_names
from pydantic import BaseModel, ConfigDict

from timeline.models import Timex, TimexAnchor, TimexType

Tagger = Callable[[str, date | None, str], Sequence[Timex]]

_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH = re.compile(r"XXXX-(\d{2})-(\d{2})")
_STATED_YEAR = re.compile(r"(\d{4})(?:-|$)")
_WORD = re.compile(r"\w+")
# Every day/month falls on each weekday within 28 years (the leap-year cycle), usually within 11.
_WEEKDAY_CYCLE_YEARS = 28


class InferredDate(BaseModel):
    """A publication date read from the text, with the expressions it was read from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    published: date
    evidence: list[str]


@cache
def _weekday_numbers() -> dict[str, int]:
    """Indonesian weekday name (lower case) -> Python weekday number (Monday = 0), from CLDR."""
    return {name.lower(): number for number, name in get_day_names("wide", locale="id").items()}


def _weekday_in(text: str) -> int | None:
    weekdays = _weekday_numbers()
    return next((weekdays[word] for word in _WORD.findall(text.lower()) if word in weekdays), None)


def _stated_year(timex: Timex) -> int | None:
    if timex.type not in (TimexType.DATE, TimexType.TIME) or timex.anchor is not TimexAnchor.ABSOLUTE:
        return None
    match = _STATED_YEAR.match(timex.value)
    return int(match[1]) if match else None


def _first_year_on_weekday(month: int, day: int, weekday: int, earliest: int) -> int | None:
    for year in range(earliest, earliest + _WEEKDAY_CYCLE_YEARS + 1):
        try:
            if date(year, month, day).weekday() == weekday:
                return year
        except ValueError:
            continue
    return None


def _from_full_date(dated: list[tuple[Timex, int]]) -> InferredDate | None:
    for timex, _ in dated:
        # Only a date the expression states itself; one resolved against a nearby date is hearsay.
        match = _FULL_DATE.match(timex.value) if timex.anchor is TimexAnchor.ABSOLUTE else None
        if match:
            published = date(int(match[1]), int(match[2]), int(match[3]))
            return InferredDate(published=published, evidence=[timex.text])
    return None


def _from_weekday_and_years(dated: list[tuple[Timex, int]], timexes: Sequence[Timex]) -> InferredDate | None:
    stated = [(year, timex.text) for timex in timexes if (year := _stated_year(timex)) is not None]
    if not stated:
        return None
    latest_year, latest_text = max(stated, key=lambda item: item[0])
    for timex, weekday in dated:
        match = _DAY_MONTH.match(timex.value)
        if match is None:
            continue
        month, day = int(match[1]), int(match[2])
        year = _first_year_on_weekday(month, day, weekday, latest_year)
        if year is not None:
            return InferredDate(published=date(year, month, day), evidence=[timex.text, latest_text])
    return None


def infer_publication_date(text: str, tagger: Tagger | None = None) -> InferredDate | None:
    """The publication date the text itself implies, or None when it gives no evidence.

    `tagger` (default `timeline.temporal.tag`) is run without a DCT, so day/month dates stay
    underspecified (`XXXX-09-13`) and keep their weekday in the timex text.
    """
    if tagger is None:
        from timeline.temporal import tag as tagger
    timexes = tagger(text, None, "doc")
    dated = [(timex, weekday) for timex in timexes if (weekday := _weekday_in(timex.text)) is not None]
    return _from_full_date(dated) or _from_weekday_and_years(dated, timexes)
