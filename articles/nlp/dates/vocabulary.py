"""The words dates are written with, and the numbers they stand for.

Month and weekday names come from the calendar module; the rest (abbreviations news copy uses,
seasons, quarters, counts, ordinals, decades, holidays) is data in data/date_words.json, read once
the first time a date is looked for, so importing the package stays cheap.
"""

from __future__ import annotations

import calendar
import functools
import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent.parent / "data" / "date_words.json"


@dataclass(frozen=True)
class DateWords:
    months: dict[str, int]  # names and abbreviations, lower case, to 1-12
    weekdays: dict[str, int]  # to 0 (Monday) - 6
    # Month names that are also common words or first names: alone, they need a cue before them.
    ambiguous_months: frozenset[str]
    full_month_names: frozenset[str]
    full_names: frozenset[str]  # months and weekdays written in full, never abbreviated
    seasons: dict[str, int]  # meteorological, by their first month (winter runs into next year)
    quarters: dict[str, int]  # "third", "3rd", "final" to the quarter's number
    numbers: dict[str, int]  # "one" to 1 ... "twenty", and counts like "a dozen"
    units: list[str]  # "one" to "nine", as spoken years end ("nineteen ninety-six")
    tens: dict[str, int]
    ordinals: dict[str, int]  # "first" to "thirty-first"
    decades: dict[str, int]  # "twenties" to 20
    holiday_names: list[str]  # as written, capitalised


@functools.cache
def words() -> DateWords:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    months = {
        name: number
        for number in range(1, 13)
        for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
    }
    months.update(data["month_abbreviations"])
    weekdays = {calendar.day_name[number].lower(): number for number in range(7)}
    weekdays.update(data["weekday_abbreviations"])
    full_month_names = frozenset(calendar.month_name[number].lower() for number in range(1, 13))
    full_weekday_names = frozenset(calendar.day_name[number].lower() for number in range(7))
    numbers = {word: number for number, word in enumerate(data["numbers"])}
    numbers.update(data["count_words"])
    return DateWords(
        months=months,
        weekdays=weekdays,
        ambiguous_months=frozenset(data["ambiguous_months"]),
        full_month_names=full_month_names,
        full_names=full_month_names | full_weekday_names,
        seasons=data["seasons"],
        quarters=data["quarter_ordinals"],
        numbers=numbers,
        units=data["numbers"][1:10],
        tens=data["tens"],
        ordinals=data["ordinals"],
        decades=data["decades"],
        holiday_names=data["holiday_names"],
    )


def parse_year(text: str) -> int:
    """A year in digits or spoken ("nineteen ninety-six", "two thousand and one")."""
    numbers, tens = words().numbers, words().tens
    text = text.lower().replace("-", " ")
    if text[:1].isdigit():
        return int(text)
    spoken = [w for w in text.split() if w != "and"]
    if spoken[:2] == ["two", "thousand"]:
        rest = spoken[2:]
        return 2000 + (numbers.get(rest[0], 0) if rest else 0)
    total = 1900
    for word in spoken[1:]:
        total += tens.get(word, 0) + (numbers.get(word, 0) if word in numbers else 0)
    return total


def parse_count(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    return words().numbers.get(text)
