"""Counts of long lists that stay cheap: exact up to a limit, then an estimate said as such."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db.models import Model, QuerySet

EXACT_UP_TO = 1000


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
    counted = rows.order_by().values("pk")[: exact_up_to + 1].count()
    if counted <= exact_up_to:
        return Count(counted, exact=True)
    plan = json.loads(rows.order_by().explain(format="json"))
    estimate = int(plan[0]["Plan"]["Plan Rows"])
    return Count(max(rounded(estimate), exact_up_to + 1), exact=False)


def rounded(number: int) -> int:
    digits = len(str(number))
    if digits <= 2:
        return number
    scale: int = 10 ** (digits - 2)  # a positive power: an int (typeshed cannot tell)
    return round(number / scale) * scale
