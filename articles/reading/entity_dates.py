"""The dates named near an entity, as its panel and page show them: grouped by the time they mean
("June 2020", three times), and drawn along a line with an axis of years or months.

The drawing is plain data for a template, which writes the SVG with presentation attributes only
(the Content-Security-Policy allows no inline style).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from articles.models import DateMention
from articles.reading.rendering import date_url

MARGIN = 12


@dataclass
class DateGroup:
    """Dates that mean the same time, however each article worded it."""

    label: str
    value_start: dt.date
    value_end: dt.date
    url: str | None
    dates: list[DateMention] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.dates)

    @property
    def article_count(self) -> int:
        return len({date.article_id for date in self.dates})

    @property
    def headlines(self) -> list[str]:
        seen = dict.fromkeys(date.article.headline for date in self.dates)
        return list(seen)


def interval_of(date: DateMention) -> tuple[dt.date, dt.date]:
    """The interval a date means; the dates drawn here are read placed (both ends or neither)."""
    if date.value_start is None or date.value_end is None:
        raise ValueError(f"date {date.pk} ({date.text!r}) is not placed in time")
    return date.value_start, date.value_end


def interval_label(date: DateMention) -> str:
    """The time a date means, said the same way whatever the words ("June 2020")."""
    start, end = interval_of(date)
    if date.granularity == "day" or start == end:
        return f"{start.day} {start:%B %Y}"
    if date.granularity == "month":
        return f"{start:%B %Y}"
    if date.granularity == "year":
        return str(start.year)
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


def grouped_dates(dates: list[DateMention]) -> list[DateGroup]:
    """One group per interval, earliest first (the dates come ordered so)."""
    groups: dict[tuple[dt.date, dt.date], DateGroup] = {}
    for date in dates:
        key = interval_of(date)
        if key not in groups:
            groups[key] = DateGroup(interval_label(date), *key, date_url(date))
        groups[key].dates.append(date)
    return list(groups.values())


@dataclass(frozen=True)
class Dot:
    x: int
    label: str
    url: str | None


@dataclass(frozen=True)
class Tick:
    x: int
    label: str


@dataclass(frozen=True)
class Dateline:
    width: int
    dots: list[Dot]
    ticks: list[Tick]


def dateline(groups: list[DateGroup], *, width: int) -> Dateline | None:
    """The groups as dots along a line from the earliest to the latest, with ticks on an axis:
    a tick a year, or a month when they all fall within two years."""
    if not groups:
        return None
    first = groups[0].value_start
    last = max(group.value_end for group in groups)
    span = max((last - first).days, 1)
    inner = width - 2 * MARGIN

    def x_of(day: dt.date) -> int:
        return MARGIN + round((day - first).days / span * inner)

    dots = [
        Dot(x_of(group.value_start), f"{group.label} ({group.count})", group.url)
        for group in groups
    ]
    return Dateline(width, dots, axis_ticks(first, last, x_of))


def axis_ticks(first: dt.date, last: dt.date, x_of: Callable[[dt.date], int]) -> list[Tick]:
    if last.year - first.year >= 2:
        step = max(1, (last.year - first.year) // 8)
        years = range(first.year + 1, last.year + 1, step)
        return [Tick(x_of(dt.date(year, 1, 1)), str(year)) for year in years]
    ticks = []
    month = dt.date(first.year, first.month, 1)
    while month <= last:
        if month >= first:
            label = f"{month:%b}" if month.month != 1 else f"{month:%b %Y}"
            ticks.append(Tick(x_of(month), label))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    if len(ticks) > 8:  # too crowded: every third month
        ticks = ticks[::3]
    return ticks
