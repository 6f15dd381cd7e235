"""Interchange documents as CSV rows, one per mention, date and quote, for a spreadsheet or a
data desk: each row names its article and, for a mention or a quote, its entity (slug, name,
kind); `origin` says who made it (model, rule or editor: editors' corrections are "editor")."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

COLUMNS = [
    "article",
    "headline",
    "published",
    "record",
    "start",
    "end",
    "text",
    "label",
    "entity",
    "entity_name",
    "entity_kind",
    "value_start",
    "value_end",
    "origin",
]


def entity_columns(entity: dict[str, Any] | None) -> dict[str, str]:
    if entity is None:
        return {"entity": "", "entity_name": "", "entity_kind": ""}
    return {"entity": entity["slug"], "entity_name": entity["name"], "entity_kind": entity["kind"]}


def rows_of(documents: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for document in documents:
        entities = {entity["id"]: entity for entity in document["entities"]}
        article = {
            "article": document["id"],
            "headline": document["title"],
            "published": document["published"] or "",
        }

        for record, rows in (
            ("mention", document["mentions"]),
            ("date", document["dates"]),
            ("quote", document["quotes"]),
        ):
            for row in rows:
                yield {
                    **article,
                    "record": record,
                    "start": row["start"],
                    "end": row["end"],
                    "text": row["text"],
                    "label": row.get("label") or row.get("granularity") or row.get("kind") or "",
                    **entity_columns(entities.get(row.get("entity") or row.get("speaker") or "")),
                    "value_start": row.get("value_start") or "",
                    "value_end": row.get("value_end") or "",
                    "origin": row.get("origin", ""),
                }


def csv_lines(documents: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV text, a header then a line at a time, for a streamed download."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows_of(documents):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
