"""Indonesian holidays as TIMEX3 DATEs: Natal, Tahun Baru, Imlek, Nyepi, Waisak, Hari Kemerdekaan,
Idul Fitri/Lebaran, Idul Adha, Ramadhan, 1 Muharram, Maulid Nabi, Isra Miraj, Paskah, national days.

Names, aliases and calendar rules live in `timeline/data/temporal/holidays.toml`. A name may be
followed by its year, which then belongs to the extent: `Lebaran 2023`, `Natal tahun lalu`,
`Ramadhan 1445 H`, `HUT RI ke-78`. Without a year in the text the holiday is the occurrence
nearest the DCT (`Tahun Baru` in a text of 29 Dec 2014 is 2015-01-01, as in the Kompas gold;
`Lebaran` in one of 13 Sep 2023 is 2023-04-22). With neither, fixed holidays get `XXXX-MM-DD`
and moveable ones `XXXX-XX-XX` (`1950-XX-XX` when the year is known but the calendars do not
cover it).

Islamic dates: Indonesia fixes them by sighting (the government's *sidang isbat*), which can fall
a day after the Umm al-Qura calendar; Idul Fitri 1444 H was 22 April 2023 in Indonesia and
21 April in Umm al-Qura. So the official dates the `holidays` package lists for Indonesia are
used where it has them (not its "perkiraan" estimates), and `hijridate` (Umm al-Qura,
1343–1500 H) elsewhere, e.g. for the first day of Ramadhan, which is not a public holiday.

A period (Ramadhan) gets the ISO date of its first day as `value`, month granularity, and
`interval_start`/`interval_end` covering the whole month, since a TIMEX3 value cannot name
a span that does not follow Gregorian months.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import cache, lru_cache

import holidays as holiday_calendars
from dateutil.easter import easter
from hijridate import Gregorian, Hijri

from timeline.models import Granularity, Timex, TimexAnchor, TimexType, timex_id
from timeline.resources import load_toml
from timeline.temporal.lexicon import character_trie

_DATA_FILE = "temporal/holidays.toml"
_OFFICIAL_TOLERANCE = timedelta(days=3)


@dataclass(frozen=True)
class Holiday:
    key: str
    names: tuple[str, ...]
    month: int | None = None
    day: int | None = None
    hijri_month: int | None = None
    hijri_day: int | None = None
    holidays_name: str | None = None
    easter_offset: int | None = None
    period: str | None = None
    part_of_day: str | None = None
    anniversary_of: int | None = None
    stated_year_offset: int = 0
    also_a_name: bool = False


@dataclass(frozen=True)
class _Rules:
    holidays: tuple[Holiday, ...]
    by_name: dict[str, Holiday]
    relative_years: dict[str, int]
    lower_case_pattern: re.Pattern[str]
    any_case_pattern: re.Pattern[str]


def _normalise(name: str) -> str:
    return " ".join(name.lower().split())


def _alternation(phrases: list[str]) -> str:
    """A regex matching any of `phrases` (any run of spaces between words), as a character trie so
    the scan branches little. Optional continuations are greedy, so the longest name wins
    ("Tahun Baru Islam" over "Tahun Baru")."""
    return character_trie(sorted({_normalise(phrase) for phrase in phrases}), space=r"\s+")


@cache
def _rules() -> _Rules:
    data = load_toml(_DATA_FILE)
    loaded = tuple(Holiday(**(entry | {"names": tuple(entry["names"])})) for entry in data["holiday"])
    by_name = {_normalise(name): holiday for holiday in loaded for name in holiday.names}
    relative_years = {_normalise(phrase): offset for phrase, offset in data["relative_years"].items()}
    hijri_suffixes = _alternation(data["hijri_year"]["suffixes"])
    source = (
        rf"(?<!\w)(?P<name>{_alternation(list(by_name))})"
        r"(?:\s+ke-?\s*(?P<ordinal>\d{1,3}))?"
        r"(?:\s+(?:tahun\s+)?(?P<hijri>1[3-5]\d\d)\s*(?:" + hijri_suffixes + r")"
        r"|\s+(?:tahun\s+)?(?P<year>(?:19|20)\d\d)"
        rf"|\s+(?P<relative>{_alternation(list(relative_years))}))?"
        r"(?!\w)"
    )
    return _Rules(
        holidays=loaded,
        by_name=by_name,
        relative_years=relative_years,
        lower_case_pattern=re.compile(source),
        any_case_pattern=re.compile(source, re.IGNORECASE),
    )


@cache
def _official_dates(year: int) -> dict[str, tuple[date, ...]]:
    """Holiday name -> dates in Indonesia's calendar for `year`; estimated dates keep their "(perkiraan)" label."""
    calendar = holiday_calendars.country_holidays("ID", years=year, language="id")
    dates: dict[str, list[date]] = {}
    for day, names in sorted(calendar.items()):
        for name in names.split("; "):
            dates.setdefault(name, []).append(day)
    return {name: tuple(days) for name, days in dates.items()}


def _moveable_date(holidays_name: str, year: int) -> date | None:
    """A non-Islamic moveable feast (Imlek, Nyepi, Waisak), taking an estimate when that is all there is."""
    for name, days in _official_dates(year).items():
        if name == holidays_name or name.startswith(f"{holidays_name} ("):
            return days[0]
    return None


def _official_or(holidays_name: str | None, approximate: date) -> date:
    """Indonesia's official date of an Islamic holiday near its Umm al-Qura date, else that date."""
    if holidays_name is None:
        return approximate
    for day in _official_dates(approximate.year).get(holidays_name, ()):
        if abs(day - approximate) <= _OFFICIAL_TOLERANCE:
            return day
    return approximate


def _umm_al_qura(hijri_year: int, month: int, day: int) -> date | None:
    try:
        gregorian = Hijri(hijri_year, month, day).to_gregorian()
    except (OverflowError, ValueError):
        return None
    return date(gregorian.year, gregorian.month, gregorian.day)


def _islamic_holiday_for(holiday: Holiday, hijri_year: int) -> date | None:
    assert holiday.hijri_month is not None and holiday.hijri_day is not None
    approximate = _umm_al_qura(hijri_year, holiday.hijri_month, holiday.hijri_day)
    return None if approximate is None else _official_or(holiday.holidays_name, approximate)


def _month_end(holiday: Holiday, hijri_year: int) -> date | None:
    """Last day of a Hijri month: the day before the next month begins, officially where known."""
    assert holiday.hijri_month is not None
    next_year, next_month = (hijri_year + 1, 1) if holiday.hijri_month == 12 else (hijri_year, holiday.hijri_month + 1)
    following = next((h for h in _rules().holidays if (h.hijri_month, h.hijri_day) == (next_month, 1)), None)
    start = _islamic_holiday_for(following, next_year) if following else _umm_al_qura(next_year, next_month, 1)
    return None if start is None else start - timedelta(days=1)


@cache
def _hijri_years_in(year: int) -> tuple[int, ...]:
    try:
        first = Gregorian(year, 1, 1).to_hijri().year
    except (OverflowError, ValueError):
        return ()
    return (first, first + 1)


@cache
def _resolve(holiday: Holiday, year: int | None, hijri_year: int | None) -> tuple[date, date] | None:
    """First and last day of the holiday in Gregorian `year` (or Hijri `hijri_year`), if they can be known."""
    if year is not None and not MINYEAR <= year <= MAXYEAR:
        return None
    if holiday.hijri_month is not None:
        hijri_years = (hijri_year,) if hijri_year is not None else _hijri_years_in(year) if year is not None else ()
        for candidate in hijri_years:
            start = _islamic_holiday_for(holiday, candidate)
            if start is None or (hijri_year is None and start.year != year):
                continue
            end = _month_end(holiday, candidate) if holiday.period == "month" else start
            return None if end is None else (start, end)
        return None
    if year is None:
        return None
    if holiday.easter_offset is not None:
        day = easter(year) + timedelta(days=holiday.easter_offset)
        return day, day
    if holiday.holidays_name is not None:
        day = _moveable_date(holiday.holidays_name, year)
        return None if day is None else (day, day)
    assert holiday.month is not None and holiday.day is not None
    day = date(year, holiday.month, holiday.day)
    return day, day


@dataclass(frozen=True)
class _Mention:
    """A holiday name with what follows it: `ordinal` (ke-78), a Gregorian or Hijri `year`, a `relative` year."""

    start: int
    end: int
    ordinal: str | None = None
    year: str | None = None
    hijri: str | None = None
    relative: str | None = None


def _mention(holiday: Holiday, match: re.Match[str]) -> _Mention:
    if match["ordinal"] and holiday.anniversary_of is None:
        # "ke-N" counts something else here (an edition, a day); keep the name alone.
        return _Mention(*match.span("name"))
    return _Mention(*match.span(), match["ordinal"], match["year"], match["hijri"], match["relative"])


def _distance(interval: tuple[date, date], day: date) -> int:
    start, end = interval
    return 0 if start <= day <= end else min(abs((start - day).days), abs((end - day).days))


# a corpus has a few thousand publication dates at most; each asks the same few holidays
@lru_cache(maxsize=8192)
def _nearest_to(holiday: Holiday, dct: date) -> tuple[int, tuple[date, date] | None]:
    """The occurrence nearest the DCT: Tahun Baru in a text of 29 Dec 2014 is 1 Jan 2015."""
    if holiday.hijri_month is not None:
        # By Hijri year: an Islamic holiday can fall twice in one Gregorian year (Idul Fitri in 2000).
        hijri_years = _hijri_years_in(dct.year)
        around = range(hijri_years[0] - 1, hijri_years[-1] + 1) if hijri_years else range(0)
        intervals = [_resolve(holiday, None, hijri_year) for hijri_year in around]
    else:
        intervals = [_resolve(holiday, year, None) for year in (dct.year - 1, dct.year, dct.year + 1)]
    known = [interval for interval in intervals if interval is not None]
    if not known:
        return dct.year, None
    nearest = min(known, key=lambda interval: _distance(interval, dct))
    return nearest[0].year, nearest


def _occurrence(
    holiday: Holiday, mention: _Mention, dct: date | None
) -> tuple[int | None, tuple[date, date] | None, TimexAnchor]:
    """The year meant (when known), the days the holiday covers then (when known), and the anchor."""
    if mention.ordinal:
        year = holiday.anniversary_of + int(mention.ordinal)
        return year, _resolve(holiday, year, None), TimexAnchor.ABSOLUTE
    if mention.year:
        year = int(mention.year) + holiday.stated_year_offset
        return year, _resolve(holiday, year, None), TimexAnchor.ABSOLUTE
    if mention.hijri:
        return None, _resolve(holiday, None, int(mention.hijri)), TimexAnchor.ABSOLUTE
    if dct is None:
        return None, None, TimexAnchor.NONE
    if mention.relative:
        year = dct.year + _rules().relative_years[_normalise(mention.relative)]
        return year, _resolve(holiday, year, None), TimexAnchor.DCT
    year, interval = _nearest_to(holiday, dct)
    return year, interval, TimexAnchor.DCT


def _unresolved_value(holiday: Holiday, year: int | None) -> str:
    year_part = "XXXX" if year is None else f"{year:04d}"
    if holiday.month is not None and holiday.day is not None:
        return f"{year_part}-{holiday.month:02d}-{holiday.day:02d}"
    return f"{year_part}-XX-XX"


def _holiday_timex(holiday: Holiday, mention: _Mention, text: str, dct: date | None, document_id: str) -> Timex:
    year, interval, anchor = _occurrence(holiday, mention, dct)
    if year is not None and not MINYEAR <= year <= MAXYEAR:
        year = None
    if interval is None:
        value, granularity = _unresolved_value(holiday, year), None
        anchor = anchor if year is not None else TimexAnchor.NONE
    elif holiday.part_of_day:
        value, granularity = f"{interval[0].isoformat()}{holiday.part_of_day}", Granularity.PART_OF_DAY
    else:
        value = interval[0].isoformat()
        granularity = Granularity.MONTH if holiday.period == "month" else Granularity.DAY
    return Timex(
        id=timex_id(document_id, mention.start, mention.end),
        document_id=document_id,
        start=mention.start,
        end=mention.end,
        text=text[mention.start : mention.end],
        type=TimexType.TIME if holiday.part_of_day else TimexType.DATE,
        value=value,
        granularity=granularity,
        interval_start=interval[0] if interval else None,
        interval_end=interval[1] if interval else None,
        anchor=anchor,
    )


def _followed_by_capitalised_word(text: str, end: int) -> bool:
    following = text[end : end + 2]
    return len(following) == 2 and following[0] == " " and following[1].isupper()


_FIRST_TOKEN = re.compile(r"[^\W\d]+|\d\w*")


@cache
def holiday_first_tokens() -> frozenset[str] | None:
    """The lower-cased first token of every holiday name (a run of letters, or the number a name
    starts with: "idul", "natal", "1"); None when some name starts with no word character."""
    tokens = set()
    for name in _rules().by_name:
        found = _FIRST_TOKEN.match(name)
        if found is None:
            return None
        tokens.add(found.group())
    return frozenset(tokens)


def _matches_at(pattern: re.Pattern[str], subject: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(subject)` finds, trying only `starts` (sorted; every possible match start)."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(subject, start)) is not None:
            yield match
            end = match.end()


def find_holiday_timexes(
    text: str, dct: date | None, document_id: str, starts: Iterable[int] | None = None
) -> list[Timex]:
    """Holiday expressions in `text`, in text order, with resolved Gregorian values where possible.

    `starts`, sorted offsets of every token in `holiday_first_tokens()` (the tagger's word scan has
    them), spares a scan of the whole text.
    """
    rules = _rules()
    if starts is not None:
        # A few tries at given offsets: lower-casing the whole text would cost more than they do.
        pattern, subject = rules.any_case_pattern, text
        matches = _matches_at(pattern, subject, starts)
    else:
        # Scanning lower-cased text is a few times faster than a case-insensitive pattern; offsets carry
        # over unless lower-casing changed the length (only a few letters, such as "İ", expand).
        lowered = text.lower()
        if len(lowered) == len(text):
            pattern, subject = rules.lower_case_pattern, lowered
        else:
            pattern, subject = rules.any_case_pattern, text
        matches = pattern.finditer(subject)
    timexes = []
    for match in matches:
        holiday = rules.by_name[_normalise(match["name"])]
        if holiday.also_a_name and match.end() == match.end("name") and _followed_by_capitalised_word(text, match.end()):
            continue
        timexes.append(_holiday_timex(holiday, _mention(holiday, match), text, dct, document_id))
    return timexes
