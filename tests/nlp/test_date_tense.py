"""The tense a date is read in, from the parse of its clause (the real model)."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.nlp.dates import find_dates
from articles.nlp.pipeline import load_pipeline

PUBLISHED = dt.date(2020, 6, 15)  # a Monday


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def day_of(nlp, text: str) -> dt.date | None:
    (found,) = find_dates(nlp(text), PUBLISHED)
    return found.value_start


def test_an_infinitive_of_purpose_takes_the_past_of_its_clause(nlp):
    text = "Crowds gathered in the square to mark the anniversary on Friday."
    assert day_of(nlp, text) == dt.date(2020, 6, 12)


def test_an_infinitive_after_a_verb_of_intent_still_points_ahead(nlp):
    assert day_of(nlp, "The mayor plans to open the bridge on Friday.") == dt.date(2020, 6, 19)


def test_a_plan_told_in_the_past_is_for_a_time_to_come(nlp):
    text = "The mayor has scheduled a news conference on Thursday."
    assert day_of(nlp, text) == dt.date(2020, 6, 18)


def test_a_month_modifying_a_noun_is_a_date(nlp):
    (found,) = find_dates(nlp("The bank sold itself under a June agreement."), PUBLISHED)
    assert found.text == "June"


def test_a_month_naming_a_thing_is_the_nearest_one_whatever_the_tense(nlp):
    text = "The firm plans to sell itself under a March agreement with investors."
    assert day_of(nlp, text) == dt.date(2020, 3, 1)


def test_a_month_used_as_a_noun_is_no_date(nlp):
    assert find_dates(nlp("Thousands joined the March on Washington."), PUBLISHED) == []
