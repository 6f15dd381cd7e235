"""Annotate article bodies in batches: the single entry point for ingest and `annotate`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from articles.nlp.chunks import CHUNK_CHARS, chunks_of, moved, regroup
from articles.nlp.clusters import FoundEntity, cluster_mentions
from articles.nlp.dates import FoundDate, find_dates
from articles.nlp.doubts import (
    FoundDoubt,
    FoundLesson,
    kind_doubts,
    lessons_applied,
    speaker_doubts,
)
from articles.nlp.entities import FoundMention, find_mentions
from articles.nlp.quotes import FoundQuote, find_quotes
from articles.nlp.recasing import recased
from articles.nlp.wire import dateline_published


@dataclass(frozen=True)
class Annotation:
    mentions: list[FoundMention]
    entities: list[FoundEntity]
    entity_of: list[int]  # the entity index of each mention
    dates: list[FoundDate]
    quotes: list[FoundQuote]
    published: dt.date | None = None  # the date a wire dateline gives, when the text has one
    # Where the stages disagreed, and what editors' lessons decided (articles.nlp.doubts); a
    # body annotated in chunks keeps none.
    doubts: list[FoundDoubt] = field(default_factory=list)
    lessons: list[FoundLesson] = field(default_factory=list)


def annotate_doc(
    doc: Doc, published: dt.date | None = None, *, original: str | None = None
) -> Annotation:
    """The annotation of a parsed text; `original` is the text as written when the model read a
    re-cased copy of it (see `recasing`): spans then quote the original, names the copy."""
    given = published
    published = published or dateline_published(doc)
    mentions = find_mentions(doc)
    entities, entity_of = cluster_mentions(mentions, doc.text)
    # A date line under the headline repeats the publication date an article comes with; with
    # none given, it is where the article states its date, and is marked like any other.
    dates = find_dates(doc, published, datelines=given is None)
    quotes = find_quotes(doc, mentions, entity_of)
    doubts = kind_doubts(doc, mentions, entities, entity_of)
    doubts += speaker_doubts(mentions, entities, entity_of, quotes, doc.text)
    lessons = lessons_applied(doc, mentions)
    if original is not None and original != doc.text:
        mentions = [replace(m, text=original[m.start : m.end]) for m in mentions]
        dates = [replace(d, text=original[d.start : d.end]) for d in dates]
        quotes = [replace(q, text=original[q.start : q.end]) for q in quotes]
    return Annotation(
        mentions=mentions,
        entities=entities,
        entity_of=entity_of,
        dates=dates,
        quotes=quotes,
        published=dateline_published(doc),
        doubts=doubts,
        lessons=lessons,
    )


def annotate_bodies(
    nlp: Language,
    bodies: Iterable[tuple[str, dt.date | None]],
    *,
    batch_size: int = 32,
    chunk_chars: int = CHUNK_CHARS,
) -> Iterator[Annotation]:
    """One Annotation per (body, publication date), in order, through `nlp.pipe`.

    A body longer than `chunk_chars` goes through the pipe as several chunks (`chunks`), and its
    Annotation is put together from theirs once its last chunk is done. Lines in capitals are
    read by the model in title case (`recasing`)."""

    def chunks() -> Iterator[tuple[str, tuple[str, dt.date | None, int, bool, str]]]:
        for body, published in bodies:
            parts = list(chunks_of(body, min(chunk_chars, nlp.max_length)))
            for number, (start, text) in enumerate(parts):
                yield recased(text), (body, published, start, number == len(parts) - 1, text)

    done: list[tuple[int, Annotation]] = []
    for doc, (body, published, start, last, original) in nlp.pipe(
        chunks(), as_tuples=True, batch_size=batch_size
    ):
        done.append((start, annotate_doc(doc, published, original=original)))
        if last:
            yield done[0][1] if len(done) == 1 else joined(body, done)
            done = []


def joined(body: str, parts: list[tuple[int, Annotation]]) -> Annotation:
    """The Annotation of a whole body from those of its chunks (where each starts, its own)."""
    mentions, entities, entity_of, speakers = regroup(
        body, [(start, part.mentions, part.entities) for start, part in parts]
    )
    quotes = [
        replace(
            moved(quote, start),
            speaker=None if quote.speaker is None else speakers.get((number, quote.speaker)),
        )
        for number, (start, part) in enumerate(parts)
        for quote in part.quotes
    ]
    return Annotation(
        mentions=mentions,
        entities=entities,
        entity_of=entity_of,
        dates=[moved(date, start) for start, part in parts for date in part.dates],
        quotes=quotes,
        published=parts[0][1].published,
    )
