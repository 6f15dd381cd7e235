"""Annotate article bodies in batches: the single entry point for ingest and `annotate`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from articles.nlp.clusters import FoundEntity, cluster_mentions
from articles.nlp.dates import FoundDate, find_dates
from articles.nlp.entities import FoundMention, find_mentions
from articles.nlp.quotes import FoundQuote, find_quotes


@dataclass(frozen=True)
class Annotation:
    mentions: list[FoundMention]
    entities: list[FoundEntity]
    entity_of: list[int]  # the entity index of each mention
    dates: list[FoundDate]
    quotes: list[FoundQuote]


def annotate_doc(doc: Doc, published: dt.date | None = None) -> Annotation:
    mentions = find_mentions(doc)
    entities, entity_of = cluster_mentions(mentions, doc.text)
    return Annotation(
        mentions=mentions,
        entities=entities,
        entity_of=entity_of,
        dates=find_dates(doc, published),
        quotes=find_quotes(doc, mentions, entity_of),
    )


def annotate_bodies(
    nlp: Language, bodies: Iterable[tuple[str, dt.date | None]], *, batch_size: int = 32
) -> Iterator[Annotation]:
    """One Annotation per (body, publication date), in order, through `nlp.pipe`."""
    for doc, published in nlp.pipe(bodies, as_tuples=True, batch_size=batch_size):
        yield annotate_doc(doc, published)
