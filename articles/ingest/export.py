"""Stored articles in the annotation interchange format, as `manage.py export` writes them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch

from articles.models import Article, DateMention, Entity, Mention, Quote

CHUNK = 200


def export_documents(articles: Iterable[Article] | None = None) -> Iterator[dict]:
    """One interchange document per article, reading the archive in bounded chunks."""
    queryset = Article.objects.order_by("id").prefetch_related(
        Prefetch(
            "mentions",
            Mention.objects.select_related("entity")
            .prefetch_related("entity__aliases")
            .order_by("start"),
        ),
        Prefetch("dates", DateMention.objects.order_by("start")),
        Prefetch(
            "quotes",
            Quote.objects.select_related("speaker")
            .prefetch_related("speaker__aliases")
            .order_by("start"),
        ),
    )
    if articles is not None:
        queryset = queryset.filter(pk__in=[article.pk for article in articles])
    for article in queryset.iterator(chunk_size=CHUNK):
        yield document_of(article)


def document_of(article: Article) -> dict:
    entity_ids: dict[int, str] = {}
    entities = []

    def entity_id(entity: Entity) -> str:
        """The document's id for an entity, listing it on first use: one named in the text, or
        a speaker an editor chose who is not named in this article."""
        if entity.pk not in entity_ids:
            entity_ids[entity.pk] = f"e{len(entity_ids) + 1}"
            entities.append(
                {
                    "id": entity_ids[entity.pk],
                    "name": entity.name,
                    "kind": entity.kind,
                    "role": entity.role,
                    "aliases": [alias.name for alias in entity.aliases.all()],
                    "slug": entity.slug,
                }
            )
        return entity_ids[entity.pk]

    mentions = [
        {
            "entity": entity_id(mention.entity),
            "start": mention.start,
            "end": mention.end,
            "text": mention.text,
            "label": mention.label,
            "origin": mention.origin,
        }
        for mention in article.mentions.all()
    ]
    mention_at = {mention.pk: mention for mention in article.mentions.all()}
    quotes = []
    for quote in article.quotes.all():
        speaker_mention = mention_at.get(quote.speaker_mention_id)
        quotes.append(
            {
                "start": quote.start,
                "end": quote.end,
                "text": quote.text,
                "kind": quote.kind,
                "speaker": entity_id(quote.speaker) if quote.speaker else None,
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
