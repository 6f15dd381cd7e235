"""The annotation interchange format (one JSON object per document), as `annotate` prints it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from articles.nlp.annotate import Annotation

# A document as JSON has it. Its shape is the format's (ANNOTATION_FORMAT.md): readers index into
# its nested lists, which a precise type would make them re-check at every step.
type Document = dict[str, Any]


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def document_json(
    *,
    id: str,
    body: str,
    annotation: Annotation,
    title: str = "",
    byline: str = "",
    published: dt.date | None = None,
    sources: list[str] | None = None,
    url: str = "",
) -> Document:
    entity_ids = [f"e{number}" for number in range(1, len(annotation.entities) + 1)]
    document: Document = {
        "id": id,
        "title": title,
        "byline": byline,
        "published": iso(published),
        "sources": sources or [],
        "body": body,
        "entities": [
            {
                "id": entity_id,
                "name": entity.name,
                "kind": entity.kind,
                "role": entity.role,
                "aliases": entity.aliases,
            }
            for entity_id, entity in zip(entity_ids, annotation.entities, strict=True)
        ],
        "mentions": [
            {
                "entity": entity_ids[entity],
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "label": mention.label,
            }
            for mention, entity in zip(annotation.mentions, annotation.entity_of, strict=True)
        ],
        "dates": [
            {
                "start": date.start,
                "end": date.end,
                "text": date.text,
                "value_start": iso(date.value_start),
                "value_end": iso(date.value_end),
                "granularity": date.granularity or None,
            }
            for date in annotation.dates
        ],
        "quotes": [
            {
                "start": quote.start,
                "end": quote.end,
                "text": quote.text,
                "kind": quote.kind,
                "speaker": entity_ids[quote.speaker] if quote.speaker is not None else None,
                "speaker_start": quote.speaker_start,
                "speaker_end": quote.speaker_end,
                "cue": quote.cue,
            }
            for quote in annotation.quotes
        ],
    }
    if url:
        document["url"] = url
    return document
