"""Calendar points: TIMEX3 values, the days they cover, and calendar arithmetic."""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from timeline.models import Granularity

# Seasons in the northern meteorological convention; winter starts in December of its year.
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_DAY_OR_FINER = (Granularity.DAY, Granularity.PART_OF_DAY, Granularity.HOUR, Granularity.MINUTE, Granularity.SECOND)
# Reading an enum member through its class costs a metaclass look-up; the per-timex paths use these.
_DAY, _PART_OF_DAY, _HOUR, _MINUTE = Granularity.DAY, Granularity.PART_OF_DAY, Granularity.HOUR, Granularity.MINUTE


# Not frozen: a frozen dataclass sets each field through object.__setattr__, six times the cost of
# building one per timex; no code changes a Point once built (new ones come from `at_minute`, ...).
@dataclass(slots=True)
class Point:
    """A calendar value at some granularity; `year` None means the year is unknown (no DCT)."""

    granularity: Granularity
    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    weekend: bool = False
    period: str | None = None  # "Q3", "H1", "WI"
    decade: int | None = None
    century: int | None = None
    part_of_day: str | None = None  # MO, AF, EV, NI
    hour: int | None = None
    minute: int | None = None

    @property
    def has_day(self) -> bool:
        return self.granularity in _DAY_OR_FINER

    def as_date(self) -> date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def value(self) -> str:
        year = "XXXX" if self.year is None else f"{self.year:04d}"
        granularity = self.granularity
        if granularity in _DAY_OR_FINER:  # most values: tested first, the enum look-ups below cost
            day = f"{year}-{self.month:02d}-{self.day:02d}" if self.month and self.day else f"{year}-XX-XX"
            return day + self._time_of_day()
        match granularity:
            case Granularity.CENTURY:
                return f"{self.century:02d}"
            case Granularity.DECADE:
                return f"{self.decade:03d}"
            case Granularity.YEAR:
                return year
            case Granularity.HALF | Granularity.QUARTER | Granularity.SEASON:
                return f"{year}-{self.period}"
            case Granularity.MONTH:
                return f"{year}-{self.month:02d}" if self.month else f"{year}-XX"
        # a week: the one granularity left
        week = f"{year}-W{self.week:02d}" if self.week else f"{year}-WXX"
        return week + ("-WE" if self.weekend else "")

    def _time_of_day(self) -> str:
        """The "T..." end of a day-or-finer value ("" for a whole day)."""
        granularity = self.granularity
        if granularity is _DAY:
            return ""
        if granularity is _PART_OF_DAY:
            return f"T{self.part_of_day}"
        if granularity is _HOUR or granularity is _MINUTE:
            return f"T{self.hour:02d}:{self.minute or 0:02d}"
        return ""

    def value_and_interval(self) -> tuple[str, tuple[date, date] | None]:
        """`value()` and `interval()` at once: a point on a known day (most of them) builds its date once
        and lets `date.isoformat` spell it."""
        if self.granularity in _DAY_OR_FINER and self.year is not None and self.month and self.day:
            day = date(self.year, self.month, self.day)
            return day.isoformat() + self._time_of_day(), (day, day)
        return self.value(), self.interval()

    def interval(self) -> tuple[date, date] | None:
        """First and last calendar day the value covers, when the year is known."""
        if self.granularity in _DAY_OR_FINER:
            day = self.as_date()
            return (day, day) if day else None
        if self.granularity is Granularity.CENTURY:
            return date(self.century * 100 or 1, 1, 1), date(self.century * 100 + 99, 12, 31)
        if self.granularity is Granularity.DECADE:
            return date(self.decade * 10 or 1, 1, 1), date(self.decade * 10 + 9, 12, 31)
        if self.year is None:
            return None
        year = self.year
        match self.granularity:
            case Granularity.YEAR:
                return date(year, 1, 1), date(year, 12, 31)
            case Granularity.HALF:
                first = 1 if self.period == "H1" else 7
                return date(year, first, 1), month_end(year, first + 5)
            case Granularity.QUARTER:
                first = 3 * (int(self.period[1]) - 1) + 1
                return date(year, first, 1), month_end(year, first + 2)
            case Granularity.SEASON:
                first, last = _SEASON_MONTHS[self.period]
                return date(year, first, 1), month_end(year + (1 if last < first else 0), last)
            case Granularity.MONTH:
                return (date(year, self.month, 1), month_end(year, self.month)) if self.month else None
        # a week: the one granularity left
        if self.week is None:
            return None
        monday = date.fromisocalendar(year, self.week, 1)
        return (monday + timedelta(days=5), monday + timedelta(days=6)) if self.weekend else (
            monday,
            monday + timedelta(days=6),
        )


def month_end(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


def day_point(day: date) -> Point:
    return Point(_DAY, day.year, day.month, day.day)


def week_point(day: date, weekend: bool = False) -> Point:
    iso = day.isocalendar()
    return Point(Granularity.WEEK, iso.year, week=iso.week, weekend=weekend)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def add_months_to_date(day: date, months: int) -> date:
    year, month = add_months(day.year, day.month, months)
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def span_of_hours(day: date, start_hour: int, end_hour: int) -> tuple[datetime, datetime]:
    midnight = datetime(day.year, day.month, day.day)
    return midnight + timedelta(hours=start_hour), midnight + timedelta(hours=end_hour)


def at_minute(point: Point, hour: int, minute: int) -> Point:
    """The point's day at hour:minute (spelled out: `dataclasses.replace` costs several times more)."""
    return Point(
        _MINUTE, point.year, point.month, point.day, point.week, point.weekend, point.period,
        point.decade, point.century, point.part_of_day, hour, minute,
    )  # fmt: skip


def at_part_of_day(point: Point, part_of_day: str) -> Point:
    """The point's day in a part of the day (MO, AF, EV, NI)."""
    return Point(
        _PART_OF_DAY, point.year, point.month, point.day, point.week, point.weekend, point.period,
        point.decade, point.century, part_of_day, point.hour, point.minute,
    )  # fmt: skip
