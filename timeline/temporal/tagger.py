"""`tag()`: the TIMEX3 tagger for Indonesian news — recognition, then resolution in document order."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from timeline.models import Timex
from timeline.temporal.holidays import find_holiday_timexes, holiday_first_tokens
from timeline.temporal.recognize import Token, first_word_tokens, recognize
from timeline.temporal.resolve import resolve_all


def _overlap(sorted_timexes: list[Timex], others: list[Timex]) -> bool:
    """Whether any of `others` overlaps a timex of `sorted_timexes` (disjoint, sorted by start)."""
    starts = [timex.start for timex in sorted_timexes]
    for other in others:
        index = bisect_right(starts, other.start)
        if index > 0 and sorted_timexes[index - 1].end > other.start:
            return True
        if index < len(starts) and starts[index] < other.end:
            return True
    return False


def merge_longest(*groups: list[Timex]) -> list[Timex]:
    """Union of timex lists without overlaps: the longer span wins, an earlier group wins a tie."""
    ranked = sorted(
        ((timex.end - timex.start, rank, timex) for rank, group in enumerate(groups) for timex in group),
        key=lambda item: (-item[0], item[1], item[2].start),
    )
    # chosen spans kept sorted by start; being disjoint, they are sorted by end as well
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Timex] = []
    for _, _, timex in ranked:
        index = bisect_right(starts, timex.start)
        if index > 0 and ends[index - 1] > timex.start or index < len(starts) and starts[index] < timex.end:
            continue
        starts.insert(index, timex.start)
        ends.insert(index, timex.end)
        chosen.insert(index, timex)
    return chosen


def _holiday_starts(tokens: list[Token]) -> list[int] | None:
    """Where holiday names may start: the scanned tokens that begin one (None: scan the whole text)."""
    first_tokens = holiday_first_tokens()
    if first_tokens is None:
        return None
    return [start for word, start, _ in tokens if word in first_tokens]


def tag(text: str, dct: date | None = None, document_id: str = "doc") -> list[Timex]:
    """Every temporal expression in `text`, sorted by offset, non-overlapping, resolved against `dct`.

    Without a DCT, values that depend on it stay underspecified (XXXX-09-13, XXXX-WXX-3).
    Holiday names come from `find_holiday_timexes` and are merged in (longest span wins).
    """
    tokens = first_word_tokens(text)
    own = resolve_all(recognize(text, tokens), text, dct, document_id)
    holidays = find_holiday_timexes(text, dct, document_id, _holiday_starts(tokens))
    if not holidays:
        return own
    # Holiday mentions come from one regex pass and never overlap each other; when none overlaps a
    # timex of our own either (the common case), all are kept and there is nothing to choose.
    if not _overlap(own, holidays):
        return sorted(own + holidays, key=lambda timex: timex.start)
    return merge_longest(own, holidays)
