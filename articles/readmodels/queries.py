"""The SQL that derives the read models from the annotations, shared by refresh and rebuild.

Each query selects the rows for every article, or, with `{articles}` filled in, for a set of
articles only: a refresh and a rebuild use the very same definition, so they cannot disagree.
"""

from __future__ import annotations

from articles.reading.periods import MIN_STRETCH_DAYS, STRETCH

ARTICLE_FILTER = "AND {table}.article_id = ANY(%(articles)s::bigint[])"

ENTITY_ARTICLE_COLUMNS = (
    "entity_id, article_id, published, mention_count, quote_count, first_start, first_end"
)

# Named in the article (active mentions), or speaking there (active quotes), or both.
ENTITY_ARTICLE_ROWS = """
SELECT rows.entity_id, rows.article_id, a.published, rows.mention_count, rows.quote_count,
       rows.first_start, rows.first_end
FROM (
    SELECT coalesce(named.entity_id, quoted.entity_id) AS entity_id,
           coalesce(named.article_id, quoted.article_id) AS article_id,
           coalesce(named.mention_count, 0) AS mention_count,
           coalesce(quoted.quote_count, 0) AS quote_count,
           named.first_start, named.first_end
    FROM (
        SELECT m.entity_id, m.article_id, count(*) AS mention_count, min(m.start) AS first_start,
               (array_agg(m."end" ORDER BY m.start, m."end"))[1] AS first_end
        FROM articles_mention m
        WHERE NOT m.rejected {mention_filter}
        GROUP BY m.entity_id, m.article_id
    ) AS named
    FULL JOIN (
        SELECT q.speaker_id AS entity_id, q.article_id, count(*) AS quote_count
        FROM articles_quote q
        WHERE NOT q.rejected AND q.speaker_id IS NOT NULL {quote_filter}
        GROUP BY q.speaker_id, q.article_id
    ) AS quoted ON quoted.entity_id = named.entity_id AND quoted.article_id = named.article_id
) AS rows
JOIN articles_article a ON a.id = rows.article_id
"""

ENTITY_STATS_COLUMNS = (
    "entity_id, kind, article_count, mention_count, quote_count, first_seen, last_seen"
)

ENTITY_STATS_ROWS = """
SELECT ea.entity_id, e.kind,
       count(*) FILTER (WHERE ea.mention_count > 0), sum(ea.mention_count)::int,
       sum(ea.quote_count)::int,
       min(ea.published) FILTER (WHERE ea.mention_count > 0),
       max(ea.published) FILTER (WHERE ea.mention_count > 0)
FROM articles_entityarticle ea
JOIN articles_entity e ON e.id = ea.entity_id
GROUP BY ea.entity_id, e.kind
"""

ENTITY_MONTH_COLUMNS = "entity_id, month, article_count, mention_count"

# The articles naming it by month of publication; undated ones have no month.
ENTITY_MONTH_ROWS = """
SELECT entity_id, date_trunc('month', published)::date, count(*), sum(mention_count)::int
FROM articles_entityarticle
WHERE mention_count > 0 AND published IS NOT NULL
GROUP BY 1, 2
"""

PERIOD_ARTICLE_COLUMNS = (
    "granularity, period_start, article_id, published, date_count, first_start, first_end"
)

# A date falls in every year, month and day its interval overlaps, as long as it is not much
# longer than that period (see articles.reading.periods). The first filter only spares
# generate_series the periods that could never qualify.
PERIOD_ARTICLE_ROWS = f"""
SELECT p.granularity, p.period_start, d.article_id, a.published, count(*),
       (array_agg(d.start ORDER BY d.value_start, d.start))[1],
       (array_agg(d."end" ORDER BY d.value_start, d.start))[1]
FROM articles_datemention d
JOIN articles_article a ON a.id = d.article_id
CROSS JOIN LATERAL (
    SELECT g.granularity, s::date AS period_start
    FROM (VALUES ('year', interval '1 year', 366),
                 ('month', interval '1 month', 31),
                 ('day', interval '1 day', 1)) AS g(granularity, step, most_days)
    CROSS JOIN LATERAL generate_series(
        date_trunc(g.granularity, d.value_start::timestamp), d.value_end::timestamp, g.step
    ) AS s
    WHERE d.value_end - d.value_start <= greatest(g.most_days * {STRETCH}, {MIN_STRETCH_DAYS})
      AND d.value_end - d.value_start
          <= greatest(((s + g.step)::date - s::date) * {STRETCH}, {MIN_STRETCH_DAYS})
) AS p
WHERE NOT d.rejected AND d.value_start IS NOT NULL {{date_filter}}
GROUP BY p.granularity, p.period_start, d.article_id, a.published
"""

PERIOD_STATS_ROWS = """
SELECT granularity, period_start, count(*) FROM articles_periodarticle
GROUP BY granularity, period_start
"""


QUOTE_ARTICLE_COLUMNS = "words, article_id, published"

# The ledger's rows: each set of words an article quotes (in active quotes), once.
QUOTE_ARTICLE_ROWS = """
SELECT DISTINCT q.words, q.article_id, a.published
FROM articles_quote q
JOIN articles_article a ON a.id = q.article_id
WHERE NOT q.rejected {quote_filter}
"""


def quote_article_rows(*, for_articles: bool) -> str:
    return QUOTE_ARTICLE_ROWS.format(
        quote_filter=ARTICLE_FILTER.format(table="q") if for_articles else ""
    )


def entity_article_rows(*, for_articles: bool) -> str:
    return ENTITY_ARTICLE_ROWS.format(
        mention_filter=ARTICLE_FILTER.format(table="m") if for_articles else "",
        quote_filter=ARTICLE_FILTER.format(table="q") if for_articles else "",
    )


def period_article_rows(*, for_articles: bool) -> str:
    return PERIOD_ARTICLE_ROWS.format(
        date_filter=ARTICLE_FILTER.format(table="d") if for_articles else ""
    )
