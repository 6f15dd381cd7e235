"""Who appears with an entity: the entities sharing most of its latest articles.

Counting over all of an entity's articles costs time in proportion to how famous it is (a third
of the archive for the country it covers), so the count looks at its latest `COMPANION_WINDOW`
articles, read newest first on an index, and the page says so when the entity has more.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db import connections, router

from articles.models import Entity, EntityArticle

COMPANION_WINDOW = 500
COMPANIONS_SHOWN = 12

# The entities named in the entity's latest `window` articles (or of a span of publication
# dates: DATED_COMPANIONS_SQL), with how many of those articles name each.
COMPANIONS_SQL_TEMPLATE = """
WITH latest AS (
    SELECT article_id FROM articles_entityarticle
    WHERE entity_id = %(entity)s AND mention_count > 0{published}
    ORDER BY published DESC NULLS LAST, article_id DESC
    LIMIT %(window)s
)
SELECT other.entity_id, count(*) AS shared
FROM latest
JOIN articles_entityarticle other ON other.article_id = latest.article_id
WHERE other.entity_id <> %(entity)s AND other.mention_count > 0
GROUP BY other.entity_id
ORDER BY shared DESC, other.entity_id
LIMIT %(shown)s
"""
COMPANIONS_SQL = COMPANIONS_SQL_TEMPLATE.format(published="")
# The same, in the articles published from `start` up to (not including) `end`.
DATED_COMPANIONS_SQL = COMPANIONS_SQL_TEMPLATE.format(
    published="\n      AND published >= %(start)s AND published < %(end)s"
)


@dataclass(frozen=True)
class Companion:
    entity: Entity
    shared: int  # how many of the latest articles name both


def companions_of(entity: Entity, *, kept_as: str = "") -> list[Companion]:
    """The entities sharing most of its latest articles, most shared first.

    `kept_as`: the entity's revision key (articles.reading.panels.kept_key); the counts are
    kept under it, and the companions' names read afresh, since renaming one of them does not
    change this entity's revision."""
    key = f"companions:{kept_as}"
    counts: list[tuple[int, int]] | None = cache.get(key) if kept_as else None
    if counts is None:
        counts = shared_counts(entity)
        if kept_as:
            cache.set(key, counts)
    entities = Entity.objects.only("name", "slug", "kind").in_bulk([pk for pk, _ in counts])
    # An entity merged away since the counts were kept is left out until the next revision.
    return [
        Companion(entities[entity_id], shared)
        for entity_id, shared in counts
        if entity_id in entities
    ]


def shared_counts(entity: Entity) -> list[tuple[int, int]]:
    """(entity id, articles shared) of the entities sharing most of its latest articles."""
    # Raw SQL bypasses the database router: ask it where reads of these rows go (a replica).
    with connections[router.db_for_read(EntityArticle)].cursor() as cursor:
        cursor.execute(
            COMPANIONS_SQL,
            {"entity": entity.pk, "window": COMPANION_WINDOW, "shown": COMPANIONS_SHOWN},
        )
        return [(int(pk), int(shared)) for pk, shared in cursor.fetchall()]
