"""Date expressions and the calendar intervals they mean.

Dates are the points and periods of the calendar that TimeML calls DATE: "June 9, 2020", "last
week", "the third quarter", "the 1990s", and the present/past/future references ("now",
"recently", "the future") that cannot be placed but that readers still expect marked. Durations
("three years"), times of day and frequencies ("every week") are not dates.

How it works, and why:
- Detection is a set of regular expressions over the text (`RULES`, patterns as data), so it does
  not depend on the model: a blank pipeline finds the same dates. spaCy's DATE entities only add
  what the rules missed, and only when they look like a date rather than a duration.
- Every rule has a resolver that turns its match into an interval, using the publication date for
  relative expressions. News conventions: a bare weekday or month is the most recent one unless the
  clause speaks of the future ("will", "scheduled", "by"); a day without a year is the nearest one.
- Qualifiers like "early", "late" or "the end of" keep the whole period: "late November" is placed
  in November, which is what a reader searching by date wants.
- Earnings reports speak of "the quarter" and "a year ago" meaning the quarter under discussion and
  the same quarter a year before, so the last quarter named in the text is kept as context.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc

Interval = tuple[dt.date, dt.date, str]  # first day, last day, granularity

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS.update({"sept": 9, "febr": 2})
WEEKDAYS = {calendar.day_name[number].lower(): number for number in range(7)}
WEEKDAYS.update({"tues": 1, "weds": 2, "thurs": 3})
# Meteorological seasons, by their first month (winter runs into the next year).
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
QUARTERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
QUARTERS["final"] = 4
NUMBERS = {
    word: number
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBERS.update({"a": 1, "an": 1, "a couple of": 2, "a dozen": 12})
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
TENS.update({"eighty": 80, "ninety": 90})
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31,
}  # fmt: skip
DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60}
DECADE_WORDS.update({"seventies": 70, "eighties": 80, "nineties": 90})
# Month names that are also common words or first names: alone, they need a cue before them.
AMBIGUOUS_MONTHS = {"may", "march", "june", "august", "april", "jan", "mar", "sun"}


def alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def month(name: str = "month") -> str:
    return rf"(?P<{name}>{alternatives(MONTHS)})\b\.?"


def year(name: str = "year") -> str:
    """Four digits, or a spoken year ("nineteen ninety-six", "two thousand and one")."""
    units = alternatives(list(NUMBERS)[1:10])
    spoken = (
        rf"nineteen[\s-](?:hundred|(?:{alternatives(TENS)})(?:[\s-](?:{units}))?|{units})"
        rf"|two[\s-]thousand(?:[\s-](?:and[\s-])?(?:{units}|ten|eleven|twelve))?"
    )
    return rf"(?P<{name}>(?:1[0-9]|20)[0-9]{{2}}(?![\d,.]\d)|{spoken})\b"


WEEKDAY = rf"(?P<weekday>{alternatives(WEEKDAYS)})\b\.?"
DAY = r"(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?\b"
DAY_WORD = rf"(?P<day_word>{alternatives(ORDINAL_WORDS)})\b"
PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|noon))?"
# Qualifiers that keep the whole period ("late November" is placed in November).
QUALIFIER = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:early|earlier|late|later|mid|middle|end|beginning|start|"
    r"first\s+half|second\s+half|last\s+half|close)(?:\s+part)?(?:\s+of(?:\s+the)?)?[\s-]+)?"
)
SEASON = rf"(?P<season>{alternatives(SEASONS)})"
QUARTER_ORDINAL = rf"(?P<quarter>{alternatives(QUARTERS)})"
UNIT = r"(?P<unit>day|week|weekend|month|year|quarter|decade|century)"
COUNT = rf"(?P<count>\d+|{alternatives(NUMBERS)}|a few|few|several|many|some)"

# --------------------------------------------------------------------------------------------
# Calendar arithmetic
# --------------------------------------------------------------------------------------------


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
# Context: the publication date, the tense of the clause, the quarter under discussion
# --------------------------------------------------------------------------------------------

# Words right before a date that point forward ("by Friday", "payable Dec. 1").
TIME_OF_DAY = r"(?:\d{1,2}(?::\d\d)?\s*(?:[ap]\.m\.|noon)\s*(?:[A-Z]{3}\s+)?)?"
FUTURE_BEFORE = re.compile(
    r"\b(?:(?:by|until|till|effective|payable|starting|beginning|expires?|record|as\s+(?:soon|early)"
    rf"\s+as)\s+(?:on\s+)?|(?:until|till)\s+the\s+){TIME_OF_DAY}$",
    re.I,
)
# ...and words that point back ("since Jan. 13", "the year ended March 31").
PAST_BEFORE = re.compile(r"\b(?:since|ended|ending|through|as\s+of)\s+(?:on\s+)?$", re.I)
# Words earlier in the clause that put it in the future ("will meet Monday"), when no parse says.
FUTURE_CLAUSE = re.compile(
    r"\b(?:will|won't|wo\s+n't|shall|would|going\s+to|scheduled|planned|plans?\s+to|set\s+to|"
    r"due\s+to|expected\s+to|expects?\s+to|(?:is|are)\s+to|to\s+be\s+held|upcoming|"
    r"as\s+(?:soon|early)\s+as)\b|'ll\b",
    re.I,
)
# Clause ends; a full stop only when it is not part of "a.m." or an initial.
CLAUSE_BOUNDARY = re.compile(r"(?<![ap]\.m)(?<!\b[A-Z])[.;:!?](?=\s)|[,\"“”()]|``|''|\n")
FUTURE_AUXILIARIES = {"will", "'ll", "shall", "wo", "would", "'d"}
PRESENT_PERFECT = {"has", "have", "'s", "'ve"}
# Counts ("$1990", "1990 percent") that look like years but are not.
NOT_A_YEAR_AFTER = re.compile(r"^\s*(?:%|percent\b|per\s+cent\b|[x×]\b)", re.I)
NOT_A_YEAR_BEFORE = re.compile(r"(?:[$#£€¥]|\bNo\.|\bnumber|[\d.,])\s*$", re.I)
NUMERIC_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL", "PRODUCT"}


@dataclass
class Context:
    doc: Doc
    published: dt.date | None
    text: str = ""
    numeric: list[tuple[int, int]] = field(default_factory=list)  # spans the model calls numbers
    quarter: tuple[int, int] | None = None  # (year, quarter) last reported in the text
    quarter_at: int = -(10**9)  # where it was named
    anchor: dt.date | None = None  # the last date given in full, for "the following year"

    def __post_init__(self) -> None:
        self.text = self.doc.text
        self.numeric = [
            (e.start_char, e.end_char) for e in self.doc.ents if e.label_ in NUMERIC_LABELS
        ]
        self.parsed = self.doc.has_annotation("DEP") and self.doc.has_annotation("TAG")
        self.starts = [token.idx for token in self.doc] if self.parsed else []

    def tense(self, start: int, trust_past: bool = True) -> str | None:
        """ "past", "future" or None (unknown or present) for the clause of the date at `start`.

        The words right before the date decide first ("payable Dec. 1", "since Jan. 13"), then the
        verb it hangs on. A past verb is weak evidence for a day named without a year ("set
        Nov. 10 as the deadline"), so resolvers may choose to ignore it (`trust_past`).
        """
        before = self.text[max(0, start - 200) : start]
        if FUTURE_BEFORE.search(before):
            return "future"
        if PAST_BEFORE.search(before):
            return "past"
        said = self.parsed_tense(start) if self.parsed else None
        if said == "future" or (said == "past" and trust_past):
            return said
        if said is None:
            boundaries = list(CLAUSE_BOUNDARY.finditer(before))
            clause = before[boundaries[-1].end() :] if boundaries else before
            if FUTURE_CLAUSE.search(clause):
                return "future"
        return None

    def parsed_tense(self, start: int) -> str | None:
        """The tense of the verb the date hangs on: "said Friday", "will meet Monday"."""
        token = self.doc[max(0, bisect.bisect_right(self.starts, start) - 1)]
        for _ in range(6):
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                break
            token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            return None
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in auxiliaries}
        if words & FUTURE_AUXILIARIES or (token.tag_ == "VB" and "to" in words):
            return "future"  # "will meet", "plans to leave", "is to resume"
        if token.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxiliaries):
            return "past"  # "said", "was announced", "had filed"
        if token.tag_ == "VBN" and words & PRESENT_PERFECT:
            return "past"  # "has fallen"
        return None

    def is_numeric(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.numeric)

    def in_quarter_talk(self, start: int) -> bool:
        """A quarter was named recently enough that "a year ago" compares with it."""
        return self.quarter is not None and start - self.quarter_at < 1000


def parse_year(text: str) -> int:
    text = text.lower().replace("-", " ")
    if text[:1].isdigit():
        return int(text)
    words = [w for w in text.split() if w != "and"]
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        return 2000 + (NUMBERS.get(rest[0], 0) if rest else 0)
    total = 1900
    for word in words[1:]:
        total += TENS.get(word, 0) + (NUMBERS.get(word, 0) if word in NUMBERS else 0)
    return total


def parse_count(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    return NUMBERS.get(text)


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


def nearest_year(m: int, d: int, published: dt.date, tense: str | None) -> int:
    """The year putting month m, day d nearest the publication date, on the side the tense says."""
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
    return min(candidates, key=lambda c: abs((c - published).days)).year


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


def shift_quarter(y: int, q: int, quarters: int) -> tuple[int, int]:
    index = y * 4 + (q - 1) + quarters
    return index // 4, index % 4 + 1


def completed_quarter(published: dt.date) -> tuple[int, int]:
    return shift_quarter(published.year, (published.month - 1) // 3 + 1, -1)


# --------------------------------------------------------------------------------------------
# Resolvers: match -> interval (None when it cannot be placed)
# --------------------------------------------------------------------------------------------


@dataclass
class Hit:
    """A matched expression on its way to a FoundDate."""

    start: int
    end: int
    rule: str
    groups: dict
    value: Interval | None = None
    explicit_year: bool = True


def relation_of(groups: dict) -> str:
    return " ".join((groups.get("rel") or "").lower().split())


def resolve_iso(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    return day(dt.date(int(g["year"]), int(g["m"]), int(g["d"])))


def resolve_month_day(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    m = MONTHS[g["month"].lower()]
    d = int(g["day"]) if g.get("day") else ORDINAL_WORDS[g["day_word"].lower()]
    if g.get("year"):
        return day(dt.date(parse_year(g["year"]), m, d))
    hit.explicit_year = False
    if ctx.published is None:
        return None
    if g.get("weekday"):  # "Tuesday, June 9": the year in which June 9 is a Tuesday
        wanted = WEEKDAYS[g["weekday"].lower().rstrip(".")]
        for y in sorted(range(ctx.published.year - 1, ctx.published.year + 2),
                        key=lambda y: abs(y - ctx.published.year)):  # fmt: skip
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


def resolve_month(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    m = MONTHS[g["month"].lower()]
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
    return month_of(pick_month_year(m, ctx.published, relation, ctx.tense(hit.start)), m)


def resolve_season(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    first = SEASONS[g["season"].lower()]
    last = SEASONS[g["season2"].lower()] if g.get("season2") else None
    if g.get("year"):
        y = parse_year(g["year"])
    elif ctx.published is None:
        return None
    else:
        y = pick_season_year(first, ctx.published, relation_of(g))
    return season_of(y, first, last)


def resolve_quarter(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    q = int(g["qnum"]) if g.get("qnum") else QUARTERS[g["quarter"].lower()]
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
    elif ctx.published is None or "period" in text:
        return None  # "the period" is a quarter only in talk about quarters
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
    tens = int(g["short"]) if g.get("short") else DECADE_WORDS[g["words"].lower()]
    century = ctx.published.year // 100 * 100 if ctx.published else 1900
    # "the '90s" written in 2005 still means the 1990s: a decade later than now is the last century.
    if ctx.published and century + tens > ctx.published.year:
        century -= 100
    return decade_of(century + tens)


def resolve_century(hit: Hit, ctx: Context) -> Interval | None:
    g = hit.groups
    if g.get("ordinal"):
        word = g["ordinal"].lower()
        number = ORDINAL_WORDS.get(word) or int(re.sub(r"\D", "", word))
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
    weekday = WEEKDAYS[g["weekday"].lower().rstrip(".")]
    relation = relation_of(g)
    future = ctx.tense(hit.start) == "future"
    return day(pick_weekday(weekday, ctx.published, relation, future))


UNIT_STEP = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1}
UNIT_STEP.update({"coming": 1, "following": 1, "this past": -1, "this coming": 1, "the": 0})


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
    if unit == "year" and steps == -1 and ctx.in_quarter_talk(hit.start) and compares(ctx, hit):
        y, q = ctx.quarter  # "profit rose to $5 million from $3 million last year": that quarter
        return quarter_of(y - 1, q)
    return shift(ctx.published, unit, steps)


COMPARISON = re.compile(r"\b(?:compared\s+(?:with|to)|from|versus|than)\b[^.;]*$", re.I)


def compares(ctx: Context, hit: Hit) -> bool:
    """Whether the sentence compares a figure with an earlier one before this date."""
    return bool(COMPARISON.search(ctx.text[max(0, hit.start - 150) : hit.start]))


ANAPHORIC_STEP = {"that": 0, "that same": 0, "the same": 0, "the following": 1, "the next": 1}
ANAPHORIC_STEP.update({"the previous": -1, "the preceding": -1, "the prior": -1})
GRAINS = ["day", "week", "month", "season", "quarter", "year", "decade", "century"]


def resolve_anaphoric(hit: Hit, ctx: Context) -> Interval | None:
    """ "the following year", "later that year", "that same day": from the last date given."""
    g = hit.groups
    unit = g["unit"].lower()
    unit = "day" if unit in ("morning", "afternoon", "evening", "night") else unit
    if ctx.anchor is None or GRAINS.index(ctx.anchor[2]) > GRAINS.index(unit):
        return None  # "that day" after "in 1995" cannot be placed
    return shift(ctx.anchor[0], unit, ANAPHORIC_STEP[relation_of(g)])


def resolve_this_year(hit: Hit, ctx: Context) -> Interval | None:
    """ "by year-end", "earlier in the year": the year of publication."""
    return year_of(ctx.published.year) if ctx.published else None


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
    if count is None or ctx.published is None or direction in ("later", "after"):
        return None
    if (
        unit == "year"
        and count == 1
        and direction in ("ago", "earlier")
        and ctx.in_quarter_talk(hit.start)
    ):
        y, q = ctx.quarter
        return quarter_of(y - 1, q)
    steps = -count if direction in ("ago", "earlier", "before") else count
    if unit == "decade":
        return year_of(ctx.published.year + 10 * steps)
    return shift(ctx.published, unit, steps)


def resolve_year_ago(hit: Hit, ctx: Context) -> Interval | None:
    """ "year-earlier", "year-ago" used alone: the compared quarter, or the year before."""
    if ctx.in_quarter_talk(hit.start):
        y, q = ctx.quarter
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
    return None


# --------------------------------------------------------------------------------------------
# Rules: patterns as data. Each pattern matches a whole expression; longer matches win.
# --------------------------------------------------------------------------------------------

REL = (
    r"(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+previous|the\s+following|past|coming)"
)
YREL = r"(?P<yrel>last|this|next)"
HOLIDAY_NAMES = [
    "Thanksgiving Day", "Thanksgiving", "Christmas Day", "Christmas Eve", "Christmas",
    "New Year's Eve", "New Year's Day", "Easter Sunday", "Easter", "Good Friday", "Election Day",
    "Independence Day", "Memorial Day", "Labor Day", "Veterans Day", "Halloween", "Valentine's Day",
]  # fmt: skip


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Callable[[Hit, Context], Interval | None]
    trigger: re.Pattern  # a word every match holds, found fast


@functools.cache
def trigger_pattern(words: str, flags: int) -> re.Pattern:
    return re.compile(words, flags)


def rule(name: str, trigger: str, pattern: str, resolve, flags=re.I) -> Rule:
    return Rule(
        name,
        re.compile(rf"(?<![\w'’-]){pattern}(?!\w|-\w)", flags),
        resolve,
        trigger_pattern(trigger, flags),
    )


def capitalised_prefixes(names) -> str:
    """A case-sensitive trigger for capitalised names ("Jan" finds "January", "JANUARY")."""
    prefixes = {name[:3] for name in names}
    choices = sorted(p.title() for p in prefixes) + sorted(p.upper() for p in prefixes)
    return rf"(?-i:\b(?:{'|'.join(choices)}))"


MONTH_TRIGGER = capitalised_prefixes(MONTHS)
WEEKDAY_TRIGGER = capitalised_prefixes(WEEKDAYS)


RULES = [
    rule("iso", r"\d{4}-\d\d", r"(?P<year>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)", resolve_iso),
    rule(
        "month_day",
        MONTH_TRIGGER,
        rf"(?:{REL}\s+)?(?:{WEEKDAY},?\s+)?{QUALIFIER}{month()}\s+(?:{DAY}|(?:the\s+)?{DAY_WORD})"
        rf"(?:,?\s+{year()})?",
        resolve_month_day,
    ),
    rule(
        "day_month",
        MONTH_TRIGGER,
        rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?:{DAY}|{DAY_WORD})\s+(?:of\s+)?{month()}(?:,?\s+{year()})?",
        resolve_month_day,
    ),
    rule(
        "month",
        MONTH_TRIGGER,
        rf"(?:{REL}\s+|{QUALIFIER}|the\s+month\s+of\s+)?{month()}"
        rf"(?:,?\s+(?:of\s+)?{year()}|\s+{YREL}\s+year)?",
        resolve_month,
    ),
    rule(
        "season",
        alternatives(SEASONS),
        rf"(?:{REL}\s+|the\s+)?{QUALIFIER}{SEASON}(?:\s+and\s+(?:the\s+)?"
        rf"(?P<season2>{alternatives(SEASONS)}))?(?:\s+(?:of\s+)?{year()})?",
        resolve_season,
    ),
    rule(
        "quarter",
        "quarter",
        rf"(?:the\s+|its\s+|a\s+)?(?:{year()}\s+|{YREL}\s+year['’]s\s+|"
        rf"(?P<yrel2>year-ago|year-earlier|prior-year)\s+)?(?:fiscal[\s-]+)?{QUARTER_ORDINAL}"
        rf"[\s-]+(?:fiscal[\s-]+)?quarter(?:\s+of\s+(?:fiscal\s+)?(?:{year('year2')}|"
        rf"{YREL.replace('yrel', 'yrel3')}\s+year))?",
        lambda hit, ctx: resolve_quarter(merge_groups(hit), ctx),
    ),
    rule(
        "quarter_code",
        r"Q[1-4]|[1-4]Q",
        r"Q(?P<qnum>[1-4])(?:\s*(?:FY)?['’]?(?P<year>\d{4}|\d{2}))?"
        r"|(?P<qnum2>[1-4])Q\s*['’]?(?P<year2>\d{4}|\d{2})",
        lambda hit, ctx: resolve_quarter(merge_groups(hit), ctx),
        flags=0,
    ),
    rule(
        "half",
        r"half|quarters",
        rf"(?:the\s+)?(?P<half>first|second|last|latter)\s+(?:half|two\s+quarters)\s+of\s+"
        rf"(?:fiscal\s+)?{year()}",
        resolve_half,
    ),
    rule(
        "reported_quarter",
        r"quarter|period",
        r"(?:(?:the|that|this|its|their)\s+(?=\S)|(?=(?:latest|current|most|recent|comparable|same|"
        r"year-|prior-|corresponding|last|1|20)))(?:(?P<now>latest|current|most\s+recent|recent)\s+|"
        r"(?P<ago>(?:comparable\s+|same\s+)?(?:year-ago|year-earlier|prior-year|year-before)"
        r"|(?:comparable|corresponding|same)(?=\s+(?:quarter|period)\s+(?:a|last)\s+year)"
        r"|last\s+year['’]s)\s+|(?P<year>(?:1[0-9]|20)\d\d)\s+|(?P<same>comparable|same)\s+)?"
        r"(?:fiscal\s+)?(?:quarter|period)(?:\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?",
        resolve_reported_quarter,
    ),
    rule(
        "year",
        r"\d{4}|nineteen|thousand",
        rf"(?:(?:in|fiscal(?:\s+year)?|the\s+year|calendar(?:\s+year)?|FY)\s+|{QUALIFIER}|"
        rf"(?:pre|post)-)?{year()}",
        resolve_year,
    ),
    rule(
        "decade",
        r"\d0[\'’]?s|ties\b",
        rf"(?:the\s+)?{QUALIFIER}(?:(?P<decade>1\d\d0|20\d0)['’]?s|['’](?P<short>\d0)['’]?s|"
        rf"(?<=the\s)(?P<words>{alternatives(DECADE_WORDS)}))",
        resolve_decade,
    ),
    rule(
        "century",
        "century",
        rf"(?:the\s+)?{QUALIFIER}(?:(?P<ordinal>\d{{1,2}}(?:st|nd|rd|th)|"
        rf"{alternatives(ORDINAL_WORDS)})|{REL})[\s-]+century",
        resolve_century,
    ),
    rule(
        "day_word",
        r"today|tonight|yesterday|tomorrow|night|morning|afternoon|evening",
        r"(?:(?:early|earlier|late|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow|"
        r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|last\s+night|"
        r"this\s+(?:morning|afternoon|evening))(?:['’]s)?" + PART_OF_DAY,
        resolve_day_word,
    ),
    rule(
        "weekday",
        WEEKDAY_TRIGGER,
        rf"(?:(?:{REL}|early|earlier|late|later)\s+)?{WEEKDAY}(?:['’]s)?{PART_OF_DAY}",
        resolve_weekday,
    ),
    rule(
        "anaphoric",
        r"that|same|following|previous|preceding|prior|next",
        rf"{QUALIFIER}(?:(?:earlier|later)\s+)?(?P<rel>that(?:\s+same)?|the\s+same|the\s+following|"
        r"the\s+previous|the\s+preceding|the\s+prior|(?=the\s+next\s+(?:day|morning|"
        r"afternoon|evening|night))the\s+next)\s+(?P<unit>day|week|month|year|morning|afternoon|"
        r"evening|night)",
        resolve_anaphoric,
    ),
    rule(
        "year_part",
        "year",
        r"(?:(?:around|by|at|until|since)\s+)?(?:the\s+(?:end|beginning|start|middle|rest)\s+of\s+"
        r"the\s+year|year['’]s\s+end|year[\s-]end|(?:earlier|later)\s+in\s+the\s+year|"
        r"the\s+first\s+(?:\w+\s+)?(?:months|weeks|quarters?|half)\s+of\s+the\s+year)",
        resolve_this_year,
    ),
    rule(
        "current_unit",
        r"year|week",
        r"the\s+(?:full\s+|fiscal\s+|calendar\s+|whole\s+)?(?P<unit>year|week|weekend)"
        r"(?!\s+(?:ago|earlier|before|after|later|when|that|in\s+which|of|for|to)\b|-)",
        resolve_current_unit,
    ),
    rule(
        "relative_unit",
        r"day|week|month|year|quarter|decade|century",
        rf"{QUALIFIER}(?:(?:earlier|later)\s+(?:in\s+)?)?(?P<rel>(?:the\s+)?(?:last|this|next|past|"
        rf"coming|current|previous|following|this\s+past|this\s+coming))\s+{UNIT}",
        resolve_relative_unit,
    ),
    rule(
        "ago",
        r"ago|earlier|later|from\s+now|hence",
        rf"(?:(?:about|almost|nearly|some|more\s+than|less\s+than|over|just|only)\s+)?{COUNT}"
        rf"(?:\s+or\s+(?:so|two|three))?\s+(?:{UNIT}s?)(?:\s+or\s+so)?\s+"
        r"(?P<dir>ago|earlier|later|from\s+now|hence)",
        resolve_ago,
    ),
    rule(
        "year_ago",
        r"year-",
        r"(?:year-ago|year-earlier)(?!\s+(?:quarter|period))",
        resolve_year_ago,
    ),
    rule(
        "holiday",
        r"Thanksgiving|Christmas|New\sYear|Easter|Good\sFriday|Election|Independence|Memorial|Labor|Veterans|Halloween|Valentine",
        rf"(?:(?i:{REL})\s+)?(?P<holiday>{alternatives(HOLIDAY_NAMES)})(?P<week>\s+week)?"
        rf"(?:\s+{year()})?",
        resolve_holiday,
        flags=0,
    ),
    # Present, past and future references: marked, but they cannot be placed.
    rule(
        "reference",
        r"now|current|recent|these\s+days|future|coming",
        r"(?:right\s+)?now(?!\s+(?:and|or)\s+then)|currently|current(?=\s+\w)|(?:more\s+)?recently"
        r"|nowadays|these\s+days|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|in\s+future"
        r"|(?:in\s+)?recent\s+(?:days|weeks|months|years|decades)|(?:the\s+)?coming\s+"
        r"(?:days|weeks|months|years|decades)",
        unplaced,
    ),
]
RULE_ORDER = {r.name: index for index, r in enumerate(RULES)}
RULE_BY_NAME = {r.name: r for r in RULES}


def merge_groups(hit: Hit) -> Hit:
    """Fold the alternative group names of a pattern ("year2", "yrel3") into the main ones."""
    g = hit.groups
    g["year"] = g.get("year") or g.get("year2")
    g["yrel"] = g.get("yrel") or g.get("yrel2") or g.get("yrel3")
    g["qnum"] = g.get("qnum") or g.get("qnum2")
    return hit


# --------------------------------------------------------------------------------------------
# Filters: matches that are not dates in context
# --------------------------------------------------------------------------------------------


# A cue before a bare month or season that makes it a date ("in May", "since the spring").
CALENDAR_CUE = re.compile(
    r"\b(?:in|since|by|until|till|from|to|through|during|of|before|after|early|late|mid|end|"
    r"beginning|and|or|last|this|next|past|coming)\s*-?\s*(?:the\s+)?$",
    re.I,
)
FULL_MONTH_NAMES = {calendar.month_name[number].lower() for number in range(1, 13)}
FULL_NAMES = FULL_MONTH_NAMES | {calendar.day_name[number].lower() for number in range(7)}


def plausible(hit: Hit, ctx: Context) -> bool:
    """Whether a match is a date here, not a word that looks like one."""
    check = PLAUSIBLE.get(hit.rule)
    return check(hit, ctx) if check else True


def capitalised(hit: Hit, ctx: Context) -> bool:
    # Months and weekdays are capitalised in news copy; "may" and "sun" are words.
    return all(
        not hit.groups.get(key) or hit.groups[key][0].isupper() for key in ("month", "weekday")
    )


def cue_before(hit: Hit, ctx: Context) -> bool:
    return bool(CALENDAR_CUE.search(ctx.text[max(0, hit.start - 25) : hit.start]))


def plausible_month(hit: Hit, ctx: Context) -> bool:
    g = hit.groups
    if not capitalised(hit, ctx):
        return False
    if g.get("year") or g.get("rel") or g.get("yrel") or hit.end - hit.start > len(g["month"]) + 1:
        return True
    name = g["month"].lower()
    if name not in FULL_MONTH_NAMES and ctx.text[hit.end - 1] != ".":
        return False  # a bare "Jan" or "Dec" is a name more often than a month
    if name in AMBIGUOUS_MONTHS:
        # "May" the verb, "August Wilson" the name: a month alone needs a cue before it.
        return cue_before(hit, ctx) and not re.match(
            r"\s+[A-Z][a-z]", ctx.text[hit.end : hit.end + 3]
        )
    return True


def plausible_day(hit: Hit, ctx: Context) -> bool:
    g = hit.groups
    if not capitalised(hit, ctx):
        return False
    if g.get("day") and not 1 <= int(g["day"]) <= 31:
        return False
    # "3.5 March" or "1,2 June" are not days
    return not (hit.rule == "day_month" and re.search(r"[\d.,]\s*$", ctx.text[: hit.start][-3:]))


def plausible_season(hit: Hit, ctx: Context) -> bool:
    g = hit.groups
    if g.get("year") or g.get("rel"):
        return True
    if g["season"].lower() == "fall" and not re.search(
        r"\b(?:in|during|since|by|until)\s+the\s+$", ctx.text[max(0, hit.start - 15) : hit.start]
    ):
        return False  # "a fall in prices", "the fall of Saigon"
    return cue_before(hit, ctx) or ctx.text[hit.start : hit.end].lower().startswith("the ")


def plausible_year(hit: Hit, ctx: Context) -> bool:
    g, text = hit.groups, ctx.text
    digits = g["year"][:1].isdigit()
    if not digits:  # "nineteen ninety-six" is a year; "nineteen" alone only when introduced as one
        spoken = g["year"].lower()
        return any(tens in spoken for tens in TENS) or bool(
            re.match(r"(?:in|the\s+year)\s", text[hit.start : hit.end], re.I)
        )
    if text[hit.start : hit.end] == g["year"]:  # a bare number: is it a count or a year?
        if NOT_A_YEAR_BEFORE.search(text[max(0, hit.start - 4) : hit.start]):
            return False
        if NOT_A_YEAR_AFTER.search(text[hit.end : hit.end + 12]) or ctx.is_numeric(
            hit.start, hit.end
        ):
            return False
    return 1000 <= int(g["year"]) <= 2099


def plausible_reported_quarter(hit: Hit, ctx: Context) -> bool:
    # "the period" is a quarter only in talk of quarters; "the Latin Quarter" is not a date.
    text = ctx.text[hit.start : hit.end].lower()
    g = hit.groups
    if g.get("ago") or g.get("year") or re.search(r"latest|most\s+recent", text):
        return True
    if REPORTED_AFTER.match(ctx.text[hit.end : hit.end + 12]):
        return True  # "the quarter ended Sept. 30"
    if "period" in text:
        return ctx.in_quarter_talk(hit.start)
    if len(text.split()) <= 2:  # "the quarter": in an article about quarterly results
        return ctx.quarter is not None
    return True


PLAUSIBLE = {
    "month": plausible_month,
    "month_day": plausible_day,
    "day_month": plausible_day,
    "weekday": capitalised,
    "season": plausible_season,
    "year": plausible_year,
    "reported_quarter": plausible_reported_quarter,
}


# --------------------------------------------------------------------------------------------
# Ranges: "from March to June 2020" is one interval, and its ends are dates too
# --------------------------------------------------------------------------------------------

RANGE_BEFORE = re.compile(r"\b(?:from|between)\s+$", re.I)
RANGE_LINK = re.compile(r"^\s*(?:to|through|until|till|and|-|–)\s*$", re.I)


def ranges(hits: list[Hit], ctx: Context) -> list[Hit]:
    """A range hit for each "from X to Y"; X borrows Y's year when it has none."""
    found = []
    for first, second in zip(hits, hits[1:], strict=False):
        if not (first.value and second.value):
            continue
        if not RANGE_LINK.match(ctx.text[first.end : second.start]):
            continue
        dashed = ctx.text[first.end : second.start].strip() in ("-", "–")
        if not dashed and not RANGE_BEFORE.search(ctx.text[max(0, first.start - 10) : first.start]):
            continue  # "1994 and 1997" alone are two dates; "between 1994 and 1997" a range
        if not first.explicit_year and second.explicit_year:
            first.value = in_year(first.value, second.value[1].year)
            if first.value[0] > second.value[0]:
                first.value = in_year(first.value, second.value[1].year - 1)
        if first.value[0] > second.value[1]:
            continue
        grains = ["day", "week", "month", "season", "quarter", "year", "decade", "century"]
        grain = max(first.value[2], second.value[2], key=grains.index)
        found.append(
            Hit(first.start, second.end, "range", {}, (first.value[0], second.value[1], grain))
        )
    return found


def in_year(value: Interval, y: int) -> Interval:
    start, end, grain = value
    if grain == "month":
        return month_of(y, start.month)
    if grain == "day":
        try:
            return day(start.replace(year=y))
        except ValueError:
            return value
    return value


# --------------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    text: str
    value_start: dt.date | None
    value_end: dt.date | None
    granularity: str


WINDOW_BEFORE, WINDOW_AFTER = 70, 90  # characters around a trigger an expression may span


def windows(text: str, trigger: re.Pattern) -> list[tuple[int, int]]:
    """Merged stretches of text around a rule's trigger words, cut at spaces."""
    spans: list[tuple[int, int]] = []
    for match in trigger.finditer(text):
        low = text.rfind(" ", 0, max(0, match.start() - WINDOW_BEFORE)) + 1
        high = text.find(" ", min(len(text), match.end() + WINDOW_AFTER))
        high = len(text) if high < 0 else high
        if spans and low <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(high, spans[-1][1]))
        else:
            spans.append((low, high))
    return spans


def scan(text: str) -> list[Hit]:
    """Every rule's matches, overlaps resolved: the longest wins, then the earlier rule."""
    # A rule runs only near its trigger words: most of an article is never read by its pattern.
    spans = {trigger: windows(text, trigger) for trigger in {r.trigger for r in RULES}}
    hits = [
        Hit(m.start(), m.end(), r.name, m.groupdict())
        for r in RULES
        for low, high in spans[r.trigger]
        for m in r.pattern.finditer(text, low, high)
    ]
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), RULE_ORDER[h.rule]))
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def trimmed(text: str, hit: Hit) -> tuple[int, int]:
    """Offsets without a leading "in", "the", a trailing "'s" or spaces."""
    start, end = hit.start, hit.end
    segment = text[start:end]
    if match := re.match(r"(?:in|on|at|by)\s+", segment, re.I):
        start += match.end()
    if match := re.search(r"['’]s$", text[start:end]):
        end -= len(match.group())
    if text[end - 1] == "." and text[start:end].split()[-1][:-1].lower() in FULL_NAMES:
        end -= 1  # the full stop ending a sentence, not an abbreviation's
    return start, end


# "the third quarter ended Sept. 30": a quarter reported on, even if fiscal and not yet over.
REPORTED_AFTER = re.compile(r"^\s+(?:ended|ending|through|to)\b", re.I)
# Rules whose dates anchor "the following year" or "that day".
ANCHORING_RULES = {"iso", "month_day", "day_month", "month", "season", "year", "holiday"}


def remember(hit: Hit, ctx: Context) -> None:
    """Keep what later expressions refer to: the quarter reported on, the last date given."""
    if hit.value is None:
        return
    first, last, grain = hit.value
    if hit.rule in ("quarter", "quarter_code") and grain == "quarter":
        # A quarter still to come ("a fourth-quarter charge") is not the one being reported.
        over = ctx.published is None or last < ctx.published
        reported = REPORTED_AFTER.match(ctx.text[hit.end : hit.end + 12])
        if over or reported:
            ctx.quarter = (first.year, (first.month - 1) // 3 + 1)
            ctx.quarter_at = hit.start
    elif grain == "quarter" and ctx.in_quarter_talk(hit.start):
        ctx.quarter_at = hit.start  # still talking about that quarter
    if hit.rule in ANCHORING_RULES:
        ctx.anchor = hit.value


def find_dates(
    doc: Doc, published: dt.date | None = None, *, datelines: bool = False
) -> list[FoundDate]:
    """Dates in text order, then the ranges some of them form ("from March to June 2020");
    a dateline is left out unless asked for."""
    text = doc.text
    ctx = Context(doc, published)
    hits = []
    for hit in scan(text):
        if not plausible(hit, ctx):
            continue
        try:
            hit.value = RULE_BY_NAME[hit.rule].resolve(hit, ctx)
        except (ValueError, KeyError, OverflowError):  # "Feb. 30", a year out of range
            hit.value = None
        remember(hit, ctx)
        hits.append(hit)
    singles = sorted(hits, key=lambda h: (h.start, h.end))
    found = []
    for hit in singles + ranges(hits, ctx):
        start, end = trimmed(text, hit)
        if not datelines and is_dateline(text, start, end):
            continue
        value_start, value_end, grain = hit.value or (None, None, "")
        found.append(FoundDate(start, end, text[start:end], value_start, value_end, grain))
    return found


DATELINE_LINES = 3  # a dateline sits among the first lines: headline, byline, dateline


def is_dateline(text: str, start: int, end: int) -> bool:
    """A date alone on one of the first lines ("June 13, 2005" under the headline) is the
    article's dateline, a field rather than a date the story mentions."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if line.strip(" \t.,-—") != text[start:end]:
        return False
    earlier = [ln for ln in text[:line_start].split("\n") if ln.strip()]
    return len(earlier) < DATELINE_LINES


@functools.cache
def tokenizer_only():
    import spacy

    return spacy.blank("en")


def interval_of(text: str, published: dt.date | None) -> FoundDate | None:
    """What a date expression on its own means ("last June", "the spring of 2020"): the found
    date covering most of it, or None when it holds no date. No model: the words alone decide,
    which is what an editor marking a date the pipeline missed needs."""
    found = find_dates(tokenizer_only()(text), published, datelines=True)
    return max(found, key=lambda date: (date.end - date.start, -date.start), default=None)
