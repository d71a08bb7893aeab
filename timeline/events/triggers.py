"""Event triggers: words (and multiword phrases) whose lemma is in the trigger lexicon."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache
from typing import NamedTuple

from timeline.models import EntityMention, Timex

from .layout import (
    CHUNK_CACHE_LIMIT,
    TOKEN,
    Clause,
    Layout,
    chunk_cue_starts,
    mark_quiet,
)
from .lexicon import is_bare, lemma_of, lexicon, stem, strip_particle

# What may stand between a clause-final comma or closing quote and a postposed reporting verb.
POSTPOSED_CONTEXT = re.compile(r"[,”\"»]\s*[”\"»]?\s*$")
# How far after a reporting verb mid-sentence the comma closing "kata dia," may stand (characters).
PARENTHETICAL_REACH = 40
# How many capitalised title words may stand between a postposed reporting verb and the speaker's name.
TITLE_REACH = 8
TITLE_WORD = re.compile(r"(?:[A-Z][\w.-]*|\([A-Z][^()\s]{0,20}\))[^\S\n]+")  # "PT Pertamina (Persero)"
# A word with one of these prefixes is a verb: "Serangan menewaskan" is two events, "kesepakatan kerja
# sama" one.
VERBAL_PREFIXES = ("me", "di", "ber", "ter")
HYPHENS_AND_UNDERSCORE = frozenset("_‐-")


def _word_char(char: str) -> bool:
    r"""What `[\w‐-]` matches: `\w` is alphanumerics and the underscore."""
    return char.isalnum() or char in HYPHENS_AND_UNDERSCORE


class Trigger(NamedTuple):
    start: int
    end: int
    head_start: int  # where the word carrying the lemma starts (the noun after a light verb)
    lemma: str
    event_type: str
    passive: bool
    postposed: bool  # a reporting verb after its quote: "..., kata Putin"
    nominal: bool  # a derived noun: "imbauan", "pertemuan"
    anaphoric: bool  # "Pertemuan tersebut"
    clause: Clause
    quote: tuple[int, int] | None  # the quotation the trigger stands in


class Reading(NamedTuple):
    """What a word may start, independent of its context."""

    lemma: str | None
    event_type: str | None  # when the word alone is a trigger
    multiword: bool
    light_verb: bool
    postposed_base: str | None


@lru_cache(maxsize=1 << 17)
def reading(word: str) -> Reading | None:
    lex = lexicon()
    cues = lex.cues
    base = strip_particle(word)
    postposed = base if base in cues.postposed_reporting else None
    lemma = lemma_of(word)
    entry = lex.triggers.get(lemma) if lemma else None
    event_type = entry.event_type if entry and (entry.bare or not is_bare(word, lemma)) else None
    multiword = lemma in lex.multiword if lemma else False
    light = word in cues.light_verbs
    if event_type is None and not multiword and not light and postposed is None:
        return None
    return Reading(lemma, event_type, multiword, light, postposed)


# The candidate words of each chunk read so far and not known to be quiet, with their offsets and
# readings; only chunks never seen before reach the tokenizer. Bounded in size.
_CHUNK_CANDIDATES: dict[str, tuple[tuple[int, str, Reading], ...]] = {}


def _standalone(chunk: str, start: int, end: int) -> bool:
    """No word character or hyphen touches the word on either side (a chunk's edges are whitespace)."""
    return (start == 0 or not _word_char(chunk[start - 1])) and (end == len(chunk) or not _word_char(chunk[end]))


def _chunk_candidates(chunk: str) -> tuple[tuple[int, str, Reading], ...]:
    found = _CHUNK_CANDIDATES.get(chunk)
    if found is None:
        found = tuple(
            (token.start(), token.group(), word_reading)
            for token in TOKEN.finditer(chunk)
            if (word_reading := reading(token.group())) and _standalone(chunk, token.start(), token.end())
        )
        if not found and not chunk_cue_starts(chunk):
            mark_quiet(chunk)
        elif len(_CHUNK_CANDIDATES) < CHUNK_CACHE_LIMIT:
            _CHUNK_CANDIDATES[chunk] = found
    return found


def _occurrences(doc: Layout) -> list[tuple[int, str, Reading]]:
    """Every place a candidate word occurs, in text order."""
    return [
        (position + offset, word, word_reading)
        for position, chunk in doc.chunks
        for offset, word, word_reading in _chunk_candidates(chunk)
    ]


class _Blocked:
    """Names and temporal expressions: words inside them are never triggers (`Kongres`, `akhir pekan`)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self.spans = merged
        self.starts = [start for start, _ in merged]

    def __contains__(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.spans[index][1]


def _multiword(doc: Layout, start: int, end: int, lemma: str, limit: int) -> tuple[int, str, str] | None:
    """(end, event type, lemma) of a multiword trigger whose first word is `lemma`."""
    for entry in lexicon().multiword.get(lemma, ()):
        following = doc.words_after(end, len(entry.rest), limit)
        if len(following) < len(entry.rest):
            continue
        lefts = [end, *(word.end for word in following)]
        adjacent = all(not doc.text[left : word.start].strip() for left, word in zip(lefts, following))
        if adjacent and all(stem(word.text) == lemma_word for word, lemma_word in zip(following, entry.rest)):
            return following[-1].end, entry.event_type, entry.lemma
    return None


def _content(doc: Layout, start: int, word: str, found: Reading, limit: int) -> tuple[int, str, str] | None:
    """(end, event type, lemma) when the word at `start` is a trigger by its meaning alone."""
    end = start + len(word)
    if found.multiword and found.lemma:
        multiword = _multiword(doc, start, end, found.lemma, limit)
        if multiword is not None:
            return multiword
    if found.event_type and found.lemma:
        return end, found.event_type, found.lemma
    return None


def _postposed(doc: Layout, start: int, word: str, base: str, entity_starts: set[int]) -> bool:
    """A reporting verb after what it reports ("..., kata Putin", "..., ujarnya", "..., kata Menteri Luar
    Negeri Rafael Ramirez"), or a parenthetical one mid-sentence ("Dengan itu kata dia, produksi ...")."""
    after_quote = POSTPOSED_CONTEXT.search(doc.text, max(0, start - 4), start) is not None
    if word != base:  # "ujarnya": the clitic names the speaker
        return after_quote
    end = start + len(word)
    if not after_quote and doc.text.find(",", end, end + PARENTHETICAL_REACH) < 0:
        return False
    following = doc.words_after(end, 1)
    if not following:
        return False
    speaker = following[0]
    if speaker.start in entity_starts or speaker.text in lexicon().cues.pronouns:
        return after_quote or doc.text.startswith(",", speaker.end)
    return after_quote and titled_name_follows(doc.text, speaker.start, entity_starts)


def titled_name_follows(text: str, start: int, entity_starts: set[int] | frozenset[int]) -> bool:
    """Capitalised title words from `start` up to a name: "Menteri Luar Negeri Venezuela Rafael Ramirez"."""
    position = start
    for _ in range(TITLE_REACH):
        if position in entity_starts:
            return True
        word = TITLE_WORD.match(text, position)
        if word is None:
            return False
        position = word.end()
    return False


@cache
def _anaphora_pattern() -> re.Pattern[str]:
    """An anaphoric determiner within the first few words after a trigger, in the same phrase (no punctuation
    between): "pertemuan (puncak) tersebut", not "pembangunan roket, mereka ..."."""
    cues = lexicon().cues
    words = "|".join(re.escape(word) for word in sorted(cues.anaphora))
    return re.compile(rf"(?:[^\S\n]+[\w‐-]+){{0,{cues.anaphora_window - 1}}}?[^\S\n]+(?:{words})(?![\w‐-])")


def _after_comparative(doc: Layout, start: int, clause: Clause) -> bool:
    before = doc.words_before(start, clause.start)
    return bool(before) and before[-1] in lexicon().cues.comparatives


def _economic_context(doc: Layout, start: int, end: int, clause: Clause, object_counts: bool) -> bool:
    """A market quantity as the subject just before ("harga minyak jatuh") or, when `object_counts`, right
    after ("kenaikan harga", "menaikkan harga")."""
    cues = lexicon().cues
    before = doc.words_before(start, clause.start)[-cues.economic_reach :]
    if any(word in cues.economic_nouns for word in before):
        return True
    after = doc.words_after(end, 1, clause.end) if object_counts else []
    return bool(after and after[0].text in cues.economic_nouns)


@cache
def _economic_noun_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(word) for word in sorted(lexicon().cues.economic_nouns, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")


def _asked(doc: Layout, end: int, clause: Clause, entity_starts: set[int]) -> bool:
    """The word after a request noun says who asks or what is asked: "permintaan Jokowi", "permintaan
    agar ...", "permintaan penambahan anggaran"."""
    following = doc.words_after(end, 1, clause.end)
    if not following:
        return False
    word = following[0]
    action_noun = word.text.startswith("pe") and word.text.endswith("an")
    return word.start in entity_starts or action_noun or word.text in lexicon().cues.request_markers


def _economic_sentence(doc: Layout, start: int, end: int, clause: Clause) -> bool:
    """A market quantity anywhere else in the trigger's sentence: "melebihi permintaannya" beside
    "pasokan minyak" is demand."""
    sentence_start, sentence_end = doc.sentence_spans.get(clause.sentence, (clause.start, clause.end))
    pattern = _economic_noun_pattern()
    return (
        pattern.search(doc.lower, sentence_start, start) is not None
        or pattern.search(doc.lower, end, sentence_end) is not None
    )


@lru_cache(maxsize=1 << 14)
def _nominal(phrase: str, lemma: str) -> bool:
    """-an nouns (imbauan, permintaan, pertemuan), not -kan verbs (mengatakan)."""
    head = strip_particle(TOKEN.match(phrase).group()) if TOKEN.match(phrase) else phrase
    return head.endswith("an") and not head.endswith("kan") and not lemma.endswith("an")


def find_triggers(doc: Layout, entities: list[EntityMention], timexes: list[Timex]) -> list[Trigger]:
    """Triggers in text order; a light verb joins the trigger noun after it ("memulai perjalanan")."""
    cues = lexicon().cues
    anaphora = _anaphora_pattern()
    blocked = _Blocked([(e.start, e.end) for e in entities] + [(t.start, t.end) for t in timexes])
    entity_starts = {entity.start for entity in entities}
    found: list[Trigger] = []
    covered = 0
    for start, word, candidate in _occurrences(doc):
        if start < covered or start in blocked:
            continue
        clause = doc.clause_of(start)
        clause_end = clause.end
        head_start, postposed = start, False
        hit = None
        if candidate.postposed_base and _postposed(doc, start, word, candidate.postposed_base, entity_starts):
            hit, postposed = (start + len(word), "STATEMENT", candidate.postposed_base), True
        if hit is None and candidate.light_verb:
            for following in doc.words_after(start + len(word), cues.light_verb_gap + 1, clause_end):
                if following.start in blocked:
                    break
                noun = reading(following.text)
                hit = _content(doc, following.start, following.text, noun, clause_end) if noun else None
                if hit is not None:
                    head_start = following.start
                    break
        if hit is None and candidate.light_verb and found and found[-1].clause is clause:
            continue  # "pertemuan itu digelar pada Senin": the verb carries the noun before it, and its date
        if hit is None:
            hit = _content(doc, start, word, candidate, clause_end)
        if hit is None:
            continue
        end, event_type, lemma = hit
        nominal = _nominal(doc.lower[head_start:end], lemma)
        if nominal and head_start == start and _after_comparative(doc, start, clause):
            continue  # "dibanding penutupan Senin": a reference point
        sense = cues.economic_senses.get(lemma)
        if sense is not None and not postposed:
            if sense == "-" and nominal and _asked(doc, end, clause, entity_starts):
                economic = False
            else:
                # "meminta harga diturunkan" is a request: an object says nothing about a verb of sense "-".
                economic = _economic_context(doc, start, end, clause, object_counts=sense != "-" or nominal)
                if sense == "-" and not economic and nominal and head_start == start:
                    economic = _economic_sentence(doc, start, end, clause)
            if sense == "-" and economic or sense == "ECONOMIC_ONLY" and not economic:
                continue
            event_type = "ECONOMIC" if sense == "ECONOMIC_ONLY" or economic else event_type
        follows_noun = found and found[-1].nominal and not doc.text[found[-1].end : start].strip()
        if follows_noun and not word.startswith(VERBAL_PREFIXES):
            continue  # "kesepakatan kerja sama": the second noun says what kind the first one is
        head = doc.lower[head_start : head_start + 40]
        found.append(
            Trigger(
                start=start,
                end=end,
                head_start=head_start,
                lemma=lemma,
                event_type=event_type,
                passive=head.startswith("di") and not head.startswith(lemma),
                postposed=postposed,
                nominal=nominal,
                anaphoric=anaphora.match(doc.lower, end, clause_end) is not None,
                clause=clause,
                quote=doc.quote_of(start),
            )
        )
        covered = end
    return found
