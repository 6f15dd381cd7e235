"""Checks of spans, read in ranges of article ids so that each statement reads a bounded slice
of the archive on the spans' (article, start, end) index: quotes with no speaker, dates the
pipeline could not place on the calendar. One finding a span, each in one article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import connection
from django.urls import reverse

from articles.models import Topic
from articles.review.checks.storing import Finding
from articles.review.evidence import line_in

CHUNK = 20_000  # article ids read per statement
WINDOW = 300

UNSPOKEN = """
SELECT q.id, q.article_id, a.headline, a.slug, q.text
FROM articles_quote q JOIN articles_article a ON a.id = q.article_id
WHERE q.article_id >= %(low)s AND q.article_id < %(high)s AND NOT q.rejected
  AND q.speaker_id IS NULL AND q.kind IN ('direct', 'partial')
ORDER BY q.article_id, q.start
"""

UNPLACED = f"""
SELECT d.id, d.article_id, a.headline, a.slug, d.text, greatest(d.start - {WINDOW}, 0),
       substr(a.body, greatest(d.start - {WINDOW}, 0) + 1, d."end" - d.start + 2 * {WINDOW}),
       d.start, d."end"
FROM articles_datemention d JOIN articles_article a ON a.id = d.article_id
WHERE d.article_id >= %(low)s AND d.article_id < %(high)s AND NOT d.rejected
  AND d.value_start IS NULL
ORDER BY d.article_id, d.start
"""


def chunks(sql: str) -> Iterator[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM articles_article")
        (top,) = cursor.fetchone() or (0,)
        for low in range(0, top + 1, CHUNK):
            cursor.execute(sql, {"low": low, "high": low + CHUNK})
            yield from cursor.fetchall()


def quotes_without_speaker() -> Iterator[Finding]:
    """Direct and partial quotes nobody is said to have spoken (reported speech aside)."""
    for quote_id, article_id, headline, slug, text in chunks(UNSPOKEN):
        yield Finding(
            topic=Topic.QUOTE_NO_SPEAKER,
            key=f"quote-no-speaker:{quote_id}",
            subject=text[:120],
            articles=1,
            article_id=article_id,
            quote_id=quote_id,
            evidence={
                "lines": [
                    {
                        "headline": headline,
                        "url": f"{reverse('articles:article', args=[slug])}#quote-{quote_id}",
                        "before": "",
                        "mark": text[:300],
                        "after": "",
                    }
                ]
            },
        )


def dates_unplaced() -> Iterator[Finding]:
    for row in chunks(UNPLACED):
        date_id, article_id, headline, slug, text, offset, window, start, end = row
        url = f"{reverse('articles:article', args=[slug])}#date-{date_id}"
        line = line_in(headline=headline, url=url, body=window, offset=offset, start=start, end=end)
        yield Finding(
            topic=Topic.DATE_UNPLACED,
            key=f"date-unplaced:{date_id}",
            subject=text[:300],
            articles=1,
            article_id=article_id,
            date_id=date_id,
            evidence={"lines": [line]},
        )
