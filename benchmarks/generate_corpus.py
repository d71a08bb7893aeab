"""Write a synthetic corpus of Indonesian news articles as JSONL, for speed and memory benchmarks.

    python benchmarks/generate_corpus.py --docs 100000 --out corpus.jsonl --seed 1

Each line is one article: `id`, `published` (ISO date), `title`, `source`, `url`, `text`. Articles are
assembled from this project's own templates (`benchmarks/templates/articles.toml`): a dateline and lead,
then story and general paragraphs until a length drawn between the configured bounds (2-5 K characters).
Slots are filled so that what a real article would keep consistent stays consistent: weekday and
"(day/month)" agree with the date, clock times carry their city's zone (WIB/WITA/WIT), and the president
or foreign leader named is the one in office on the publication date.

The same `--seed` gives byte-identical output. Articles are written one by one, so memory stays flat
however many are asked for.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from babel.dates import get_day_names, get_month_names

TEMPLATES = Path(__file__).resolve().parent / "templates" / "articles.toml"

# Weekday and month names from CLDR; date.weekday() numbers Monday 0, as Babel does.
WEEKDAYS = tuple(get_day_names("wide", locale="id")[day] for day in range(7))
MONTHS = ("",) + tuple(get_month_names("wide", locale="id")[month] for month in range(1, 13))

# How many days before publication the reported event happened: mostly the same day or the day before.
EVENT_LAGS = (0, 0, 0, 1, 1, 2)
ORDERS_PER_STORY = 64
# Date-independent slot sets drawn per generator; an article uses one.
CASTS = 4096


@dataclass(frozen=True)
class Officeholder:
    first_day: int  # date ordinals, `last_day` exclusive
    last_day: int
    fields: dict[str, str]


@dataclass(frozen=True)
class Story:
    titles: tuple[str, ...]
    lead: str
    paragraphs: tuple[str, ...]  # the paragraphs of its topic that fit it


@dataclass(frozen=True)
class Templates:
    first_day: int
    last_day: int
    min_chars: int
    max_chars: int
    outlets: tuple[dict[str, str], ...]
    cities: tuple[dict[str, str], ...]
    presidents: tuple[Officeholder, ...]
    leaders: tuple[Officeholder, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    lists: dict[str, tuple[str, ...]]
    parts_of_day: tuple[tuple[int, str], ...]
    stories: tuple[Story, ...]
    general: tuple[str, ...]
    official_titles: tuple[str, ...]
    set_periods: tuple[str, ...]
    decades: tuple[str, ...]
    bills: tuple[str, ...]


def load_templates(path: Path = TEMPLATES) -> Templates:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    corpus = data["corpus"]
    general = data["general"]
    return Templates(
        first_day=date.fromisoformat(corpus["first_date"]).toordinal(),
        last_day=date.fromisoformat(corpus["last_date"]).toordinal(),
        min_chars=corpus["min_chars"],
        max_chars=corpus["max_chars"],
        outlets=tuple(data["outlets"]),
        cities=tuple(city for city in data["cities"] for _ in range(city.get("weight", 1))),
        presidents=tuple(_officeholder(entry) for entry in data["presidents"]),
        leaders=tuple(_officeholder(entry) for entry in data["leaders"]),
        first_names=tuple(data["names"]["first"]),
        last_names=tuple(data["names"]["last"]),
        lists={name: tuple(values) for name, values in data["lists"].items() if name != "parts_of_day"},
        parts_of_day=tuple((hour, name) for hour, name in data["lists"]["parts_of_day"]),
        stories=tuple(story for topic in data["topics"].values() for story in _stories(topic)),
        general=tuple(general["paragraphs"]),
        official_titles=tuple(general["official_titles"]),
        set_periods=tuple(general["set_periods"]),
        decades=tuple(general["decades"]),
        bills=tuple(general["bills"]),
    )


def _stories(topic: dict[str, Any]) -> list[Story]:
    keys = [story["key"] for story in topic["stories"]]
    for paragraph in topic["paragraphs"]:
        unknown = set(paragraph.get("only", ())) - set(keys)
        if unknown:
            raise ValueError(f"paragraph names unknown stories {sorted(unknown)}: {paragraph['text'][:60]!r}")
    return [
        Story(
            titles=tuple(story["titles"]),
            lead=story["lead"],
            paragraphs=tuple(p["text"] for p in topic["paragraphs"] if story["key"] in p.get("only", keys)),
        )
        for story in topic["stories"]
    ]


def _officeholder(entry: dict[str, str]) -> Officeholder:
    fields = {key: value for key, value in entry.items() if key not in ("from", "to")}
    return Officeholder(date.fromisoformat(entry["from"]).toordinal(), date.fromisoformat(entry["to"]).toordinal(), fields)


class ArticleGenerator:
    """Articles from templates; one `random.Random(seed)` drives every choice, in a fixed order.

    Slots that do not depend on the date (places, people, numbers, phrases) are drawn up front into a
    pool of casts; an article takes one cast and draws only its dates and officeholders. This keeps
    generation fast while the pool is far larger than any template list.
    """

    def __init__(self, templates: Templates, seed: int) -> None:
        self.templates = templates
        self.random = random.Random(seed)
        self.seed = seed
        self._in_office: dict[int, tuple[tuple[Officeholder, ...], tuple[Officeholder, ...]]] = {}
        self._casts = tuple(self._cast() for _ in range(CASTS))
        # Paragraph orders are drawn up front too: picking one is much cheaper than shuffling per article.
        self._orders = {story: self._paragraph_orders(story) for story in templates.stories}

    def _paragraph_orders(self, story: Story) -> tuple[tuple[str, ...], ...]:
        orders = []
        for _ in range(ORDERS_PER_STORY):
            story_order, general_order = list(story.paragraphs), list(self.templates.general)
            self.random.shuffle(story_order)
            self.random.shuffle(general_order)
            orders.append(tuple(_interleave(story_order, general_order)))
        return tuple(orders)

    def _pick(self, options: Sequence[Any]) -> Any:
        return options[int(self.random.random() * len(options))]

    def _between(self, low: int, high: int) -> int:
        """An integer in [low, high]."""
        return low + int(self.random.random() * (high - low + 1))

    def _name(self) -> tuple[str, str]:
        last = self._pick(self.templates.last_names)
        return f"{self._pick(self.templates.first_names)} {last}", last

    def _clock_time(self, zone: str) -> str:
        hour, minute = self._between(6, 22), self._pick((0, 0, 15, 30, 30, 45, 10, 20))
        style = self._between(0, 3)
        if style == 0:
            return f"pukul {hour:02d}.{minute:02d} {zone}"
        if style == 1:
            return f"sekitar pukul {hour:02d}.{minute:02d} {zone}"
        if style == 2:
            return f"pukul {hour:02d}.{minute:02d}"
        part = next(name for start, name in reversed(self.templates.parts_of_day) if hour >= start)
        return f"pukul {hour if hour <= 12 else hour - 12} {part}"

    def _cast(self) -> dict[str, str]:
        """The slots that do not depend on the publication date."""
        t = self.templates
        lists = t.lists
        city = self._pick(t.cities)
        zone = city["zone"]
        person1, _ = self._name()
        person2, person2_short = self._name()
        officer, officer_short = self._name()
        minister, minister_short = self._name()
        project = self._pick(lists["projects"]).format(km=self._between(5, 120))
        number_word = self._pick(lists["number_words"])
        return {
            "CITY": city["name"].upper(),
            "city": city["name"],
            "province": city["province"],
            "zone": zone,
            "city2": self._pick([other for other in t.cities if other["name"] != city["name"]])["name"],
            "time1": self._clock_time(zone),
            "time2": self._clock_time(zone),
            "clock": f"{self._between(7, 16):02d}.{self._pick(('00', '30'))}",
            "time_range": f"pukul {self._between(7, 9):02d}.00 hingga {self._between(14, 16):02d}.{self._pick(('00', '30'))} {zone}",
            "weekday_name": self._pick(WEEKDAYS[:5]),
            "decade": self._pick(t.decades),
            "historic_year": str(self._between(1965, date.fromordinal(t.first_day).year - 1)),
            "person1": person1,
            "person2": person2,
            "person2_short": person2_short,
            "officer": officer,
            "officer_short": officer_short,
            "minister": minister,
            "minister_short": minister_short,
            "minister_title": self._pick(lists["ministries"]),
            "resident": self._name()[0],
            "resident2": self._name()[0],
            "official": self._name()[0],
            "official_title": self._pick(t.official_titles),
            "mayor": self._name()[0],
            "legislator": self._name()[0],
            "initials": person1[0] + officer[0],
            "age": str(self._between(19, 72)),
            "age2": str(self._between(19, 72)),
            "deictic_past": self._pick(lists["deictic_past"]),
            "deictic_future": self._pick(lists["deictic_future"]),
            "deictic_now": self._pick(lists["deictic_now"]),
            "short_duration": self._pick(lists["short_durations"]),
            "long_duration": self._pick(lists["long_durations"]),
            "set_period": self._pick(t.set_periods),
            "n_word": number_word,
            "n_word_cap": number_word.capitalize(),
            "n_digits": str(self._between(3, 60)),
            "n_victims": str(self._between(1, 40)),
            "n_victims_large": str(self._between(61, 300)),
            "count_people": _thousands(self._between(120, 25000)),
            "amount_idr": f"Rp {_decimal(self._between(1, 98), self._between(0, 9))} {self._pick(('miliar', 'triliun'))}",
            "amount_idr_small": f"Rp {self._between(100, 950)} juta",
            "amount_usd": f"{_decimal(self._between(1, 40), self._between(0, 9))} miliar dollar AS",
            "percent": _decimal(self._between(1, 12), self._between(0, 9)),
            "rate": f"{self._between(3, 7)},{self._pick(('00', '25', '50', '75'))}",
            "rice_price": _thousands(self._between(18, 32) * 500),
            "exchange_rate": _thousands(self._between(9000, 16500)),
            "magnitude": _decimal(self._between(4, 7), self._between(0, 9)),
            "km": str(self._between(5, 120)),
            "depth": str(self._between(10, 80)),
            "country2": self._pick(lists["countries"]),
            "intl_org": self._pick(lists["international"]),
            "agency": self._pick(lists["agencies"]),
            "company": self._pick(lists["companies"]),
            "project": project,
            "project_cap": project.title(),
            "bill": self._pick(t.bills),
        }

    def _officeholders(self, day: int) -> tuple[tuple[Officeholder, ...], tuple[Officeholder, ...]]:
        """Presidents and foreign leaders in office on a day (a date ordinal)."""
        if day not in self._in_office:
            self._in_office[day] = (
                tuple(p for p in self.templates.presidents if p.first_day <= day < p.last_day),
                tuple(p for p in self.templates.leaders if p.first_day <= day < p.last_day),
            )
        return self._in_office[day]

    def slots(self, published: int) -> dict[str, str]:
        """Every slot of one article published on `published` (a date ordinal)."""
        slots = dict(self._pick(self._casts))
        presidents, leaders = self._officeholders(published)
        president, leader = self._pick(presidents).fields, self._pick(leaders).fields
        event = published - self._pick(EVENT_LAGS)
        year = date.fromordinal(published).year
        slots.update(
            president=president["name"],
            president_short=president["short"],
            leader=leader["name"],
            leader_title=leader["title"],
            country=leader["country"],
            event_day=_day_month(event),
            event_weekday=WEEKDAYS[date.fromordinal(event).weekday()],
            prev_day=_day_month(event - self._between(1, 3)),
            next_day=_day_month(published + self._between(1, 9)),
            past_date=_long_date(published - self._between(30, 1500)),
            past_month=_month_year(published - self._between(30, 900)),
            past_year=str(year - self._between(1, 8)),
            future_month=_month_year(published + self._between(30, 240)),
            future_date=_long_date(published + self._between(10, 400)),
            year=str(year),
            next_year=str(year + 1),
        )
        return slots

    def article(self, number: int) -> dict[str, str]:
        t = self.templates
        published = self._between(t.first_day, t.last_day)
        slots = self.slots(published)
        story = self._pick(t.stories)
        outlet = self._pick(t.outlets)
        target = self._between(t.min_chars, t.max_chars - 250)
        paragraphs = [outlet["dateline"].format_map(slots) + story.lead.format_map(slots)]
        length = len(paragraphs[0])
        for template in self._pick(self._orders[story]):
            if length >= target:
                break
            paragraph = template.format_map(slots)
            if length + 1 + len(paragraph) <= t.max_chars:
                paragraphs.append(paragraph)
                length += 1 + len(paragraph)
        day = date.fromordinal(published)
        document_id = f"gen-{self.seed}-{number:07d}"
        return {
            "id": document_id,
            "published": day.isoformat(),
            "title": self._pick(story.titles).format_map(slots),
            "source": outlet["source"],
            "url": f"https://berita.example/{day.year}/{day.month:02d}/{day.day:02d}/{document_id}",
            "text": "\n".join(paragraphs),
        }


@cache
def _day_month(day: int) -> str:
    """The news convention for a day: weekday and (day/month), e.g. `Rabu (13/9)`."""
    value = date.fromordinal(day)
    return f"{WEEKDAYS[value.weekday()]} ({value.day}/{value.month})"


@cache
def _long_date(day: int) -> str:
    value = date.fromordinal(day)
    return f"{value.day} {MONTHS[value.month]} {value.year}"


@cache
def _month_year(day: int) -> str:
    value = date.fromordinal(day)
    return f"{MONTHS[value.month]} {value.year}"


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _decimal(whole: int, tenths: int) -> str:
    return f"{whole},{tenths}"


def _interleave(story: list[str], general: list[str]) -> Iterator[str]:
    """Two story paragraphs, then a general one, while both last; then the rest of the general ones."""
    general_left = iter(general)
    for index, paragraph in enumerate(story, start=1):
        yield paragraph
        if index % 2 == 0 and (extra := next(general_left, None)) is not None:
            yield extra
    yield from general_left


def generate_articles(count: int, seed: int, templates: Templates | None = None) -> Iterator[dict[str, str]]:
    generator = ArticleGenerator(templates or load_templates(), seed)
    for number in range(1, count + 1):
        yield generator.article(number)


def write_corpus(out: TextIO, count: int, seed: int, templates: Templates | None = None) -> None:
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for article in generate_articles(count, seed, templates):
        out.write(encode(article) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="number of articles to write")
    parser.add_argument("--out", required=True, help="JSONL file to write, or - for standard output")
    parser.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same corpus")
    args = parser.parse_args(argv)
    if args.docs < 0:
        parser.error("--docs must not be negative")
    if args.out == "-":
        write_corpus(sys.stdout, args.docs, args.seed)
        return
    with open(args.out, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        write_corpus(out, args.docs, args.seed)


if __name__ == "__main__":
    main()
