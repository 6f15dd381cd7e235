"""Resolvers: from a matched expression to the interval it means, or None when it cannot be
placed (a relative date without a publication date, "now", "recently").

News conventions: a bare weekday or month is the most recent one unless the clause speaks of the
future; a day without a year is the nearest one. Earnings reports speak of "the quarter" and "a
year ago" meaning the quarter under discussion and the same quarter a year before.
"""

from __future__ import annotations

import datetime as dt
import re

from articles.nlp.dates.context import Context, Hit
from articles.nlp.dates.periods import (
    GRAINS,
    HOLIDAYS,
    Interval,
    century_of,
    completed_quarter,
    day,
    decade_of,
    last_quarter_started,
    month_of,
    nearest_year,
    pick_month_year,
    pick_season_year,
    pick_weekday,
    quarter_of,
    season_of,
    shift,
    week_of,
    year_of,
)
from articles.nlp.dates.vocabulary import parse_count, parse_year, words


def relation_of(groups: dict[str, str]) -> str:
    return " ".join((groups.get("rel") or "").lower().split())


def resolve_iso(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    return day(dt.date(int(g["year"]), int(g["m"]), int(g["d"])))


def resolve_month_day(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    m = words().months[g["month"].lower()]
    d = int(g["day"]) if g.get("day") else words().ordinals[g["day_word"].lower()]
    if g.get("year"):
        return day(dt.date(parse_year(g["year"]), m, d))
    hit.explicit_year = False
    if ctx.published is None:
        return None
    if g.get("weekday"):  # "Tuesday, June 9": the year in which June 9 is a Tuesday
        wanted = words().weekdays[g["weekday"].lower().rstrip(".")]
        this_year = ctx.published.year
        for y in sorted(range(this_year - 1, this_year + 2),
                        key=lambda y: abs(y - this_year)):  # fmt: skip
            try:
                if dt.date(y, m, d).weekday() == wanted:
                    return day(dt.date(y, m, d))
            except ValueError:
                continue
    relation = relation_of(g)
    tense = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}.get(
        relation, ctx.tense(hit.start, trust_past=False)
    )
    return day(dt.date(nearest_year(m, d, ctx.published, tense), m, d))


def resolve_week_of_day(hit: Hit, ctx: Context) -> Interval | None:
    """ "the week of March 6": the week (Monday to Sunday) holding that day."""
    found = resolve_month_day(hit, ctx)
    return week_of(found[0]) if found else None


def resolve_month(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    m = words().months[g["month"].lower()]
    if g.get("year"):
        return month_of(parse_year(g["year"]), m)
    if ctx.published is None:
        hit.explicit_year = False
        return None
    if g.get("yrel"):  # "June last year"
        return month_of(
            ctx.published.year + {"last": -1, "this": 0, "next": 1}[g["yrel"].lower()], m
        )
    hit.explicit_year = False
    relation = relation_of(g)
    # A month naming a thing ("a June agreement", "the March accession") is the nearest one:
    # the clause's tense tells when it is spoken of, not when the thing happens.
    tense = None if ctx.modifies_a_noun(hit.start) else ctx.tense(hit.start)
    return month_of(pick_month_year(m, ctx.published, relation, tense), m)


def resolve_season(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    seasons = words().seasons
    first = seasons[g["season"].lower()]
    last = seasons[g["season2"].lower()] if g.get("season2") else None
    if g.get("year"):
        y = parse_year(g["year"])
    elif ctx.published is None:
        return None
    else:
        y = pick_season_year(first, ctx.published, relation_of(g))
    return season_of(y, first, last)


def resolve_quarter(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    q = int(g["qnum"]) if g.get("qnum") else words().quarters[g["quarter"].lower()]
    if g.get("year"):
        y = parse_year(g["year"])
        if len(g["year"]) == 2:
            y = 1900 + y if y > 50 else 2000 + y
    elif ctx.published is None:
        return None
    elif g.get("yrel"):
        word = g["yrel"].lower()
        y = ctx.published.year + (
            -1 if word in ("last", "year-ago", "year-earlier", "prior") else 0
        )
        y += word == "next"
    else:
        y = last_quarter_started(q, ctx.published)
    return quarter_of(y, q)


def resolve_half(hit: Hit, ctx: Context) -> Interval | None:
    """A half-year, given as the two quarters it spans (there is no "half" granularity)."""
    g = hit.groups
    y = parse_year(g["year"])
    second = g["half"].lower() in ("second", "last", "latter")
    return quarter_of(y, 3 if second else 1)[0], quarter_of(y, 4 if second else 2)[1], "quarter"


def resolve_reported_quarter(hit: Hit, ctx: Context) -> Interval | None:
    """ "the quarter", "the latest period", "the year-ago quarter": the quarter under discussion."""
    g = hit.groups
    text = " ".join(ctx.text[hit.start : hit.end].lower().split())
    if "current" in text and ctx.published:
        y, q = ctx.published.year, (ctx.published.month - 1) // 3 + 1
    elif ctx.quarter is not None:
        y, q = ctx.quarter
    elif ctx.published is None or ("period" in text and not g.get("now")):
        return None  # "the period" is a quarter only in talk about quarters, or the latest one
    elif g.get("now") and "latest" not in text:
        y, q = ctx.published.year, (ctx.published.month - 1) // 3 + 1
    else:
        y, q = completed_quarter(ctx.published)
    if g.get("ago") or "last year" in text or "a year" in text:
        y -= 1
    elif g.get("year"):
        y = parse_year(g["year"])
    return quarter_of(y, q)


def resolve_year(hit: Hit, ctx: Context) -> Interval | None:
    return year_of(parse_year(hit.groups["year"]))


def resolve_decade(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    if g.get("decade"):
        return decade_of(int(g["decade"]))
    tens = int(g["short"]) if g.get("short") else words().decades[g["words"].lower()]
    century = ctx.published.year // 100 * 100 if ctx.published else 1900
    # "the '90s" written in 2005 still means the 1990s: a decade later than now is the last century.
    if ctx.published and century + tens > ctx.published.year:
        century -= 100
    return decade_of(century + tens)


def resolve_century(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    if g.get("ordinal"):
        word = g["ordinal"].lower()
        number = words().ordinals.get(word) or int(re.sub(r"\D", "", word))
        return century_of(number)
    if ctx.published is None:
        return None
    current = ctx.published.year // 100 + 1
    return century_of(current + {"last": -1, "next": 1}.get(relation_of(g), 0))


def resolve_day_word(hit: Hit, ctx: Context) -> Interval | None:
    if ctx.published is None:
        return None
    word = " ".join(hit.groups["word"].lower().split())
    offsets = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}
    offsets["the day after tomorrow"] = 2
    return day(ctx.published + dt.timedelta(days=offsets.get(word, 0)))


def resolve_weekday(hit: Hit, ctx: Context) -> Interval | None:
    if ctx.published is None:
        return None
    g = hit.groups
    weekday = words().weekdays[g["weekday"].lower().rstrip(".")]
    relation = relation_of(g)
    future = ctx.tense(hit.start) == "future"
    return day(pick_weekday(weekday, ctx.published, relation, future))


UNIT_STEP = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1}
UNIT_STEP.update({"coming": 1, "following": 1, "this past": -1, "this coming": 1, "the": 0})


def resolve_relative_unit(hit: Hit, ctx: Context) -> Interval | None:
    """ "last week", "this month", "earlier this year", "the coming year"."""
    g = hit.groups
    unit = g["unit"].lower()
    relation = relation_of(g).removeprefix("the ").strip()
    if unit == "quarter" and relation in ("this", "current", "the") and ctx.quarter:
        return quarter_of(*ctx.quarter)
    if ctx.published is None:
        return None
    steps = UNIT_STEP.get(relation, 0)
    later = re.match(r"later\s", ctx.text[hit.start : hit.end], re.I)
    if unit == "year" and steps == 0 and later:
        # "later this year": what is left of it, from the month of publication to December.
        return (
            month_of(ctx.published.year, ctx.published.month)[0],
            year_of(ctx.published.year)[1],
            "month",
        )
    if (
        unit == "year"
        and steps == -1
        and (talked_of := ctx.quarter_talked_of(hit.start))
        and compares(ctx, hit)
    ):
        y, q = talked_of  # "profit rose to $5 million from $3 million last year": that quarter
        return quarter_of(y - 1, q)
    return shift(ctx.published, unit, steps)


COMPARISON = re.compile(r"\b(?:compared\s+(?:with|to)|from|versus|than)\b[^.;]*$", re.I)


def compares(ctx: Context, hit: Hit) -> bool:
    """Whether the sentence compares a figure with an earlier one before this date."""
    return bool(COMPARISON.search(ctx.text[max(0, hit.start - 150) : hit.start]))


ANAPHORIC_STEP = {"that": 0, "that same": 0, "the same": 0, "the following": 1, "the next": 1}
ANAPHORIC_STEP.update({"the previous": -1, "the preceding": -1, "the prior": -1})


def resolve_anaphoric(hit: Hit, ctx: Context) -> Interval | None:
    """ "the following year", "later that year", "that same day": from the last date given."""
    g = hit.groups
    unit = g["unit"].lower()
    unit = "day" if unit in ("morning", "afternoon", "evening", "night") else unit
    if ctx.anchor is None or GRAINS.index(ctx.anchor[2]) > GRAINS.index(unit):
        return None  # "that day" after "in 1995" cannot be placed
    return shift(ctx.anchor[0], unit, ANAPHORIC_STEP[relation_of(g)])


def resolve_this_unit(hit: Hit, ctx: Context) -> Interval | None:
    """ "by year-end", "earlier in the year", "the end of the month": the year or month of
    publication."""
    if ctx.published is None:
        return None
    g = hit.groups
    unit = g.get("unit") or g.get("unit2") or g.get("unit3") or g.get("unit4") or "year"
    return shift(ctx.published, unit.lower(), 0)


def resolve_current_unit(hit: Hit, ctx: Context) -> Interval | None:
    """ "the year", "the fiscal year", "the weekend": the one the article is in (or just before)."""
    if ctx.published is None:
        return None
    unit = hit.groups["unit"].lower()
    if unit == "weekend":
        # The weekend just past, or the coming one when the clause speaks of the future.
        steps = 0 if ctx.tense(hit.start) == "future" or ctx.published.weekday() >= 5 else -1
        return shift(ctx.published, "weekend", steps)
    return shift(ctx.published, unit, 0)


def resolve_ago(hit: Hit, ctx: Context) -> Interval | None:
    """ "two weeks ago", "a year earlier": counted back (or on) from the publication date."""
    g = hit.groups
    count = parse_count(g["count"])
    unit = g["unit"].lower()
    direction = g["dir"].lower()
    if direction in ("later", "earlier") and (same := compared_date(hit, ctx)) is not None:
        return same
    if count is None or ctx.published is None or direction in ("later", "after"):
        return None
    if (
        unit == "year"
        and count == 1
        and direction in ("ago", "earlier")
        and (talked_of := ctx.quarter_talked_of(hit.start))
    ):
        y, q = talked_of
        return quarter_of(y - 1, q)
    steps = -count if direction in ("ago", "earlier", "before") else count
    if unit == "decade":
        return year_of(ctx.published.year + 10 * steps)
    return shift(ctx.published, unit, steps)


# "on November 11, three days later than planned": the comparison set off by a comma after a date
# says how that date stands to a plan; it names the same day, not one counted on from it.
COMPARED_AFTER_DATE = re.compile(r",\s*$")
THAN_AFTER = re.compile(r"\s+than\b", re.I)


def compared_date(hit: Hit, ctx: Context) -> Interval | None:
    """The date a "N days later than ..." set off by a comma right after it describes."""
    if ctx.anchor is None or not THAN_AFTER.match(ctx.text, hit.end):
        return None
    if not COMPARED_AFTER_DATE.match(ctx.text[ctx.anchor_end : hit.start]):
        return None
    return ctx.anchor


def resolve_year_ago(hit: Hit, ctx: Context) -> Interval | None:
    """ "year-earlier", "year-ago" used alone: the compared quarter, or the year before."""
    if talked_of := ctx.quarter_talked_of(hit.start):
        y, q = talked_of
        return quarter_of(y - 1, q)
    if ctx.published is None:
        return None
    return year_of(ctx.published.year - 1)


def resolve_holiday(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    name = " ".join(g["holiday"].lower().split()).replace("’", "'")
    name = {"thanksgiving day": "thanksgiving", "christmas day": "christmas"}.get(name, name)
    name = {"easter sunday": "easter", "new year's": "new year's day"}.get(name, name)
    date_of = HOLIDAYS[name]
    if g.get("year"):
        found = date_of(parse_year(g["year"]))
    elif ctx.published is None:
        return None
    else:
        relation = relation_of(g)
        this_year = date_of(ctx.published.year)
        begun = this_year <= ctx.published or (
            g.get("week") and week_of(this_year)[0] <= ctx.published
        )
        if relation == "next" or (not relation and ctx.tense(hit.start) == "future"):
            found = this_year if this_year >= ctx.published else date_of(ctx.published.year + 1)
        elif relation == "this":
            found = this_year
        else:
            found = this_year if begun else date_of(ctx.published.year - 1)
    if g.get("week"):
        return week_of(found)
    return day(found)


def unplaced(hit: Hit, ctx: Context) -> Interval | None:
    """Present, past and future references ("now", "recently"): marked, never placed."""
    return None
