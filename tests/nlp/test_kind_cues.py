"""Kinds from what the sentence says: a "who", a country's name, the words a name ends in.

Sentences written for these tests; the real model reads them.
"""

import pytest

from articles.nlp.annotate import annotate_doc
from articles.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def kinds_of(nlp, text: str) -> dict[str, str]:
    annotation = annotate_doc(nlp(text))
    return {entity.name: entity.kind for entity in annotation.entities}


def test_a_country_the_team_plays_is_a_place(nlp):
    kinds = kinds_of(nlp, "Mauritania drew 0-0 with Benin on Friday. Benin won 4-1 on aggregate.")
    assert kinds["Benin"] == "PLACE"


def test_a_country_that_is_a_surname_stays_a_person(nlp):
    text = "The director Neil Jordan defended his film. Jordan said the film was fair."
    assert kinds_of(nlp, text)["Neil Jordan"] == "PERSON"


def test_a_place_name_before_who_in_sports_copy_stays_a_place(nlp):
    text = "Scotland, who thrashed Belarus 5-1 in their last match, had to settle for a draw."
    assert kinds_of(nlp, text)["Scotland"] == "PLACE"


def test_a_name_ends_in_a_word_of_the_name(nlp):
    text = "Interfax news agency said the talks would resume on Monday."
    annotation = annotate_doc(nlp(text))
    assert [m.text for m in annotation.mentions if m.kind == "ORG"] == ["Interfax"]


def test_an_exchange_named_after_a_city_stays_one_organisation(nlp):
    text = "Shares of the company rose on the New York Stock Exchange on Friday."
    annotation = annotate_doc(nlp(text))
    assert [m.text for m in annotation.mentions if m.kind == "ORG"] == ["New York Stock Exchange"]
