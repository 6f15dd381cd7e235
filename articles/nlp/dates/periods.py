"""Calendar arithmetic: the periods a date can mean, moving them, and choosing which occurrence
of a period a relative expression ("last June", "Friday") means from the publication date."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

Interval = tuple[dt.date, dt.date, str]  # first day, last day, granularity

# Granularities from the finest; a range takes the coarser of its ends'.
GRAINS = ["day", "week", "month", "season", "quarter", "year", "decade", "century"]


def day(date: dt.date) -> Interval:
    return date, date, "day"


def week_of(date: dt.date) -> Interval:
    monday = date - dt.timedelta(days=date.weekday())
    return monday, monday + dt.timedelta(days=6), "week"


def month_of(y: int, m: int) -> Interval:
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]), "month"


def add_months(y: int, m: int, months: int) -> tuple[int, int]:
    index = y * 12 + (m - 1) + months
    return index // 12, index % 12 + 1


def season_of(y: int, first_month: int, last_first_month: int | None = None) -> Interval:
    """The season starting in `first_month` of year y, or a run of seasons up to another one."""
    last_first_month = last_first_month or first_month
    end_year = y + (last_first_month < first_month)
    end_y, end_m = add_months(end_year, last_first_month, 2)
    return dt.date(y, first_month, 1), month_of(end_y, end_m)[1], "season"


def quarter_of(y: int, q: int) -> Interval:
    return dt.date(y, 3 * q - 2, 1), month_of(y, 3 * q)[1], "quarter"


def year_of(y: int) -> Interval:
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"


def decade_of(y: int) -> Interval:
    return dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade"


def century_of(number: int) -> Interval:
    """The n-th century as its hundred years: the 20th century is 1900-1999."""
    first = (number - 1) * 100
    return dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31), "century"


def shift_quarter(y: int, q: int, quarters: int) -> tuple[int, int]:
    index = y * 4 + (q - 1) + quarters
    return index // 4, index % 4 + 1


def shift(published: dt.date, unit: str, steps: int) -> Interval | None:
    """The calendar unit containing the publication date, moved by `steps` units."""
    if unit == "day":
        return day(published + dt.timedelta(days=steps))
    if unit == "week":
        return week_of(published + dt.timedelta(weeks=steps))
    if unit == "weekend":
        saturday = week_of(published + dt.timedelta(weeks=steps))[0] + dt.timedelta(days=5)
        return saturday, saturday + dt.timedelta(days=1), "week"
    if unit == "month":
        return month_of(*add_months(published.year, published.month, steps))
    if unit == "quarter":
        return quarter_of(*shift_quarter(published.year, (published.month - 1) // 3 + 1, steps))
    if unit == "year":
        return year_of(published.year + steps)
    if unit == "decade":
        return decade_of(published.year // 10 * 10 + 10 * steps)
    if unit == "century":
        return century_of(published.year // 100 + 1 + steps)
    return None


def in_year(value: Interval, y: int) -> Interval:
    """A month or day moved into another year ("from March to June 2020": March borrows 2020)."""
    start, _end, grain = value
    if grain == "month":
        return month_of(y, start.month)
    if grain == "day":
        try:
            return day(start.replace(year=y))
        except ValueError:
            return value
    return value


def easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month_number, day_number = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(y, month_number, day_number + 1)


def nth_weekday(y: int, m: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month; n = -1 for the last one."""
    if n < 0:
        last = dt.date(y, m, calendar.monthrange(y, m)[1])
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(y, m, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4),
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "easter": easter,
    "good friday": lambda y: easter(y) - dt.timedelta(days=2),
    "election day": lambda y: nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),
    "veterans day": lambda y: dt.date(y, 11, 11),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
}

# --------------------------------------------------------------------------------------------
# Choosing the occurrence a relative expression means
# --------------------------------------------------------------------------------------------


def pick_weekday(weekday: int, published: dt.date, relation: str, future: bool) -> dt.date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if relation in ("last", "the previous", "this past", "past"):
        return published - dt.timedelta(days=back or 7)
    if relation in ("next", "the following", "this coming", "coming"):
        return published + dt.timedelta(days=ahead or 7)
    if relation == "this":
        return published - dt.timedelta(days=published.weekday() - weekday)
    return published + dt.timedelta(days=ahead) if future else published - dt.timedelta(days=back)


def pick_month_year(m: int, published: dt.date, relation: str, tense: str | None) -> int:
    """Year of a month named without one: "last June", "in January" (said, or to come)."""
    y = published.year
    if relation in ("last", "this past", "past"):
        return y if m < published.month else y - 1
    if relation in ("next", "this coming", "coming"):
        return y if m > published.month else y + 1
    if relation == "this":
        return y
    if tense == "future":
        return y if m >= published.month else y + 1
    if tense == "past":
        return y if m <= published.month else y - 1
    return nearest_year(m, 15, published, None)


# News reports what has happened far more than what is to come: with no tense to go by, a day or
# month named without a year is the one before publication unless the next one is much nearer.
FUTURE_WEIGHT = 2


def nearest_year(m: int, d: int, published: dt.date, tense: str | None) -> int:
    """The year putting month m, day d nearest the publication date, on the side the tense says;
    with no tense, a later date counts as `FUTURE_WEIGHT` times as far as an earlier one."""
    candidates = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(y, m, d))
        except ValueError:
            continue
    if tense == "future":
        candidates = [c for c in candidates if c >= published] or candidates
    elif tense == "past":
        candidates = [c for c in candidates if c <= published] or candidates
    return min(
        candidates,
        key=lambda c: (
            (c - published).days * FUTURE_WEIGHT if c > published else (published - c).days
        ),
    ).year


def pick_season_year(first_month: int, published: dt.date, relation: str) -> int:
    """Year in which the meant season starts; bare and "this" mean the current or latest one."""
    # The season under way at publication, or the latest one before it.
    latest = (
        published.year
        if dt.date(published.year, first_month, 1) <= published
        else published.year - 1
    )
    if relation in ("last", "past"):  # "last spring" said in May is the spring of a year before
        return latest - 1 if season_of(latest, first_month)[1] >= published else latest
    if relation in ("next", "coming", "this coming"):
        return latest + 1
    if relation == "this" and first_month != 12:  # "this summer" said in March is still to come
        return published.year
    return latest


def last_quarter_started(q: int, published: dt.date) -> int:
    return (
        published.year if dt.date(published.year, 3 * q - 2, 1) <= published else published.year - 1
    )


def completed_quarter(published: dt.date) -> tuple[int, int]:
    return shift_quarter(published.year, (published.month - 1) // 3 + 1, -1)
