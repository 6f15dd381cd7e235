"""Who appears with whom: an entity's companions in one year, and a period's entities together.

Both count on a bounded window of articles read newest first on an index, as "appears with"
does (articles.reading.companions): an entity's latest `YEAR_WINDOW` articles of the year, a
period's latest `PERIOD_WINDOW` articles; the pages say so when there are more. The counts are
kept under the revision of the entity's or the period's figures (drawn anew by every write that
changes them); names are read afresh, since renaming one does not change that revision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connections, router

from articles.models import Entity, EntityArticle, PeriodStats
from articles.reading.attention import MonthCount
from articles.reading.companions import DATED_COMPANIONS_SQL
from articles.reading.network_drawing import EdgeSpec, Network, NodeSpec, draw_network
from articles.reading.periods import Period

YEAR_WINDOW = 300
COMPANIONS_DRAWN = 12
PERIOD_WINDOW = 200
PERIOD_ENTITIES_DRAWN = 14
PERIOD_TIES_DRAWN = 30  # the strongest; more would hide the picture in its lines

# The period's most named entities in its latest articles, and how often each two of them are
# named in the same article: rows ('node', entity, NULL, articles) and ('edge', one, other, shared).
PERIOD_NETWORK_SQL = """
WITH latest AS (
    SELECT article_id FROM articles_periodarticle
    WHERE granularity = %(granularity)s AND period_start = %(start)s
    ORDER BY published DESC NULLS LAST, article_id DESC
    LIMIT %(window)s
), named AS (
    SELECT ea.entity_id, ea.article_id
    FROM latest JOIN articles_entityarticle ea ON ea.article_id = latest.article_id
    WHERE ea.mention_count > 0
), busiest AS (
    SELECT entity_id, count(*) AS articles FROM named
    GROUP BY entity_id ORDER BY articles DESC, entity_id LIMIT %(shown)s
)
SELECT 'node', entity_id, NULL::bigint, articles FROM busiest
UNION ALL
SELECT 'edge', one.entity_id, other.entity_id, count(*)
FROM named one
JOIN named other ON other.article_id = one.article_id AND other.entity_id > one.entity_id
WHERE one.entity_id IN (SELECT entity_id FROM busiest)
  AND other.entity_id IN (SELECT entity_id FROM busiest)
GROUP BY one.entity_id, other.entity_id
"""


@dataclass(frozen=True)
class YearNetwork:
    year: int
    years: list[tuple[int, str]]  # every year it was named in, with its page, for the selector
    articles: int  # its articles that year
    looked_at: int  # how many of them were counted
    network: Network
    companions: list[NodeSpec]
    title: str
    description: str

    @property
    def partial(self) -> bool:
        return self.articles > self.looked_at


def articles_by_year(months: list[MonthCount]) -> dict[int, int]:
    years: dict[int, int] = {}
    for count in months:
        years[count.month.year] = years.get(count.month.year, 0) + count.articles
    return years


def year_network(
    entity: Entity, months: list[MonthCount], *, year: int | None, kept_as: str
) -> YearNetwork | None:
    """Its companions in `year` (its latest year when None or not one it was named in)."""
    by_year = articles_by_year(months)
    if not by_year:
        return None
    if year not in by_year:
        year = max(by_year)
    key = f"year-companions:{kept_as}:{year}"
    counts: list[tuple[int, int]] | None = cache.get(key) if kept_as else None
    if counts is None:
        counts = year_companion_counts(entity, year)
        if kept_as:
            cache.set(key, counts)
    named = Entity.objects.only("name", "slug", "kind").in_bulk([pk for pk, _ in counts])
    companions = [NodeSpec(named[pk], shared) for pk, shared in counts if pk in named]
    articles = by_year[year]
    names = ", ".join(f"{spec.entity.name} ({spec.count:,})" for spec in companions)
    return YearNetwork(
        year=year,
        years=[(each, f"{entity.get_absolute_url()}?year={each}") for each in sorted(by_year)],
        articles=articles,
        looked_at=min(articles, YEAR_WINDOW),
        network=draw_network(
            companions, [], centre=NodeSpec(entity, articles), counted="shared article"
        ),
        companions=companions,
        title=f"Who appears with {entity.name} in {year}",
        description=f"{entity.name} at the centre, joined to the names that share its articles "
        f"of {year}, each sized by the articles shared: {names or 'none'}.",
    )


def year_companion_counts(entity: Entity, year: int) -> list[tuple[int, int]]:
    # Raw SQL bypasses the database router: ask it where reads of these rows go (a replica).
    with connections[router.db_for_read(EntityArticle)].cursor() as cursor:
        cursor.execute(
            DATED_COMPANIONS_SQL,
            {
                "entity": entity.pk,
                "start": dt.date(year, 1, 1),
                "end": dt.date(year + 1, 1, 1) if year < dt.MAXYEAR else dt.date.max,
                "window": YEAR_WINDOW,
                "shown": COMPANIONS_DRAWN,
            },
        )
        return [(int(pk), int(shared)) for pk, shared in cursor.fetchall()]


@dataclass(frozen=True)
class PeriodNetwork:
    articles: int  # the period's
    looked_at: int
    network: Network
    entities: list[NodeSpec]
    pairs: list[tuple[Entity, Entity, int]]  # most shared first, for the text read out
    ties_drawn: int  # of the pairs, the strongest drawn
    title: str
    description: str

    @property
    def partial(self) -> bool:
        return self.articles > self.looked_at


def period_network(period: Period, stats: PeriodStats | None) -> PeriodNetwork | None:
    """The period's most named entities and how often they are named together, counted once
    per revision of its figures and kept."""
    if stats is None:
        return None
    key = f"period-network:{stats.granularity}:{stats.period_start}:{stats.revision}"
    rows: list[tuple[str, int, int | None, int]] | None = cache.get(key)
    if rows is None:
        rows = period_network_rows(period)
        cache.set(key, rows)
    ids = [one for kind, one, _, _ in rows if kind == "node"]
    named = Entity.objects.only("name", "slug", "kind").in_bulk(ids)
    nodes = sorted(
        (
            NodeSpec(named[one], count)
            for kind, one, _, count in rows
            if kind == "node" and one in named
        ),
        key=lambda node: (-node.count, node.entity.pk),
    )
    edges = [
        EdgeSpec(one, other, count)
        for kind, one, other, count in rows
        if kind == "edge" and other is not None
    ]
    edges = [
        edge
        for edge in sorted(edges, key=lambda edge: (-edge.shared, edge.one, edge.other))
        if edge.one in named and edge.other in named
    ]
    pairs = [(named[edge.one], named[edge.other], edge.shared) for edge in edges]
    return PeriodNetwork(
        articles=stats.article_count,
        looked_at=min(stats.article_count, PERIOD_WINDOW),
        network=draw_network(nodes, edges[:PERIOD_TIES_DRAWN], centre=None, counted="article"),
        entities=nodes,
        pairs=pairs,
        ties_drawn=min(len(edges), PERIOD_TIES_DRAWN),
        title=f"Who appeared with whom, {period.label}",
        description=f"The {len(nodes)} names most often in the articles about {period.label}, "
        "on a circle, each sized by its articles and joined to the others by the articles they "
        "share. The same figures follow as a list.",
    )


def period_network_rows(period: Period) -> list[tuple[str, int, int | None, int]]:
    with connections[router.db_for_read(EntityArticle)].cursor() as cursor:
        cursor.execute(
            PERIOD_NETWORK_SQL,
            {
                "granularity": period.granularity,
                "start": period.start,
                "window": PERIOD_WINDOW,
                "shown": PERIOD_ENTITIES_DRAWN,
            },
        )
        return [
            (kind, int(one), None if other is None else int(other), int(count))
            for kind, one, other, count in cursor.fetchall()
        ]
