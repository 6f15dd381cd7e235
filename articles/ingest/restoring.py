"""Annotated documents (an `export`, or `annotate`'s output) stored as they are, not annotated.

`ingest` of a JSON Lines file whose objects carry their annotations ("body", "entities",
"mentions") restores them: the body verbatim, each entity found again by its slug (or made, with
its name, kind, role and aliases), every mention, date and quote with its origin, and the rows
editors rejected. So an archive moves to another installation through `export` and `ingest`
without loss, and without running the pipeline over it again.

Everything a document says is checked when it is read, before anything is stored: offsets that
index the body and hold the text, entities the spans name, kinds, origins and intervals the
archive knows. A document that fails refuses its file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from articles.ingest import formats
from articles.models import (
    Alias,
    Article,
    DateMention,
    Entity,
    Granularity,
    Mention,
    Origin,
    Quote,
    QuoteKind,
)
from articles.models.limits import max_length
from articles.nlp.kinds import KINDS

TEXT_MAX = max_length(Mention, "text")
LABEL_MAX = max_length(Mention, "label")
CUE_MAX = max_length(Quote, "cue")
NAME_MAX = max_length(Entity, "name")
ROLE_MAX = max_length(Entity, "role")
SLUG_MAX = max_length(Entity, "slug")
VERSION_MAX = max_length(Article, "pipeline_version")
ORIGIN_NAME_MAX = max_length(Article, "origin_name")


# A document, or one of its entities or spans, as JSON gave it.
type Record = dict[str, Any]


class Unreadable(ValueError):
    """An annotated document that cannot be restored; the message says where and why."""


def is_annotated(record: Record) -> bool:
    return isinstance(record.get("entities"), list) and isinstance(record.get("mentions"), list)


def checked_annotations(record: Record, body: str) -> Record:
    """The record's annotations, checked against its body; Unreadable otherwise."""
    entities: Record = {}
    for number, entity in enumerate(record["entities"], start=1):
        where = f"entity {number}"
        need(isinstance(entity, dict), where, "is not an object")
        need(isinstance(entity.get("id"), str), where, "has no id")
        need(text_of(entity, "name", NAME_MAX) != "", where, "has no name")
        need(entity.get("kind") in KINDS, where, f"has an unknown kind {entity.get('kind')!r}")
        text_of(entity, "role", ROLE_MAX)
        need(re.fullmatch(r"[-\w]*", text_of(entity, "slug", SLUG_MAX)) is not None, where, "slug")
        aliases = entity.get("aliases") or []
        need(isinstance(aliases, list), where, "has aliases that are not a list")
        need(all(isinstance(a, str) and 0 < len(a) <= NAME_MAX for a in aliases), where, "alias")
        entities[entity["id"]] = entity
    rejected = record.get("rejected") or {}
    need(isinstance(rejected, dict), "rejected", "is not an object")
    groups: dict[str, list[Any]] = {}
    for what in ("mentions", "dates", "quotes"):
        for state, rows in (("", record.get(what) or []), ("rejected ", rejected.get(what) or [])):
            need(isinstance(rows, list), f"{state}{what}", "is not a list")
            for number, row in enumerate(rows, start=1):
                check_span(row, body, f"{state}{what[:-1]} {number}", what, entities)
            groups[f"{state}{what}"] = rows
    version = text_of(record, "pipeline_version", VERSION_MAX)
    origin_name = text_of(record, "origin_name", ORIGIN_NAME_MAX)
    return {"entities": entities, **groups, "version": version, "origin_name": origin_name}


def annotated_piece(name: str, record: Record) -> formats.Piece:
    """An annotated document (an export): its body and headline verbatim, since its offsets index
    them, and its annotations checked against them."""
    body, headline = record.get("body") or record.get("text"), record.get("title")
    if not isinstance(body, str) or not isinstance(headline, str):
        raise formats.BadInput('"title" and "body" must be strings')
    try:
        annotations = checked_annotations(record, body)
    except Unreadable as error:
        raise formats.BadInput(f"its annotations cannot be restored: {error}") from error
    sources = record.get("sources") or []
    if not isinstance(sources, list) or not all(isinstance(item, str) for item in sources):
        raise formats.BadInput('"sources" must be a list of names')
    return formats.Piece(
        name=name,
        headline=headline,
        body=body,
        byline=str(record.get("byline") or ""),
        published=formats.json_date(record.get("published")),
        url=str(record.get("url") or ""),
        sources=sources,
        external_id=str(record.get("id") or ""),
        annotations=annotations,
    )


def need(condition: bool, where: str, problem: str) -> None:
    if not condition:
        raise Unreadable(f"{where} {problem}")


def text_of(row: Record, key: str, limit: int) -> str:
    value = row.get(key) or ""
    need(isinstance(value, str) and len(value) <= limit, key, f"is not text of {limit} or fewer")
    return value


def check_span(row: Any, body: str, where: str, what: str, entities: Record) -> None:
    need(isinstance(row, dict), where, "is not an object")
    start, end, text = row.get("start"), row.get("end"), row.get("text")
    if type(start) is not int or type(end) is not int:
        raise Unreadable(f"{where} has no offsets")
    need(0 <= start < end <= len(body), where, f"lies outside the body ({start}..{end})")
    need(body[start:end] == text, where, f"does not hold the body's text at {start}..{end}")
    need(row.get("origin", Origin.MODEL) in Origin.values, where, "has an unknown origin")
    if what == "mentions":
        need(row.get("entity") in entities, where, "names no entity of the document")
        need(len(text) <= TEXT_MAX, where, f"is longer than {TEXT_MAX} characters")
        text_of(row, "label", LABEL_MAX)
    elif what == "dates":
        need(len(text) <= TEXT_MAX, where, f"is longer than {TEXT_MAX} characters")
        first, last = iso_date(row.get("value_start"), where), iso_date(row.get("value_end"), where)
        need((first is None) == (last is None), where, "is placed at one end only")
        need(first is None or last is None or first <= last, where, "ends before it starts")
        granularity = row.get("granularity") or ""
        need(granularity in ("", *Granularity.values), where, "has an unknown granularity")
    else:
        need(row.get("kind", QuoteKind.DIRECT) in QuoteKind.values, where, "has an unknown kind")
        speaker = row.get("speaker")
        need(speaker is None or speaker in entities, where, "names no entity of the document")
        text_of(row, "cue", CUE_MAX)


def iso_date(value: object, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        if isinstance(value, str):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise Unreadable(f"{where} has a date that is not YYYY-MM-DD: {str(value)[:20]}")


def restore_annotations(*, article: Article, annotations: Record) -> None:
    """Store a checked document's entities and spans for a new article, as they were."""
    entities = restore_entities(annotations["entities"].values())
    mentions = Mention.all_objects.bulk_create(
        Mention(
            entity=entities[row["entity"]],
            label=row.get("label") or "",
            **restored_span(article, row, rejected),
        )
        for row, rejected in rows_of(annotations, "mentions")
    )
    DateMention.all_objects.bulk_create(
        DateMention(
            value_start=row.get("value_start"),
            value_end=row.get("value_end"),
            granularity=row.get("granularity") or "",
            **restored_span(article, row, rejected),
        )
        for row, rejected in rows_of(annotations, "dates")
    )
    mention_at: dict[tuple[object, object], Mention] = {(m.start, m.end): m for m in mentions}
    Quote.all_objects.bulk_create(
        Quote(
            kind=row.get("kind", QuoteKind.DIRECT),
            cue=row.get("cue") or "",
            speaker=entities[row["speaker"]] if row.get("speaker") else None,
            speaker_mention=mention_at.get((row.get("speaker_start"), row.get("speaker_end"))),
            **restored_span(article, row, rejected),
        )
        for row, rejected in rows_of(annotations, "quotes")
    )


def rows_of(annotations: Record, what: str) -> Iterator[tuple[Record, bool]]:
    """The document's rows of one kind ("mentions", "dates", "quotes"), each with whether
    editors rejected it."""
    for row in annotations[what]:
        yield row, False
    for row in annotations[f"rejected {what}"]:
        yield row, True


def restored_span(article: Article, row: Record, rejected: bool) -> Record:
    """The fields every span of a document is restored with."""
    return {
        "article": article,
        "start": row["start"],
        "end": row["end"],
        "text": row["text"],
        "origin": row.get("origin", Origin.MODEL),
        "rejected": rejected,
    }


def restore_entities(documented: Iterable[Record]) -> dict[str, Entity]:
    """The archive's entity for each document entity: the one with its slug, name and kind, or a
    new one (with that slug when it is free); its aliases added."""
    from articles.ingest.linking import unique_slugs

    found = list(documented)
    by_slug = Entity.objects.in_bulk([e["slug"] for e in found if e.get("slug")], field_name="slug")
    resolved: dict[str, Entity] = {}
    for entity in found:
        known = by_slug.get(entity.get("slug") or "")
        if known is not None and (known.name, known.kind) == (entity["name"], entity["kind"]):
            resolved[entity["id"]] = known
            continue
        slug = entity.get("slug") or ""
        if not slug or known is not None:
            (slug,) = unique_slugs([(entity["kind"], entity["name"])])
        made = Entity.objects.create(
            name=entity["name"], kind=entity["kind"], role=entity.get("role") or "", slug=slug
        )
        by_slug[slug] = made
        resolved[entity["id"]] = made
    for entity in found:
        have = set(resolved[entity["id"]].aliases.values_list("name", flat=True))
        Alias.objects.bulk_create(
            Alias(entity=resolved[entity["id"]], name=name)
            for name in dict.fromkeys(entity.get("aliases") or [])
            if name not in have
        )
    return resolved
