"""Stored articles in the annotation interchange format, as `manage.py export` writes them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch

from articles.models import Article, DateMention, Mention, Quote
from articles.nlp.interchange import Document

CHUNK = 200


def export_documents(articles: Iterable[Article] | None = None) -> Iterator[Document]:
    """One interchange document per article, reading the archive in bounded chunks."""
    queryset = Article.objects.order_by("id").prefetch_related(
        Prefetch("mentions", Mention.objects.select_related("entity").order_by("start")),
        Prefetch("dates", DateMention.objects.order_by("start")),
        Prefetch("quotes", Quote.objects.order_by("start")),
    )
    if articles is not None:
        queryset = queryset.filter(pk__in=[article.pk for article in articles])
    for article in queryset.iterator(chunk_size=CHUNK):
        yield document_of(article)


def document_of(article: Article) -> Document:
    entity_ids: dict[int, str] = {}
    entities = []
    mentions = []
    for mention in article.mentions.all():
        entity = mention.entity
        if entity.pk not in entity_ids:
            entity_ids[entity.pk] = f"e{len(entity_ids) + 1}"
            entities.append(
                {
                    "id": entity_ids[entity.pk],
                    "name": entity.name,
                    "kind": entity.kind,
                    "role": entity.role,
                    "slug": entity.slug,
                }
            )
        mentions.append(
            {
                "entity": entity_ids[entity.pk],
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "label": mention.label,
                "origin": mention.origin,
            }
        )
    quotes = []
    for quote in article.quotes.all():
        speaker = entity_ids.get(quote.speaker_id) if quote.speaker_id else None
        speaker_mention = next(
            (m for m in article.mentions.all() if m.pk == quote.speaker_mention_id), None
        )
        quotes.append(
            {
                "start": quote.start,
                "end": quote.end,
                "text": quote.text,
                "kind": quote.kind,
                "speaker": speaker,
                "speaker_start": speaker_mention.start if speaker_mention else None,
                "speaker_end": speaker_mention.end if speaker_mention else None,
                "cue": quote.cue,
            }
        )
    return {
        "id": article.slug,
        "title": article.headline,
        "byline": article.byline,
        "published": article.published.isoformat() if article.published else None,
        "sources": article.sources,
        "url": article.source_url,
        "body": article.body,
        "entities": entities,
        "mentions": mentions,
        "dates": [
            {
                "start": date.start,
                "end": date.end,
                "text": date.text,
                "value_start": date.value_start.isoformat() if date.value_start else None,
                "value_end": date.value_end.isoformat() if date.value_end else None,
                "granularity": date.granularity or None,
            }
            for date in article.dates.all()
        ],
        "quotes": quotes,
        "pipeline_version": article.pipeline_version,
    }
