"""Counts of long lists that stay cheap: exact up to a limit, then an estimate said as such."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db.models import Model, QuerySet

EXACT_UP_TO = 1000
# An estimate this many times the exact limit is trusted without counting: PostgreSQL's
# statistics know the frequent words well, and counting even the first thousand of their matches
# means building the index's whole list of them. A word it knows nothing of is estimated at half
# a percent of the articles, below this mark until the archive passes some two million.
TRUSTED_ESTIMATE = 10


@dataclass(frozen=True)
class Count:
    value: int
    exact: bool

    def __str__(self) -> str:
        return f"{self.value:,}" if self.exact else f"about {self.value:,}"


def bounded_count(rows: QuerySet[Model, object], *, exact_up_to: int | None = None) -> Count:
    """How many rows: counted when there are at most `exact_up_to` (reading no more than that
    many), else PostgreSQL's planner estimate, rounded to two significant figures."""
    if exact_up_to is None:
        exact_up_to = EXACT_UP_TO
    estimate = planner_estimate(rows)
    if estimate >= TRUSTED_ESTIMATE * exact_up_to:
        return Count(rounded(estimate), exact=False)
    counted = rows.order_by().values("pk")[: exact_up_to + 1].count()
    if counted <= exact_up_to:
        return Count(counted, exact=True)
    return Count(max(rounded(estimate), exact_up_to + 1), exact=False)


def planner_estimate(rows: QuerySet[Model, object]) -> int:
    plan = json.loads(rows.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def rounded(number: int) -> int:
    digits = len(str(number))
    if digits <= 2:
        return number
    scale: int = 10 ** (digits - 2)  # a positive power: an int (typeshed cannot tell)
    return round(number / scale) * scale
