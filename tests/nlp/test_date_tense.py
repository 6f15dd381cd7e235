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
