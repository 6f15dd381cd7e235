"""Calendar periods (a year, a month, a day) and which date mentions fall in them.

A date mention appears under a period when its interval overlaps the period and is not much
longer than it: "the spring and summer of 2020" (March to August) appears under each month from
March to August and under 2020, but not under 9 June 2020; "2020" appears under the year only.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django_stubs_ext import WithAnnotations

from articles.models import (
    DateMention,
    Entity,
    Mention,
    PeriodArticle,
    PeriodGranularity,
    PeriodStats,
)
from articles.reading.excerpts import Excerpt, ListedArticle, listed_with_excerpts, sentence_of
from articles.reading.keyset import KeysetPage, Ordering, keyset_page

# How much longer than the period an interval may be and still appear under it.
STRETCH = 8
MIN_STRETCH_DAYS = 7
NEARNESS = 400  # characters between a date and an entity's mention to link the two
ENTITY_WINDOW = 100  # the latest articles of a period whose entities its page counts
NEWEST_FIRST = Ordering(key="published", id="article_id", nullable=True)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    granularity: str  # "year", "month" or "day"

    @classmethod
    def of(cls, year: int, month: int | None = None, day: int | None = None) -> Period:
        """The period, or ValueError for a date that does not exist (year 0, 30 February, or a
        year past what a calendar date can hold)."""
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            raise ValueError(f"no calendar year {year}")
        if month is None:
            return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return cls(dt.date(year, month, 1), dt.date(year, month, last), "month")
        date = dt.date(year, month, day)
        return cls(date, date, "day")

    @classmethod
    def parse(cls, text: str) -> Period:
        """The period written "2020", "2020-06" or "2020-06-15"; ValueError for anything else."""
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or not all(
            part.isascii() and part.isdigit() and len(part) <= 4 for part in parts
        ):
            raise ValueError(f"not a year, month or day: {text!r}")
        numbers = [int(part) for part in parts]
        return cls.of(*numbers)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        if self.granularity == "year":
            return str(self.start.year)
        if self.granularity == "month":
            return f"{self.start:%B %Y}"
        return f"{self.start.day} {self.start:%B %Y}"

    def url(self) -> str:
        s = self.start
        if self.granularity == "year":
            return reverse("articles:date-year", args=[s.year])
        if self.granularity == "month":
            return reverse("articles:date-month", args=[s.year, s.month])
        return reverse("articles:date-day", args=[s.year, s.month, s.day])

    def network_url(self) -> str:
        """Its page of who appeared with whom."""
        return f"{self.url()}network/"

    def parent(self) -> Period | None:
        if self.granularity == "day":
            return Period.of(self.start.year, self.start.month)
        if self.granularity == "month":
            return Period.of(self.start.year)
        return None

    def previous(self) -> Period | None:
        try:
            return self.shifted(-1)
        except (ValueError, OverflowError):  # before year 1
            return None

    def next(self) -> Period | None:
        try:
            return self.shifted(1)
        except (ValueError, OverflowError):  # after year 9999
            return None

    def shifted(self, step: int) -> Period:
        s = self.start
        if self.granularity == "year":
            return Period.of(s.year + step)
        if self.granularity == "month":
            months = s.year * 12 + s.month - 1 + step
            return Period.of(months // 12, months % 12 + 1)
        day = s + dt.timedelta(days=step)
        return Period.of(day.year, day.month, day.day)

    def condition(self, prefix: str = "") -> Q:
        longest = max(self.days * STRETCH, MIN_STRETCH_DAYS)
        return Q(
            **{
                f"{prefix}value_start__lte": self.end,
                f"{prefix}value_end__gte": self.start,
                f"{prefix}value_end__lte": F(f"{prefix}value_start") + dt.timedelta(days=longest),
            }
        )


def date_mentions_in(period: Period) -> QuerySet[DateMention]:
    return DateMention.objects.filter(period.condition())


def articles_in(period: Period) -> QuerySet[WithAnnotations[PeriodArticle, Excerpt]]:
    """The period's articles (read-model rows, each with its article), for a keyset page."""
    return listed_with_excerpts(
        PeriodArticle.objects.filter(granularity=period.granularity, period_start=period.start),
        "date_count",
        "article__byline",
    )


@dataclass(frozen=True)
class PeriodLine(ListedArticle[PeriodArticle]):
    """An article of the period, with the sentence around its first date in the period (what
    it says of that time) and all its dates in the period."""

    dates_in_period: list[DateMention]


def period_articles(period: Period, *, cursor: str | None, size: int) -> KeysetPage[PeriodLine]:
    """A page of the period's articles, newest first, each with its dates in the period."""
    found: KeysetPage[WithAnnotations[PeriodArticle, Excerpt]] = keyset_page(
        articles_in(period), NEWEST_FIRST, cursor=cursor, size=size
    )
    in_period: defaultdict[int, list[DateMention]] = defaultdict(list)
    for date in (
        date_mentions_in(period)
        .filter(article_id__in=[row.article_id for row in found])
        .order_by("value_start", "start")
        .only("article_id", "start", "end", "text", "value_start", "value_end", "granularity")
    ):
        in_period[date.article_id].append(date)
    lines = [
        PeriodLine(row, sentence_of(row, row.first_start, row.first_end), in_period[row.article_id])
        for row in found
    ]
    return KeysetPage(lines, found.next_cursor, found.previous_cursor, found.first)


def stats_of(period: Period) -> PeriodStats | None:
    """The period's figures; None when no article has a date in it."""
    return PeriodStats.objects.filter(
        granularity=period.granularity, period_start=period.start, article_count__gt=0
    ).first()


def latest_article_ids(period: Period, count: int) -> QuerySet[PeriodArticle, Mapping[str, object]]:
    return (
        PeriodArticle.objects.filter(granularity=period.granularity, period_start=period.start)
        .order_by(F("published").desc(nulls_last=True), "-article_id")
        .values("article_id")[:count]
    )


def entities_near(period: Period, stats: PeriodStats | None, limit: int = 20) -> list[Entity]:
    """Entities mentioned close to a date in the period, most often first (`times`), in the
    period's latest `ENTITY_WINDOW` articles (all of them when it has fewer).

    Counted once per revision of the period's figures (drawn anew by every write to an article
    dated in it) and kept; the entities themselves are read afresh, since renaming one does not
    change the period's revision."""
    if stats is None:
        return []
    key = f"period-entities:{stats.granularity}:{stats.period_start}:{stats.revision}:{limit}"
    counts: list[tuple[int, int]] | None = cache.get(key)
    if counts is None:
        counts = list(counted_entities_near(period, limit))
        cache.set(key, counts)
    entities = Entity.objects.in_bulk([pk for pk, _ in counts])
    near = []
    for pk, times in counts:
        if pk in entities:  # not merged away since the counts were kept
            entity = entities[pk]
            entity.times = times
            near.append(entity)
    return near


def counted_entities_near(period: Period, limit: int) -> QuerySet[Entity, tuple[int, int]]:
    dated = DateMention.objects.filter(
        period.condition(),
        article_id=OuterRef("article_id"),
        start__lt=OuterRef("end") + NEARNESS,
        end__gt=OuterRef("start") - NEARNESS,
    )
    mentions = Mention.objects.filter(
        article_id__in=Subquery(latest_article_ids(period, ENTITY_WINDOW))
    ).filter(Exists(dated))
    return (
        Entity.objects.filter(mentions__in=mentions)
        .annotate(near=Count("mentions", distinct=True))
        .order_by("-near", "name")
        .values_list("pk", "near")[:limit]
    )


def months_with_articles(year: int | None = None) -> dict[dt.date, int]:
    """Articles per month (its first day). A date spanning months counts in each of them, so
    "the spring and summer of 2020" counts from March to August; years and longer do not count."""
    months = PeriodStats.objects.filter(granularity=PeriodGranularity.MONTH, article_count__gt=0)
    if year is not None:
        months = months.filter(
            period_start__gte=dt.date(year, 1, 1), period_start__lte=dt.date(year, 12, 1)
        )
    return dict(months.values_list("period_start", "article_count"))
