"""Annotate pieces into interchange documents without touching the database's contents."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError

from articles.ingest.formats import Piece
from articles.models import LexiconEntry
from articles.nlp.annotate import annotate_bodies
from articles.nlp.interchange import Document, document_json
from articles.nlp.lexicon import teach_pipeline
from articles.nlp.pipeline import load_pipeline


def annotate_pieces(pieces: Iterable[Piece]) -> Iterator[Document]:
    nlp = load_pipeline()
    # Annotating works without an archive; it then only misses the editors' lessons.
    with contextlib.suppress(DatabaseError):
        teach_pipeline(nlp, LexiconEntry.objects.values_list("text", "kind", "rejected"))
    pieces = iter(pieces)
    buffered: list[Piece] = []

    def bodies() -> Iterator[tuple[str, dt.date | None]]:
        for piece in pieces:
            buffered.append(piece)
            yield piece.body, piece.published

    for annotation in annotate_bodies(nlp, bodies(), batch_size=settings.NEWSDESK_NLP_BATCH_SIZE):
        piece = buffered.pop(0)
        yield document_json(
            id=piece.external_id or Path(piece.name).name,
            body=piece.body,
            annotation=annotation,
            title=piece.headline,
            byline=piece.byline,
            published=piece.published or annotation.published,
            sources=piece.sources,
            url=piece.url,
        )
