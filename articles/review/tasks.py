"""The checks as a background task (Django's Tasks; django-tasks-db by default), so a large
archive is checked by a worker, never in a request."""

from __future__ import annotations

from django.tasks import task

from articles.models import Topic
from articles.review.checks import run_checks


@task()
def run_review_checks(topics: list[str] | None = None) -> str:
    chosen = [Topic(topic) for topic in topics] if topics else None
    tallies = run_checks(chosen)
    return "; ".join(
        f"{topic.value}: {tally.items} items, {tally.articles} articles"
        for topic, tally in tallies.items()
    )
