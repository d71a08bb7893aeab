"""Hand-built inputs for the event builder tests: sentences, entity mentions and timexes placed by substring."""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import date

from timeline.models import (
    ActorKind,
    Document,
    EntityMention,
    Granularity,
    Sentence,
    Timex,
    TimexAnchor,
    TimexType,
)

SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[”\"]?|$)")


def document(text: str, published: date | None = date(2023, 9, 13), doc_id: str = "doc") -> Document:
    return Document(id=doc_id, text=text, published=published, content_hash=hashlib.sha256(text.encode()).hexdigest())


def sentences(text: str) -> list[Sentence]:
    """One sentence per `.`/`!`/`?`; a newline starts a new paragraph."""
    found: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        for match in SENTENCE.finditer(line):
            body = match.group()
            start = offset + match.start() + len(body) - len(body.lstrip())
            end = offset + match.end()
            found.append(Sentence(index=len(found), start=start, end=end, text=text[start:end], paragraph=paragraph))
        offset += len(line) + 1
    return found


def find(text: str, surface: str, nth: int = 0) -> int:
    starts = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]
    return starts[nth]


def entity(
    text: str,
    surface: str,
    kind: ActorKind,
    name: str | None = None,
    country: str | None = None,
    nth: int = 0,
    title: str | None = None,
    affiliation: str | None = None,
) -> EntityMention:
    start = find(text, surface, nth)
    return EntityMention(
        start=start,
        end=start + len(surface),
        text=surface,
        name=name or surface,
        kind=kind,
        country=country,
        title=title,
        affiliation=affiliation,
    )


def _interval(value: str) -> tuple[date | None, date | None, Granularity | None]:
    match = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?(T\w+)?", value)
    if not match:
        return None, None, None
    year, month, day, time = match.groups()
    if day:
        point = date(int(year), int(month), int(day))
        return point, point, Granularity.PART_OF_DAY if time else Granularity.DAY
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return date(int(year), int(month), 1), date(int(year), int(month), last), Granularity.MONTH
    return date(int(year), 1, 1), date(int(year), 12, 31), Granularity.YEAR


def timex(text: str, surface: str, value: str, type_: TimexType = TimexType.DATE, nth: int = 0) -> Timex:
    start = find(text, surface, nth)
    first, last, granularity = _interval(value) if type_ in (TimexType.DATE, TimexType.TIME) else (None, None, None)
    return Timex(
        id=f"doc:t{start}",
        document_id="doc",
        start=start,
        end=start + len(surface),
        text=surface,
        type=type_,
        value=value,
        granularity=granularity,
        interval_start=first,
        interval_end=last,
        anchor=TimexAnchor.DCT,
    )
