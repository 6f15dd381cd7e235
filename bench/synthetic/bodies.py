"""Synthetic articles put together from sentence templates, with every span recorded as its text
is appended, so `body[start:end] == text` holds by construction.

An article has a cast: the house entities it happens to be about (each with its share of the
articles) followed by a few entities of the long tail of each kind. Every member of the cast is
named once, in cast order, before anyone is named again; after that the leading names recur
most, and a person already named may be called by surname ("Okafor").
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from bisect import bisect
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from articles.nlp.kinds import ORG, PERSON, PLACE
from bench.synthetic.dates import invent_date, invent_published
from bench.synthetic.names import EntityPool, PoolEntity
from bench.synthetic.templates import (
    DATED_TEMPLATES,
    FILLERS,
    HEADLINES,
    QUOTE_TEMPLATES,
    QUOTED_WORDS,
    TOPICS,
    UNDATED_TEMPLATES,
    Piece,
)

HEADLINE_PREFIX = "[Synthetic]"
MIN_WORDS, MAX_WORDS = 300, 700  # of a body, roughly
KIND_OF_SLOT = {"P": PERSON, "L": PLACE, "O": ORG}
# Within an article the cast's k-th member is named again with weight 1 / k.
CAST_WEIGHTS = [list(itertools.accumulate(1 / k for k in range(1, n + 1))) for n in range(20)]


class DraftMention(NamedTuple):
    start: int
    end: int
    text: str
    entity: PoolEntity


class DraftDate(NamedTuple):
    start: int
    end: int
    text: str
    value_start: dt.date
    value_end: dt.date
    granularity: str


class DraftQuote(NamedTuple):
    start: int
    end: int
    text: str
    speaker: int  # the speaker's mention, as an index into the article's mentions
    cue: str


@dataclass
class ArticleDraft:
    serial: int
    headline: str
    body: str
    published: dt.date
    mentions: list[DraftMention]
    dates: list[DraftDate]
    quotes: list[DraftQuote]


class BodyWriter:
    """Appends text to a body and records the offsets of the spans it writes."""

    def __init__(self, *, rng: random.Random, cast: dict[str, list[PoolEntity]], year: int):
        self.rng, self.cast, self.year = rng, cast, year
        self.parts: list[str] = []
        self.length = 0
        self.words = 0
        self.mentions: list[DraftMention] = []
        self.dates: list[DraftDate] = []
        self.quotes: list[DraftQuote] = []
        self.named = dict.fromkeys(cast, 0)  # how many of the cast of each kind were named

    def append(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length = start + len(text)
        return start, self.length

    def plain(self, text: str, words: int) -> None:
        self.parts.append(text)
        self.length += len(text)
        self.words += words

    def sentence(self, pieces: tuple[Piece, ...], quoted: str = "", cue: str = "") -> None:
        # The hot loop of the generator: a million articles append some 200 million pieces, so
        # the running length and word count are kept in locals and stored back at the end.
        parts, mentions = self.parts, self.mentions
        append = parts.append
        length, words = self.length, self.words
        speaker = -1
        quote_start = -1
        in_sentence: list[PoolEntity] = []
        for literal, literal_words, slot in pieces:
            if literal:
                append(literal)
                length += len(literal)
                words += literal_words
            if slot is None:
                break
            if slot == "Q":
                quote_start = length
                append(quoted)
                length += len(quoted)
                words += quoted.count(" ") + 1
            elif slot == "D" or slot == "d":
                preposition, text, value_start, value_end, granularity = invent_date(
                    rng=self.rng, year=self.year
                )
                if slot == "D":
                    append(preposition + " ")
                    length += len(preposition) + 1
                    words += 1
                start = length
                append(text)
                length += len(text)
                words += text.count(" ") + 1
                self.dates.append(
                    DraftDate(start, length, text, value_start, value_end, granularity)
                )
            else:
                entity, text = self.name(KIND_OF_SLOT[slot], in_sentence)
                in_sentence.append(entity)
                start = length
                append(text)
                length += len(text)
                words += text.count(" ") + 1
                if speaker < 0:
                    speaker = len(mentions)
                mentions.append(DraftMention(start, length, text, entity))
        self.length, self.words = length, words
        if quote_start >= 0 and speaker >= 0:
            end = quote_start + len(quoted)
            self.quotes.append(DraftQuote(quote_start, end, quoted, speaker, cue))

    def name(self, kind: str, avoid: list[PoolEntity]) -> tuple[PoolEntity, str]:
        """The next of the cast not yet named, in full; once all are, one of them again (not one
        of `avoid` if it can: no "Okafor and Okafor"), perhaps by a shorter name."""
        cast, named = self.cast[kind], self.named[kind]
        if named < len(cast):
            self.named[kind] = named + 1
            return cast[named], cast[named].name
        weights = CAST_WEIGHTS[len(cast)]
        random_ = self.rng.random
        for _ in range(5):
            entity = cast[bisect(weights, random_() * weights[-1])]
            if entity not in avoid:
                break
        if entity.short and random_() < 0.6:
            return entity, entity.short  # "Okafor" once "Amina Okafor" has been named
        return entity, entity.name

    def body(self) -> str:
        return "".join(self.parts)


class Deck:
    """Draws from a list without repeats until every item has been drawn (then starts again), so
    an article does not say the same thing twice in a row.

    The order is a random walk with a random stride coprime with the list's length, which visits
    every item once per round: two random numbers per article instead of a shuffle."""

    def __init__(self, *, rng: random.Random, items: list):
        self.items, self.size = items, len(items)
        self.position = int(rng.random() * self.size)
        strides = coprimes(self.size)
        self.stride = strides[int(rng.random() * len(strides))]

    def draw(self):
        self.position = (self.position + self.stride) % self.size
        return self.items[self.position]


@cache
def coprimes(n: int) -> list[int]:
    return [k for k in range(1, n) if math.gcd(k, n) == 1] or [1]


def between(rng: random.Random, low: int, high: int) -> int:
    """A whole number from low to high inclusive; `rng.randint` costs several times more."""
    return low + int(rng.random() * (high - low + 1))


def cast_of_article(*, rng: random.Random, pool: EntityPool) -> dict[str, list[PoolEntity]]:
    """The house entities this article is about (each by its share), then a few of the tail."""
    cast: dict[str, list[PoolEntity]] = {PERSON: [], PLACE: [], ORG: []}
    for entity, share in pool.house:
        if rng.random() < share:
            cast[entity.kind].append(entity)
    for kind, (fewest, most) in {PERSON: (3, 7), PLACE: (2, 4), ORG: (2, 4)}.items():
        cast[kind] += pool.draw(rng=rng, kind=kind, count=between(rng, fewest, most))
    return cast


def compose_article(*, rng: random.Random, pool: EntityPool, serial: int) -> ArticleDraft:
    """One article of 300-700 words with about 15-40 mentions, 1-5 dates and 0-3 quotes."""
    published = invent_published(rng=rng)
    cast = cast_of_article(rng=rng, pool=pool)
    writer = BodyWriter(rng=rng, cast=cast, year=published.year)
    random_ = rng.random
    target_words = between(rng, MIN_WORDS, MAX_WORDS)
    target_mentions = between(rng, 15, 40)
    dates_left, quotes_left = between(rng, 1, 5), between(rng, 0, 3)
    in_paragraph, paragraph_length = 0, between(rng, 2, 4)
    fillers = Deck(rng=rng, items=FILLERS)
    dated, undated = Deck(rng=rng, items=DATED_TEMPLATES), Deck(rng=rng, items=UNDATED_TEMPLATES)
    quoted_words = Deck(rng=rng, items=QUOTED_WORDS)
    # Stop at the word target once enough names are in, or a little past it in any case.
    longest = max(target_words, min(target_words + 150, MAX_WORDS - 10))
    while writer.words < longest and (
        writer.words < target_words or len(writer.mentions) < target_mentions
    ):
        if in_paragraph == paragraph_length:
            writer.plain("\n\n", 0)
            in_paragraph, paragraph_length = 0, between(rng, 2, 4)
        elif in_paragraph:
            writer.plain(" ", 0)
        sentences_left = (target_words - writer.words) / 17
        if sentences_left < 1.0:
            sentences_left = 1.0
        mentions_left = target_mentions - len(writer.mentions)
        if quotes_left and random_() < quotes_left / sentences_left:
            pieces, cue, stop = QUOTE_TEMPLATES[int(random_() * len(QUOTE_TEMPLATES))]
            writer.sentence(pieces, quoted=quoted_words.draw() + stop, cue=cue)
            quotes_left -= 1
        elif dates_left and random_() < dates_left / sentences_left:
            writer.sentence(dated.draw())
            dates_left -= 1
        elif mentions_left > 0 and random_() < mentions_left / (sentences_left * 2.2):
            writer.sentence(undated.draw())
        else:
            writer.plain(*fillers.draw())
        in_paragraph += 1
    if not writer.dates:
        writer.plain(" ", 0)
        writer.sentence(dated.draw())
    while writer.words < MIN_WORDS:
        writer.plain(" ", 0)
        writer.plain(*fillers.draw())
    writer.plain(f"\n\nThis is synthetic article No. {serial}, invented for benchmarks.", 9)
    headline = rng.choice(HEADLINES).format(
        P=cast[PERSON][0].short,
        L=cast[PLACE][0].name,
        O=cast[ORG][0].name,
        topic=rng.choice(TOPICS),
    )
    return ArticleDraft(
        serial=serial,
        headline=f"{HEADLINE_PREFIX} {headline[0].upper()}{headline[1:]}",
        body=writer.body(),
        published=published,
        mentions=writer.mentions,
        dates=writer.dates,
        quotes=writer.quotes,
    )
