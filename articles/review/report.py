"""What editors taught, measured per ISO week: corrections by kind, lessons learned, later
mentions the lessons decided at ingest (`LessonUse`), and the share of the week's new mentions
that editors later corrected (the archive's own error rate).

Read a page of `WEEKS_PER_PAGE` weeks at a time, newest first: five grouped statements, each
over the page's weeks only on an index of the rows' dates (corrections', lessons', lesson uses',
articles' `created_at`); the mentions counted are those of the articles stored in those weeks.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from articles.models import Article, Correction, LessonUse, LexiconEntry, Mention, Origin
from articles.models.corrections import CorrectionAction

WEEKS_PER_PAGE = 8
ACTION_LABELS = dict(CorrectionAction.choices)


@dataclass
class Week:
    monday: dt.date
    corrections: Counter[str] = field(default_factory=Counter)  # by action's label
    lessons: int = 0
    lessons_applied: int = 0
    new_mentions: int = 0
    corrected: int = 0

    @property
    def name(self) -> str:
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def by_kind(self) -> list[tuple[str, int]]:
        return self.corrections.most_common()

    @property
    def corrections_total(self) -> int:
        return self.corrections.total()

    @property
    def error_rate(self) -> float | None:
        """Share of the week's new mentions corrected since (None: no new mentions)."""
        return self.corrected / self.new_mentions if self.new_mentions else None

    @property
    def error_percent(self) -> str:
        rate = self.error_rate
        return "" if rate is None else f"{rate * 100:.1f} %"


@dataclass
class ReportPage:
    number: int
    weeks: list[Week]
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def first_week() -> dt.date | None:
    """The week the archive began: its first article or correction (one indexed read each)."""
    starts = [
        model.objects.order_by("created_at").values_list("created_at", flat=True).first()
        for model in (Article, Correction)
    ]
    known = [timezone.localdate(start) for start in starts if start is not None]
    return monday_of(min(known)) if known else None


def by_week[M: Article | Correction | LessonUse | LexiconEntry | Mention](
    rows: QuerySet[M], column: str, **counts: Count
) -> dict[dt.date, dict[str, int]]:
    grouped = rows.annotate(week=TruncWeek(column)).values("week").annotate(**counts)
    return {timezone.localdate(row.pop("week")): row for row in grouped}


def report_page(number: int = 1, *, today: dt.date | None = None) -> ReportPage:
    """Page `number` (1: the latest weeks) of the report."""
    number = max(number, 1)
    newest = monday_of(today or timezone.localdate()) - dt.timedelta(
        weeks=(number - 1) * WEEKS_PER_PAGE
    )
    oldest = newest - dt.timedelta(weeks=WEEKS_PER_PAGE - 1)
    began = first_week()
    if began is None or began > newest:
        return ReportPage(number, [], has_next=False)
    oldest = max(oldest, began)
    weeks = {
        oldest + dt.timedelta(weeks=n): Week(oldest + dt.timedelta(weeks=n))
        for n in range((newest - oldest).days // 7 + 1)
    }
    fill(weeks, since=oldest, until=newest + dt.timedelta(weeks=1))
    return ReportPage(
        number, sorted(weeks.values(), key=lambda w: w.monday, reverse=True), began < oldest
    )


def fill(weeks: dict[dt.date, Week], *, since: dt.date, until: dt.date) -> None:
    # Bounds as times (midnight where the site is), so the indexes on `created_at` serve.
    first, last = (
        timezone.make_aware(dt.datetime.combine(day, dt.time.min)) for day in (since, until)
    )
    span = {"created_at__gte": first, "created_at__lt": last}
    corrections = Correction.objects.filter(undone_at=None, **span)
    grouped = corrections.annotate(week=TruncWeek("created_at")).values("week", "action")
    for correction in grouped.annotate(n=Count("id")):
        week = weeks.get(timezone.localdate(correction["week"]))
        if week is not None:
            label = str(ACTION_LABELS.get(correction["action"], correction["action"]))
            week.corrections[label] += correction["n"]
    learned = by_week(LexiconEntry.objects.filter(**span), "created_at", n=Count("id"))
    applied = by_week(LessonUse.objects.filter(**span), "created_at", n=Count("id"))
    for monday, week in weeks.items():
        week.lessons = learned.get(monday, {}).get("n", 0)
        week.lessons_applied = applied.get(monday, {}).get("n", 0)
    # The pipeline's mentions of the articles stored each week (an editor's own additions
    # aside), and those of them changed since: a correction bumps a mention's version.
    new = Mention.all_objects.filter(
        article__created_at__gte=first, article__created_at__lt=last
    ).exclude(origin=Origin.EDITOR, version=1)
    counted = by_week(
        new, "article__created_at", n=Count("id"), corrected=Count("id", filter=Q(version__gt=1))
    )
    for monday, figures in counted.items():
        if monday in weeks:
            weeks[monday].new_mentions = figures["n"]
            weeks[monday].corrected = figures["corrected"]
