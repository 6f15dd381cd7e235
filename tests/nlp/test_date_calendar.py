"""Dates read by calendar logic alone (no model): a second day after "and", the week of a day,
parts of the month, what is left of the year, the end of a range and the latest quarter."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from articles.nlp.dates import find_dates

PUBLISHED = dt.date(2020, 6, 15)  # a Monday
D = dt.date


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def dates(nlp, text: str, published: dt.date = PUBLISHED):
    return [
        (f.text, f.value_start, f.value_end, f.granularity)
        for f in find_dates(nlp(text), published)
    ]


# (what the case shows, the text, every date found: words, first day, last day, granularity)
CALENDAR = [
    (
        "a second day after and is a day of the same month",
        "The summit meets on July 24 and 25.",
        [
            ("July 24", D(2020, 7, 24), D(2020, 7, 24), "day"),
            ("25", D(2020, 7, 25), D(2020, 7, 25), "day"),
        ],
    ),
    (
        "a number after a day that counts something is no date",
        "On July 24 and 25 people were hurt.",
        [("July 24", D(2020, 7, 24), D(2020, 7, 24), "day")],
    ),
    (
        "the week of a day is that week",
        "A hearing is set for the week of July 8.",
        [("the week of July 8", D(2020, 7, 6), D(2020, 7, 12), "week")],
    ),
    (
        "the end of the month is the month of publication",
        "Troops arrive by the end of the month.",
        [("the end of the month", D(2020, 6, 1), D(2020, 6, 30), "month")],
    ),
    (
        "the beginning of the financial year is a date in the year of publication",
        "Sales rose at the beginning of the financial year.",
        [("the beginning of the financial year", D(2020, 1, 1), D(2020, 12, 31), "year")],
    ),
    (
        "later this year is what is left of the year",
        "Deliveries resume later this year.",
        [("later this year", D(2020, 6, 1), D(2020, 12, 31), "month")],
    ),
    (
        "earlier this year is still the whole year",
        "Deliveries stopped earlier this year.",
        [("earlier this year", D(2020, 1, 1), D(2020, 12, 31), "year")],
    ),
    (
        "a later date is marked but not placed",
        "The rest will be sold at a later date.",
        [("a later date", None, None, "")],
    ),
    (
        "a range ending on a day without a year ends after it starts",
        "The offer runs from today through Jan. 17.",
        [
            ("today", D(2020, 6, 15), D(2020, 6, 15), "day"),
            ("Jan. 17", D(2021, 1, 17), D(2021, 1, 17), "day"),
            ("today through Jan. 17", D(2020, 6, 15), D(2021, 1, 17), "day"),
        ],
    ),
    (
        "the latest period is the last quarter completed",
        "Sales in the latest period were $1.7 billion.",
        [("the latest period", D(2020, 1, 1), D(2020, 3, 31), "quarter")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=shows) for shows, text, expected in CALENDAR],
)
def test_dates_read_by_the_calendar(nlp, text, expected):
    assert dates(nlp, text) == expected
