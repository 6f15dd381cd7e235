"""What the query-bound tests share: counting one request's queries, and clearing the archive a
test built before it builds the next size."""

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.readmodels.refresh import forget_articles


def queries_for(client: Client, url: str, headers: dict | None = None) -> int:
    """The queries one successful GET of `url` runs."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **(headers or {}))
    assert response.status_code == 200, url
    return len(captured)


def at_two_sizes[T](count_queries: Callable[[int], T], small: int, large: int) -> tuple[T, T]:
    """What `count_queries(size)` counts over the archive it builds, at each size in turn: the
    archive is cleared after each."""
    counts = []
    for size in (small, large):
        counts.append(count_queries(size))
        clear_archive()
    return counts[0], counts[1]


def clear_archive() -> None:
    """Remove every article and what the read models keep of them."""
    ids = list(Article.objects.values_list("pk", flat=True))
    forget_articles(ids)
    Article.objects.filter(pk__in=ids).delete()
