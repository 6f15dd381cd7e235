"""Keep the read models true: called in the transaction of every write that changes annotations.

An article's rows (`EntityArticle`, `PeriodArticle`, `QuoteArticle`) are recomputed whole from
its annotations: that is bounded by the article's size. The counters are moved by the difference
between the rows removed and the rows written, never recounted, since an entity may be in a third
of the archive: its totals (`EntityStats`), its articles by month of publication
(`EntityMonth`), a period's articles (`PeriodStats`). Counters are updated in key order, so
concurrent writers never deadlock on them, and each article's row is locked first, so two writers
refreshing the same article take turns and the second sees what the first wrote.

A refresh is a few statements whatever the article holds: one taking the old rows out, one writing
the new rows and moving every counter, and, when rows were taken out, one reading the first and
last appearance of their entities back from the index (an article leaving may have been either).
A new article has no old rows, so ingest pays for one statement. A counter moved to zero stays as
a row of zeros, which every page and the drift check read as absent.

Every counter row a refresh moves (an entity named in the article before or after, a period it
has a date in) draws a new `revision`, even when its counts end where they were: a panel or a
period page kept under the old revision (articles.templatetags.kept) is then built again. So does
the article itself, whose page readers are served from the cache (articles.reading.page_cache).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.backends.utils import CursorWrapper

from articles.models.readmodels import REVISIONS
from articles.readmodels.generation import advance_after_commit
from articles.readmodels.queries import (
    ENTITY_ARTICLE_COLUMNS,
    PERIOD_ARTICLE_COLUMNS,
    QUOTE_ARTICLE_COLUMNS,
    entity_article_rows,
    period_article_rows,
    quote_article_rows,
)

TAKE_OUT = """
WITH entity_rows AS (
    DELETE FROM articles_entityarticle WHERE article_id = ANY(%(articles)s::bigint[])
    RETURNING entity_id, mention_count, quote_count, published
), period_rows AS (
    DELETE FROM articles_periodarticle WHERE article_id = ANY(%(articles)s::bigint[])
    RETURNING granularity, period_start
), quote_rows AS (
    DELETE FROM articles_quotearticle WHERE article_id = ANY(%(articles)s::bigint[])
)
SELECT 'entity', entity_id, mention_count, quote_count, published, NULL::varchar, NULL::date
FROM entity_rows
UNION ALL
SELECT 'period', NULL, NULL, NULL, NULL, granularity, period_start FROM period_rows
"""

PUT_IN = f"""
WITH new_entity_rows AS (
    INSERT INTO articles_entityarticle ({ENTITY_ARTICLE_COLUMNS})
    {entity_article_rows(for_articles=True)}
    RETURNING entity_id, published, mention_count, quote_count
), entity_moves AS (
    SELECT entity_id,
           sum(sign * (mention_count > 0)::int) AS articles,
           sum(sign * mention_count) AS mentions,
           sum(sign * quote_count) AS quotes,
           min(published) FILTER (WHERE sign > 0 AND mention_count > 0) AS first_seen,
           max(published) FILTER (WHERE sign > 0 AND mention_count > 0) AS last_seen
    FROM (
        SELECT 1 AS sign, entity_id, published, mention_count, quote_count
        FROM new_entity_rows
        UNION ALL
        SELECT -1, old.entity_id, NULL, old.mention_count, old.quote_count
        FROM unnest(%(old_entities)s::bigint[], %(old_mentions)s::int[], %(old_quotes)s::int[])
            AS old(entity_id, mention_count, quote_count)
    ) AS moves
    GROUP BY entity_id
), entity_stats AS (
    INSERT INTO articles_entitystats AS s
        (entity_id, kind, article_count, mention_count, quote_count, first_seen, last_seen)
    SELECT m.entity_id, e.kind, m.articles, m.mentions, m.quotes, m.first_seen, m.last_seen
    FROM entity_moves m
    JOIN articles_entity e ON e.id = m.entity_id
    ORDER BY m.entity_id
    ON CONFLICT (entity_id) DO UPDATE SET
        kind = EXCLUDED.kind,
        article_count = s.article_count + EXCLUDED.article_count,
        mention_count = s.mention_count + EXCLUDED.mention_count,
        quote_count = s.quote_count + EXCLUDED.quote_count,
        first_seen = LEAST(s.first_seen, EXCLUDED.first_seen),
        last_seen = GREATEST(s.last_seen, EXCLUDED.last_seen),
        revision = nextval('articles_readmodel_revision')
    RETURNING 1
), month_moves AS (
    SELECT entity_id, date_trunc('month', published)::date AS month,
           sum(sign) AS articles, sum(sign * mention_count) AS mentions
    FROM (
        SELECT 1 AS sign, entity_id, published, mention_count FROM new_entity_rows
        UNION ALL
        SELECT -1, old.entity_id, old.published, old.mention_count
        FROM unnest(%(old_entities)s::bigint[], %(old_mentions)s::int[], %(old_published)s::date[])
            AS old(entity_id, mention_count, published)
    ) AS moves
    WHERE mention_count > 0 AND published IS NOT NULL
    GROUP BY 1, 2
), entity_months AS (
    INSERT INTO articles_entitymonth AS s (entity_id, month, article_count, mention_count)
    SELECT entity_id, month, articles, mentions FROM month_moves
    ORDER BY entity_id, month
    ON CONFLICT (entity_id, month) DO UPDATE SET
        article_count = s.article_count + EXCLUDED.article_count,
        mention_count = s.mention_count + EXCLUDED.mention_count
    RETURNING 1
), new_period_rows AS (
    INSERT INTO articles_periodarticle ({PERIOD_ARTICLE_COLUMNS})
    {period_article_rows(for_articles=True)}
    RETURNING granularity, period_start
), period_moves AS (
    SELECT granularity, period_start, sum(sign) AS articles
    FROM (
        SELECT 1 AS sign, granularity, period_start FROM new_period_rows
        UNION ALL
        SELECT -1, old.granularity, old.period_start
        FROM unnest(%(old_granularities)s::varchar[], %(old_starts)s::date[])
            AS old(granularity, period_start)
    ) AS moves
    GROUP BY granularity, period_start
), new_quote_rows AS (
    INSERT INTO articles_quotearticle ({QUOTE_ARTICLE_COLUMNS})
    {quote_article_rows(for_articles=True)}
), period_stats AS (
    INSERT INTO articles_periodstats AS s (granularity, period_start, article_count)
    SELECT granularity, period_start, articles FROM period_moves
    ORDER BY granularity, period_start
    ON CONFLICT (granularity, period_start) DO UPDATE SET
        article_count = s.article_count + EXCLUDED.article_count,
        revision = nextval('articles_readmodel_revision')
    RETURNING 1
)
SELECT (SELECT count(*) FROM entity_stats), (SELECT count(*) FROM entity_months),
       (SELECT count(*) FROM period_stats)
"""

# Read back from the index of the entity's rows: two probes an entity.
SEEN_AGAIN = """
UPDATE articles_entitystats s SET
    first_seen = (SELECT min(ea.published) FROM articles_entityarticle ea
                  WHERE ea.entity_id = s.entity_id AND ea.mention_count > 0),
    last_seen = (SELECT max(ea.published) FROM articles_entityarticle ea
                 WHERE ea.entity_id = s.entity_id AND ea.mention_count > 0)
WHERE s.entity_id = ANY(%(entities)s)
"""


def refresh_articles(article_ids: Iterable[int], *, fresh: bool = False) -> None:
    """Recompute the read models of these articles from their annotations as they are now.

    `fresh`: the articles were created in this transaction, so no other writer can see them and
    they have no rows yet (ingest of a new piece)."""
    ids = sorted(set(article_ids))
    if ids:
        with connection.cursor() as cursor:
            old = [] if fresh else take_out(cursor, ids)
            put_in(cursor, articles=ids, old=old)
        advance_after_commit()


def forget_articles(article_ids: Iterable[int]) -> None:
    """Take these articles out of the read models: call before deleting them."""
    ids = sorted(set(article_ids))
    if ids:
        with connection.cursor() as cursor:
            put_in(cursor, articles=[], old=take_out(cursor, ids))
        advance_after_commit()


def take_out(cursor: CursorWrapper, ids: list[int]) -> list[tuple[Any, ...]]:
    """Lock the articles (in id order) and draw their revisions anew, then remove their rows;
    the rows removed. A new article skips this: no page of it is kept yet."""
    cursor.execute(
        f"UPDATE articles_article a SET revision = nextval('{REVISIONS}') FROM ("
        "SELECT id FROM articles_article WHERE id = ANY(%s::bigint[]) ORDER BY id FOR UPDATE"
        ") AS locked WHERE a.id = locked.id",
        [ids],
    )
    cursor.execute(TAKE_OUT, {"articles": ids})
    return list(cursor.fetchall())


def put_in(cursor: CursorWrapper, *, articles: list[int], old: list[tuple[Any, ...]]) -> None:
    """Write the rows of `articles` and move the counters by them and by the `old` rows."""
    entities = [
        (entity, mentions, quotes, published)
        for kind, entity, mentions, quotes, published, _, _ in old
        if kind == "entity"
    ]
    periods = [
        (granularity, start) for kind, _, _, _, _, granularity, start in old if kind == "period"
    ]
    cursor.execute(
        PUT_IN,
        {
            "articles": articles,
            "old_entities": [entity for entity, _, _, _ in entities],
            "old_mentions": [mentions for _, mentions, _, _ in entities],
            "old_quotes": [quotes for _, _, quotes, _ in entities],
            "old_published": [published for _, _, _, published in entities],
            "old_granularities": [granularity for granularity, _ in periods],
            "old_starts": [start for _, start in periods],
        },
    )
    if entities:
        cursor.execute(SEEN_AGAIN, {"entities": sorted({entity for entity, *_ in entities})})


def refresh_entities(entity_ids: Iterable[int]) -> None:
    """After an editor changed these entities (a name, kind, role or alias): copy their kinds
    into their stats and draw their revisions anew, so their panels are built again."""
    ids = sorted(set(entity_ids))
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_entitystats s "
            "SET kind = e.kind, revision = nextval('articles_readmodel_revision') "
            "FROM articles_entity e WHERE s.entity_id = e.id AND e.id = ANY(%s)",
            [ids],
        )
    advance_after_commit()
