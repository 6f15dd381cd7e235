"""Keep the read models true: called in the transaction of every write that changes annotations.

An article's rows (`EntityArticle`, `PeriodArticle`) are recomputed whole from its annotations:
that is bounded by the article's size. The counters (`EntityStats`, `PeriodStats`) are moved by
the difference between the rows removed and the rows written, never recounted, since an entity
may be in a third of the archive. Counters are updated in key order, so concurrent writers never
deadlock on them, and each article's row is locked first, so two writers refreshing the same
article take turns and the second sees what the first wrote.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable

from django.db import connection

from articles.readmodels.queries import (
    ENTITY_ARTICLE_COLUMNS,
    PERIOD_ARTICLE_COLUMNS,
    entity_article_rows,
    period_article_rows,
)

# (entity_id, article_id, published, mention_count, quote_count)
EntityArticleRow = tuple[int, int, object, int, int]


def refresh_articles(article_ids: Iterable[int]) -> None:
    """Recompute the read models of these articles from their annotations as they are now."""
    ids = sorted(set(article_ids))
    if ids:
        lock_articles(ids)
        update_entity_articles(ids, gone=False)
        update_period_articles(ids, gone=False)


def forget_articles(article_ids: Iterable[int]) -> None:
    """Take these articles out of the read models: call before deleting them."""
    ids = sorted(set(article_ids))
    if ids:
        lock_articles(ids)
        update_entity_articles(ids, gone=True)
        update_period_articles(ids, gone=True)


def refresh_entities(entity_ids: Iterable[int]) -> None:
    """Copy these entities' kinds into their stats (after an editor changed a kind)."""
    ids = sorted(set(entity_ids))
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_entitystats s SET kind = e.kind FROM articles_entity e "
            "WHERE s.entity_id = e.id AND e.id = ANY(%s) AND s.kind <> e.kind",
            [ids],
        )


def lock_articles(ids: list[int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM articles_article WHERE id = ANY(%s) ORDER BY id FOR UPDATE", [ids]
        )


def update_entity_articles(ids: list[int], *, gone: bool) -> None:
    returning = "RETURNING entity_id, article_id, published, mention_count, quote_count"
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM articles_entityarticle WHERE article_id = ANY(%s) {returning}", [ids]
        )
        old = cursor.fetchall()
        new = []
        if not gone:
            cursor.execute(
                f"INSERT INTO articles_entityarticle ({ENTITY_ARTICLE_COLUMNS}) "
                f"{entity_article_rows(for_articles=True)} {returning}",
                {"articles": ids},
            )
            new = cursor.fetchall()
    move_entity_stats(old=old, new=new)


def move_entity_stats(
    *, old: Collection[EntityArticleRow], new: Collection[EntityArticleRow]
) -> None:
    """Apply the difference between an article's old and new rows to its entities' counters."""
    deltas: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for rows, sign in ((old, -1), (new, 1)):
        for entity_id, _article, _published, mentions, quotes in rows:
            delta = deltas[entity_id]
            delta[0] += sign * (mentions > 0)
            delta[1] += sign * mentions
            delta[2] += sign * quotes
    if not deltas:
        return
    entity_ids = sorted(deltas)
    with connection.cursor() as cursor:
        # First and last seen are read back from the index of the entity's rows (two probes)
        # rather than moved: an article leaving may have been the first or the last.
        cursor.execute(
            """
            INSERT INTO articles_entitystats AS s
                (entity_id, kind, article_count, mention_count, quote_count, first_seen, last_seen)
            SELECT v.entity_id, e.kind, v.articles, v.mentions, v.quotes,
                   (SELECT min(ea.published) FROM articles_entityarticle ea
                    WHERE ea.entity_id = v.entity_id AND ea.mention_count > 0),
                   (SELECT max(ea.published) FROM articles_entityarticle ea
                    WHERE ea.entity_id = v.entity_id AND ea.mention_count > 0)
            FROM unnest(%s::bigint[], %s::int[], %s::int[], %s::int[])
                AS v(entity_id, articles, mentions, quotes)
            JOIN articles_entity e ON e.id = v.entity_id
            ORDER BY v.entity_id
            ON CONFLICT (entity_id) DO UPDATE SET
                kind = EXCLUDED.kind,
                article_count = s.article_count + EXCLUDED.article_count,
                mention_count = s.mention_count + EXCLUDED.mention_count,
                quote_count = s.quote_count + EXCLUDED.quote_count,
                first_seen = EXCLUDED.first_seen,
                last_seen = EXCLUDED.last_seen
            """,
            [entity_ids, *([deltas[e][i] for e in entity_ids] for i in range(3))],
        )
        cursor.execute(
            "DELETE FROM articles_entitystats "
            "WHERE entity_id = ANY(%s) AND article_count = 0 AND quote_count = 0",
            [entity_ids],
        )


def update_period_articles(ids: list[int], *, gone: bool) -> None:
    returning = "RETURNING granularity, period_start"
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM articles_periodarticle WHERE article_id = ANY(%s) {returning}", [ids]
        )
        deltas: Counter[tuple[str, object]] = Counter()
        for period in cursor.fetchall():
            deltas[period] -= 1
        if not gone:
            cursor.execute(
                f"INSERT INTO articles_periodarticle ({PERIOD_ARTICLE_COLUMNS}) "
                f"{period_article_rows(for_articles=True)} {returning}",
                {"articles": ids},
            )
            for period in cursor.fetchall():
                deltas[period] += 1
        changed = sorted(period for period, delta in deltas.items() if delta)
        if not changed:
            return
        granularities = [granularity for granularity, _start in changed]
        starts = [start for _granularity, start in changed]
        cursor.execute(
            """
            INSERT INTO articles_periodstats AS s (granularity, period_start, article_count)
            SELECT * FROM unnest(%s::varchar[], %s::date[], %s::int[])
            ORDER BY 1, 2
            ON CONFLICT (granularity, period_start)
            DO UPDATE SET article_count = s.article_count + EXCLUDED.article_count
            """,
            [granularities, starts, [deltas[period] for period in changed]],
        )
        cursor.execute(
            "DELETE FROM articles_periodstats s USING unnest(%s::varchar[], %s::date[]) "
            "AS v(granularity, period_start) WHERE s.granularity = v.granularity "
            "AND s.period_start = v.period_start AND s.article_count = 0",
            [granularities, starts],
        )
