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
from articles.nlp.kinds import KINDS

TEXT_MAX = Mention._meta.get_field("text").max_length
LABEL_MAX = Mention._meta.get_field("label").max_length
CUE_MAX = Quote._meta.get_field("cue").max_length
NAME_MAX = Entity._meta.get_field("name").max_length
ROLE_MAX = Entity._meta.get_field("role").max_length
SLUG_MAX = Entity._meta.get_field("slug").max_length


class Unreadable(ValueError):
    """An annotated document that cannot be restored; the message says where and why."""


def is_annotated(record: dict) -> bool:
    return isinstance(record.get("entities"), list) and isinstance(record.get("mentions"), list)


def checked_annotations(record: dict, body: str) -> dict:
    """The record's annotations, checked against its body; Unreadable otherwise."""
    entities = {}
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
    groups = {}
    for what in ("mentions", "dates", "quotes"):
        for state, rows in (("", record.get(what) or []), ("rejected ", rejected.get(what) or [])):
            need(isinstance(rows, list), f"{state}{what}", "is not a list")
            for number, row in enumerate(rows, start=1):
                check_span(row, body, f"{state}{what[:-1]} {number}", what, entities)
            groups[f"{state}{what}"] = rows
    version = text_of(
        record, "pipeline_version", Article._meta.get_field("pipeline_version").max_length
    )
    origin_name = text_of(record, "origin_name", Article._meta.get_field("origin_name").max_length)
    return {"entities": entities, **groups, "version": version, "origin_name": origin_name}


def annotated_piece(name: str, record: dict) -> formats.Piece:
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


def text_of(row: dict, key: str, limit: int) -> str:
    value = row.get(key) or ""
    need(isinstance(value, str) and len(value) <= limit, key, f"is not text of {limit} or fewer")
    return value


def check_span(row: Any, body: str, where: str, what: str, entities: dict) -> None:
    need(isinstance(row, dict), where, "is not an object")
    start, end, text = row.get("start"), row.get("end"), row.get("text")
    need(type(start) is int and type(end) is int, where, "has no offsets")
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
        need(first is None or first <= last, where, "ends before it starts")
        granularity = row.get("granularity") or ""
        need(granularity in ("", *Granularity.values), where, "has an unknown granularity")
    else:
        need(row.get("kind", QuoteKind.DIRECT) in QuoteKind.values, where, "has an unknown kind")
        speaker = row.get("speaker")
        need(speaker is None or speaker in entities, where, "names no entity of the document")
        text_of(row, "cue", CUE_MAX)


def iso_date(value, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Unreadable(f"{where} has a date that is not YYYY-MM-DD: {str(value)[:20]}") from None


def restore_annotations(*, article: Article, annotations: dict) -> None:
    """Store a checked document's entities and spans for a new article, as they were."""
    entities = restore_entities(annotations["entities"].values())
    mentions = Mention.all_objects.bulk_create(
        Mention(
            article=article,
            entity=entities[row["entity"]],
            start=row["start"],
            end=row["end"],
            text=row["text"],
            label=row.get("label") or "",
            origin=row.get("origin", Origin.MODEL),
            rejected=rejected,
        )
        for rows, rejected in (
            (annotations["mentions"], False),
            (annotations["rejected mentions"], True),
        )
        for row in rows
    )
    DateMention.all_objects.bulk_create(
        DateMention(
            article=article,
            start=row["start"],
            end=row["end"],
            text=row["text"],
            value_start=row.get("value_start"),
            value_end=row.get("value_end"),
            granularity=row.get("granularity") or "",
            origin=row.get("origin", Origin.MODEL),
            rejected=rejected,
        )
        for rows, rejected in ((annotations["dates"], False), (annotations["rejected dates"], True))
        for row in rows
    )
    mention_at = {(m.start, m.end): m for m in mentions}
    Quote.all_objects.bulk_create(
        Quote(
            article=article,
            start=row["start"],
            end=row["end"],
            text=row["text"],
            kind=row.get("kind", QuoteKind.DIRECT),
            cue=row.get("cue") or "",
            speaker=entities[row["speaker"]] if row.get("speaker") else None,
            speaker_mention=mention_at.get((row.get("speaker_start"), row.get("speaker_end"))),
            origin=row.get("origin", Origin.MODEL),
            rejected=rejected,
        )
        for rows, rejected in (
            (annotations["quotes"], False),
            (annotations["rejected quotes"], True),
        )
        for row in rows
    )


def restore_entities(found: Any) -> dict[str, Entity]:
    """The archive's entity for each document entity: the one with its slug, name and kind, or a
    new one (with that slug when it is free); its aliases added."""
    from articles.ingest.linking import unique_slugs

    found = list(found)
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
