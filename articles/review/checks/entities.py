"""Checks of entities, each a statement over one row an entity (`EntityStats`, its kind and
counts) joined on indexes: the same name under two kinds, two entities of one name or alias, a
person known by a surname only, a speaker who is neither a person nor an organisation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection

from articles.models import Topic
from articles.nlp.kinds import KIND_CHOICES
from articles.review.checks.samples import entity_finding, latest_lines
from articles.review.checks.scope import Scope
from articles.review.checks.storing import Finding

KIND_NAMES = dict(KIND_CHOICES)

# Limits a statement to the entities of a scope (articles.review.checks.Scope), or none.
IN_SCOPE = "(%(entities)s::bigint[] IS NULL OR {column} = ANY(%(entities)s::bigint[]))"


def in_scope(*columns: str) -> str:
    return "(" + " OR ".join(IN_SCOPE.format(column=column) for column in columns) + ")"


NOT_DISTINCT = """NOT EXISTS (
    SELECT 1 FROM articles_entitydistinction d WHERE d.first_id = a.id AND d.second_id = b.id
)"""

# Two named entities of one name (case aside), lower id first, with their kinds and counts, and
# the articles naming both (read from the smaller one's rows on the read model's key).
NAMESAKES = f"""
SELECT a.id, b.id, a.name, a.kind, b.kind, sa.article_count, sb.article_count,
       (SELECT count(*) FROM articles_entityarticle x
        JOIN articles_entityarticle y
          ON y.article_id = x.article_id AND y.entity_id = b.id AND y.mention_count > 0
        WHERE x.entity_id = a.id AND x.mention_count > 0)
FROM articles_entitystats sa
JOIN articles_entity a ON a.id = sa.entity_id
JOIN articles_entity b ON lower(b.name) = lower(a.name) AND b.id > a.id
JOIN articles_entitystats sb ON sb.entity_id = b.id AND sb.article_count > 0
WHERE sa.article_count > 0 AND {NOT_DISTINCT} AND {in_scope("a.id", "b.id")}
"""

SHARED_ALIASES = f"""
WITH pairs AS (
    SELECT least(x.entity_id, e.id) AS first, greatest(x.entity_id, e.id) AS second,
           min(x.name) AS name
    FROM articles_alias x JOIN articles_entity e
      ON lower(e.name) = lower(x.name) AND e.id <> x.entity_id
    WHERE {in_scope("x.entity_id", "e.id")}
    GROUP BY 1, 2
    UNION
    SELECT x.entity_id, y.entity_id, min(x.name)
    FROM articles_alias x JOIN articles_alias y
      ON lower(y.name) = lower(x.name) AND y.entity_id > x.entity_id
    WHERE {in_scope("x.entity_id", "y.entity_id")}
    GROUP BY 1, 2
)
SELECT a.id, b.id, min(p.name), a.name, b.name, a.kind, b.kind,
       min(sa.article_count), min(sb.article_count)
FROM pairs p
JOIN articles_entity a ON a.id = p.first
JOIN articles_entity b ON b.id = p.second
JOIN articles_entitystats sa ON sa.entity_id = a.id AND sa.article_count > 0
JOIN articles_entitystats sb ON sb.entity_id = b.id AND sb.article_count > 0
WHERE lower(a.name) <> lower(b.name) AND {NOT_DISTINCT}
GROUP BY a.id, b.id
"""

# One-word people, and the fuller person of that surname named in most articles (found on the
# names' trigram index).
SURNAMES = f"""
SELECT e.id, e.name, s.article_count, fuller.id, fuller.name
FROM articles_entitystats s
JOIN articles_entity e ON e.id = s.entity_id
LEFT JOIN LATERAL (
    SELECT c.id, c.name FROM articles_entity c
    JOIN articles_entitystats cs ON cs.entity_id = c.id AND cs.article_count > 0
    WHERE c.kind = 'PERSON' AND c.name ILIKE '%% ' || e.name AND c.id <> e.id
    ORDER BY cs.article_count DESC, c.id LIMIT 1
) AS fuller ON true
WHERE s.kind = 'PERSON' AND s.article_count > 0 AND position(' ' IN e.name) = 0
  AND length(e.name) > 1 AND {in_scope("e.id")}
"""

SPEAKERS = f"""
SELECT e.id, e.name,
       (SELECT count(*) FROM articles_entityarticle ea
        WHERE ea.entity_id = e.id AND ea.quote_count > 0),
       e.kind, s.quote_count
FROM articles_entitystats s JOIN articles_entity e ON e.id = s.entity_id
WHERE s.quote_count > 0 AND s.kind NOT IN ('PERSON', 'ORG') AND {in_scope("e.id")}
"""


def rows(sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found: list[tuple[Any, ...]] = cursor.fetchall()
        return found


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)


def two_kinds(scope: Scope) -> Iterator[Finding]:
    """One name under two kinds: reported as in one article when some article names both."""
    found = [row for row in rows(NAMESAKES, scope.params()) if row[3] != row[4]]
    lines = latest_lines(entity for row in found for entity in row[:2])
    for first, second, name, kind, other_kind, count, other_count, together in found:
        # The entity named in more articles comes first: the likely target of a merge.
        if other_count > count:
            first, second, kind, other_kind = second, first, other_kind, kind
            count, other_count = other_count, count
        yield Finding(
            topic=Topic.TWO_KINDS_IN_ARTICLE if together else Topic.TWO_KINDS,
            key=f"two-kinds:{min(first, second)}:{max(first, second)}",
            subject=name,
            articles=count + other_count - together,
            entity_id=first,
            other_id=second,
            evidence={
                "counts": [[kind_name(kind), count], [kind_name(other_kind), other_count]],
                "together": together,
                "lines": [lines[e] for e in (first, second) if e in lines],
            },
        )


def pair(topic: Topic, row: tuple[Any, ...], *, name: str, why: str) -> Finding:
    first, second, first_name, second_name, kind, other_kind, count, other_count = row
    if other_count > count:
        first, second, first_name, second_name = second, first, second_name, first_name
        kind, other_kind, count, other_count = other_kind, kind, other_count, count
    return Finding(
        topic=topic,
        key=f"{topic.value}:{min(first, second)}:{max(first, second)}",
        subject=name,
        articles=count + other_count,
        entity_id=first,
        other_id=second,
        evidence={
            "why": why,
            "counts": [
                [f"{first_name} ({kind_name(kind).lower()})", count],
                [f"{second_name} ({kind_name(other_kind).lower()})", other_count],
            ],
        },
    )


def shared_names(scope: Scope) -> Iterator[Finding]:
    """Two entities of one kind and one name, or sharing an alias, not said to be different."""
    findings = []
    for row in rows(NAMESAKES, scope.params()):
        first, second, name, kind, other_kind, count, other_count, _together = row
        if kind == other_kind:
            values = (first, second, name, name, kind, other_kind, count, other_count)
            findings.append(pair(Topic.SHARED_NAME, values, name=name, why="the same name"))
    for row in rows(SHARED_ALIASES, scope.params()):
        first, second, alias, *rest = row
        findings.append(
            pair(Topic.SHARED_NAME, (first, second, *rest), name=alias, why=f"the alias {alias}")
        )
    lines = latest_lines(e for f in findings for e in (f.entity_id, f.other_id) if e)
    for finding in findings:
        ids = (finding.entity_id, finding.other_id)
        finding.evidence["lines"] = [lines[e] for e in ids if e in lines]
        yield finding


def entity_findings(
    topic: Topic, sql: str, scope: Scope, evidence: Callable[..., dict[str, Any]]
) -> Iterator[Finding]:
    """A finding on each entity `sql` returns, its row opening with the entity's id, name and
    articles; `evidence` says what the rest of the row shows (and may name an `other_id`)."""
    found = rows(sql, scope.params())
    lines = latest_lines(row[0] for row in found)
    for entity_id, name, articles, *rest in found:
        line = lines.get(entity_id)
        yield entity_finding(topic, entity_id, name, articles, line, **evidence(*rest))


def surnames_only(scope: Scope) -> Iterator[Finding]:
    """A person known by one word only; with the fuller person of that surname, if any."""

    def evidence(fuller_id: int | None, fuller_name: str | None) -> dict[str, Any]:
        return {"other_id": fuller_id, "fuller": fuller_name or ""}

    return entity_findings(Topic.SURNAME_ONLY, SURNAMES, scope, evidence)


def speakers_not_people(scope: Scope) -> Iterator[Finding]:
    def evidence(kind: str, quotes: int) -> dict[str, Any]:
        return {"kind": kind_name(kind), "quotes": quotes}

    return entity_findings(Topic.SPEAKER_NOT_PERSON, SPEAKERS, scope, evidence)
