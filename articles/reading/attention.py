"""An entity's attention over time: the articles naming it each month, drawn as a bar chart.

The counts come from `EntityMonth`, one row per month the entity was named in, kept by every
write (articles.readmodels.refresh): a few hundred rows for an entity named over decades, however
many articles that is. The drawing is plain data for a template, in pixels: the chart keeps its
size and scrolls sideways on a narrow screen rather than shrink its labels out of reading.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from articles.models import Entity, EntityMonth

PLOT_HEIGHT = 150
TOP = 24  # room for the axis' name above the plot
LEFT = 40  # the counts' labels
RIGHT = 34  # the counts again, for a chart scrolled to its latest months on a narrow screen
BOTTOM = 40  # two lines of month and year labels
WIDEST_SLOT = 40
NARROWEST_SLOT = 10
PLOT_WIDTH = 600  # the slots share this much until they reach their narrowest, then it grows
LABEL_SPACING = 46  # pixels between month labels at least
INSET = 6  # between the vertical axis and the first bar, and after the last


@dataclass(frozen=True)
class MonthCount:
    month: dt.date  # its first day
    articles: int
    mentions: int


@dataclass(frozen=True)
class Bar:
    month: dt.date
    articles: int
    mentions: int
    x: float
    y: float
    width: float
    height: float
    slot_x: float  # the whole column, a larger target to tap than a short bar
    slot_width: float
    url: str
    label: str  # "June 2020: 12 articles, 30 mentions"


@dataclass(frozen=True)
class Tick:
    position: float
    label: str
    second_line: str = ""


@dataclass(frozen=True)
class AttentionChart:
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    bars: list[Bar]  # only the months it was named in
    months: list[MonthCount]  # the same, for the table read out instead of the picture
    count_ticks: list[Tick]  # on the vertical axis (position: y)
    month_ticks: list[Tick]  # on the horizontal axis (position: x of the slot's centre)
    first: dt.date
    last: dt.date
    peak: int


def months_of(entity: Entity) -> list[MonthCount]:
    """The months the entity was named in, earliest first: a range of the table's primary key,
    a row a month, read as cheaply as a kept copy would be."""
    rows = EntityMonth.objects.filter(entity=entity, article_count__gt=0).order_by("month")
    return [
        MonthCount(month, articles, mentions)
        for month, articles, mentions in rows.values_list("month", "article_count", "mention_count")
    ]


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_span(first: dt.date, last: dt.date) -> list[dt.date]:
    months = [first]
    while months[-1] < last:
        months.append(next_month(months[-1]))
    return months


def articles_in_month_url(entity: Entity, month: dt.date) -> str:
    """The article list filtered to the entity and the month of publication."""
    query = {
        "entity": entity.slug,
        "from": month.isoformat(),
        "to": (next_month(month) - dt.timedelta(days=1)).isoformat(),
        "sort": "date",
    }
    return f"{reverse('articles:article-list')}?{urlencode(query)}"


def count_step(peak: int) -> int:
    """A round step (1, 2, 5, 10, 20...) giving at most four ticks up to `peak`."""
    step = 1
    for power in range(0, 10):
        for base in (1, 2, 5):
            step = int(base * 10**power)
            if peak / step <= 4:
                return step
    return step


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def attention_chart(entity: Entity, counts: list[MonthCount]) -> AttentionChart | None:
    """Bars from the first month the entity was named in to the last, months without it left
    empty; None when no dated article names it."""
    if not counts:
        return None
    months = month_span(counts[0].month, counts[-1].month)
    slot = max(NARROWEST_SLOT, min(WIDEST_SLOT, PLOT_WIDTH / len(months)))
    plot_width = slot * len(months)
    peak = max(count.articles for count in counts)
    step = count_step(peak)
    top_value = step * math.ceil(peak / step)
    scale = PLOT_HEIGHT / top_value
    bottom = TOP + PLOT_HEIGHT
    index = {month: number for number, month in enumerate(months)}
    bars = []
    for count in counts:
        slot_x = LEFT + INSET + index[count.month] * slot
        height = max(2.0, count.articles * scale)
        gap = min(4.0, slot * 0.2)
        bars.append(
            Bar(
                month=count.month,
                articles=count.articles,
                mentions=count.mentions,
                x=round(slot_x + gap / 2, 1),
                y=round(bottom - height, 1),
                width=round(slot - gap, 1),
                height=round(height, 1),
                slot_x=round(slot_x, 1),
                slot_width=round(slot, 1),
                url=articles_in_month_url(entity, count.month),
                label=f"{count.month:%B %Y}: {plural(count.articles, 'article')}, "
                f"{plural(count.mentions, 'mention')}",
            )
        )
    return AttentionChart(
        width=round(LEFT + plot_width + 2 * INSET + RIGHT, 1),
        height=TOP + PLOT_HEIGHT + BOTTOM,
        plot_left=LEFT,
        plot_right=round(LEFT + plot_width + 2 * INSET, 1),
        plot_top=TOP,
        plot_bottom=bottom,
        bars=bars,
        months=counts,
        count_ticks=[
            Tick(round(bottom - value * scale, 1), f"{value:,}")
            for value in range(0, top_value + 1, step)
        ],
        month_ticks=month_ticks(months, slot),
        first=counts[0].month,
        last=counts[-1].month,
        peak=peak,
    )


def month_ticks(months: list[dt.date], slot: float) -> list[Tick]:
    """Every few months, far enough apart to read, or every January when that is too often; the
    year under the first tick and under each January."""
    every = max(1, math.ceil(LABEL_SPACING / slot))
    ticks = []
    shown_year = None
    for number, month in enumerate(months):
        if every > 12:
            wanted = month.month == 1 and month.year % math.ceil(every / 12) == 0
        else:
            wanted = number % every == 0
        if not wanted:
            continue
        if every > 12:  # years apart: the year alone
            ticks.append(Tick(round(LEFT + INSET + (number + 0.5) * slot, 1), str(month.year)))
            continue
        year = str(month.year) if month.year != shown_year else ""
        shown_year = month.year
        ticks.append(Tick(round(LEFT + INSET + (number + 0.5) * slot, 1), f"{month:%b}", year))
    return ticks
