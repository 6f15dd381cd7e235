"""Annotate article bodies in batches: the single entry point the ingest service calls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from articles.nlp.dates import FoundDate, find_dates
from articles.nlp.entities import FoundMention, find_mentions


@dataclass(frozen=True)
class Annotation:
    mentions: list[FoundMention]
    dates: list[FoundDate]


def annotate_bodies(
    nlp: Language, bodies: Iterable[tuple[str, dt.date | None]], *, batch_size: int = 32
) -> Iterator[Annotation]:
    """One Annotation per (body, publication date), in order, through `nlp.pipe`."""
    for doc, _published in nlp.pipe(bodies, as_tuples=True, batch_size=batch_size):
        yield Annotation(mentions=find_mentions(doc), dates=find_dates(doc))
