"""The people, places and organisations indexes: entities of a kind that articles name.

Both orders are read on an index from a cursor: by number of articles from `EntityStats`
(`entitystats_kind_count_idx`), alphabetically from Entity's (kind, name) index, so every page
costs the same however many entities the archive holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from articles.models import Alias, Entity, EntityStats
from articles.reading.counting import Count, bounded_count
from articles.reading.keyset import KeysetPage, Ordering, keyset_page

MOST_ARTICLES = Ordering(key="article_count", id="entity_id", key_type=int)
ALPHABETICAL = Ordering(key="name", id="id", descending=False, key_type=str)


@dataclass(frozen=True)
class Entry:
    entity: Entity
    article_count: int


def matching(query: str, entity: str) -> Q:
    """Entities whose name or one of whose aliases contains the query (`entity`: the path to the
    entity's id from the rows filtered)."""
    if not query:
        return Q()
    name = "name__icontains" if entity == "pk" else "entity__name__icontains"
    return Q(**{name: query}) | Q(
        Exists(Alias.objects.filter(entity=OuterRef(entity), name__icontains=query))
    )


def by_articles(kind: str, query: str) -> QuerySet[EntityStats]:
    return EntityStats.objects.filter(matching(query, "entity_id"), kind=kind, article_count__gt=0)


def index_page(
    *, kind: str, query: str, order: str, cursor: str | None, size: int
) -> tuple[KeysetPage[Entity] | KeysetPage[EntityStats], list[Entry], Count]:
    """A page of the index, its entries, and how many entities the whole list holds."""
    page: KeysetPage[Entity] | KeysetPage[EntityStats]
    if order == "alpha":
        names = (
            Entity.objects.filter(matching(query, "pk"), kind=kind, stats__article_count__gt=0)
            .select_related("stats")
            .only("name", "slug", "kind", "role", "version", "stats__article_count")
        )
        page = by_name = keyset_page(names, ALPHABETICAL, cursor=cursor, size=size)
        entries = [Entry(entity, entity.stats.article_count) for entity in by_name]
    else:
        figures = (
            by_articles(kind, query)
            .select_related("entity")
            .only(
                "article_count",
                "entity__name",
                "entity__slug",
                "entity__kind",
                "entity__role",
                "entity__version",
            )
        )
        page = by_count = keyset_page(figures, MOST_ARTICLES, cursor=cursor, size=size)
        entries = [Entry(stats.entity, stats.article_count) for stats in by_count]
    return page, entries, bounded_count(by_articles(kind, query))


def add_namesakes(entities: list[Entity]) -> None:
    """Give each entity `namesakes`: named entities of the same name and another kind, each with
    its article count. A name listed under two kinds is usually one kind mistaken for the other,
    which editors fix from the list where it shows. One query for the whole page."""
    names = {entity.name for entity in entities}
    others: dict[str, list[Entity]] = {}
    for other in (
        Entity.objects.filter(name__in=names, stats__article_count__gt=0)
        .select_related("stats")
        .only("name", "slug", "kind", "version", "stats__article_count")
        .order_by("name", "kind")
    ):
        others.setdefault(other.name, []).append(other)
    for entity in entities:
        entity.namesakes = [
            other for other in others.get(entity.name, []) if other.kind != entity.kind
        ]
