"""Dates for synthetic articles: publication days across the archive's years, and the dates
mentioned in a body ("on March 3, 2014", "in the spring of 2019"), with the interval each means."""

from __future__ import annotations

import calendar
import datetime as dt
import random
from bisect import bisect

from articles.models import Granularity

FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2025, 12, 31)
ARCHIVE_DAYS = (LAST_DAY - FIRST_DAY).days + 1
MONTHS = list(calendar.month_name)  # "", "January", ...
SEASON_NAMES = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
ORDINALS = ["first", "second", "third", "fourth"]
# How many years before publication a mentioned date lies: mostly the same year or a recent one.
YEARS_BACK = [0, 0, 0, 1, 1, 2, 3, 5]
GRAINS = ["day", "month", "season", "quarter", "year"]
GRAIN_CUMULATIVE_PERCENT = [35, 65, 80, 85, 100]


def invent_published(*, rng: random.Random) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=int(rng.random() * ARCHIVE_DAYS))


def months(year: int, first_month: int, last_month: int) -> tuple[dt.date, dt.date]:
    """The first day of the first month and the last day of the last, which may be a month of
    the next year (13 is the next January)."""
    end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    last_day = calendar.monthrange(end_year, end_month)[1]
    return dt.date(year, first_month, 1), dt.date(end_year, end_month, last_day)


def invent_date(*, rng: random.Random, year: int) -> tuple[str, str, dt.date, dt.date, str]:
    """(preposition, text, first day, last day, granularity) of a date near `year`."""
    random_ = rng.random
    back = YEARS_BACK[int(random_() * len(YEARS_BACK))]
    # Before the archive's first year, the date looks as far ahead instead, so early years get
    # no pile of clamped dates.
    year = year - back if year - back >= FIRST_DAY.year else year + back
    grain = GRAINS[bisect(GRAIN_CUMULATIVE_PERCENT, random_() * 100)]
    if grain == "day":
        month, day = 1 + int(random_() * 12), 1 + int(random_() * 28)
        date = dt.date(year, month, day)
        return "on", f"{MONTHS[month]} {day}, {year}", date, date, Granularity.DAY.value
    if grain == "month":
        month = 1 + int(random_() * 12)
        first, last = months(year, month, month)
        return "in", f"{MONTHS[month]} {year}", first, last, Granularity.MONTH.value
    if grain == "season":  # meteorological seasons, as the date stage reads them
        first_month = 3 * (1 + int(random_() * 4))
        first, last = months(year, first_month, first_month + 2)
        season = f"the {SEASON_NAMES[first_month]} of {year}"
        return "in", season, first, last, Granularity.SEASON.value
    if grain == "quarter":
        quarter = 1 + int(random_() * 4)
        first, last = months(year, quarter * 3 - 2, quarter * 3)
        text = f"the {ORDINALS[quarter - 1]} quarter of {year}"
        return "in", text, first, last, Granularity.QUARTER.value
    return "in", str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), Granularity.YEAR.value
