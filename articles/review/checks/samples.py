"""A line of evidence for each of a set of entities: the sentence of its first mention in its
latest article, read on the read model's index (one row an entity, whatever its size)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.urls import reverse

from articles.models import Topic
from articles.review.checks.storing import Finding
from articles.review.evidence import Line, line_in

WINDOW = 300

LATEST_MENTION = f"""
SELECT e.id, e.slug, x.headline, x.slug, x.window_start, x.window, x.first_start, x.first_end
FROM unnest(%(ids)s::bigint[]) AS wanted(id)
JOIN articles_entity e ON e.id = wanted.id
CROSS JOIN LATERAL (
    SELECT a.headline, a.slug, greatest(ea.first_start - {WINDOW}, 0) AS window_start,
           substr(a.body, greatest(ea.first_start - {WINDOW}, 0) + 1,
                  ea.first_end - ea.first_start + 2 * {WINDOW}) AS window,
           ea.first_start, ea.first_end
    FROM articles_entityarticle ea JOIN articles_article a ON a.id = ea.article_id
    WHERE ea.entity_id = e.id AND ea.mention_count > 0
    ORDER BY ea.published DESC NULLS LAST, ea.article_id DESC
    LIMIT 1
) AS x
"""


def lines_by_id(sql: str, ids: Iterable[int], *, query: str) -> dict[int, Line]:
    """Run `sql` (rows of id, entity slug, headline, article slug, window offset, window, start,
    end) for these ids: a line a row, linked to its article with `query` filled in with the
    row's `id` and `entity`."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(sql, {"ids": wanted})
        found = cursor.fetchall()
    lines = {}
    for key, entity_slug, headline, slug, offset, window, start, end in found:
        url = reverse("articles:article", args=[slug]) + query.format(id=key, entity=entity_slug)
        lines[key] = line_in(
            headline=headline, url=url, body=window, offset=offset, start=start, end=end
        )
    return lines


def latest_lines(entity_ids: Iterable[int]) -> dict[int, Line]:
    return lines_by_id(LATEST_MENTION, entity_ids, query="?entity={entity}")


MENTIONS = f"""
SELECT m.id, e.slug, a.headline, a.slug, greatest(m.start - {WINDOW}, 0),
       substr(a.body, greatest(m.start - {WINDOW}, 0) + 1, m."end" - m.start + 2 * {WINDOW}),
       m.start, m."end"
FROM articles_mention m
JOIN articles_article a ON a.id = m.article_id
JOIN articles_entity e ON e.id = m.entity_id
WHERE m.id = ANY(%(ids)s::bigint[])
"""


def mention_lines(mention_ids: Iterable[int]) -> dict[int, Line]:
    """The sentence of each of these mentions, linked to its name's panel in its article."""
    return lines_by_id(MENTIONS, mention_ids, query="?entity={entity}&mention={id}")


def entity_finding(
    topic: Topic,
    entity_id: int,
    subject: str,
    articles: int,
    line: Line | None,
    *,
    other_id: int | None = None,
    **evidence: object,
) -> Finding:
    """A finding on one entity, keyed by it, with the line of its latest mention if any."""
    return Finding(
        topic=topic,
        key=f"{topic.value}:{entity_id}",
        subject=subject,
        articles=articles,
        entity_id=entity_id,
        other_id=other_id,
        evidence={**evidence, "lines": [line] if line is not None else []},
    )
