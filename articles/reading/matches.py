"""The newest articles matching a search, found at a cost that does not grow with the archive.

PostgreSQL can find a search's matches two ways. Through the full-text index it fetches every
match, in no useful order: cheap for a rare word, ruinous for "said" in a million articles.
Walking the newest-first index and testing each article stops as soon as enough match: cheap for
a frequent word, a walk through the whole archive for a rare one. Its planner guesses which, and
with a LIMIT it often guesses a walk for a word it has no statistics on. Here the choice is made
from the count of matches (exact up to a limit, estimated beyond): fetch all when they are fewer
than the rows a walk would read, else walk. The worst case, in between, reads about
sqrt(limit x archive) rows.
"""

from __future__ import annotations

import datetime as dt

from django.db import connections, router
from django.db.models import DateField, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from articles.models import Article
from articles.reading.counting import Count
from articles.reading.keyset import Ordering as KeyOrdering
from articles.reading.keyset import beyond, decode_cursor

# Reading and testing an article on the walk (its search vector fetched and unpacked) costs about
# this many times fetching a row the full-text index already knows matches.
WALK_COST = 5
ESTIMATE_HEDGE = 2
NEWEST = KeyOrdering(key="published", id="id", nullable=True)
Row = tuple[int, dt.date | None]
# Below every publication date: undated articles come last, newest first.
UNDATED = Value(dt.date.min, output_field=DateField())


def archive_size() -> int:
    """PostgreSQL's running estimate of the articles stored (exact enough, and free)."""
    with connections[router.db_for_read(Article)].cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = 'articles_article'::regclass"
        )
        found = cursor.fetchone()
    return max(int(found[0]), 1) if found else 1


def newest_matches(
    matches: QuerySet[Article],
    *,
    limit: int,
    count: Count,
    cursor: str | None = None,
    fetched: int | None = None,
    walked: int | None = None,
) -> list[Row]:
    """Up to `limit` matches (id, published), newest first, after the cursor if one is given.

    `fetched`: the rows fetching every match would read, when other filters are applied only
    after the full-text index gave its matches (the kinds an article names, say): "council"
    among people reads every article with "council", however few name no person. By default,
    the count. `walked`: the articles a walk goes through, when a range of publication dates
    bounds it; by default the archive."""
    at = decode_cursor(cursor, NEWEST)
    walk_rows = limit * (archive_size() if walked is None else walked) / max(count.value, 1)
    # An estimated count leans low for words that go together ("flood defences": PostgreSQL
    # takes them as independent), so near the crossing the walk is taken: at worst it reads
    # twice the rows it should, where fetching every match read three times as many.
    hedge = 1 if count.exact else ESTIMATE_HEDGE
    if (count.value if fetched is None else fetched) * hedge <= walk_rows * WALK_COST:
        # Sorted on an expression no index holds, so PostgreSQL takes every match from the
        # full-text index and keeps the newest `limit` (a top-N sort), never walking.
        newest = matches.annotate(newest=Coalesce("published", UNDATED))
        if at is not None:
            key = at.key if isinstance(at.key, dt.date) else dt.date.min
            newest = newest.filter(Q(newest__lt=key) | Q(newest=key, pk__lt=at.id))
        order = [F("newest").desc(), F("id").desc()]
        return list(newest.order_by(*order).values_list("pk", "published")[:limit])
    dated = matches.filter(published__isnull=False)
    if at is not None and at.key is not None:
        dated = dated.filter(beyond(NEWEST, at.key, at.id, forward=True))
    found: list[Row] = []
    if at is None or at.key is not None:
        order = [F("published").desc(nulls_last=True), F("id").desc()]
        found = list(dated.order_by(*order).values_list("pk", "published")[:limit])
    if len(found) < limit:
        undated = matches.filter(published__isnull=True)
        if at is not None and at.key is None:
            undated = undated.filter(pk__lt=at.id)
        found += list(undated.order_by("-id").values_list("pk", "published")[: limit - len(found)])
    return found
