"""Checks of spans, read in ranges of article ids so that each statement reads a bounded slice
of the archive on the spans' (article, start, end) index: quotes with no speaker, dates the
pipeline could not place on the calendar. One finding a span, each in one article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import connection
from django.urls import reverse

from articles.models import Topic
from articles.review.checks.scope import Scope
from articles.review.checks.storing import Finding
from articles.review.evidence import Line, line_in, quote_line

CHUNK = 20_000  # article ids read per statement
WINDOW = 300
IN_SCOPE = "(%(articles)s::bigint[] IS NULL OR {column} = ANY(%(articles)s::bigint[]))"

UNSPOKEN = f"""
SELECT q.id, q.article_id, a.headline, a.slug, q.text, q.start, q."end"
FROM articles_quote q JOIN articles_article a ON a.id = q.article_id
WHERE q.article_id >= %(low)s AND q.article_id < %(high)s AND NOT q.rejected
  AND q.speaker_id IS NULL AND q.kind IN ('direct', 'partial')
  AND {IN_SCOPE.format(column="q.article_id")}
ORDER BY q.article_id, q.start
"""

UNPLACED = f"""
SELECT d.id, d.article_id, a.headline, a.slug, d.text, greatest(d.start - {WINDOW}, 0),
       substr(a.body, greatest(d.start - {WINDOW}, 0) + 1, d."end" - d.start + 2 * {WINDOW}),
       d.start, d."end"
FROM articles_datemention d JOIN articles_article a ON a.id = d.article_id
WHERE d.article_id >= %(low)s AND d.article_id < %(high)s AND NOT d.rejected
  AND d.value_start IS NULL AND {IN_SCOPE.format(column="d.article_id")}
ORDER BY d.article_id, d.start
"""


def chunks(sql: str, scope: Scope) -> Iterator[tuple[Any, ...]]:
    """The rows of `sql` over the scope's articles, a range of article ids a statement."""
    with connection.cursor() as cursor:
        top = 0
        if scope.articles is None:
            cursor.execute("SELECT coalesce(max(id), 0) FROM articles_article")
            (top,) = cursor.fetchone() or (0,)
        for low, high in scope.id_ranges(scope.articles, top, CHUNK):
            cursor.execute(sql, {"low": low, "high": high, "articles": scope.articles})
            yield from cursor.fetchall()


def span_finding(
    topic: Topic,
    *,
    subject: str,
    line: Line,
    article_id: int,
    where: tuple[int, int],
    quote_id: int | None = None,
    date_id: int | None = None,
) -> Finding:
    """A finding on one quote or date, in one article, keyed by where the span is
    (`where`), so that an article annotated again, its spans made anew, keeps its items (and
    an editor's dismissal)."""
    return Finding(
        topic=topic,
        key=span_key(topic.value, article_id, where),
        subject=subject,
        articles=1,
        evidence={"lines": [line]},
        article_id=article_id,
        quote_id=quote_id,
        date_id=date_id,
    )


def span_key(topic: str, article_id: int, where: tuple[int, int]) -> str:
    return f"{topic}:{article_id}:{where[0]}:{where[1]}"


def quotes_without_speaker(scope: Scope) -> Iterator[Finding]:
    """Direct and partial quotes nobody is said to have spoken (reported speech aside)."""
    for quote_id, article_id, headline, slug, text, start, end in chunks(UNSPOKEN, scope):
        url = f"{reverse('articles:article', args=[slug])}#quote-{quote_id}"
        yield span_finding(
            Topic.QUOTE_NO_SPEAKER,
            subject=text[:120],
            line=quote_line(headline=headline, url=url, text=text),
            article_id=article_id,
            where=(start, end),
            quote_id=quote_id,
        )


def dates_unplaced(scope: Scope) -> Iterator[Finding]:
    for row in chunks(UNPLACED, scope):
        date_id, article_id, headline, slug, text, offset, window, start, end = row
        url = f"{reverse('articles:article', args=[slug])}#date-{date_id}"
        yield span_finding(
            Topic.DATE_UNPLACED,
            subject=text[:300],
            line=line_in(
                headline=headline, url=url, body=window, offset=offset, start=start, end=end
            ),
            article_id=article_id,
            where=(start, end),
            date_id=date_id,
        )
