"""schema.org structured data (JSON-LD) for search engines and other readers of pages: an
article as a `NewsArticle` naming its entities, an entity as a `Person`, `Place`,
`Organization`...; each entity's page address is its `@id`, so the same person is one node across
the site.

The JSON goes inside a `<script type="application/ld+json">` element, which browsers never run
(the Content-Security-Policy is not asked), with `<`, `>` and `&` written as JSON escapes: no
headline or name can close the element or open another.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, Entity
from articles.nlp.kinds import EVENT, ORG, PERSON, PLACE, PRODUCT, WORK

SCHEMA_TYPES = {
    PERSON: "Person",
    PLACE: "Place",
    ORG: "Organization",
    EVENT: "Event",
    WORK: "CreativeWork",
    PRODUCT: "Product",
}
ABOUT = 3  # the most-named entities of an article are what it is about
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

Json = dict[str, Any]


def schema_type(kind: str) -> str:
    """Groups (nationalities, parties) and anything else are Things: schema.org has no closer
    type that is always right."""
    return SCHEMA_TYPES.get(kind, "Thing")


def entity_node(request: HttpRequest, entity: Entity) -> Json:
    url = request.build_absolute_uri(entity.get_absolute_url())
    return {"@type": schema_type(entity.kind), "@id": url, "name": entity.name, "url": url}


def article_data(request: HttpRequest, article: Article, entities: Sequence[Entity]) -> Json:
    """`entities`: those the article names, each with `count`, its mentions there."""
    url = request.build_absolute_uri(article.get_absolute_url())
    most_named = sorted(entities, key=lambda entity: -getattr(entity, "count", 0))[:ABOUT]
    data: Json = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.headline,
    }
    if article.published:
        data["datePublished"] = article.published.isoformat()
    if article.byline:
        data["author"] = [{"@type": "Person", "name": article.byline}]
    if article.source_url:
        data["isBasedOn"] = article.source_url
    data["about"] = [entity_node(request, entity) for entity in most_named]
    data["mentions"] = [entity_node(request, entity) for entity in entities]
    return data


def entity_data(request: HttpRequest, entity: Entity) -> Json:
    """`entity` with its aliases prefetched."""
    data: Json = {"@context": "https://schema.org", **entity_node(request, entity)}
    if entity.role:
        data["description"] = entity.role
    aliases = [alias.name for alias in entity.aliases.all()]
    if aliases:
        data["alternateName"] = aliases
    return data


def json_ld(data: Json) -> SafeString:
    """The data in a script element of type application/ld+json, unable to end it early."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    # Safe: no "<" is left in the JSON, so nothing in it can close the element or open a tag.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
