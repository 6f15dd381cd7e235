"""The archive checks itself: where it contradicts itself, each finding with how many articles
it touches, stored as review items.

Every check is a set-based query over the read models (`EntityStats`, `EntityArticle`) or an
indexed table, never a walk over every mention per request: entity checks read one row per
entity, and the span checks read the archive in ranges of article ids (`CHUNK`), so each
statement stays bounded however large the archive grows. `run_checks` runs them (from
`manage.py review_checks` or the background task) and `storing.store` keeps the items: a finding
seen again updates its open item, a dismissed one stays dismissed, and an open finding no run
sees any more is marked resolved.

A run may be limited to a `Scope`, the articles and entities an ingest or a correction touched
(articles.review.tasks): each statement then reads only those, and only their items can be
resolved.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from articles.models import Topic
from articles.review.checks import doubts, entities, labels, spans, words
from articles.review.checks.scope import WHOLE, Scope
from articles.review.checks.storing import Finding, resolve_unseen, store

type Check = Callable[[Scope], Iterator[Finding]]

CHECKS: dict[Topic, Check] = {
    Topic.TWO_KINDS: entities.two_kinds,
    Topic.KIND_DISAGREES: labels.kind_disagrees,
    Topic.SHARED_NAME: entities.shared_names,
    Topic.SURNAME_ONLY: entities.surnames_only,
    Topic.SPEAKER_NOT_PERSON: entities.speakers_not_people,
    Topic.QUOTE_NO_SPEAKER: spans.quotes_without_speaker,
    Topic.DATE_UNPLACED: spans.dates_unplaced,
    Topic.COMMON_WORD: words.common_words,
    Topic.DOUBT_KIND: doubts.pipeline_doubts,
}
# A check that also reports findings under another topic (one pair of names is found once).
ALSO_REPORTS = {
    Topic.TWO_KINDS: (Topic.TWO_KINDS_IN_ARTICLE,),
    Topic.KIND_DISAGREES: (Topic.MODEL_DISAGREES,),
    Topic.DOUBT_KIND: (Topic.DOUBT_LINK, Topic.DOUBT_SPEAKER),
}


@dataclass
class Tally:
    """What one check left open: items and the articles they touch, and how long it took."""

    items: int = 0
    articles: int = 0
    seconds: float = 0.0


def run_checks(topics: Iterable[Topic] | None = None, scope: Scope = WHOLE) -> dict[Topic, Tally]:
    """Run the checks (all, or those named) over the scope and store their findings; open
    items of the scope that the run no longer finds are resolved."""
    run = time.time_ns()
    chosen = list(topics) if topics is not None else list(CHECKS)
    tallies: dict[Topic, Tally] = {}
    for topic in chosen:
        for reported in (topic, *ALSO_REPORTS.get(topic, ())):
            tallies[reported] = Tally()
        began = time.monotonic()
        for finding in store(CHECKS[topic](scope), run=run):
            tally = tallies[finding.topic]
            tally.items += 1
            tally.articles += finding.articles
        tallies[topic].seconds = time.monotonic() - began
    resolve_unseen(list(tallies), run=run, scope=scope)
    return tallies
