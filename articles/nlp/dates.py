"""Date expressions and the calendar intervals they mean.

This first stage places the explicit forms (a day, a month, a year, a decade); anything else is
kept with no interval, so a reader still sees it marked.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from articles.nlp.entities import trim_span

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>\d{4})"
PATTERNS = [
    ("day", re.compile(rf"^(?:on\s+)?{MONTH}\s+{DAY},?\s+{YEAR}$", re.I)),
    ("day", re.compile(rf"^(?:on\s+)?{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}$", re.I)),
    ("day", re.compile(r"^(?P<year>\d{4})-(?P<month_number>\d{2})-(?P<day>\d{2})$")),
    (
        "month",
        re.compile(rf"^(?:in\s+)?(?:the\s+month\s+of\s+)?{MONTH},?\s+(?:of\s+)?{YEAR}$", re.I),
    ),
    ("year", re.compile(rf"^(?:in\s+)?(?:the\s+year\s+)?{YEAR}$", re.I)),
    ("decade", re.compile(r"^(?:the\s+)?(?P<decade>\d{3}0)['’]?s$", re.I)),
]


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    text: str
    value_start: dt.date | None
    value_end: dt.date | None
    granularity: str


def interval(text: str) -> tuple[dt.date | None, dt.date | None, str]:
    """(first day, last day, granularity) of an explicit date expression, else (None, None, "")."""
    text = " ".join(text.split())
    for granularity, pattern in PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        try:
            if granularity == "decade":
                decade = int(parts["decade"])
                return dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "decade"
            year = int(parts["year"])
            if granularity == "year":
                return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
            month = int(parts.get("month_number") or MONTHS[parts["month"].lower()])
            if granularity == "month":
                last = calendar.monthrange(year, month)[1]
                return dt.date(year, month, 1), dt.date(year, month, last), "month"
            day = dt.date(year, month, int(parts["day"]))
            return day, day, "day"
        except ValueError:
            return None, None, ""
    return None, None, ""


def find_dates(doc: Doc, published: dt.date | None = None) -> list[FoundDate]:
    found = []
    body = doc.text
    for span in doc.ents:
        if span.label_ != "DATE":
            continue
        start, end = trim_span(body, span.start_char, span.end_char)
        if end <= start:
            continue
        text = body[start:end]
        value_start, value_end, granularity = interval(text)
        found.append(FoundDate(start, end, text, value_start, value_end, granularity))
    return found
