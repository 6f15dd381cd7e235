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


def test_a_second_day_after_and_is_a_day_of_the_same_month(nlp):
    found = dates(nlp, "The summit meets on July 24 and 25.")
    assert found[1] == ("25", D(2020, 7, 25), D(2020, 7, 25), "day")


def test_a_number_after_a_day_that_counts_something_is_no_date(nlp):
    assert [f[0] for f in dates(nlp, "On July 24 and 25 people were hurt.")] == ["July 24"]


def test_the_week_of_a_day_is_that_week(nlp):
    found = dates(nlp, "A hearing is set for the week of July 8.")
    assert found == [("the week of July 8", D(2020, 7, 6), D(2020, 7, 12), "week")]


def test_the_end_of_the_month_is_the_month_of_publication(nlp):
    found = dates(nlp, "Troops arrive by the end of the month.")
    assert found == [("the end of the month", D(2020, 6, 1), D(2020, 6, 30), "month")]


def test_the_beginning_of_the_financial_year_is_a_date(nlp):
    found = dates(nlp, "Sales rose at the beginning of the financial year.")
    assert found[0][0] == "the beginning of the financial year"


def test_later_this_year_is_what_is_left_of_the_year(nlp):
    found = dates(nlp, "Deliveries resume later this year.")
    assert found == [("later this year", D(2020, 6, 1), D(2020, 12, 31), "month")]


def test_earlier_this_year_is_still_the_whole_year(nlp):
    found = dates(nlp, "Deliveries stopped earlier this year.")
    assert found == [("earlier this year", D(2020, 1, 1), D(2020, 12, 31), "year")]


def test_a_later_date_is_marked_but_not_placed(nlp):
    assert dates(nlp, "The rest will be sold at a later date.") == [
        ("a later date", None, None, "")
    ]


def test_a_range_ending_on_a_day_without_a_year_ends_after_it_starts(nlp):
    found = dates(nlp, "The offer runs from today through Jan. 17.")
    assert found[1] == ("Jan. 17", D(2021, 1, 17), D(2021, 1, 17), "day")


def test_the_latest_period_is_the_last_quarter_completed(nlp):
    found = dates(nlp, "Sales in the latest period were $1.7 billion.")
    assert found == [("the latest period", D(2020, 1, 1), D(2020, 3, 31), "quarter")]
