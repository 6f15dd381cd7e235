"""Entities: an index of one kind (by articles or by name, with a search of names and aliases),
and one entity with what its page shows: aliases, figures, companions, quotes, articles, dates."""

from __future__ import annotations

from typing import Any, Literal, cast, get_args

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from articles.api.refs import Json, absolute, article_ref, entity_ref, keyset_links, quote_item
from articles.api.schemas import EntityDetail, EntityList
from articles.models import Entity, Quote
from articles.nlp.kinds import KINDS
from articles.reading.companions import Companion
from articles.reading.entity_dates import DateGroup
from articles.reading.indexes import index_page
from articles.reading.keyset import KeysetPage
from articles.reading.panels import ArticleLine, Window, entities_with_aliases, entity_panel
from articles.views import params

router = Router(tags=["entities"])
PAGE_SIZE = 50
Kind = Literal["PERSON", "PLACE", "ORG", "GROUP", "EVENT", "WORK", "PRODUCT", "OTHER"]
assert set(get_args(Kind)) == KINDS  # the schema's kinds are the archive's


class EntityFilters(Schema):
    kind: Kind = Field(description="Which index: people, places, organisations...")
    q: str | None = Field(None, description="Part of a name or an alias.")
    order: Literal["count", "alpha"] = Field("count", description="By articles, or by name.")
    cursor: str | None = Field(None, description="From `next` or `previous` of a page.")


@router.api_operation(["GET", "HEAD"], "/entities", response=EntityList, url_name="entities-json")
def entity_list(request: HttpRequest, filters: Query[EntityFilters]) -> Json:
    """The entities of a kind that articles name, most named first or alphabetically."""
    page, entries, count = index_page(
        kind=filters.kind,
        query=params.text(filters.q, limit=100),
        order=filters.order,
        cursor=filters.cursor,
        size=PAGE_SIZE,
    )
    return {
        "count": count.value,
        "count_exact": count.exact,
        "items": [
            {
                **entity_ref(request, entry.entity),
                "role": entry.entity.role,
                "article_count": entry.article_count,
            }
            for entry in entries
        ],
        **keyset_links(request, page),
    }


@router.api_operation(
    ["GET", "HEAD"], "/entities/{slug}", response=EntityDetail, url_name="entity-json"
)
def entity_detail(request: HttpRequest, slug: str, cursor: str | None = None) -> Json:
    """One entity, as its page shows it; `cursor` pages through its articles."""
    entity = entities_with_aliases().filter(slug=slug).first()
    if entity is None:
        raise Http404("No such entity")
    panel = entity_panel(entity, page=cursor, can_edit=False)
    stats: Any = panel["stats"]
    articles = cast("KeysetPage[ArticleLine]", panel["entity_articles"])
    return {
        **entity_ref(request, entity),
        "role": entity.role,
        "aliases": [alias.name for alias in entity.aliases.all()],
        "article_count": stats.article_count,
        "mention_count": stats.mention_count,
        "quote_count": stats.quote_count,
        "first_seen": stats.first_seen,
        "last_seen": stats.last_seen,
        "companions": [
            {"entity": entity_ref(request, companion.entity), "shared_articles": companion.shared}
            for companion in cast("list[Companion]", panel["companions"])
        ],
        "companion_window": window(panel["companion_window"]),
        "quotes": [
            quote_item(request, with_speaker(quote, entity))
            for quote in cast("list[Quote]", panel["entity_quotes"])
        ],
        "articles": {
            "items": [
                {
                    "article": article_ref(request, line.article),
                    "mention_count": line.mention_count,
                    "sentence": "".join(line.context),
                }
                for line in articles
            ],
            **keyset_links(request, articles),
        },
        "dates": [
            {
                "label": group.label,
                "value_start": group.value_start,
                "value_end": group.value_end,
                "count": group.count,
                "url": absolute(request, group.url) if group.url else None,
            }
            for group in cast("list[DateGroup]", panel["date_groups"])
        ],
        "date_window": window(panel["date_window"]),
        "feed": absolute(request, reverse("articles:entity-feed", kwargs={"slug": entity.slug})),
    }


def window(value: object) -> Json:
    seen = cast(Window, value)
    return {"looked_at": seen.looked_at, "total": seen.total}


def with_speaker(quote: Quote, speaker: Entity) -> Quote:
    """The panel's quotes are the entity's own: their speaker is the entity already read."""
    quote.speaker = speaker
    return quote
