"""Recognition: find temporal expressions as typed parts, keep the longest, merge adjacent parts.

Every pattern is a compiled regular expression built from the lexicon, without nested
quantifiers, so a scan is linear in the text length. A pattern's handler turns a match
into `Part`s (a coordination such as "13 dan 14 September" yields two).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from timeline.temporal.holidays import holiday_first_tokens
from timeline.temporal.lexicon import (
    Lexicon,
    alternation,
    character_trie,
    lexicon,
    parse_numeral,
)

# Part kinds.
CAL = "cal"  # a calendar point or period: DATE, or TIME when it has a time of day
PREFIX = "prefix"  # a modifier word waiting for its host on the right
DURATION = "duration"
SET = "set"
VAGUE = "vague"


@dataclass(slots=True)
class Part:
    start: int
    end: int
    kind: str
    slots: frozenset[str] = frozenset()
    needs_host: bool = False
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # ISO: 1 = Monday
    rel_unit: str | None = None  # day, week, weekend, month, year, quarter, half
    rel_base: str | None = None  # dct or narrative
    rel_offset: int = 0
    year_rel: int | None = None  # "tahun ini/lalu/depan" next to a month or a quarter
    period: str | None = None  # Q3, H1, or a season code
    decade: int | None = None
    century: int | None = None
    pod: str | None = None  # part-of-day word, a key of lexicon.parts_of_day
    hour: int | None = None
    minute: int | None = None
    tz: str | None = None
    mod: str | None = None
    tense: str | None = None  # past / future / current, from a suffix such as "lalu"
    value: str | None = None  # DURATION / SET / VAGUE value
    quant: str | None = None
    freq: str | None = None
    anaphor: bool = False  # "hari itu": only meaningful with a narrative date
    borrow: Part | None = field(default=None, repr=False)

    @property
    def has_year_info(self) -> bool:
        return self.year is not None or self.year_rel is not None or self.rel_unit is not None

    def absorb(self, other: Part) -> None:
        """Merge an adjacent part into this one (fields not set here come from `other`)."""
        for name in (
            "year", "month", "day", "weekday", "rel_unit", "rel_base", "year_rel", "period", "pod",
            "hour", "minute", "tz", "mod", "tense",
        ):  # fmt: skip
            if getattr(self, name) is None and getattr(other, name) is not None:
                setattr(self, name, getattr(other, name))
        if other.rel_unit is not None and self.rel_unit == other.rel_unit and not self.rel_offset:
            self.rel_offset = other.rel_offset
        self.start = min(self.start, other.start)
        self.end = max(self.end, other.end)
        self.slots = self.slots | other.slots
        self.needs_host = False


_DATE_FOLLOWS = re.compile(r"\s*\(\s*\d")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")

# Most number patterns start only where no word, decimal point, slash or "-" after a letter is
# right before the number ("46,1", "13.20", "25/4", "APBN-2015" start none of them there).
_LEFT_OF_NUMBER = r"(?<![\w.,/$])(?<![A-Za-z]-)"
_NUMBER_MAY_START = re.compile(_LEFT_OF_NUMBER, re.IGNORECASE)
# What every pattern on a one- or two-digit number needs right after it: a space, a dash, a separator.
_AFTER_SHORT_NUMBER = re.compile(r"[\s\-–—./,]")

# First-word keys of tokens that start with a digit, by shape: most number patterns can start
# only on some shapes (a day has one or two digits, a year four, a count only digits).
# A short number or a year followed by a space has keys of its own: numeric dates and decades need
# a separator right after the number ("13/9", "2023-09-13", "1990-an") and are not tried there.
SHORT_NUMBER = "0"  # one or two digits, then a dash, a separator
SPACED_SHORT_NUMBER = "0 "  # one or two digits, then a space
YEAR_NUMBER = "0000"  # four digits, then anything but a space
SPACED_YEAR_NUMBER = "0000 "  # four digits, then a space
OTHER_NUMBER = "000"  # any other count of digits
GLUED_NUMBER = "0."  # digits right after a decimal point, a slash, ... (see _LEFT_OF_NUMBER)
DIGIT_LED = "0x"  # a digit followed by letters ("1990an", "5s.d.") or an unusual digit
NUMBERS = frozenset({SHORT_NUMBER, SPACED_SHORT_NUMBER, YEAR_NUMBER, SPACED_YEAR_NUMBER, OTHER_NUMBER})
# A token is a run of letters, or a digit with the word characters glued to it: patterns that allow
# no space before a number ("pukul14.30", "tanggal5 Mei") start on the letters alone.
_WORD = re.compile(r"[^\W\d]+|\d\w*")


def number_key(token: str, text: str, start: int, end: int) -> str | None:
    """The key the token text[start:end] (`token`, lower-cased), which starts with a digit, is indexed by:
    its shape (None: a short number no pattern can start on, as in "(25/4)")."""
    if not token.isdecimal():
        return DIGIT_LED
    if not _NUMBER_MAY_START.match(text, start):
        return GLUED_NUMBER
    if end - start <= 2:
        if not _AFTER_SHORT_NUMBER.match(text, end):
            return None
        return SPACED_SHORT_NUMBER if text[end].isspace() else SHORT_NUMBER
    if end - start == 4:
        return SPACED_YEAR_NUMBER if text[end : end + 1].isspace() else YEAR_NUMBER
    return OTHER_NUMBER


def first_words(phrases: Iterable[str]) -> set[str]:
    """The first run of word characters of each phrase, lower-cased: where a match can start."""
    return {found.group().lower() for phrase in phrases if (found := _WORD.match(phrase.strip()))}


Handler = Callable[[re.Match[str], str], list[Part]]
Attempt = tuple[int, Callable[[str, int], "re.Match[str] | None"], Handler]  # rank, pattern.match, handler


def _previous_token(text: str, start: int) -> str:
    """The token right before `start` when only spaces separate them, else ''."""
    left = text[max(0, start - 40) : start]
    if not left or not left[-1].isspace() or "\n" in left[-2:]:
        return ""
    parts = left.split()
    return parts[-1] if parts else ""


def _next_token(text: str, end: int) -> str:
    right = text[end : end + 40]
    if not right[:1].isspace() or right[:1] == "\n":
        return ""
    parts = right.split()
    return parts[0] if parts else ""


class _Patterns:
    """All recognition patterns, compiled once."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        num_words = alternation(
            [*lex.numeral_units, *lex.numeral_multipliers, *lex.numeral_teen, *lex.numeral_fraction]
        )
        num = rf"(?:\d+(?:[.,]\d+)?|{num_words}(?:\s+{num_words}){{0,5}})"
        vague_num = alternation(lex.numeral_vague)
        times_signs = alternation(lex.numeral_times_signs)
        units = alternation(lex.units)
        se_units = alternation(lex.se_units)
        month_full = alternation(lex.month_full)
        month_any = alternation(lex.month_any)
        weekdays = alternation(lex.weekdays)
        pods = alternation(lex.parts_of_day)
        tz = "(?-i:" + alternation(lex.timezones)[3:]
        counted = alternation(lex.counted_relative)
        tails = alternation(lex.duration_tails)
        relatives = alternation(lex.relative)
        suffix = alternation(lex.date_suffixes)
        year_rel = alternation(lex.year_relative)
        ordinals = alternation(lex.ordinals)
        periods = alternation(lex.periods)
        coordination = alternation(lex.range_words)
        modifiers = alternation(lex.modifiers)
        left_num = _LEFT_OF_NUMBER

        # what follows the count in "satu hingga dua tahun", "tiga malam empat hari", "dua kali sehari"
        count_range = r"\s*(?:[-–]|s\.?d\.?|\s(?:hingga|sampai|atau)\s)"
        count_nights = r"\s+malam"
        count_times = r"\s+kali"

        def compile_(pattern: str) -> re.Pattern[str]:
            return re.compile(pattern, re.IGNORECASE)

        year_tail = (
            rf"(?:\s*(?:[-/]\s*)?(?:tahun\s+)?(?P<y>\d{{4}})\b(?!-an)|\s+tahun\s+(?P<yrel>{year_rel})\b"
            rf"|\s+(?P<tahun>tahun)\b(?!\s+(?:\d|{year_rel}\b)))?"
        )
        self.table: list[tuple[re.Pattern[str], Handler]] = [
            (compile_(rf"{left_num}(?P<d>\d{{1,2}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}})(?![\w/-]|[.,]\d)"), self._numeric_date),
            (compile_(rf"{left_num}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?![\w-])"), self._numeric_date),
            (compile_(r"\(\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}|\d{2}))?\s*\)"), self._paren_date),
            (compile_(
                rf"{left_num}(?:(?:tanggal|tgl\.?)\s*)?(?P<d>\d{{1,2}})\s*-?\s*(?P<m>{month_any})\b"
                rf"(?:\.?\s*(?:-\s*)?(?:tahun\s+)?(?P<y>\d{{4}})\b|\s+tahun\s+(?P<yrel>{year_rel})\b)?(?:\s+(?P<suf>{suffix})\b)?"
            ), self._day_month),
            (compile_(
                rf"{left_num}(?P<d>\d{{1,2}})(?P<conj>\s*[-–—]\s*|\s+{coordination}\s+)(?=(?:tanggal\s+)?\d{{1,2}}\s*{month_any}\b)"
            ), self._coordinated_day),
            (compile_(
                rf"\b(?:(?P<bulan>bulan)\s+)?(?P<m>{month_full})\b(?:\s*(?:-\s*)?(?:tahun\s+)?(?P<y>\d{{4}})\b(?!-an))?"
                rf"(?:\s+tahun\s+(?P<yrel>{year_rel})\b)?(?:\s+(?P<suf>{suffix})\b)?"
            ), self._month),
            (compile_(rf"\b(?P<m>{month_any})\.?\s*(?P<y>\d{{4}})\b(?:\s+(?P<suf>{suffix})\b)?"), self._month),
            (compile_(
                rf"{left_num}(?:(?P<tahun>tahun)\s+)?(?P<y>\d{{4}})(?![\w]|[.,]\d|-an)(?:\s+(?P<suf>{suffix})\b)?"
            ), self._year),
            (compile_(rf"{left_num}(?:(?P<pre>tahun|era|dekade|dasawarsa)\s+)?(?:(?P<y>\d{{3}})0|'?(?P<yy>[1-9])0)-?an\b"), self._decade),
            # Roman digits spelled out: ignoring case, [IVXL] would also take "İ" and "ı"
            (compile_(r"\babad\s+(?:ke-\s*|ke\s+)?(?P<n>\d{1,2}|(?-i:[IVXLivxl]+))\b"), self._century),
            (compile_(rf"\b(?P<unit>{periods})\s*(?:ke-\s*|ke\s+)?(?P<o>{ordinals})\b{year_tail}"), self._period),
            (compile_(
                rf"\b(?P<unit>{periods})\s*(?:ke-\s*|ke\s+)?(?P<o1>{ordinals})\s+{coordination}\s+(?:ke-\s*|ke\s+)?"
                rf"(?P<o>{ordinals})\b{year_tail}"
            ), self._coordinated_periods),
            (compile_(rf"\bmusim\s+(?P<s>{alternation(lex.seasons)})\b{year_tail}"), self._season),
            (compile_(rf"\b(?:(?P<hari>hari)\s+)?(?P<wd>{weekdays})\b(?:\s+(?P<suf>{suffix})\b)?"), self._weekday),
            (compile_(rf"\b(?P<a>{lex.weekend_pair[0]})\s*[-–]\s*(?P<b>{lex.weekend_pair[1]})\b"), self._weekend_set),
            (compile_(rf"\b(?P<unit>{alternation(lex.calendar_units)})\s+(?P<rel>{relatives})\b"), self._relative_unit),
            (compile_(rf"\b(?P<w>{alternation(lex.deictic_days)})\b"), self._deictic_day),
            (compile_(rf"\b(?P<w>{alternation(lex.deictic_parts_of_day)})\b"), self._deictic_part_of_day),
            (compile_(rf"\b(?P<w>{alternation(lex.anaphoric)})\b"), self._anaphoric),
            (compile_(
                rf"\b(?P<intro>{alternation(lex.clock_introducers)})\s*(?P<h>\d{{1,2}})(?:[.:](?P<mi>\d{{2}}))?(?![\d])"
                rf"(?:\s+(?P<pod>{pods})(?:\s+(?P<same_day>{alternation(lex.same_day_suffixes)}))?\b)?(?:\s*(?P<tz>{tz})\b|\s+(?P<local>{lex.local_time_word}\s+(?:setempat|[A-Z][\w-]+)))?"
                rf"(?:\s*(?:[-–—]|s\.?d\.?|hingga|sampai)\s*(?P<h2>\d{{1,2}})[.:](?P<mi2>\d{{2}})(?![\d])(?:\s*(?P<tz2>{tz})\b)?)?"
            ), self._clock),
            (compile_(rf"\b(?P<w>{alternation(lex.clock_phrases)})\b"), self._clock_phrase),
            (compile_(
                rf"\b(?P<pod>{pods})(?:\s+(?P<hari>hari))?(?:\s+(?P<suf>{alternation(lex.same_day_suffixes)})"
                rf"|\s+(?P<then>{alternation(lex.narrative_day_suffixes)}))?\b(?:\s*(?P<tz>{tz})\b)?"
            ), self._part_of_day),
            (compile_(
                rf"{left_num}(?:(?P<factor>\d{{1,3}})\s+(?:{times_signs})\s+)?"
                rf"(?P<n>{num}|{vague_num})\s+(?P<unit>{units})\b(?:\s+(?P<tail>{counted}|{tails})\b)?"
            ), self._counted),
            (compile_(
                rf"{left_num}(?P<n>{num}){count_range}\s*(?=(?:{num})\s+(?P<unit>{units})\b)"
            ), self._ranged_count),
            (compile_(rf"\b(?P<se>{se_units})\b(?:\s+(?P<tail>{counted}|{tails})\b)?"), self._se_unit),
            (compile_(rf"\b(?P<w>{alternation(lex.reduplicated_units)})(?![\w-])"), self._reduplicated),
            (compile_(rf"\b(?P<w>{alternation(lex.vague_durations)})\b"), self._vague_duration),
            (compile_(rf"{left_num}(?P<n1>{num}){count_nights}\s+(?P<n2>{num})\s+hari\b"), self._nights_days),
            (compile_(
                rf"\b(?P<every>{alternation(lex.set_every)})\s+(?:(?P<n>{num})\s+)?"
                rf"(?:(?:hari\s+)?(?P<wd>{weekdays})|(?P<we>akhir\s+pekan)|(?P<pod>{pods})|(?P<unit>{units}))\b"
            ), self._every),
            (compile_(
                rf"\b(?:(?P<n>{num}){count_times}|(?P<once>sekali))\s+(?:dalam\s+)?(?:(?P<se>{se_units})|(?:satu|1)\s+(?P<unit>{units}))\b"
            ), self._frequency),
            (compile_(rf"\b(?P<w>{alternation(lex.set_adjectives)})\b"), self._frequency_adjective),
            (compile_(rf"\b(?P<w>{alternation(lex.vague)})\b"), self._vague),
            (compile_(rf"\b(?:{alternation(lex.vague_after_words)})\s+(?P<w>{alternation(lex.vague_after)})\b"), self._vague),
            (compile_(
                rf"\b(?P<mod>{alternation(lex.modifiers_with_bare_unit)})\s+(?P<unit>{alternation(lex.bare_units)})\b"
                rf"(?!\s+(?:\d|ke-|{relatives}\b|{year_rel}\b|itu\b|yang\b|{month_any}\b))"
            ), self._modified_bare_unit),
            (compile_(rf"\b(?P<mod>{modifiers})\s+(?=[\w'])"), self._modifier),
        ]

        numerals = [*lex.numeral_units, *lex.numeral_multipliers, *lex.numeral_teen, *lex.numeral_fraction]
        number_words = {*first_words(numerals), *first_words(lex.numeral_vague)}
        counts = {*NUMBERS, *number_words}  # a number then a space: tiga jam, 5 tahun, beberapa bulan lalu
        # The words a match of each pattern (same order as the table) can start with; None: scan the text.
        starts: list[set[str] | None] = [
            {SHORT_NUMBER},  # 13/09/2023
            {YEAR_NUMBER},  # 2023-09-13
            None,  # (13/9)
            {SHORT_NUMBER, SPACED_SHORT_NUMBER, DIGIT_LED, "tanggal", "tgl"},  # 13 September 2023, 13-Sep
            {SHORT_NUMBER, SPACED_SHORT_NUMBER},  # 13 dan 14 September, 13-14 September
            {"bulan", *first_words(lex.month_full)},  # bulan Mei, September 2023
            first_words(lex.month_any),  # Sept 2023
            {YEAR_NUMBER, SPACED_YEAR_NUMBER, "tahun"},  # tahun 2016
            {SHORT_NUMBER, YEAR_NUMBER, DIGIT_LED, "tahun", "era", "dekade", "dasawarsa"},  # 1990-an, 80an
            {"abad"},
            first_words(lex.periods),  # kuartal III 2023
            first_words(lex.periods),  # kuartal pertama dan kedua
            {"musim"},
            {"hari", *first_words(lex.weekdays)},
            {lex.weekend_pair[0]},
            first_words(lex.calendar_units),  # tahun lalu
            first_words(lex.deictic_days),
            first_words(lex.deictic_parts_of_day),
            first_words(lex.anaphoric),
            first_words(lex.clock_introducers),
            first_words(lex.clock_phrases),
            first_words(lex.parts_of_day),
            counts,  # tiga jam, beberapa bulan lalu
            {*counts, DIGIT_LED},  # satu hingga dua tahun, 5s.d. 7 tahun
            first_words(lex.se_units),
            first_words(lex.reduplicated_units),
            first_words(lex.vague_durations),
            counts,  # tiga malam empat hari
            first_words(lex.set_every),
            {*counts, GLUED_NUMBER, "sekali"},  # dua kali sehari, 1,5 kali sebulan
            first_words(lex.set_adjectives),
            first_words(lex.vague),
            first_words(lex.vague_after_words),
            first_words(lex.modifiers_with_bare_unit),
            first_words(lex.modifiers),
        ]
        assert len(starts) == len(self.table)
        self.scanned = [rank for rank, words in enumerate(starts) if words is None]
        # Three count patterns rarely match; on a number they are tried only when one look finds the
        # count followed by what they need (a range word, "malam", "kali").
        self.count_continues = compile_(rf"(?:{num})(?:{count_range}|{count_nights}|{count_times})")
        gated = {
            rank for rank, (_, handler) in enumerate(self.table)
            if handler in (self._ranged_count, self._nights_days, self._frequency)
        }  # fmt: skip
        number_keys = {*counts, GLUED_NUMBER, DIGIT_LED}
        # The patterns to try at each first word, in rank order, as (rank, bound match method, handler):
        # looked up once per token, without indexing the table again.
        self.by_first_word: dict[str, tuple[Attempt, ...]] = {}
        self.gated_by_first_word: dict[str, tuple[Attempt, ...]] = {}
        for rank, words in enumerate(starts):
            pattern, handler = self.table[rank]
            for word in words or ():
                index = self.gated_by_first_word if rank in gated and word in number_keys else self.by_first_word
                index[word] = (*index.get(word, ()), (rank, pattern.match, handler))
        # The words right before a match are read backwards: one anchored match on the reversed,
        # lower-cased window instead of splitting it into words. A law or regulation number word is
        # one of the last three words, dots after it allowed ("UU No. 11 Tahun 2020", "Nomor 5/2013");
        # an age or an anniversary word is the last words ("usia 70 tahun", "ulang tahun ke-5").
        law_words = alternation(word[::-1] for word in lex.law_number_words)
        self.law_number_behind = re.compile(rf"\s*(?:\S+\s+){{0,2}}\.*{law_words}(?!\S)")
        self.duration_stop_behind = re.compile(
            rf"\s*{alternation(stop.lower()[::-1] for stop in lex.stop_before_duration)}(?!\S)"
        )
        # Tokens worth a look: a first word of some pattern (as a whole run of letters, a number may
        # follow: "pukul14.30") or a number not glued to a word. Scanning for these in one regex pass
        # beats a Python loop over every word; lower-cased text lets the pattern be case-sensitive.
        # Holiday names start at tokens of this scan too, so the holiday finder need not scan the text.
        # The scan runs over the text with a space in front and matches the character before each token:
        # a pattern starting with a character class lets the regex engine's fast search skip from one
        # non-word character to the next (a leading lookbehind enters the matcher at every offset).
        words = {*self.by_first_word, *self.gated_by_first_word, *(holiday_first_tokens() or ())}
        letter_keys = [word for word in words if not word[0].isdigit()]
        source = rf"\W({character_trie(letter_keys)}(?![^\W\d])|\d\w*)"
        self.lower_case_scan = re.compile(source)
        self.any_case_scan = re.compile(source, re.IGNORECASE)

    # -- dates -------------------------------------------------------------------------

    def _law_number_before(self, text: str, start: int) -> bool:
        """"UU No. 11 Tahun 2020", "Nomor 5/2013": a number of a law or a regulation follows."""
        return self.law_number_behind.match(text[max(0, start - 120) : start].lower()[::-1]) is not None

    def _numeric_date(self, m: re.Match[str], text: str) -> list[Part]:
        if self._law_number_before(text, m.start()):
            return []
        day, month = int(m["d"]), int(m["m"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return []
        return [Part(m.start(), m.end(), CAL, frozenset({"date"}), year=int(m["y"]), month=month, day=day)]

    def _paren_date(self, m: re.Match[str], text: str) -> list[Part]:
        day, month = int(m["d"]), int(m["m"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return []
        year = m["y"]
        part = Part(m.start(), m.end(), CAL, frozenset({"date"}), needs_host=True, month=month, day=day)
        if year:
            part.year = int(year) + (2000 if len(year) == 2 else 0)  # "(5/12/14)"
        return [part]

    def _tense(self, suffix: str | None) -> str | None:
        return self.lex.date_suffixes[" ".join(suffix.lower().split())] if suffix else None

    def _year_rel(self, word: str | None) -> int | None:
        if not word:
            return None
        return self.lex.relative[" ".join(word.lower().split())][1]

    def _day_month(self, m: re.Match[str], text: str) -> list[Part]:
        day = int(m["d"])
        if not 1 <= day <= 31:
            return []
        part = Part(
            m.start(), m.end(), CAL, frozenset({"date"}), day=day, month=self.lex.month_any[m["m"].lower()],
            year=int(m["y"]) if m["y"] else None, year_rel=self._year_rel(m["yrel"]), tense=self._tense(m["suf"]),
        )  # fmt: skip
        return [part]

    def _coordinated_day(self, m: re.Match[str], text: str) -> list[Part]:
        day = int(m["d"])
        if not 1 <= day <= 31:
            return []
        return [Part(m.start("d"), m.end("d"), CAL, frozenset({"date"}), day=day)]

    def _looks_like_name(self, text: str, m: re.Match[str], word: str) -> bool:
        """"Pasar Minggu", harian "Minggu": a weekday or month after a naming word, or "Minggu" after a name."""
        before = _previous_token(text, m.start())
        if before in self.lex.stop_before_weekday:
            return True
        if word.lower() not in self.lex.name_prone or _DATE_FOLLOWS.match(text, m.end()):
            return False
        return bool(before) and before[0].isupper() and before.isalpha() and before not in self.lex.function_words

    def _month(self, m: re.Match[str], text: str) -> list[Part]:
        name = m["m"]
        bare = not (m.groupdict().get("bulan") or m["y"] or m.groupdict().get("yrel") or m["suf"])
        if bare:
            if not name[0].isupper() or self._looks_like_name(text, m, name):
                return []
            after = _next_token(text, m.end()).strip(".,;:!?)\"'”’")
            if after[:1].isupper() and after.isalpha() and after not in self.lex.function_words:
                return []  # "Mei Ling"
        year = int(m["y"]) if m["y"] else None
        if year is not None and year < 1000:
            return []
        return [
            Part(
                m.start(), m.end(), CAL, frozenset({"month"}), month=self.lex.month_any[name.lower()], year=year,
                year_rel=self._year_rel(m.groupdict().get("yrel")), tense=self._tense(m["suf"]),
            )  # fmt: skip
        ]

    def _year(self, m: re.Match[str], text: str) -> list[Part]:
        year = int(m["y"])
        has_unit = bool(m["tahun"])
        if not (1000 <= year <= 2999 if has_unit else 1800 <= year <= 2100):
            return []
        if self._law_number_before(text, m.start()):
            return []
        before = _previous_token(text, m.start()).strip("()[]\"'“”,")
        if before in self.lex.stop_before_year or before.rstrip(".") in self.lex.stop_before_year:
            return []
        if not has_unit and not m["suf"]:
            after = _next_token(text, m.end()).strip(".,;:)").lower()
            if after in self.lex.stop_after_year:
                return []
        return [Part(m.start(), m.end(), CAL, frozenset({"year"}), year=year, tense=self._tense(m["suf"]))]

    def _decade(self, m: re.Match[str], text: str) -> list[Part]:
        if m["y"]:
            decade = int(m["y"])
        elif m["pre"]:
            decade = 190 + int(m["yy"])  # "era 80-an": the 1980s
        else:
            return []
        return [Part(m.start(), m.end(), CAL, frozenset({"year"}), decade=decade)]

    def _century(self, m: re.Match[str], text: str) -> list[Part]:
        raw = m["n"]
        number = int(raw) if raw.isdigit() else _roman(raw)
        if not number or number > 30:
            return []
        return [Part(m.start(), m.end(), CAL, frozenset({"year"}), century=number - 1)]

    def _period_part(self, start: int, end: int, unit: str, ordinal: str, m: re.Match[str] | None) -> Part | None:
        kind, per_year = self.lex.periods[" ".join(unit.lower().split())]
        number = self.lex.ordinals.get(ordinal.lower(), self.lex.ordinals.get(ordinal))
        if number is None or number > per_year:
            return None
        part = Part(start, end, CAL, frozenset({"year"}), period=f"{kind}{number}")
        if m is not None:
            if m["y"]:
                part.year = int(m["y"])
            elif m["yrel"]:
                part.year_rel = self._year_rel(m["yrel"])
            elif m["tahun"]:
                part.year_rel = 0
        return part

    def _period(self, m: re.Match[str], text: str) -> list[Part]:
        part = self._period_part(m.start(), m.end(), m["unit"], m["o"], m)
        return [part] if part else []

    def _coordinated_periods(self, m: re.Match[str], text: str) -> list[Part]:
        first = self._period_part(m.start(), m.end("o1"), m["unit"], m["o1"], None)
        second = self._period_part(m.start("o"), m.end(), m["unit"], m["o"], m)
        return [part for part in (first, second) if part]

    def _season(self, m: re.Match[str], text: str) -> list[Part]:
        part = Part(m.start(), m.end(), CAL, frozenset({"year"}), period=self.lex.seasons[m["s"].lower()])
        if m["y"]:
            part.year = int(m["y"])
        elif m["yrel"]:
            part.year_rel = self._year_rel(m["yrel"])
        return [part]

    def _weekday(self, m: re.Match[str], text: str) -> list[Part]:
        name = m["wd"]
        if not m["hari"] and (not name[0].isupper() or self._looks_like_name(text, m, name)):
            return []
        end, tense = m.end(), self._tense(m["suf"])
        if m["suf"] and name.lower() in self.lex.calendar_units:
            end, tense = m.end("wd"), None  # "Minggu lalu" is last week: the unit pattern reads it
        return [Part(m.start(), end, CAL, frozenset({"weekday"}), weekday=self.lex.weekdays[name.lower()], tense=tense)]

    def _relative_unit(self, m: re.Match[str], text: str) -> list[Part]:
        unit = self.lex.calendar_units[" ".join(m["unit"].lower().split())]
        base, direction = self.lex.relative[" ".join(m["rel"].lower().split())]
        if unit == "day" and base == "dct":
            return []  # "hari lalu" without a number is not a date
        if self._counted_before(text, m.start()):
            return []  # "tiga hari sebelumnya" is counted, not "hari sebelumnya"
        return [Part(m.start(), m.end(), CAL, frozenset({unit}), rel_unit=unit, rel_base=base, rel_offset=direction)]

    def _counted_before(self, text: str, start: int) -> bool:
        """A number right before a unit word makes it a count ("23 tahun itu" is an age, not "tahun itu")."""
        before = _previous_token(text, start).lower()
        return bool(_NUMBER.fullmatch(before)) or before in self.lex.numeral_units or before in self.lex.numeral_vague

    def _deictic_day(self, m: re.Match[str], text: str) -> list[Part]:
        offset = self.lex.deictic_days[" ".join(m["w"].lower().split())]
        return [Part(m.start(), m.end(), CAL, frozenset({"dayrel"}), rel_unit="day", rel_base="dct", rel_offset=offset)]

    def _deictic_part_of_day(self, m: re.Match[str], text: str) -> list[Part]:
        offset, pod = self.lex.deictic_parts_of_day[" ".join(m["w"].lower().split())]
        return [
            Part(
                m.start(), m.end(), CAL, frozenset({"dayrel", "tod"}), rel_unit="day", rel_base="dct",
                rel_offset=offset, pod=pod,
            )  # fmt: skip
        ]

    def _anaphoric(self, m: re.Match[str], text: str) -> list[Part]:
        unit, offset = self.lex.anaphoric[" ".join(m["w"].lower().split())]
        if self._counted_before(text, m.start()):
            return []
        return [
            Part(
                m.start(), m.end(), CAL, frozenset({"anaphor"}), rel_unit=unit, rel_base="narrative",
                rel_offset=offset, anaphor=offset == 0,
            )  # fmt: skip
        ]

    # -- times of day ------------------------------------------------------------------

    def _clock(self, m: re.Match[str], text: str) -> list[Part]:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        if m["intro"].lower() == "jam" and not m["mi"] and not m["pod"]:
            return []  # "jam 7" without minutes or a part of day is too often a count
        if hour > 24 or minute > 59:
            return []
        pod = m["pod"].lower() if m["pod"] else None
        hour = self._pm(hour, pod)
        tz = m["tz"] or m["tz2"]
        end_first = m.end() if not m["h2"] else max(m.end(g) for g in ("h", "mi", "pod", "tz", "local") if m[g])
        first = Part(m.start(), end_first, CAL, frozenset({"tod"}), hour=hour % 24, minute=minute, pod=pod, tz=tz)
        if m["same_day"]:
            first.slots = frozenset({"tod", "dayrel"})
            first.rel_unit, first.rel_base = "day", "dct"
        if not m["h2"]:
            return [first]
        hour2, minute2 = int(m["h2"]), int(m["mi2"])
        if hour2 > 24 or minute2 > 59:
            return [first]
        second = Part(m.start("h2"), m.end(), CAL, frozenset({"tod"}), hour=hour2 % 24, minute=minute2, tz=tz)
        return [first, second]

    def _pm(self, hour: int, pod: str | None) -> int:
        if pod is None or hour >= 12 or pod in self.lex.not_pm:
            return hour
        return hour + 12 if self.lex.parts_of_day[pod].code in self.lex.pm_codes else hour

    def _clock_phrase(self, m: re.Match[str], text: str) -> list[Part]:
        hour, minute = self.lex.clock_phrases[" ".join(m["w"].lower().split())]
        return [Part(m.start(), m.end(), CAL, frozenset({"tod"}), hour=hour, minute=minute)]

    def _part_of_day(self, m: re.Match[str], text: str) -> list[Part]:
        pod = " ".join(m["pod"].lower().split())
        part = Part(m.start(), m.end(), CAL, frozenset({"tod"}), pod=pod, tz=m["tz"])
        if m["suf"]:
            part.slots = frozenset({"tod", "dayrel"})
            part.rel_unit, part.rel_base, part.rel_offset = "day", "dct", 0
        elif m["then"]:
            part.slots = frozenset({"tod", "anaphor"})
            part.rel_unit, part.rel_base, part.anaphor = "day", "narrative", True
        elif not m["hari"] and pod != "dini hari":
            part.needs_host = True
        return [part]

    # -- durations ---------------------------------------------------------------------

    def _stopped_duration(self, text: str, start: int) -> bool:
        return (
            self._law_number_before(text, start)
            or self.duration_stop_behind.match(text[max(0, start - 20) : start].lower()[::-1]) is not None
        )

    def _counted(self, m: re.Match[str], text: str) -> list[Part]:
        if self._stopped_duration(text, m.start()):
            return []
        raw, unit = m["n"].lower(), " ".join(m["unit"].lower().split())
        vague = raw in self.lex.numeral_vague
        number = None if vague else parse_numeral(raw)
        if not vague and number is None:
            return []
        if m["factor"] and number is not None:
            number *= int(m["factor"])  # "2 x 24 jam": forty-eight hours
        return self._with_tail(m, unit, number, from_words=not raw[:1].isdigit(), tail=m["tail"])

    def _ranged_count(self, m: re.Match[str], text: str) -> list[Part]:
        """"satu hingga dua tahun": the first number of a range takes the unit of the second."""
        number = parse_numeral(m["n"])
        if number is None or self._stopped_duration(text, m.start()):
            return []
        unit = " ".join(m["unit"].lower().split())
        return [Part(m.start(), m.end("n"), DURATION, value=duration_value(number, unit, not m["n"][:1].isdigit()))]

    def _se_unit(self, m: re.Match[str], text: str) -> list[Part]:
        if self._stopped_duration(text, m.start()):
            return []
        unit = self.lex.se_units[m["se"].lower()]
        return self._with_tail(m, unit, 1, from_words=True, tail=m["tail"])

    def _with_tail(self, m: re.Match[str], unit: str, number: float | None, from_words: bool, tail: str | None) -> list[Part]:
        tail_key = " ".join(tail.lower().split()) if tail else None
        if tail_key in self.lex.counted_relative and _previous_token(m.string, m.start()).lower() in self.lex.before_counted:
            end = m.start("tail")
            while m.string[end - 1].isspace():
                end -= 1
            return [Part(m.start(), end, DURATION, value=duration_value(number, unit, from_words))]
        if tail_key in self.lex.counted_relative:
            base, direction = self.lex.relative[tail_key]
            rel_unit = self.lex.calendar_units.get(unit)
            if rel_unit is None or number is None or number != int(number):
                if number is None and direction < 0 and base == "dct":
                    return [Part(m.start(), m.end(), VAGUE, value="PAST_REF")]
                if number is None and direction > 0 and base == "dct":
                    return [Part(m.start(), m.end(), VAGUE, value="FUTURE_REF")]
                return [Part(m.start(), m.end(), DURATION, value=duration_value(number, unit, from_words))]
            return [
                Part(
                    m.start(), m.end(), CAL, frozenset({"counted"}), rel_unit=rel_unit, rel_base=base,
                    rel_offset=direction * int(number),
                )  # fmt: skip
            ]
        return [Part(m.start(), m.end(), DURATION, value=duration_value(number, unit, from_words))]

    def _reduplicated(self, m: re.Match[str], text: str) -> list[Part]:
        unit = self.lex.reduplicated_units[m["w"].lower()]
        return [Part(m.start(), m.end(), DURATION, value=duration_value(None, unit, False))]

    def _vague_duration(self, m: re.Match[str], text: str) -> list[Part]:
        return [Part(m.start(), m.end(), DURATION, value="PXX")]

    def _nights_days(self, m: re.Match[str], text: str) -> list[Part]:
        days = parse_numeral(m["n2"])
        if days is None:
            return []
        return [Part(m.start(), m.end(), DURATION, value=duration_value(days, "hari", False))]

    # -- sets --------------------------------------------------------------------------

    def _every(self, m: re.Match[str], text: str) -> list[Part]:
        number = parse_numeral(m["n"]) if m["n"] else 1
        if number is None:
            return []
        part = Part(m.start(), m.end(), SET, quant="EVERY")
        if m["wd"]:
            part.value = f"XXXX-WXX-{self.lex.weekdays[m['wd'].lower()]}"
        elif m["we"]:
            part.value = "XXXX-WXX-WE"
        elif m["pod"]:
            part.value = f"XXXX-XX-XXT{self.lex.parts_of_day[' '.join(m['pod'].lower().split())].code}"
        else:
            part.value = duration_value(number, " ".join(m["unit"].lower().split()), False)
        return [part]

    def _weekend_set(self, m: re.Match[str], text: str) -> list[Part]:
        return [Part(m.start(), m.end(), SET, value="XXXX-WXX-WE")]

    def _frequency(self, m: re.Match[str], text: str) -> list[Part]:
        times = 1 if m["once"] else parse_numeral(m["n"])
        if times is None or times != int(times):
            return []
        unit = self.lex.se_units[m["se"].lower()] if m["se"] else " ".join(m["unit"].lower().split())
        return [Part(m.start(), m.end(), SET, value=duration_value(1, unit, False), freq=f"{int(times)}X")]

    def _frequency_adjective(self, m: re.Match[str], text: str) -> list[Part]:
        after = _next_token(text, m.end())
        if after[:1].isupper():
            return []  # "harian Kompas" names a newspaper
        unit = self.lex.set_adjectives[m["w"].lower()]
        return [Part(m.start(), m.end(), SET, value=duration_value(1, unit, False))]

    # -- vague references and modifiers ------------------------------------------------

    def _vague(self, m: re.Match[str], text: str) -> list[Part]:
        key = " ".join(m["w"].lower().split())
        value = self.lex.vague.get(key) or self.lex.vague_after[key]
        return [Part(m.start("w"), m.end("w"), VAGUE, value=value)]

    def _modified_bare_unit(self, m: re.Match[str], text: str) -> list[Part]:
        unit = m["unit"].lower()
        granularity = {"abad": "century", "dekade": "decade"}.get(unit) or self.lex.calendar_units[unit]
        if granularity in ("century", "decade"):
            return []
        return [
            Part(
                m.start(), m.end(), CAL, frozenset({granularity}), rel_unit=granularity, rel_base="dct",
                mod=self.lex.modifiers[m["mod"].lower()],
            )  # fmt: skip
        ]

    def _modifier(self, m: re.Match[str], text: str) -> list[Part]:
        return [Part(m.start(), m.end("mod"), PREFIX, mod=self.lex.modifiers[" ".join(m["mod"].lower().split())])]


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for index, char in enumerate(numeral.upper()):
        value = values[char]
        following = values[numeral[index + 1].upper()] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _format_number(number: float) -> str:
    return str(int(number)) if number == int(number) else f"{number:.2f}".rstrip("0").rstrip(".")


_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("TM", 60), "TM": ("S", 60)}


def duration_value(number: float | None, unit: str, from_words: bool) -> str:
    """TIMEX3 duration: P5Y, PT3H, P5.5Y, PXM; a word fraction moves to the smaller unit (setengah hari = PT12H)."""
    designator, amount = lexicon().units[unit]
    if number is None:
        count = "X"
    else:
        total = number * amount
        if from_words and total != int(total) and designator in _SMALLER:
            designator, factor = _SMALLER[designator]
            total *= factor
        count = _format_number(total)
    if designator in ("H", "TM", "S"):
        return f"PT{count}{'M' if designator == 'TM' else designator}"
    return f"P{count}{designator}"


@cache
def patterns() -> _Patterns:
    return _Patterns(lexicon())


# -- selection and merging -------------------------------------------------------------


Token = tuple[str, int, int]  # lower-cased, start, end


def first_word_tokens(text: str) -> list[Token]:
    """Tokens where an expression may start: a first word of some pattern or holiday name (a whole
    run of letters; a number may follow, as in "pukul14.30"), or a number not glued to a word."""
    compiled = patterns()
    # offsets into the lower-cased text hold unless lower-casing changed its length ("İ" grows);
    # the space in front shifts them by one
    lowered = " " + text.lower()
    if len(lowered) == len(text) + 1:
        return [(token[1], token.start(1) - 1, token.end(1) - 1) for token in compiled.lower_case_scan.finditer(lowered)]
    spaced = " " + text
    return [(token[1].lower(), token.start(1) - 1, token.end(1) - 1) for token in compiled.any_case_scan.finditer(spaced)]


def candidates(text: str, tokens: list[Token] | None = None) -> list[tuple[int, Part]]:
    """Every part any pattern finds, with the pattern's rank (earlier patterns win ties).

    Patterns are tried only where a word they can start with occurs (`tokens`, from
    `first_word_tokens`), so the text is scanned once for those words instead of once per pattern.
    """
    compiled = patterns()
    by_first_word, gated_by_first_word = compiled.by_first_word, compiled.gated_by_first_word
    count_continues = compiled.count_continues.match
    found: list[tuple[int, Part]] = []
    append = found.append
    for rank in compiled.scanned:
        pattern, handler = compiled.table[rank]
        for match in pattern.finditer(text):
            found.extend((rank, part) for part in handler(match, text) if part.end > part.start)
    for word, position, end in first_word_tokens(text) if tokens is None else tokens:
        key = number_key(word, text, position, end) if word[0].isdigit() else word
        attempts = by_first_word.get(key, ())
        gated = gated_by_first_word.get(key)
        if gated and count_continues(text, position):
            attempts += gated
        for rank, match_at, handler in attempts:
            match = match_at(text, position)
            if match is not None:
                for part in handler(match, text):
                    if part.end > part.start:
                        append((rank, part))
    return found


def select_longest(found: list[tuple[int, Part]]) -> list[Part]:
    """Greedy longest-first choice of non-overlapping parts, returned in text order."""
    found.sort(key=lambda item: (-(item[1].end - item[1].start), item[0], item[1].start))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Part] = []
    for _, part in found:
        index = bisect_right(starts, part.start)
        if index > 0 and ends[index - 1] > part.start:
            continue
        if index < len(starts) and starts[index] < part.end:
            continue
        starts.insert(index, part.start)
        ends.insert(index, part.end)
        chosen.insert(index, part)
    return chosen


_TIGHT_GAP = re.compile(r"[ \t]*")
_GAP = re.compile(r"[ \t]+|[ \t]*,[ \t]*")
_MERGEABLE = frozenset({"weekday", "date", "dayrel", "tod"})


def _can_merge(left: Part, right: Part, gap: str) -> bool:
    if left.kind != CAL or right.kind != CAL:
        return False
    if right.needs_host and "date" in right.slots:
        # a bracketed date "(13/9)" hangs on a weekday or a day word right before it
        return bool(_TIGHT_GAP.fullmatch(gap)) and bool(left.slots & {"weekday", "dayrel"}) and not (
            left.slots & {"date"}
        )
    if not _GAP.fullmatch(gap):
        return False
    if not (left.slots <= _MERGEABLE and right.slots <= _MERGEABLE):
        return False
    if left.slots & right.slots:
        return False
    # a date and a time of day, or a day word and a date; two bare times of day stay apart
    union = left.slots | right.slots
    return (
        "tod" in union
        and len(union) > 1
        or bool(union & {"dayrel"})
        and bool(union & {"date", "weekday"})
        or union == {"weekday", "date"}  # "Senin, 12 Januari 2015"
    )


_DURATION_MODS = frozenset({"MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"})
_CALENDAR_MODS = frozenset({"START", "MID", "END"})


def _takes_modifier(prefix: Part, host: Part, gap: str) -> bool:
    """START/MID/END modify dates, comparisons modify lengths of time (and counted dates), APPROX both."""
    if not gap or gap.strip(" \t") or host.kind not in (CAL, DURATION) or host.mod is not None:
        return False
    if prefix.mod in _CALENDAR_MODS:
        return host.kind == CAL
    if prefix.mod in _DURATION_MODS:
        return host.kind == DURATION or host.rel_unit is not None and host.rel_offset not in (0, 1, -1)
    return True


def merge_adjacent(parts: list[Part], text: str) -> list[Part]:
    """Join adjacent parts of one expression: modifiers with their host, weekday + (date) + time + day word."""
    merged: list[Part] = []
    for part in parts:
        if merged and merged[-1].kind == PREFIX and _takes_modifier(merged[-1], part, text[merged[-1].end : part.start]):
            prefix = merged.pop()
            part.mod = part.mod or prefix.mod
            part.start = prefix.start
        if merged and _can_merge(merged[-1], part, text[merged[-1].end : part.start]):
            merged[-1].absorb(part)
            continue
        merged.append(part)
    return [part for part in merged if part.kind != PREFIX and not part.needs_host]


@cache
def _coordination_gaps() -> frozenset[str]:
    """What may stand between two coordinated dates, spaces normalised: a word, a dash or nothing."""
    lex = lexicon()
    return frozenset({*(" ".join(word.split()) for word in lex.coordination_words), *lex.dashes, ""})


def link_coordinations(parts: list[Part], text: str) -> None:
    """In "Mei dan Agustus tahun ini" or "13-15 September", the first date borrows what the last one states."""
    gaps = _coordination_gaps()
    for left, right in zip(parts, parts[1:], strict=False):
        if left.kind != CAL or right.kind != CAL or left.has_year_info or left.decade or left.century:
            continue
        gap = " ".join(text[left.end : right.start].split()).lower()
        if gap in gaps:
            # only a date at least as fine as a month lends its year ("Mei dan Agustus tahun ini"),
            # not a year-level phrase ("akhir September dan pertengahan tahun depan")
            lends_year = right.has_year_info and (right.month is not None or right.period is not None)
            if lends_year or (left.month is None and right.month is not None):
                left.borrow = right


def recognize(text: str, tokens: list[Token] | None = None) -> list[Part]:
    """Recognised expressions in text order: longest match, adjacent parts merged, coordinations linked."""
    parts = merge_adjacent(select_longest(candidates(text, tokens)), text)
    link_coordinations(parts, text)
    return parts

