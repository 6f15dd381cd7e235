"""Findings kept as review items, in batches: one read of the items of a batch's keys, one
insert and one update."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Q

from articles.models import DOUBT_TOPICS, ItemStatus, ReviewItem, Topic
from articles.review.checks.scope import Scope

BATCH = 1000
# Checks that read articles (the others read entities), and those of two entities.
ARTICLE_TOPICS = (Topic.QUOTE_NO_SPEAKER, Topic.DATE_UNPLACED, *DOUBT_TOPICS)
PAIR_TOPICS = (Topic.TWO_KINDS, Topic.TWO_KINDS_IN_ARTICLE, Topic.SHARED_NAME)


@dataclass
class Finding:
    topic: Topic
    key: str
    subject: str
    articles: int
    evidence: dict[str, object] = field(default_factory=dict)
    article_id: int | None = None
    mention_id: int | None = None
    quote_id: int | None = None
    date_id: int | None = None
    entity_id: int | None = None
    other_id: int | None = None


FIELDS = [
    "topic",
    "subject",
    "articles",
    "evidence",
    "article_id",
    "mention_id",
    "quote_id",
    "date_id",
    "entity_id",
    "other_id",
    "checked_in",
]


def store(findings: Iterator[Finding], *, run: int) -> Iterator[Finding]:
    """Keep each finding as an item (see the package); yields those left open (an editor's
    dismissal stands), as they are kept."""
    for batch in itertools.batched(findings, BATCH):
        latest: dict[str, ReviewItem] = {}
        for item in ReviewItem.objects.filter(key__in=[f.key for f in batch]).order_by("id"):
            latest[item.key] = item
        fresh, seen, dismissed = [], [], set()
        for finding in batch:
            found = latest.get(finding.key)
            if found is not None and found.status == ItemStatus.DISMISSED:
                found.checked_in = run  # an editor said it is fine: it stays so
                seen.append(found)
                dismissed.add(finding.key)
                continue
            if found is None or found.status != ItemStatus.OPEN:
                item = ReviewItem(key=finding.key, status=ItemStatus.OPEN)
                fresh.append(item)
            else:
                item = found
                seen.append(item)
            for name in FIELDS[:-1]:
                setattr(item, name, getattr(finding, name))
            item.checked_in = run
        ReviewItem.objects.bulk_create(fresh)
        ReviewItem.objects.bulk_update(seen, FIELDS)
        yield from (finding for finding in batch if finding.key not in dismissed)


def resolve_unseen(topics: list[Topic], *, run: int, scope: Scope) -> int:
    """Open items of these checks, within the scope, that this run no longer found: fixed
    meanwhile, somehow."""
    within = Q()
    if not scope.whole:
        # Each check reads its scope by articles or by entities (pairs by either entity).
        by_article = Q(topic__in=ARTICLE_TOPICS)
        within = Q(pk__in=[])
        if scope.articles:
            within |= by_article & Q(article_id__in=scope.articles)
        if scope.entities:
            within |= ~by_article & Q(entity_id__in=scope.entities)
            within |= Q(topic__in=PAIR_TOPICS, other_id__in=scope.entities)
    return ReviewItem.objects.filter(
        within, topic__in=topics, status=ItemStatus.OPEN, checked_in__lt=run
    ).update(status=ItemStatus.RESOLVED)
