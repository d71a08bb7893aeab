"""Who takes part in an event: agents, targets and participants from the entity mentions of its clause."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import pycountry
from babel import Locale

from timeline.models import Actor, ActorKind, ActorRole, EntityMention
from timeline.resources import load_tsv

from .layout import Clause, Layout
from .lexicon import Cues, lexicon
from .triggers import Trigger, titled_name_follows

ACTOR_KINDS = frozenset({ActorKind.PERSON, ActorKind.ORGANIZATION, ActorKind.COUNTRY, ActorKind.GROUP})
PLACE_KINDS = frozenset({ActorKind.LOCATION, ActorKind.COUNTRY})
SUBJECT_KINDS = ACTOR_KINDS | {ActorKind.LOCATION}
WORD = re.compile(r"\w+")
# "JAKARTA, KOMPAS.com - ", "Jakarta (ANTARA) - ", "KLIKPOSITIF – ".
DATELINE = re.compile(
    r"\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}(?:,? ?(?:\([^()\n]{1,30}\)|[\w.]+(?: [\w.]+){0,2}))?\s+[–—-]+\s"
)
# Between a name and an appositive naming the same person: a comma and capitalised title words.
APPOSITIVE = re.compile(r",\s*(?:[A-Z][\w.]*\s+){0,6}")
SPACES = re.compile(r"[^\S\n]*")
# The word right before a mention, across spaces only.
CURRENCY_WORD = re.compile(r"(\w+)[^\S\n]+$")
# How many following mentions may stand between a title's organisation and its person
# ("... PT Pertamina (Persero) Ali Mundakir", "... Energi (ReforMiner Institute) Pri Agung").
TITLE_REACH = 3
# Enum members bound once: reading a member off its Enum class is a descriptor call (~0.1 µs) each
# time, and these are read for every trigger and mention.
PERSON, LOCATION, COUNTRY = ActorKind.PERSON, ActorKind.LOCATION, ActorKind.COUNTRY
AGENT, TARGET, PARTICIPANT = ActorRole.AGENT, ActorRole.TARGET, ActorRole.PARTICIPANT
ROLE_RANK = {AGENT: 0, TARGET: 1, PARTICIPANT: 2}


@dataclass(slots=True)
class Roles:
    actors: list[Actor] = field(default_factory=list)
    location: EntityMention | None = None
    subject: list[EntityMention] = field(default_factory=list)
    agents: list[EntityMention] = field(default_factory=list)  # people acting or speaking, outside quotations


# Shared by every trigger without roles; never mutated.
EMPTY_ROLES = Roles()


class Entities:
    """Entity mentions sorted by offset, with the look-ups role assignment needs."""

    def __init__(self, mentions: list[EntityMention], text: str) -> None:
        # The dateline ("JAKARTA, KOMPAS.com -") names where the story was filed and by whom, not actors.
        dateline = DATELINE.match(text)
        body = dateline.end() if dateline else 0
        self.mentions = sorted((e for e in mentions if e.start >= body), key=lambda e: (e.start, -e.end))
        self.starts = [e.start for e in self.mentions]
        self.ends = [e.end for e in self.mentions]
        self.text = text
        self._locative_from: dict[int, int] = {}
        self._places: dict[int, list[EntityMention]] = {}
        self._companion: dict[tuple[int, int], bool] = {}
        self._title_part: dict[int, bool] = {}
        self._currency_part: dict[int, bool] = {}
        self._actors: dict[tuple[tuple[int, ...], ActorRole], Actor] = {}
        # Most clauses name no place: their places are looked up among the document's few.
        self.places = [e for e in self.mentions if e.kind in PLACE_KINDS and not self.currency_part(e)]
        self.place_starts = [e.start for e in self.places]
        # What can be an actor wherever it stands: not part of a person's title or a currency's name.
        self.eligible = [not self.title_part(e) and not self.currency_part(e) for e in self.mentions]

    def currency_part(self, mention: EntityMention) -> bool:
        """`AS` in `dolar AS` names a currency, not a party."""
        if mention.kind is not COUNTRY:
            return False
        key = mention.start
        if key not in self._currency_part:
            before = CURRENCY_WORD.search(self.text, max(0, mention.start - 20), mention.start)
            self._currency_part[key] = before is not None and before.group(1).lower() in lexicon().cues.currencies
        return self._currency_part[key]

    def title_part(self, mention: EntityMention) -> bool:
        if mention.kind is PERSON:
            return False  # a person is never part of another person's title
        key = mention.start
        if key not in self._title_part:
            index = bisect_left(self.starts, mention.end)
            following = next(
                (m for m in self.mentions[index : index + TITLE_REACH] if m.kind is PERSON), None
            )
            self._title_part[key] = _is_title_part(mention, following, self.text)
        return self._title_part[key]

    def companion(self, mention: EntityMention, floor: int) -> bool:
        """Named after `didampingi`, `bersama`, `dengan` ...: accompanying, not acting."""
        key = (mention.start, floor)
        if key not in self._companion:
            words = _preceding_words(self.text, mention, floor, 2)
            self._companion[key] = any(word in lexicon().cues.companion_words for word in words)
        return self._companion[key]

    def actor(self, named: list[EntityMention], role: ActorRole) -> Actor:
        """The actor for these mentions of one entity (the same object each time it recurs in the document)."""
        key = (tuple([m.start for m in named]), role)
        if key not in self._actors:
            first = named[0]
            self._actors[key] = Actor.model_validate(
                {
                    "name": _actor_name(first),
                    "kind": first.kind,
                    "country": first.country,
                    "role": role,
                    "title": first.title,
                    "affiliation": first.affiliation,
                    "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in named],
                }
            )
        return self._actors[key]

    def locative(self, mention: EntityMention, floor: int) -> bool:
        """After a `di` phrase that starts at or after `floor`."""
        latest = self._locative_from.get(mention.start)
        if latest is None:
            latest = self._locative_from[mention.start] = _locative_start(self.text, mention, lexicon().cues)
        return latest >= floor

    def located_places(self, clause: Clause) -> list[EntityMention]:
        """Places of a clause named in a `di` phrase or as an appositive after one."""
        if clause.start not in self._places:
            places = _within(self.places, self.place_starts, clause.start, clause.end)
            self._places[clause.start] = [
                m for m in places if self.locative(m, clause.start) or _appositive_place(self.text, m, places)
            ]
        return self._places[clause.start]

    def names_between(self, start: int, end: int) -> bool:
        """True when a mention starts inside [start, end)."""
        index = bisect_left(self.starts, start)
        return index < len(self.starts) and self.starts[index] < end

    def within(self, start: int, end: int) -> list[EntityMention]:
        return _within(self.mentions, self.starts, start, end)

    def candidates(self, start: int, end: int, floor: int) -> list[EntityMention]:
        """The mentions inside [start, end) that can be actors: eligible, and not a place after `di`
        (looked for back to `floor`)."""
        index = bisect_left(self.starts, start)
        last = bisect_left(self.starts, end, index)
        if index == last:
            return []
        mentions, eligible, ends = self.mentions, self.eligible, self.ends
        return [
            mentions[i]
            for i in range(index, last)
            if eligible[i] and ends[i] <= end and not self.locative(mentions[i], floor)
        ]

    def last_person_before(self, position: int, doc: Layout) -> EntityMention | None:
        index = bisect_left(self.starts, position) - 1
        while index >= 0:
            mention = self.mentions[index]
            if mention.kind is PERSON and doc.quote_of(mention.start) is None:
                return mention
            index -= 1
        return None


def _within(mentions: list[EntityMention], starts: list[int], start: int, end: int) -> list[EntityMention]:
    """The mentions lying wholly inside [start, end), from a list sorted by start."""
    index = bisect_left(starts, start)
    last = bisect_left(starts, end, index)
    return [mention for mention in mentions[index:last] if mention.end <= end]


def _words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text)]


# Between an organisation or country and the person it qualifies: capitalised title words, a parenthesis.
TITLE_GAP = re.compile(r"\)?(?:\s*\([^()\n]{0,60}\))?(?:\s+[A-Z][\w.&-]*){0,8}\s*")


def _is_title_part(mention: EntityMention, following: EntityMention | None, text: str) -> bool:
    """`Rusia` in `Presiden Rusia Vladimir Putin` and `PT Pertamina (Persero)` in `... (Persero) Ali Mundakir`
    qualify the person; they are not actors of their own."""
    return (
        mention.kind is not PERSON
        and following is not None
        and following.kind is PERSON
        and TITLE_GAP.fullmatch(text, mention.end, following.start) is not None
    )


PHRASE_BREAK = re.compile(r"[,;:()\"“”–—]")


def _preceding_words(text: str, mention: EntityMention, start: int, limit: int = 4) -> list[str]:
    """The last few words before a mention, within its phrase (not across punctuation)."""
    stretch = text[max(start, mention.start - 40) : mention.start]
    return _words(PHRASE_BREAK.split(stretch)[-1])[-limit:]


@cache
def _locative_pattern(prepositions: frozenset[str]) -> re.Pattern[str]:
    # The preposition, then at most four lowercase words (no comma, no capital): the phrase runs on to the name.
    words = "|".join(re.escape(word) for word in sorted(prepositions))
    return re.compile(rf"(?<![\w-])(?i:{words})(?:\s+[^\s,.;:!?()\"“”A-Z]+){{0,4}}\s+$")


def _locative_start(text: str, mention: EntityMention, cues: Cues) -> int:
    """Where the latest `di`/`dari` phrase running on to the mention starts, directly or after a few common
    nouns ("di pelabuhan antariksa utama Rusia"); -1 when there is none. Computed once per mention, it
    answers for every clause floor: a phrase counts when it starts at or after the floor."""
    pattern = _locative_pattern(cues.location_prepositions)
    latest = -1
    found = pattern.search(text, max(0, mention.start - 60), mention.start)
    while found is not None:
        latest = found.start()
        found = pattern.search(text, latest + 1, mention.start)
    return latest


def _coordinated(text: str, left: EntityMention, right: EntityMention, cues: Cues) -> bool:
    """`Kim dan Putin`, `Moskow dan Pyongyang`, `Pemimpin Korea Utara Kim Jong-un dan Presiden Rusia Vladimir Putin`."""
    between = text[left.end : right.start]
    words = WORD.findall(between)
    if not words:
        return between.strip() == ","
    return words[0].lower() in cues.coordinators and all(word[0].isupper() for word in words[1:])


def _subject_group(candidates: list[EntityMention], text: str, cues: Cues) -> list[EntityMention]:
    group = candidates[:1]
    for mention in candidates[1:]:
        if _coordinated(text, group[-1], mention, cues):
            group.append(mention)
    return group


def _antecedent(clause: Clause, entities: Entities, text: str) -> EntityMention | None:
    """The noun a `yang` clause hangs on, when it is a name: "Kosmodrom Vostochny, yang ..."."""
    for mention in reversed(entities.within(max(0, clause.start - 120), clause.start)):
        if not text[mention.end : clause.start].strip(" ,"):
            return mention
    return None


def _role_after(doc: Layout, left: int, mention: EntityMention, trigger: Trigger, cues: Cues) -> ActorRole | None:
    """Role of a name after the trigger, from the nearest preposition before it (within three words)."""
    gap = doc.text[left : mention.start]
    between = _words(gap)
    if not between or (mention.kind is PERSON and TITLE_GAP.fullmatch(gap)):
        # The direct object, maybe behind its title: "bertemu Perdana Menteri Jepang Fumio Kishida".
        return AGENT if trigger.passive else TARGET
    for word in reversed(between[-3:]):
        if word in cues.agent_prepositions:
            return AGENT
        if word in cues.target_prepositions:
            return TARGET
        if word in cues.companion_words:
            return PARTICIPANT
    return None


def assign_roles(
    doc: Layout,
    trigger: Trigger,
    entities: Entities,
    triggers_starts: list[int],
    shared_subject: list[EntityMention],
    recent_agent: Callable[[], EntityMention | None] = lambda: None,
) -> Roles:
    """Actors and location of one trigger. `shared_subject` is the subject of the sentence's previous
    clause, which a clause opened by `dan`/`serta` without a subject of its own shares; `recent_agent`
    gives the person who last acted or spoke in the earlier triggers, whom "ujarnya" or "ia" may mean."""
    cues = lexicon().cues
    text = doc.text
    clause = trigger.clause
    # A clause naming no one: only a shared subject, a pronoun or a relative's antecedent can give roles.
    if (
        not trigger.postposed
        and clause.cue not in cues.relative
        and clause.cue not in cues.subject_sharing
        and not entities.names_between(clause.start, clause.end)
        and cues.pronouns.isdisjoint(doc.words_before(trigger.start, clause.start)[-3:])
    ):
        return EMPTY_ROLES
    roles: list[tuple[EntityMention, ActorRole]] = []

    # Names before an earlier trigger of the clause are that trigger's subject ("Kim memerintahkan peluncuran").
    previous_trigger = bisect_left(triggers_starts, trigger.start) - 1
    window_start = clause.start
    if previous_trigger >= 0 and triggers_starts[previous_trigger] >= clause.start:
        window_start = triggers_starts[previous_trigger]
    companions: list[EntityMention] = []
    pre: list[EntityMention] = []
    for mention in entities.candidates(window_start, trigger.start, clause.start):
        if entities.companion(mention, clause.start):
            companions.append(mention)
        elif mention.kind in SUBJECT_KINDS:
            pre.append(mention)
    subject_role = TARGET if trigger.passive else AGENT

    if trigger.postposed:
        speaker = _postposed_speaker(trigger, clause, entities, text)
        if speaker is None:
            # "ujarnya", "kata dia": the last person named outside quotations
            speaker = _antecedent_person(trigger.start, doc, entities, recent_agent())
        if speaker is not None:
            roles.append((speaker, AGENT))
    elif clause.cue in cues.relative:
        antecedent = _antecedent(clause, entities, text)
        if antecedent is not None:
            roles.append((antecedent, subject_role))
    else:
        subject = _subject_group([m for m in pre if m.kind in ACTOR_KINDS or m is pre[0]], text, cues) if pre else []
        if not subject and clause.cue in cues.subject_sharing:
            subject = shared_subject
        if not subject and not cues.pronouns.isdisjoint(doc.words_before(trigger.start, window_start)[-3:]):
            # "Ia menambahkan": the pronoun stands for the last person named outside quotations.
            speaker = _antecedent_person(trigger.start, doc, entities, recent_agent())
            subject = [speaker] if speaker is not None else []
        roles.extend([(mention, subject_role) for mention in subject])
    if companions:
        roles.extend([(mention, PARTICIPANT) for mention in companions if mention.kind in ACTOR_KINDS])

    if not trigger.postposed:
        next_trigger = bisect_left(triggers_starts, trigger.end)
        stop = min(clause.end, triggers_starts[next_trigger]) if next_trigger < len(triggers_starts) else clause.end
        left = trigger.end
        previous: tuple[EntityMention, ActorRole] | None = None
        for mention in entities.candidates(trigger.end, stop, trigger.end):
            # A place is an actor only as the direct object ("meresmikan Bendungan Jatigede").
            direct_object = not _words(text[left : mention.start])
            if mention.kind not in ACTOR_KINDS and (mention.kind is not LOCATION or not direct_object):
                continue
            if previous is not None and _coordinated(text, previous[0], mention, cues):
                role = previous[1]
            else:
                role = _role_after(doc, left, mention, trigger, cues)
            if role is not None:
                roles.append((mention, role))
                previous = (mention, role)
            left = mention.end

    location = _location(trigger, clause, entities)
    if not roles:
        return Roles(location=location) if location is not None else EMPTY_ROLES
    subject = [m for m, role in roles if role is not PARTICIPANT and m.start < trigger.start]
    agents = [
        m for m, role in roles if role is AGENT and m.kind is PERSON and doc.quote_of(m.start) is None
    ]
    return Roles(
        actors=_actors(roles, entities),
        location=location,
        subject=subject,
        agents=agents,
    )


def _postposed_speaker(trigger: Trigger, clause: Clause, entities: Entities, text: str) -> EntityMention | None:
    """Who a postposed verb names: the mention right after it ("kata Putin"), or the person (else the
    first name) its capitalised title words lead to ("kata Menteri Luar Negeri Venezuela Rafael Ramirez")."""
    named = entities.within(trigger.end, clause.end)
    if not named:
        return None
    start = SPACES.match(text, trigger.end).end()
    if named[0].start == start:
        return named[0]
    person = next((m for m in named[:TITLE_REACH] if m.kind is PERSON), None)
    if person is not None and titled_name_follows(text, start, {person.start}):
        return person
    return named[0] if titled_name_follows(text, start, {named[0].start}) else None


def _antecedent_person(
    position: int, doc: Layout, entities: Entities, recent_agent: EntityMention | None
) -> EntityMention | None:
    """Whom "ujarnya", "kata dia", "Ia menambahkan" stand for: the last person named outside quotations,
    unless that person was only named in the sentence of someone who acted or spoke after being named
    ("Pangeran Salman, dalam pidato atas nama Raja Abdullah, mengatakan ..." → Salman)."""
    last = entities.last_person_before(position, doc)
    if recent_agent is None or last is None or last.start <= recent_agent.start:
        return last if last is not None else recent_agent
    same_sentence = doc.clause_of(last.start).sentence == doc.clause_of(recent_agent.start).sentence
    # "Kepala Humas Polda, Komisaris Besar Ketut Wibowo, mengatakan": the appositive names the same speaker.
    if same_sentence and not APPOSITIVE.fullmatch(doc.text, recent_agent.end, last.start):
        return recent_agent
    return last


@cache
def _capitals() -> frozenset[str]:
    return frozenset(row["name"] for row in load_tsv("actors/capitals.tsv"))


@cache
def _country_name(iso3: str) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3)
    return Locale("id").territories.get(country.alpha_2) if country else None


def _actor_name(mention: EntityMention) -> str:
    """A capital standing for its government is named as the country (`Pyongyang` → `Korea Utara`)."""
    if mention.kind is COUNTRY and mention.country and mention.name in _capitals():
        return _country_name(mention.country) or mention.name
    return mention.name


def _actors(roles: list[tuple[EntityMention, ActorRole]], entities: Entities) -> list[Actor]:
    """One actor per name: several mentions of it in the clause are its spans, the strongest role wins."""
    if not roles:
        return []
    if len(roles) == 1:
        mention, role = roles[0]
        return [entities.actor([mention], role)]
    by_name: dict[tuple[str, ActorKind], tuple[EntityMention, ActorRole, list[EntityMention]]] = {}
    for mention, role in roles:
        key = (_actor_name(mention), mention.kind)
        if key in by_name:
            first, first_role, named = by_name[key]
            best = min(first_role, role, key=ROLE_RANK.__getitem__)
            known = any(m.start == mention.start for m in named)
            by_name[key] = (first, best, named if known else [*named, mention])
        else:
            by_name[key] = (mention, role, [mention])
    return [entities.actor(named, role) for _, role, named in by_name.values()]


# A comma followed by a new lowercase clause ("mengatakan, pihaknya ... di DKI Jakarta"), not by `di`.
NEW_CLAUSE = re.compile(r",\s+(?!di\b|dari\b)[a-z]")


def _location(trigger: Trigger, clause: Clause, entities: Entities) -> EntityMention | None:
    """The most specific place named in a `di` phrase of the trigger's clause, after the trigger first.
    A statement's place must follow it without a reported clause in between."""
    if not entities.places:
        return None
    places = entities.located_places(clause)
    if not places:
        return None
    located = [m for m in places if m.end <= trigger.start or m.start >= trigger.end]
    if trigger.event_type in lexicon().cues.publication_types:
        located = [
            m for m in located if m.start >= trigger.end and not NEW_CLAUSE.search(entities.text, trigger.end, m.start)
        ]
    if not located:
        return None
    after = [m for m in located if m.start >= trigger.end] or located
    specific = [m for m in after if m.kind is LOCATION]
    return (specific or after)[0]


def _appositive_place(text: str, mention: EntityMention, places: list[EntityMention]) -> bool:
    """", Kosmodrom Vostochny," after a place phrase names the same place more precisely."""
    before = text[max(0, mention.start - 2) : mention.start]
    return mention.kind is LOCATION and before.endswith(", ") and any(p.end < mention.start for p in places)
