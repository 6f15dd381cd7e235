"""The checks as background tasks (Django's Tasks; django-tasks-db by default), so that no
request runs one: the whole archive's (`manage.py review_checks --queue`, or cron), and the
checks of what an ingest or a correction touched, queued when its transaction commits."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from django.db import transaction
from django.tasks import task

from articles.models import EntityArticle, Topic
from articles.review.checks import Tally, run_checks
from articles.review.checks.scope import Scope

# Articles a task checks: an ingest of many is checked in tasks of this many.
ARTICLES_PER_TASK = 500


def described(tallies: dict[Topic, Tally]) -> str:
    return "; ".join(
        f"{topic.value}: {tally.items} items, {tally.articles} articles"
        for topic, tally in tallies.items()
    )


@task()
def run_review_checks(topics: list[str] | None = None) -> str:
    chosen = [Topic(topic) for topic in topics] if topics else None
    return described(run_checks(chosen))


@task()
def check_touched(articles: list[int], entities: list[int]) -> str:
    """Check what an ingest or a correction touched: the spans of these articles, and these
    entities with every entity the articles name (read from the read model, a row an entity
    an article)."""
    named = EntityArticle.objects.filter(article_id__in=articles, mention_count__gt=0)
    everyone = sorted({*entities, *named.values_list("entity_id", flat=True)})
    return described(run_checks(scope=Scope(articles=sorted(set(articles)), entities=everyone)))


def queue_checks(*, articles: Iterable[int] = (), entities: Iterable[int] = ()) -> None:
    """Queue the checks of these articles and entities once the transaction commits (at once
    outside one): a worker runs them, never the request that stored or corrected."""
    article_ids, entity_ids = sorted(set(articles)), sorted(set(entities))
    if not article_ids and not entity_ids:
        return

    def enqueue() -> None:
        batches = list(itertools.batched(article_ids, ARTICLES_PER_TASK)) or [()]
        for number, batch in enumerate(batches):
            check_touched.enqueue(list(batch), entity_ids if number == 0 else [])

    transaction.on_commit(enqueue)
