"""The archive's timeline drawn as SVG on the server: a row per year, a cell per month.

The drawing is plain data for a template (positions, sizes, links, labels); the template writes
the SVG with presentation attributes only, so a strict Content-Security-Policy holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

CELL = 34
GAP = 4
LABEL_WIDTH = 52
ROW_HEIGHT = 30
HEADER = 22
MONTH_LETTERS = "JFMAMJJASOND"
MONTH_NAMES = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    size: int
    opacity: float
    count: int
    url: str
    label: str


@dataclass(frozen=True)
class Row:
    year: int
    y: int
    url: str
    cells: list[Cell]


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    rows: list[Row]
    months: list[tuple[int, str]]  # (x of the column's centre, letter)
    total: int


def draw_timeline(counts: dict[dt.date, int]) -> Timeline:
    """Rows for the years that have dated articles, newest first; darker cells hold more."""
    years = sorted({month.year for month in counts}, reverse=True)
    busiest = max(counts.values(), default=1)
    rows = []
    for row_number, year in enumerate(years):
        y = HEADER + row_number * ROW_HEIGHT
        cells = []
        for month in range(1, 13):
            count = counts.get(dt.date(year, month, 1), 0)
            if not count:
                continue
            x = LABEL_WIDTH + (month - 1) * (CELL + GAP)
            cells.append(
                Cell(
                    x=x,
                    y=y,
                    size=ROW_HEIGHT - GAP,
                    opacity=round(0.25 + 0.75 * count / busiest, 2),
                    count=count,
                    url=reverse("articles:date-month", args=[year, month]),
                    label=f"{MONTH_NAMES[month - 1]} {year}: {count} "
                    f"article{'s' if count != 1 else ''}",
                )
            )
        rows.append(Row(year, y, reverse("articles:date-year", args=[year]), cells))
    months = [
        (LABEL_WIDTH + i * (CELL + GAP) + CELL // 2, letter)
        for i, letter in enumerate(MONTH_LETTERS)
    ]
    return Timeline(
        width=LABEL_WIDTH + 12 * (CELL + GAP),
        height=HEADER + max(len(rows), 1) * ROW_HEIGHT,
        rows=rows,
        months=months,
        total=sum(counts.values()),
    )
