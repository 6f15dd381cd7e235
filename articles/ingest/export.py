"""Stored articles in the annotation interchange format, as `manage.py export` writes them.

An export carries everything an archive needs to be rebuilt elsewhere by `ingest`
(`articles.ingest.restoring`): each article's text and metadata as stored, each entity it names or
quotes with its slug, role and aliases, every mention, date and quote with its origin (model, rule
or editor), and, apart under "rejected", the rows editors rejected, which keep the pipeline off
those words when the piece is annotated again.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Iterator
from functools import reduce
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from articles.models import Alias, Article, Correction, DateMention, Entity, Mention, Quote
from articles.models.spans import Origin

CHUNK = 200
# An interchange document or one of its parts, as JSON will write it.
type JSONObject = dict[str, Any]


def annotated_articles() -> QuerySet[Article]:
    """Articles with every row an interchange document holds (rejected ones too), prefetched."""
    return Article.objects.order_by("id").prefetch_related(
        Prefetch(
            "mentions",
            Mention.all_objects.select_related("entity")
            .prefetch_related(Prefetch("entity__aliases", Alias.objects.order_by("name")))
            .order_by("start"),
        ),
        Prefetch("dates", DateMention.all_objects.order_by("start")),
        Prefetch(
            "quotes",
            Quote.all_objects.select_related("speaker")
            .prefetch_related(Prefetch("speaker__aliases", Alias.objects.order_by("name")))
            .order_by("start"),
        ),
    )


def selected_articles(
    *,
    slugs: Iterable[str] = (),
    since: dt.date | None = None,
    entity: Entity | None = None,
    corrected_only: bool = False,
) -> QuerySet[Article]:
    """The articles an export holds: given by slug, published on or after `since`, naming
    `entity`, or corrected by an editor (a span an editor made or changed, or a correction)."""
    articles = Article.objects.all()
    if slugs:
        articles = articles.filter(slug__in=list(slugs))
    if since is not None:
        articles = articles.filter(published__gte=since)
    if entity is not None:
        articles = articles.mentioning(entity)
    if corrected_only:
        by_editor = [
            Exists(rows.filter(article=OuterRef("pk"), origin=Origin.EDITOR))
            for rows in (Mention.all_objects, DateMention.all_objects, Quote.all_objects)
        ]
        corrected = Exists(Correction.objects.filter(article=OuterRef("pk")))
        articles = articles.filter(reduce(operator.or_, by_editor, corrected))
    return articles


def export_documents(articles: Iterable[Article] | None = None) -> Iterator[JSONObject]:
    """One interchange document per article, reading the archive in bounded chunks."""
    queryset = annotated_articles()
    if isinstance(articles, QuerySet):
        queryset = queryset.filter(pk__in=articles.values("pk"))
    elif articles is not None:
        queryset = queryset.filter(pk__in=[article.pk for article in articles])
    for article in queryset.iterator(chunk_size=CHUNK):
        yield document_of(article)


def entity_json(entity: Entity, entity_id: str) -> JSONObject:
    return {
        "id": entity_id,
        "name": entity.name,
        "kind": entity.kind,
        "role": entity.role,
        "aliases": [alias.name for alias in entity.aliases.all()],
        "slug": entity.slug,
    }


def document_of(article: Article) -> JSONObject:
    mentions, quotes = list(article.mentions.all()), list(article.quotes.all())
    entity_ids: dict[int, str] = {}
    entities = []
    for entity in [m.entity for m in mentions] + [q.speaker for q in quotes if q.speaker]:
        if entity.pk not in entity_ids:
            entity_ids[entity.pk] = f"e{len(entity_ids) + 1}"
            entities.append(entity_json(entity, entity_ids[entity.pk]))
    mention_at = {mention.pk: mention for mention in mentions}

    def mention_json(mention: Mention) -> JSONObject:
        return {
            "entity": entity_ids[mention.entity_id],
            "start": mention.start,
            "end": mention.end,
            "text": mention.text,
            "label": mention.label,
            "origin": mention.origin,
        }

    def date_json(date: DateMention) -> JSONObject:
        return {
            "start": date.start,
            "end": date.end,
            "text": date.text,
            "value_start": date.value_start.isoformat() if date.value_start else None,
            "value_end": date.value_end.isoformat() if date.value_end else None,
            "granularity": date.granularity or None,
            "origin": date.origin,
        }

    def quote_json(quote: Quote) -> JSONObject:
        speaker_mention = (
            mention_at.get(quote.speaker_mention_id)
            if quote.speaker_mention_id is not None
            else None
        )
        return {
            "start": quote.start,
            "end": quote.end,
            "text": quote.text,
            "kind": quote.kind,
            "speaker": entity_ids[quote.speaker_id] if quote.speaker_id else None,
            "speaker_start": speaker_mention.start if speaker_mention else None,
            "speaker_end": speaker_mention.end if speaker_mention else None,
            "cue": quote.cue,
            "origin": quote.origin,
        }

    dates = list(article.dates.all())
    return {
        "id": article.slug,
        "title": article.headline,
        "byline": article.byline,
        "published": article.published.isoformat() if article.published else None,
        "sources": article.sources,
        "url": article.source_url,
        "body": article.body,
        "entities": entities,
        "mentions": [mention_json(m) for m in mentions if not m.rejected],
        "dates": [date_json(d) for d in dates if not d.rejected],
        "quotes": [quote_json(q) for q in quotes if not q.rejected],
        "rejected": {
            "mentions": [mention_json(m) for m in mentions if m.rejected],
            "dates": [date_json(d) for d in dates if d.rejected],
            "quotes": [quote_json(q) for q in quotes if q.rejected],
        },
        "pipeline_version": article.pipeline_version,
        "origin_name": article.origin_name,
    }
