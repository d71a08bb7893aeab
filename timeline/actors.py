"""People, organisations, countries, groups and places named in a document.

One regex pass collects capitalised runs (`Presiden Rusia Vladimir Putin`,
`Universitas Wanita Ewha`); each run is segmented against the lexicon by a
longest-match dict scan over its tokens, then read left to right: titles take
the following name as a person, organisation and place heads take the words
after them, capitals stand for their governments. Names the lexicon does not
know are kept when the document shows what they are (a title, an honorific, a
verb of saying, a locative) and linked within the document to their fullest
form (`Kim` → `Kim Jong-un`).
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import SimpleNamespace
from typing import NamedTuple

from pydantic import TypeAdapter

from timeline.entities.lexicon import Category, Entry, Lexicon, is_affixed_word, is_vocabulary_word, lexicon
from timeline.models import ActorKind, EntityMention, Sentence

# Enum members read through their class go through the enum metaclass's `__getattr__` hook (about twice
# the cost of a plain attribute on Python 3.11); the run reader compares every segment with most
# categories, so members are read from plain namespaces.
_CATEGORY = SimpleNamespace(**Category.__members__)
_KIND = SimpleNamespace(**ActorKind.__members__)
_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"(?:[{_UPPER}]\.(?= [{_UPPER}])|[{_UPPER}][\w\-]*(?:['’][A-Za-z]\w*)?)"
_TOKEN = re.compile(r"\([^()]*\)|[^\s()]+")
_OPENING = re.compile(r"[\"“‘(]\s*")
_CLAUSE_LIMIT = 300  # characters an appositive clause may run (`, seorang profesor di ...,`)
_SCAN_LIMIT = 20_000  # above this length, look words up in an index instead of scanning the text
_LOWER_WORD = re.compile(r"(?<= )[a-z]+(?![A-Za-z0-9])")
# A word shaped like a personal name: `Widodo`, `Jong-un`, `O'Neill`, an initial `A`/`B.`; not an acronym,
# number or CamelCase brand.
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ](?:[a-zß-öø-ÿ]+(?:[-'’][A-Za-zß-öø-ÿ][a-zß-öø-ÿ]*)*|\.?)")
_NAME_LENGTHS = range(2, 5)  # words in a name read as a person's on its shape alone
_NOUN_AFFIXES = re.compile(r"(?:[Pp]e|[Kk]e).*|.*an")  # the shapes of derived nouns, not of verbs (`Dimas`)
_TRAILING_PUNCTUATION = ".,;:!?\"”’)"
# Between an office and the name of its holder: a comma, or more capitalised words of the office.
_OFFICE_CONTINUES = re.compile(rf"(?:,? (?:and |dan |& )?[{_UPPER}][\w&.\-]*)*,? ")
_OFFICE_REACH = 80  # characters an office may run on past a comma
_OFFICE_GOES_ON = re.compile(rf",? [{_UPPER}]")  # the start of `_OFFICE_CONTINUES` up to a name, as a quick test
# A person named right after a run, set off by a comma: `Wali Kota Manokwari, Indah Susanti,`.
_APPOSED_NAME = re.compile(rf", [{_UPPER}][a-z]+ [{_UPPER}]")


@cache
def _run_pattern() -> re.Pattern[str]:
    particles = "|".join(sorted((*lexicon().name_particles, *lexicon().conjunctions), key=len, reverse=True))
    # A particle sits before a name word after a space (`Ahmad bin Salim`) or a hyphen (`Ali al-Naimi`).
    return re.compile(
        rf"{_WORD}(?: (?:(?:{particles})[ \-])?{_WORD}| \({_WORD}(?: {_WORD})*\))*"
    )


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class _Segment:
    category: Category | None  # None: a word the lexicon does not know
    tokens: list[_Token]
    entry: Entry | None = None
    paren: bool = False
    conjunction: bool = False
    particle: bool = False

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


@dataclass(slots=True)
class _Raw:
    """A mention before coreference; `kind` None is a name still waiting for evidence."""

    start: int
    end: int
    kind: ActorKind | None
    name: str
    country: str | None = None
    title: str | None = None
    affiliation: str | None = None
    person_cue: bool = False
    place_cue: bool = False
    name_like: bool = False  # a run of two to four name-shaped words: a person unless other evidence says otherwise
    title_only: bool = False
    apposition_end: int | None = None
    tokens: tuple[str, ...] = ()
    org_tokens: bool = False


@dataclass(slots=True)
class _TitlePhrase:
    start: int
    end: int
    country: str | None = None
    affiliation: str | None = None
    inner: list[_Raw] = field(default_factory=list)
    modified: bool = False

    def take(self, raw: _Raw, affiliated: bool = False) -> None:
        """A country, place or organisation inside a title phrase (`Menteri Luar Negeri Rusia`) extends it."""
        self.end, self.modified = raw.end, True
        if affiliated:
            self.affiliation = raw.name
        self.country = self.country or raw.country
        self.inner.append(raw)


class _Office(NamedTuple):
    """A title mention, with the organisations and places named inside it; `bare` when it is a title alone,
    kept only for an apposed name to take (`Menteri Keuangan, Bambang Sutedjo`)."""

    raw: _Raw
    inner: list[_Raw]
    bare: bool


def _flush_title(text: str, title: _TitlePhrase, raws: list[_Raw], offices: list[_Office]) -> None:
    """Ends a title phrase that met no name: an office in full is a mention of its holder; a bare title only
    before an apposed name."""
    bare = not (title.modified or title.inner)
    if not bare or _APPOSED_NAME.match(text, title.end):
        office = _Raw(title.start, title.end, _KIND.PERSON, text[title.start : title.end], title.country,
                      text[title.start : title.end], title.affiliation, title_only=True)
        raws.append(office)
        offices.append(_Office(office, title.inner, bare))


def find_entities(text: str, sentences: list[Sentence]) -> list[EntityMention]:
    """Every entity mention in `text`, sorted by start, non-overlapping, with document-level canonical names."""
    lex = lexicon()
    runs = _runs(text, lex)
    starts = _sentence_starts(text, sentences)
    name_starts = _name_starts(runs)
    raws: list[_Raw] = []
    offices: list[_Office] = []  # title mentions, in text order
    for run_start, run_text in runs:
        if " " in run_text:
            raws.extend(_read_run(text, run_start, run_text, lex, starts, name_starts, offices))
        elif (raw := _read_single(text, run_start, run_text, lex, run_start in starts)) is not None:
            raws.append(raw)
    raws.sort(key=_START)
    _attach_appositions(raws)
    if offices:
        _title_before_apposed_name(text, raws, offices, lex)
    raws = _resolve(_locate_places(text, raws))
    raws = _merge_groups(text, raws, lex)
    return _to_mentions(text, raws)


def _runs(text: str, lex: Lexicon) -> list[tuple[int, str]]:
    """Capitalised runs worth reading: not lone function words, titles or heads, not starting inside a word
    (`iPhone`; the pattern has no leading word boundary, which would cost a check at every offset),
    without a trailing possessive enclitic (`SPBU-nya`)."""
    silent = lex.silent
    return [
        (start, run_text[:-4] if run_text.endswith("-nya") and len(run_text) > 4 else run_text)
        for match in _run_pattern().finditer(text)
        if (run_text := match.group()) not in silent and not ((start := match.start()) and text[start - 1].isalnum())
    ]


def _sentence_starts(text: str, sentences: list[Sentence]) -> set[int]:
    """Offsets where a capital says nothing about names: sentence starts and just inside opening quotes."""
    starts = {sentence.start for sentence in sentences}
    starts.update(map(_MATCH_END, _OPENING.finditer(text)))
    return starts


def _name_starts(runs: list[tuple[int, str]]) -> frozenset[str]:
    """First words of short mid-sentence runs: evidence that a word begins a name (`kata Panut`)."""
    return frozenset(run_text.split(" ", 1)[0] for _, run_text in runs if run_text.count(" ") < 2)


def _lookup(lex: Lexicon, key: str, single: bool) -> Entry | None:
    entry = lex.entries.get(key)
    if entry is None and single:
        if key.endswith("."):
            entry = lex.entries.get(key[:-1])
        elif key.isupper() and len(key) > 4:
            entry = lex.entries.get(key.title())  # datelines: `JAKARTA, KOMPAS.com`
    return entry


_PAREN, _CONJUNCTION, _PARTICLE, _NAME, _ENTRY = range(5)
_START = operator.attrgetter("start")
_MATCH_END = re.Match.end


def _segments(run_start: int, run_text: str) -> list[_Segment]:
    return [
        _Segment(
            category,
            [_Token(word, run_start + start, run_start + end) for word, start, end in words],
            entry, paren, conjunction, particle,
        )
        for category, words, entry, paren, conjunction, particle in _segment_layout(run_text)
    ]


@lru_cache(maxsize=16384)
def _segment_layout(run_text: str) -> tuple[tuple, ...]:
    """`_layout` with each segment's words and their offsets in the run, and its role flags, ready to place."""
    spans = [(match.group(), match.start(), match.end()) for match in _TOKEN.finditer(run_text)]
    return tuple(
        (category, tuple(spans[first:last]), entry, role == _PAREN, role == _CONJUNCTION, role == _PARTICLE)
        for category, entry, first, last, role in _layout(run_text)
    )


@lru_cache(maxsize=16384)
def _layout(run_text: str) -> tuple[tuple[Category | None, Entry | None, int, int, int], ...]:
    """How a run splits into lexicon entries (longest match first) and unknown names, as word ranges.
    Depends on the words alone, so repeated runs (`Bank Indonesia`, a person's name) are segmented once."""
    lex = lexicon()
    words = _TOKEN.findall(run_text)
    parts: list[list] = []  # [category, entry, first word, last word (exclusive), role]
    index = 0
    while index < len(words):
        word = words[index]
        if word.startswith("("):
            parts.append([None, None, index, index + 1, _PAREN])
            index += 1
            continue
        if word in lex.conjunctions or word in lex.name_particles:
            parts.append([None, None, index, index + 1, _CONJUNCTION if word in lex.conjunctions else _PARTICLE])
            index += 1
            continue
        for width in range(min(lex.widths.get(word, 1), len(words) - index), 0, -1):
            key = " ".join(words[index : index + width]) if width > 1 else word
            if entry := _lookup(lex, key, width == 1):
                parts.append([entry.category, entry, index, index + width, _ENTRY])
                index += width
                break
        else:
            if parts and parts[-1][4] == _NAME:
                parts[-1][3] = index + 1
            else:
                parts.append([None, None, index, index + 1, _NAME])
            index += 1
    # `Ahmad bin Salim`: a particle between two unknown words belongs to the name.
    merged: list[list] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        if (
            part[4] == _PARTICLE
            and merged
            and merged[-1][4] == _NAME
            and index + 1 < len(parts)
            and parts[index + 1][4] == _NAME
        ):
            merged[-1][3] = parts[index + 1][3]
            index += 2
            continue
        merged.append(part)
        index += 1
    return tuple(tuple(part) for part in _organizations_before_names(words, merged, lex))


def _organizations_before_names(words: list[str], parts: list[list], lex: Lexicon) -> list[list]:
    """`Capital Economics Tom Pugh`, `ReforMiner Institute Pri Agung Rakhmanto`: unknown words up to an
    organisation suffix name an organisation, and the name-shaped words right after it a person."""
    if lex.organization_suffixes.isdisjoint(words):
        return parts
    result: list[list] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        index += 1
        if part[4] != _NAME:
            result.append(part)
            continue
        first, last = part[2], part[3]
        cut = next((i for i in range(last - 2, first - 1, -1) if words[i] in lex.organization_suffixes), None)
        if cut is not None and _shaped_like_name(words[cut + 1 : last], lex):
            begin = first
            while cut == first and result and _named_part(result[-1]):
                begin = result.pop()[2]  # `Central China Securities Zhang Gang`: a place may be in the name
            if begin < cut:
                organization = Entry(Category.ORGANIZATION, " ".join(words[begin : cut + 1]))
                result.append([Category.ORGANIZATION, organization, begin, cut + 1, _ENTRY])
                result.append([None, None, cut + 1, last, _NAME])
                continue
        suffix = parts[index] if index < len(parts) else None
        name = parts[index + 1] if index + 1 < len(parts) else None
        if (
            suffix is not None
            and name is not None
            and suffix[4] == _ENTRY
            and suffix[3] - suffix[2] == 1
            and words[suffix[2]] in lex.organization_suffixes
            and name[4] == _NAME
            and _shaped_like_name(words[name[2] : name[3]], lex)
        ):
            organization = Entry(Category.ORGANIZATION, " ".join(words[first : suffix[3]]))
            result.append([Category.ORGANIZATION, organization, first, suffix[3], _ENTRY])
            index += 1
            continue
        result.append(part)
    return result


def _given_name_head(
    text: str, run_start: int, run_text: str, segments: list[_Segment], previous_word: str, lex: Lexicon
) -> bool:
    """`Tim Evans` after `kata` or before `mengatakan`: a two-segment run of a head that is also a given name and
    unknown words that are no ordinary words, with a verb only people do next to it."""
    if len(segments) != 2 or segments[0].tokens[0].text not in lex.given_name_heads or not _is_name(segments[1]):
        return False
    surname = [token.text for token in segments[1].tokens]
    return (
        len(surname) < 3
        and all(_may_be_in_name(word) and not is_vocabulary_word(word) for word in surname)
        and (
            previous_word in lex.person_verbs_before
            or _next_word(text, run_start + len(run_text)) in lex.person_verbs_after
        )
    )


def _named_part(part: list) -> bool:
    """An unknown word or a country or place: what a company's name may be made of before its suffix."""
    return part[4] == _NAME or (part[4] == _ENTRY and part[0] in (Category.COUNTRY, Category.CAPITAL, Category.PLACE))


def _shaped_like_name(words: list[str], lex: Lexicon) -> bool:
    """Two to four name-shaped words (particles aside), not all of them ordinary words."""
    names = [word for word in words if word not in lex.name_particles]
    return (
        len(names) in _NAME_LENGTHS
        and all(_may_be_in_name(word) for word in words)
        and not all(is_vocabulary_word(word) for word in names)
    )


def _title_continues(text: str, segments: list[_Segment], index: int, lex: Lexicon) -> bool:
    """`Kepala Badan Pengawas Keuangan dan Pembangunan`: `dan` joins two parts of one office."""
    following = segments[index + 1] if index + 1 < len(segments) else None
    if following is None:
        return False
    if following.category in (_CATEGORY.ORGANIZATION, _CATEGORY.ORG_HEAD):
        return True
    first_word = following.tokens[0].text
    if first_word in lex.title_modifiers:
        return True
    return _is_name(following) and _is_common_word(text, first_word)


def _make_organization(text: str, raw: _Raw, end: int) -> None:
    raw.end, raw.kind, raw.org_tokens = end, _KIND.ORGANIZATION, True
    raw.name = text[raw.start : end]
    raw.tokens = tuple(raw.name.split())


def _name_follows(segments: list[_Segment], index: int) -> bool:
    """Whether another unknown name comes later in the same phrase (before `dan`, a title or a function word)."""
    for later in segments[index + 1 :]:
        if later.conjunction or later.category in (_CATEGORY.FUNCTION, _CATEGORY.CALENDAR, _CATEGORY.TITLE, _CATEGORY.HONORIFIC):
            return False
        if _is_name(later):
            return True
    return False


def _is_name(segment: _Segment) -> bool:
    return segment.category is None and not (segment.paren or segment.conjunction or segment.particle)


def _is_common_word(text: str, word: str) -> bool:
    """A capitalised word that also occurs in lower case in the document is an ordinary word."""
    lowered = word.lower()
    if len(text) > _SCAN_LIMIT:
        return lowered in _lower_case_words(text)
    needle = " " + lowered
    position = text.find(needle)
    while position >= 0:
        after = position + len(needle)
        if after == len(text) or not text[after].isalnum():
            return True
        position = text.find(needle, after)
    return False


@lru_cache(maxsize=1)
def _lower_case_words(text: str) -> frozenset[str]:
    return frozenset(_LOWER_WORD.findall(text))


def _previous_words(text: str, start: int) -> list[str]:
    return text[max(0, start - 30) : start].split()[-2:]


def _next_word(text: str, end: int) -> str:
    """The word after a run, without the punctuation that may close it (`mengatakan,`)."""
    following = text[end : end + 30].split(maxsplit=1)
    return following[0].rstrip(_TRAILING_PUNCTUATION) if following and text[end : end + 1] == " " else ""


def _read_run(
    text: str,
    run_start: int,
    run_text: str,
    lex: Lexicon,
    sentence_starts: set[int],
    name_starts: frozenset[str],
    offices: list[_Office],
) -> list[_Raw]:
    """The mentions in one multi-word run; title mentions are also added to `offices`."""
    initial = run_start in sentence_starts
    previous = _previous_words(text, run_start) if not initial else []
    previous_word = previous[-1] if previous else ""
    prev_title = _preceding_title(previous, lex)
    if (whole := _whole_entry(text, run_start, run_text, previous_word, prev_title, lex)) is not None:
        kind, entry = whole
        return [_Raw(run_start, run_start + len(run_text), kind, entry.name, entry.country)]
    segments = _segments(run_start, run_text)
    raws: list[_Raw] = []
    person_cue = False
    title: _TitlePhrase | None = None
    locative = _place_cue(previous, lex)

    if (
        prev_title is not None
        and segments[0].category in (_CATEGORY.COUNTRY, _CATEGORY.CAPITAL, _CATEGORY.ORGANIZATION, _CATEGORY.ORG_HEAD)
    ):
        # `juru bicara Kemenlu Andi Pratama`: a lower-case title continues into the run.
        title_start = text.rfind(prev_title, 0, run_start)
        title = _TitlePhrase(title_start, title_start + len(prev_title))

    index = 0
    while index < len(segments):
        segment = segments[index]
        category = segment.category
        first = segment.start == run_start
        if category is _CATEGORY.CALENDAR and _calendar_starts_name(segments, index, previous_word, lex):
            # `Mei Ling`: a month or weekday name followed by a name, not after a date word, is a given name.
            following = segments[index + 1]
            segments[index + 1] = _Segment(None, segment.tokens + following.tokens)
        elif category in (_CATEGORY.FUNCTION, _CATEGORY.CALENDAR):
            if title is not None and segment.tokens[0].text in lex.title_modifiers:
                title.end, title.modified = segment.end, True  # `Menteri Energi dan Sumber Daya Mineral`
            else:
                if title is not None:
                    _flush_title(text, title, raws, offices)
                title = None
                person_cue = segment.entry.name.lower() in lex.person_verbs_before
        elif category is _CATEGORY.HONORIFIC:
            if title is not None:
                _flush_title(text, title, raws, offices)
            title = None
            person_cue = True
        elif category is _CATEGORY.TITLE:
            if title is None:
                title = _TitlePhrase(segment.start, segment.end)
            else:
                title.end, title.modified = segment.end, True
        elif segment.conjunction or segment.paren or segment.particle:
            holder = title.inner if title is not None else raws
            if (
                segment.paren
                and holder
                and holder[-1].kind is _KIND.ORGANIZATION
                and holder[-1].end + 1 == segment.start
                and _lookup(lex, segment.tokens[0].text[1:-1], True) is None  # not `(Persero)`
            ):
                holder.append(_alias(text, segment, holder[-1]))
                if title is not None:
                    title.end = segment.end
            elif segment.paren and title is not None:
                title.end = segment.end  # `Kepala Badan ... (BPKP) Mardiasmo`
            elif segment.conjunction and not (title is not None and _title_continues(text, segments, index, lex)):
                if title is not None:
                    _flush_title(text, title, raws, offices)
                title = None
            person_cue = False
        elif (
            index < 2
            and (previous_word in lex.nouns_modified_by_country if index == 0 else initial)
            and (lead := _run_modifier_lead(text, run_start, segments, index, previous_word, initial, lex)) is not None
        ):
            # `dollar AS`, `patokan AS`: a currency, benchmark or market, not an actor; `di pasar Eropa` is where
            # the market is.
            if lead in lex.location_cues:
                raws.append(_Raw(segment.start, segment.end, _KIND.LOCATION, segment.entry.name, segment.entry.country))
        elif category in (_CATEGORY.COUNTRY, _CATEGORY.CAPITAL):
            entry = segment.entry
            is_place = category is _CATEGORY.CAPITAL and (
                (first and locative)
                or segment.tokens[0].text.isupper()
                or (index and segments[index - 1].tokens[-1].text.lower() in lex.location_cues)  # `Di Jakarta,`
            )
            kind = _KIND.LOCATION if is_place else _KIND.COUNTRY
            raw = _Raw(segment.start, segment.end, kind, entry.name, entry.country)
            if (
                category is _CATEGORY.COUNTRY
                and raws
                and raws[-1].kind is _KIND.LOCATION
                and raws[-1].country in (None, entry.country)
                and raws[-1].end + 1 == segment.start
            ):
                # `Timur Jauh Rusia`: a place followed by its country.
                raws[-1].end, raws[-1].country = segment.end, entry.country
                raws[-1].name = text[raws[-1].start : segment.end]
            elif title is not None:
                title.take(raw)
            else:
                raws.append(raw)
        elif category is _CATEGORY.PLACE:
            entry = segment.entry
            raw = _Raw(segment.start, segment.end, _KIND.LOCATION, entry.name, entry.country)
            if title is not None:
                title.take(raw)
            else:
                raws.append(raw)
        elif category is _CATEGORY.ORGANIZATION:
            entry = segment.entry
            raw = _Raw(segment.start, segment.end, _KIND.ORGANIZATION, entry.name, entry.country)
            following = segments[index + 1] if index + 1 < len(segments) else None
            if following and following.category is _CATEGORY.COUNTRY and segment.tokens[0].text in lex.national_heads:
                # `Kementerian Luar Negeri Rusia`: a national body named with another country is that country's.
                raw = _Raw(segment.start, following.end, _KIND.ORGANIZATION, text[segment.start : following.end],
                           following.entry.country)
                index += 1
            if title is not None:
                title.take(raw, affiliated=True)
                if index + 1 < len(segments) and segments[index + 1].paren:
                    title.end = segments[index + 1].end
                    index += 1
            else:
                raws.append(raw)
        elif (
            segment.tokens[0].text in lex.organization_suffixes
            and raws
            and (raws[-1].kind is None or raws[-1].org_tokens or (title is None and raws[-1].kind in _PLACE_KINDS))
            and raws[-1].end + 1 == segment.start
        ):
            _make_organization(text, raws[-1], segment.end)  # `Price Futures Group`, `Nusantara Group`
        elif (
            first
            and category is _CATEGORY.ORG_HEAD
            and segment.tokens[0].text in lex.given_name_heads
            and _given_name_head(text, run_start, run_text, segments, previous_word, lex)
        ):
            # `kata Tim Evans`: a head word that is also a given name, before a surname, in a person's context.
            raws.append(_name_raw(text, segment.tokens + segments[1].tokens))
            raws[-1].kind = _KIND.PERSON
            index += 1
        elif category in (_CATEGORY.ORG_HEAD, _CATEGORY.LOC_HEAD):
            consumed, raw, name_tail = _read_headed(text, segments, index, lex, title is not None or prev_title is not None, name_starts)
            index += consumed - 1
            if raw is not None and title is not None:
                title.take(raw, affiliated=raw.kind is _KIND.ORGANIZATION)
            elif raw is not None:
                raws.append(raw)
            if name_tail:
                name_raw = _name_raw(text, name_tail)
                if title is not None:
                    _name_title(name_raw, text, title)
                    raws.extend(title.inner)
                    title = None
                elif prev_title is not None:
                    name_raw.kind, name_raw.title = _KIND.PERSON, prev_title
                    name_raw.affiliation = raw.name if raw and raw.kind is _KIND.ORGANIZATION else None
                raws.append(name_raw)
        else:  # an unknown name
            tokens = segment.tokens
            following = segments[index + 1] if index + 1 < len(segments) else None
            if following is not None and _month_ends_name(text, following, lex):
                tokens = tokens + following.tokens  # `Budi Ramadhan`
                index += 1
            if first and initial and not person_cue:
                tokens = _strip_ordinary_words(text, tokens)
            if title is not None and _name_follows(segments, index):
                # The person's name is the last name in the run; earlier unknown words describe the title
                # (`Menteri Unifikasi Korea Selatan Lee Jae-hoon`).
                title.end, title.modified = tokens[-1].end, True
                tokens = []
            if title is not None:
                while tokens and (
                    tokens[0].text in lex.title_modifiers
                    or tokens[0].text.isupper()  # an acronym naming the office: `Menteri ESDM Jero Wacik`
                    or tokens[0].text in lex.non_name_words
                    or _is_common_word(text, tokens[0].text)
                ):
                    title.end, title.modified = tokens[0].end, True
                    tokens = tokens[1:]
                if _describes_office(tokens):
                    # `Kepala Badan Penanggulangan Bencana Daerah`: ordinary words, one of them affixed, name
                    # the office, not its holder.
                    title.end, title.modified = tokens[-1].end, True
                    tokens = []
            if tokens:
                raw = _name_raw(text, tokens)
                if tokens[-1].text in lex.organization_suffixes:
                    if title is None and raws and raws[-1].kind in _PLACE_KINDS and raws[-1].end + 1 == raw.start:
                        raw.start = raws.pop().start  # `Nusantara Petro Oil`: the company, not the place
                    _make_organization(text, raw, raw.end)  # `Lipow Oil Associates`
                elif title is not None and len(tokens) == 1 and _APPOSED_NAME.match(text, raw.end):
                    # `Wali Kota Manokwari, Indah Susanti`: the word completes the office of the person named next.
                    title.end, title.modified = raw.end, True
                    raw = None
                elif title is not None:
                    _name_title(raw, text, title)
                    raws.extend(title.inner)
                    title = None
                elif first and prev_title is not None and not all(is_vocabulary_word(t.text) for t in tokens):
                    raw.kind, raw.title = _KIND.PERSON, prev_title
                else:
                    # Sentence-initial, an ordinary first word leaves it open (`Aplikasi Zorbix`, `Kim Jong-un`).
                    name = [] if first and initial and is_vocabulary_word(tokens[0].text) else _name_tail(tokens, lex)
                    if name and len(name) < len(tokens):
                        # `kata analis di Harbor Capital Tom Pugh`: the words before are not the person's name.
                        raw, first = _name_raw(text, name), False
                    raw.name_like = bool(name)
                    # An unknown acronym is an organisation's more often than a person's (`menurut WTRG`).
                    acronym = len(tokens) == 1 and raw.name.isupper()
                    raw.person_cue = person_cue and not (acronym and segments[index - 1].category is not _CATEGORY.HONORIFIC)
                    raw.place_cue = first and locative and not raw.name.isupper()
                    if (
                        not raw.person_cue
                        and index == len(segments) - 1
                        and not acronym
                        and all(_may_be_in_name(w) for w in raw.tokens)
                    ):
                        following_word = _next_word(text, raw.end)
                        raw.person_cue = following_word in lex.person_verbs_after or _subject_of_verb(
                            following_word, raw.tokens, lex
                        )
                    raw.person_cue = raw.person_cue or (
                        first
                        and (
                            (previous_word in lex.person_verbs_before and not acronym)
                            or previous_word.rstrip(".").lower() in lex.honorifics
                        )
                    )
                    if raws and raws[-1].kind is _KIND.ORGANIZATION and raws[-1].end + 1 == raw.start:
                        raw.affiliation = raws[-1].name  # `Capital Economics Tom Pugh`
                if raw is not None:
                    raw.apposition_end = _apposition(text, raw, lex) if index == len(segments) - 1 else None
                    raws.append(raw)
            person_cue = False
        index += 1
    if title is not None:
        _flush_title(text, title, raws, offices)
    if len(raws) > 1:
        _share_verb_cue(text, raws, lex)
    return raws


# Mentions of places that a company suffix right after them turns into part of the company's name.
# Tuples, not sets: `in` then compares identities instead of calling the enum's Python-level `__hash__`.
_PLACE_KINDS = (_KIND.LOCATION, _KIND.COUNTRY)
# Entries a noun before them may turn into a modifier (`minyak AS`): countries, capitals, places.
_MODIFIER_CATEGORIES = (_CATEGORY.COUNTRY, _CATEGORY.CAPITAL, _CATEGORY.PLACE)


def _modifiable(category: Category | None, entry: Entry | None) -> bool:
    """Whether a noun before this entry may make it a mere modifier: countries, capitals and regions (`Eropa`);
    a place with a country of its own stays the place (`kontrak berjangka New York`)."""
    return category in _MODIFIER_CATEGORIES and not (category is _CATEGORY.PLACE and entry.country)


def _whole_entry(
    text: str, run_start: int, run_text: str, previous_word: str, prev_title: str | None, lex: Lexicon
) -> tuple[ActorKind, Entry] | None:
    """A run that is one known place, organisation or country (`DKI Jakarta`, `Arab Saudi`) and that no title
    before it turns into an office, nor a noun into a currency or market (`patokan Eropa`): read at once, as the
    segment loop would."""
    layout = _layout(run_text)
    if len(layout) != 1:
        return None
    # Compared by identity: a dict keyed by enum members would call the enum's Python-level `__hash__`.
    category = layout[0][0]
    if category is _CATEGORY.PLACE:
        kind = _KIND.LOCATION
    elif category is _CATEGORY.ORGANIZATION:
        kind = _KIND.ORGANIZATION
    elif category is _CATEGORY.COUNTRY:
        kind = _KIND.COUNTRY
    else:
        return None
    if kind is not _KIND.LOCATION and prev_title is not None:
        return None
    if (
        previous_word in lex.nouns_modified_by_country
        and _modifiable(layout[0][0], layout[0][1])
        and _modifier_lead(text, run_start, previous_word, lex) is not None
    ):
        return None
    return kind, layout[0][1]


def _run_modifier_lead(
    text: str, run_start: int, segments: list[_Segment], index: int, previous_word: str, initial: bool, lex: Lexicon
) -> str | None:
    """`_modifier_lead` for the first or second segment of a run; a sentence-initial noun is in the run itself
    (`Patokan AS, ...`), with nothing before it."""
    segment = segments[index]
    if not _modifiable(segment.category, segment.entry):
        return None
    if index == 0:
        if previous_word not in lex.nouns_modified_by_country:
            return None
        return _modifier_lead(text, run_start, previous_word, lex)
    noun = segments[0].tokens
    return "" if initial and len(noun) == 1 and noun[0].text.lower() in lex.nouns_modified_by_country else None


def _modifier_lead(text: str, start: int, previous_word: str, lex: Lexicon) -> str | None:
    """For a country at `start` that only modifies the noun before it (`dollar AS`, `minyak mentah AS`), the word
    before that noun phrase ('' if none); None when the country is no such modifier, or the phrase names something
    the country owns (`produksi minyak mentah Irak`)."""
    if previous_word not in lex.nouns_modified_by_country:
        return None
    words = text[max(0, start - 60) : start].split()[-4:]
    while words and words[-1] in lex.nouns_modified_by_country:
        words.pop()
    lead = words[-1] if words else ""
    return None if lead.lower() in lex.country_owned_nouns else lead


def _share_verb_cue(text: str, raws: list[_Raw], lex: Lexicon) -> None:
    """`Kim Jong-un dan Vladimir Putin bertemu`: the verb after names joined by `dan` is done by all of them."""
    if not raws[-1].person_cue or raws[-1].kind is not None:
        return
    later = raws[-1]
    for raw in reversed(raws[:-1]):
        joined = text[raw.end : later.start].strip()
        if raw.kind is not None or joined not in lex.conjunctions or not all(_may_be_in_name(w) for w in raw.tokens):
            return
        raw.person_cue = True
        later = raw


def _read_single(text: str, start: int, word: str, lex: Lexicon, initial: bool) -> _Raw | None:
    """One-word runs, the most common kind, read without segmenting."""
    entry = lex.entries.get(word)
    if entry is None and word.isupper():
        entry = _lookup(lex, word, True)
    end = start + len(word)
    if entry is None:
        if word.isupper():
            return _acronym(text, start, end, lex)
        if initial and (is_affixed_word(word) or _is_common_word(text, word)):
            return None  # `Pasalnya`, `Harga`: a capital that only starts the sentence
        return _single_name(text, start, end, word, lex, initial)
    category = entry.category
    if category is _CATEGORY.ORGANIZATION:
        return _Raw(start, end, _KIND.ORGANIZATION, entry.name, entry.country)
    if category is _CATEGORY.PLACE and entry.country:
        return _Raw(start, end, _KIND.LOCATION, entry.name, entry.country)  # not `_modifiable`
    if category not in _MODIFIER_CATEGORIES:
        return None  # a lone function word, honorific, title or head names no one
    previous_word = _previous_word(text, start)
    if previous_word in lex.nouns_modified_by_country and (lead := _modifier_lead(text, start, previous_word, lex)) is not None:
        # `dollar AS`, `patokan AS`: a currency, benchmark or market; `di pasar Eropa` is where the market is.
        return _Raw(start, end, _KIND.LOCATION, entry.name, entry.country) if lead in lex.location_cues else None
    if category is _CATEGORY.PLACE:
        return _Raw(start, end, _KIND.LOCATION, entry.name, entry.country)
    if category is _CATEGORY.COUNTRY:
        return _Raw(start, end, _KIND.COUNTRY, entry.name, entry.country)
    is_place = word.isupper() or previous_word in lex.location_cues  # a capital: its government, or the city
    return _Raw(start, end, _KIND.LOCATION if is_place else _KIND.COUNTRY, entry.name, entry.country)


def _previous_word(text: str, start: int) -> str:
    """The word just before a run, separated from it by one space."""
    if start < 2 or text[start - 1] != " ":
        return ""
    return text[text.rfind(" ", max(0, start - 30), start - 1) + 1 : start - 1]


def _single_name(text: str, start: int, end: int, word: str, lex: Lexicon, initial: bool) -> _Raw:
    raw = _Raw(start, end, None, word, tokens=(word,))
    previous = _previous_words(text, start) if not initial else []  # `... para menteri. Data itu`
    title = _preceding_title(previous, lex)
    if title is not None and not is_vocabulary_word(word):  # `para menteri Kabinet` names no one
        raw.kind, raw.title = _KIND.PERSON, title
    else:
        previous_word = previous[-1] if previous else ""
        following_word = _next_word(text, end)
        raw.person_cue = (
            previous_word in lex.person_verbs_before
            or previous_word.rstrip(".").lower() in lex.honorifics
            or (following_word in lex.person_verbs_after and _may_be_in_name(word))
            or _subject_of_verb(following_word, raw.tokens, lex)
        )
        raw.place_cue = _place_cue(previous, lex)
    raw.apposition_end = _apposition(text, raw, lex)
    return raw


def _acronym(text: str, start: int, end: int, lex: Lexicon) -> _Raw:
    """An unknown acronym is an organisation's more often than a person's (`kata WTRG`, `juru bicara BPS`), and
    `di SPBU` is no place name: it is named only by a longer form in the document or an honorific (`Pak SBY`)."""
    word = text[start:end]
    honorific = _previous_word(text, start).rstrip(".").lower() in lex.honorifics
    return _Raw(start, end, None, word, tokens=(word,), person_cue=honorific)


def _describes_office(tokens: list[_Token]) -> bool:
    """Ordinary words, one of them a noun formed with pe-/ke-/-an (`Penanggulangan`, `Kebudayaan`)."""
    words = [token.text for token in tokens]
    return (
        bool(words)
        and all(is_vocabulary_word(word) for word in words)
        and any(_NOUN_AFFIXES.fullmatch(word) and is_affixed_word(word) for word in words)
    )


def _month_ends_name(text: str, segment: _Segment, lex: Lexicon) -> bool:
    """A month name right after a name is a family name unless a year or day follows it (`Budi Mei 2023`)."""
    return (
        segment.category is _CATEGORY.CALENDAR
        and segment.tokens[0].text in lex.month_names
        and not _next_word(text, segment.end)[:1].isdigit()
    )


def _calendar_starts_name(segments: list[_Segment], index: int, previous_word: str, lex: Lexicon) -> bool:
    if index + 1 >= len(segments) or not _is_name(segments[index + 1]):
        return False
    lead = segments[index - 1].tokens[-1].text if index else previous_word
    return not lead or not (lead.lower() in lex.date_lead_words or lead[-1].isdigit())


def _strip_ordinary_words(text: str, tokens: list[_Token]) -> list[_Token]:
    """A sentence-initial capital says nothing: leading words the document also writes in lower case, or
    affixed forms of ordinary words (`Bendungan Jatigede`), are not part of the name."""
    position = 0
    while position < len(tokens):
        word = tokens[position].text
        if not (_is_common_word(text, word) or is_affixed_word(word)):
            break
        position += 1
    return tokens[position:]


def _name_tail(tokens: list[_Token], lex: Lexicon) -> list[_Token]:
    """The words ending a run that read as a person's name on their shape alone: two to four name-shaped
    words, none of them a word that is never part of a person's name (`Exchange`, `Utara`, `Information`),
    not all of them ordinary words (`Piala Dunia` is no one)."""
    start = len(tokens)
    while start and _may_be_in_name(tokens[start - 1].text):
        start -= 1
    while start < len(tokens) and tokens[start].text in lex.name_particles:
        start += 1
    words = [token.text for token in tokens[start:] if token.text not in lex.name_particles]
    if len(words) not in _NAME_LENGTHS or all(is_vocabulary_word(word) for word in words):
        return []
    return tokens[start:]


@lru_cache(maxsize=1 << 16)
def _may_be_in_name(word: str) -> bool:
    lex = lexicon()
    if word in lex.name_particles:
        return True
    word = _particle_free(word) or word  # `al-Naimi`
    return (
        _NAME_WORD.fullmatch(word) is not None
        and word not in lex.non_name_words
        and not word.endswith(lex.non_name_endings)
    )


def _subject_of_verb(following: str, words: tuple[str, ...], lex: Lexicon) -> bool:
    """`Sutrisno meresmikan ...`: name-shaped words, not all of them ordinary words, right before an active verb
    (the word `following` them)."""
    if not (following.startswith(lex.subject_verb_prefixes) and following.isalpha() and following.islower()):
        return False
    return (
        is_affixed_word(following)
        and all(_may_be_in_name(word) for word in words)
        and not all(is_vocabulary_word(word) for word in words)
    )


def _place_cue(previous: list[str], lex: Lexicon) -> bool:
    """`di Bogor` is a place; `analis di Price Futures` is a workplace."""
    if not previous or previous[-1] not in lex.location_cues:
        return False
    return len(previous) < 2 or previous[0].lower() not in lex.lower_titles


def _preceding_title(previous: list[str], lex: Lexicon) -> str | None:
    """A title written just before a run: `profesor`, `juru bicara`, `Dr.`."""
    if not previous:
        return None
    last = previous[-1].rstrip(".")
    lowered = last.lower()
    if lowered not in lex.title_last_words:
        return None
    if len(previous) == 2 and f"{previous[0].lower()} {lowered}" in lex.lower_titles:
        return f"{previous[0]} {last}"
    return last if lowered in lex.lower_titles else None


def _read_headed(
    text: str,
    segments: list[_Segment],
    index: int,
    lex: Lexicon,
    titled: bool,
    name_starts: frozenset[str],
) -> tuple[int, _Raw | None, list[_Token]]:
    """An organisation or place headed by `segments[index]`: how many segments it takes, its mention, and the
    words split off its end as the name of the person the title before it belongs to."""
    head = segments[index]
    kind = _KIND.ORGANIZATION if head.category is _CATEGORY.ORG_HEAD else _KIND.LOCATION
    body: list[_Token] = list(head.tokens)
    country: str | None = None
    after_country = 0
    position = index + 1
    street = head.entry.name in lex.street_heads
    while position < len(segments):
        segment = segments[position]
        if street and segment.category in (_CATEGORY.TITLE, _CATEGORY.HONORIFIC):
            pass  # `Jl Kapten Tendean`: a street named after a person with a rank
        elif segment.paren or segment.category in (_CATEGORY.FUNCTION, _CATEGORY.TITLE, _CATEGORY.HONORIFIC):
            break  # a weekday or month name may end a place name: `Pasar Minggu`
        if segment.conjunction:
            following = segments[position + 1] if position + 1 < len(segments) else None
            if following is None or not _is_name(following):
                break
        elif segment.category in (_CATEGORY.COUNTRY, _CATEGORY.CAPITAL, _CATEGORY.PLACE) and segment.entry.country:
            country = country or segment.entry.country
            after_country = len(body) + len(segment.tokens)
        body.extend(segment.tokens)
        position += 1
    name_tail: list[_Token] = []
    if titled:
        body, name_tail = _split_name(body, lex, name_starts, text)
        national = head.entry.name in lex.national_heads
        if not name_tail and 0 < after_country < len(body) - (0 if national else 1):
            # (A company's name may end in a single word after a place: `PT Sinar Nusantara Abadi`.)
            # `juru bicara Kementerian Perminyakan Irak Asim Jihad`: the name follows the country.
            body, name_tail = body[:after_country], body[after_country:]
    if len(body) == len(head.tokens):
        return position - index, None, name_tail
    if body[-1].text in lex.organization_suffixes:
        kind = _KIND.ORGANIZATION  # `Samudra Capital Group`
    if kind is _KIND.ORGANIZATION and head.entry.name not in lex.national_heads:
        country = None
    raw = _Raw(body[0].start, body[-1].end, kind, text[body[0].start : body[-1].end], country,
               tokens=tuple(t.text for t in body), org_tokens=True)
    return position - index, raw, name_tail


def _split_name(body: list[_Token], lex: Lexicon, name_starts: frozenset[str], text: str) -> tuple[list[_Token], list[_Token]]:
    """`Rektor Universitas Gadjah Mada Panut Mulyono`: the person's name starts at a word the document
    uses alone elsewhere (`kata Panut`)."""
    for position in range(2, len(body)):
        word = body[position].text
        if (
            word in name_starts
            and word not in lex.entries
            and not _is_common_word(text, word)
            and not is_vocabulary_word(word)  # `PT Sinar Nusantara Abadi`
        ):
            return body[:position], body[position:]
    return body, []


def _name_raw(text: str, tokens: list[_Token]) -> _Raw:
    start, end = tokens[0].start, tokens[-1].end
    return _Raw(start, end, None, text[start:end], tokens=tuple([token.text for token in tokens]))


def _name_title(raw: _Raw, text: str, title: _TitlePhrase) -> None:
    raw.kind = _KIND.PERSON
    raw.title = text[title.start : title.end]
    raw.country = title.country
    raw.affiliation = title.affiliation


def _alias(text: str, paren: _Segment, organization: _Raw) -> _Raw:
    """`Lembaga Kajian ... (ReforMiner Institute)`: the bracketed form names the same organisation."""
    start, end = paren.start + 1, paren.end - 1
    return _Raw(start, end, _KIND.ORGANIZATION, organization.name, organization.country,
                tokens=tuple(text[start:end].split()), org_tokens=True)


def _apposition(text: str, raw: _Raw, lex: Lexicon) -> int | None:
    """`Park Won-gon, seorang profesor di ...`: sets the title and returns where the describing clause ends."""
    if text[raw.end : raw.end + 1] != ",":
        return None
    match = lex.apposition.match(text, raw.end)
    if not match:
        return None
    raw.kind = _KIND.PERSON
    raw.title = raw.title or match.group(1)
    limit = min(len(text), match.end() + _CLAUSE_LIMIT)
    ends = (text.find(",", match.end(), limit), text.find(".", match.end(), limit))
    return min((end for end in ends if end >= 0), default=limit)


def _attach_appositions(raws: list[_Raw]) -> None:
    """A person's affiliation is the last organisation in the clause describing them (the institution)."""
    for position, raw in enumerate(raws):
        if raw.apposition_end is None:
            continue
        last_organization: _Raw | None = None
        for other in raws[position + 1 :]:
            if other.start >= raw.apposition_end:
                break
            if other.kind is _KIND.ORGANIZATION:
                last_organization = other
        if last_organization is not None:
            raw.affiliation = last_organization.name
            raw.country = raw.country or last_organization.country


def _title_before_apposed_name(text: str, raws: list[_Raw], offices: list[_Office], lex: Lexicon) -> None:
    """`Kepala Bagian Ekonomi IEA, Fatih Birol,` or `Vice President Policy, Government and Public Affairs Chevron
    Yanto Sianipar`: an office set off before a name (by a comma, or continued in capitalised words) is that
    person's title; an office in full is a mention of that person, not of someone named after the office.
    `raws` are sorted by start; `offices` are the title mentions among them."""
    bare: list[int] = []
    for office, inner, bare_title in offices:
        goes_on = _OFFICE_GOES_ON.match(text, office.end) is not None
        apposed = text[office.start - 2 : office.start] == ", "
        if not (goes_on or apposed or bare_title):
            continue
        position = bisect.bisect_left(raws, office.start, key=_START)
        while raws[position] is not office:  # another mention may start where the office does (`Juru`)
            position += 1
        if goes_on:
            _name_after_office(text, raws, position, inner)
        if bare_title:
            bare.append(position)
        elif apposed and position and office.name == office.title and _named_before_office(text, office, raws[position - 1]):
            # `Suhail Al-Mazrouei, Menteri Energi Uni Emirat Arab, mengatakan`
            holder = raws[position - 1]
            organizations = [other.name for other in inner if other.kind is _KIND.ORGANIZATION]
            if not organizations and holder.affiliation and _next_word(text, office.end) in lex.workplace_words:
                organizations = [holder.affiliation]  # `Hong Sung Ki, Analis Komoditas di Samsung Futures Inc,`
            _hold_office(holder, office, office.name, organizations)
    for position in reversed(bare):
        del raws[position]


def _name_after_office(text: str, raws: list[_Raw], position: int, inner: list[_Raw]) -> None:
    office = raws[position]
    between: list[_Raw] = []
    limit = office.end + _OFFICE_REACH
    for raw in itertools.islice(raws, position + 1, None):
        if raw.start > limit or raw.title_only or raw.kind is _KIND.PERSON:
            return
        if _bears_office(text, office, raw):
            organizations = [other.name for other in [*inner, *between] if other.kind is _KIND.ORGANIZATION]
            _hold_office(raw, office, text[office.start : raw.start].rstrip(", "), organizations)
            return
        between.append(raw)


def _hold_office(raw: _Raw, office: _Raw, title: str, organizations: list[str]) -> None:
    """`raw` names the person holding `office`; an office named in full stays a mention, of that person (as a
    later bare title would); a bare title was never one."""
    raw.kind, raw.title = _KIND.PERSON, title
    raw.country = raw.country or office.country
    raw.affiliation = organizations[-1] if organizations else office.affiliation
    office.name, office.title, office.affiliation, office.country = raw.name, raw.title, raw.affiliation, raw.country


def _named_before_office(text: str, office: _Raw, raw: _Raw) -> bool:
    return (
        not raw.title_only
        and (raw.title is None or raw.apposition_end is not None)  # a title read from the office's first words
        and raw.kind in (None, _KIND.PERSON)
        and bool(raw.tokens)
        and text[raw.end : office.start] == ", "
        and all(_may_be_in_name(word) for word in raw.tokens)
    )


def _bears_office(text: str, office: _Raw, raw: _Raw) -> bool:
    return (
        raw.kind is None
        and bool(raw.tokens)
        and all(_may_be_in_name(word) for word in raw.tokens)
        and _OFFICE_CONTINUES.fullmatch(text, office.end, raw.start) is not None
    )


def _locate_places(text: str, raws: list[_Raw]) -> list[_Raw]:
    """A place without a country takes one from a country or place set beside it:
    `utama Rusia, Kosmodrom Vostochny,` or `Kosmodrom X di Timur Jauh Rusia`; a country set after a place
    in it (`di Wina, Austria`, a venue or dateline) is part of the place's mention, and no actor of what happens
    there. Unknown names listed after a headed place are places too."""
    located: list[int] = []
    for position, raw in enumerate(raws):
        if raw.kind is not _KIND.LOCATION and not (raw.place_cue and raw.kind is None):  # `di Senayan, Jakarta`
            continue
        if raw.org_tokens:
            _continue_place_list(text, raws, position)
        after = raws[position + 1] if position + 1 < len(raws) else None
        if (
            after is not None
            and after.start == raw.end + 2
            and after.kind is _KIND.COUNTRY
            and raw.country in (None, after.country)
            and text.startswith(", ", raw.end)
        ):
            raw.end, raw.country = after.end, after.country
            located.append(position + 1)
            continue
        if raw.country or raw.kind is None:
            continue
        before = raws[position - 1] if position else None
        if before and before.country and text[before.end : raw.start] == ", ":
            raw.country = before.country
        elif after and after.country and text[raw.end : after.start] in (", di ", " di ", ", "):
            raw.country = after.country
    return [raw for position, raw in enumerate(raws) if position not in located] if located else raws


def _continue_place_list(text: str, raws: list[_Raw], position: int) -> None:
    """`Jalan Sudirman, Thamrin dan Kuningan`, `Kecamatan Sukajadi, Coblong, dan Cidadap`: names listed after a
    street, district or other headed place share its head, and are places unless a verb makes them people."""
    joins = _list_joins()
    previous = raws[position]
    for later in itertools.islice(raws, position + 1, None):
        if later.kind is not None or text[previous.end : later.start] not in joins:
            return
        later.place_cue = True
        previous = later


@cache
def _list_joins() -> frozenset[str]:
    conjunctions = lexicon().conjunctions
    return frozenset([", ", *(f" {word} " for word in conjunctions), *(f", {word} " for word in conjunctions)])


def _resolve(raws: list[_Raw]) -> list[_Raw]:
    """Within-document coreference: names to their fullest form, kinds from any mention's evidence,
    title mentions to the person who bears the title."""
    named = [raw for raw in raws if raw.tokens]
    # Longest names first: every stretch of a name's words points to the first longest name containing it;
    # names of people before the names of organisations and places they share a word with
    # (`Lestari` is `Lestari Hakim`, not `PT Karya Bumi Lestari`).
    headed = {raw.tokens for raw in named if raw.org_tokens}
    by_length = sorted({raw.tokens: None for raw in named}, key=lambda tokens: (tokens in headed, -len(tokens)))
    canonical: dict[tuple[str, ...], tuple[str, ...]] = {}
    for tokens in by_length:
        target = canonical.setdefault(tokens, tokens)
        for width in range(1, len(tokens)):
            for offset in range(len(tokens) - width + 1):
                canonical.setdefault(tokens[offset : offset + width], target)
        if len(tokens) > 1 and "-" in tokens[-1] and (family := _particle_free(tokens[-1])):
            canonical.setdefault((family,), target)  # `Naimi` is `Ali al-Naimi`
    clusters: dict[tuple[str, ...], list[_Raw]] = {}
    for raw in named:
        clusters.setdefault(canonical[raw.tokens], []).append(raw)
    for members in clusters.values():
        if len(members) > 1 or members[0].kind is None:
            _settle_cluster(members)
    bearers: dict[str, dict[str, _Raw]] = {}  # lower-cased title -> people named with it, by name
    title_only = False
    for raw in raws:
        if raw.title_only:
            title_only = True
        elif raw.title and raw.kind is _KIND.PERSON:
            bearers.setdefault(raw.title.lower(), {}).setdefault(raw.name, raw)
    if not title_only:
        return [raw for raw in raws if raw.kind is not None]
    resolved: list[_Raw] = []
    for raw in raws:
        if raw.title_only:
            person = _bearer(raw.name.lower(), bearers)
            if person is not None:
                raw.name, raw.title = person.name, person.title
                raw.country = person.country or raw.country
                raw.affiliation = person.affiliation
        if raw.kind is not None:
            resolved.append(raw)
    return resolved


@lru_cache(maxsize=1 << 12)
def _particle_free(word: str) -> str | None:
    """`Naimi` for `al-Naimi` or `Al-Naimi`; None for a word without a hyphened particle."""
    particle, hyphen, rest = word.partition("-")
    return rest if hyphen and rest and particle.lower() in lexicon().name_particles else None


def _settle_cluster(members: list[_Raw]) -> None:
    if len(members) == 1:
        only = members[0]
        if only.kind is None:
            if only.person_cue:
                only.kind = _KIND.PERSON
            elif only.place_cue:
                only.kind = _KIND.LOCATION
            elif only.name_like:
                only.kind = _KIND.PERSON
        return
    fullest = max(members, key=lambda raw: (len(raw.tokens), -raw.start))
    kinds = [raw.kind for raw in members if raw.kind is not None]
    if _KIND.PERSON in kinds:
        kind = _KIND.PERSON
    elif kinds:
        kind = kinds[0]  # a head word (`Badan ...`) outweighs a verb of saying
    elif any(raw.person_cue for raw in members):
        kind = _KIND.PERSON
    elif any(raw.place_cue for raw in members):
        kind = _KIND.LOCATION
    elif any(raw.name_like for raw in members):
        kind = _KIND.PERSON
    else:
        return
    title = max((raw.title for raw in members if raw.title), key=len, default=None)
    country = next((raw.country for raw in members if raw.country), None)
    affiliation = next((raw.affiliation for raw in members if raw.affiliation), None)
    for raw in members:
        if raw.org_tokens and raw.kind is not kind:
            continue  # a name with an organisation or place head keeps what its head says
        raw.kind = kind
        raw.name = fullest.name
        raw.title, raw.country, raw.affiliation = title, country, affiliation


def _bearer(title: str, bearers: dict[str, dict[str, _Raw]]) -> _Raw | None:
    """The person a bare title refers to: the one named with that title, or the only one whose title it begins."""
    exact = bearers.get(title, {})
    if len(exact) == 1:
        return next(iter(exact.values()))
    prefixed = {
        name: person
        for full_title, people in bearers.items()
        if full_title.startswith(title + " ")
        for name, person in people.items()
    }
    return next(iter(prefixed.values())) if len(prefixed) == 1 else None


def _merge_groups(text: str, raws: list[_Raw], lex: Lexicon) -> list[_Raw]:
    """Groups of people (`kader militer`, `nelayan`), and a group word plus country (`warga Jepang`)."""
    by_start: dict[int, _Raw] | None = None
    absorbed: set[int] = set()
    groups: list[_Raw] = []
    for match in lex.group_pattern.finditer(text):
        start, end = match.start() + 1, match.end()  # the pattern's leading space is not part of the group
        word = text[start:end]
        if word in lex.demonym_heads and text[end : end + 1] == " ":
            if by_start is None:
                by_start = {raw.start: raw for raw in raws}
            country = by_start.get(end + 1)
            if country is not None and country.kind is _KIND.COUNTRY:
                absorbed.add(country.start)
                groups.append(_Raw(start, country.end, _KIND.GROUP, text[start : country.end], country.country))
                continue
        groups.append(_Raw(start, end, _KIND.GROUP, word))
    if not groups:
        return raws
    # Group words are lower-case and names are not, so no group starts where a name does.
    merged = sorted([raw for raw in raws if raw.start not in absorbed] + groups, key=_START)
    kept: list[_Raw] = []
    kept_end = -1
    for raw in merged:
        if raw.start >= kept_end:
            kept.append(raw)
            kept_end = raw.end
    return kept


# Validating the whole list in one call costs about half as much per mention as building each model.
_MENTIONS = TypeAdapter(list[EntityMention])


def _to_mentions(text: str, raws: list[_Raw]) -> list[EntityMention]:
    return _MENTIONS.validate_python(
        [
            {
                "start": raw.start,
                "end": raw.end,
                "text": text[raw.start : raw.end],
                "name": raw.name,
                "kind": raw.kind,
                "country": raw.country,
                "title": raw.title if raw.kind is _KIND.PERSON else None,
                "affiliation": raw.affiliation if raw.kind is _KIND.PERSON else None,
            }
            for raw in raws
        ]
    )
