"""The entity stage on sentences written for these tests, with the real model."""

import pytest

from articles.nlp.annotate import annotate_doc
from articles.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def entities_of(nlp, text):
    annotation = annotate_doc(nlp(text))
    return {(entity.name, entity.kind): entity for entity in annotation.entities}, annotation


def test_titles_are_kept_out_of_names_and_become_the_role(nlp):
    found, _ = entities_of(
        nlp,
        "Pakistan Army Chief of Staff Gen. Qamar Javed Bajwa met Afghan President Ashraf Ghani "
        "in Kabul on Monday. Bajwa later flew home.",
    )
    bajwa = found[("Qamar Javed Bajwa", "PERSON")]
    assert bajwa.role == "Pakistan Army Chief of Staff"
    assert "Bajwa" in bajwa.aliases
    assert found[("Ashraf Ghani", "PERSON")].role == "Afghan President"


def test_a_rank_alone_before_a_unit_is_kept_in_the_role(nlp):
    found, _ = entities_of(nlp, "The delegation included U.S. Army Gen. John Nicolson and others.")
    assert found[("John Nicolson", "PERSON")].role == "U.S. Army Gen."


def test_appositive_gives_the_role(nlp):
    found, _ = entities_of(
        nlp,
        "Maria Lindqvist, a senior field officer for the refugee agency, visited Peshawar.",
    )
    assert (
        found[("Maria Lindqvist", "PERSON")].role == "senior field officer for the refugee agency"
    )


def test_a_surname_alone_is_the_person_named_in_full(nlp):
    found, annotation = entities_of(
        nlp,
        "Trader Gul Rahman waited at the border for a week. “We lost everything,” Rahman said.",
    )
    rahman = found[("Gul Rahman", "PERSON")]
    texts = [annotation.mentions[i].text for i in rahman.mentions]
    assert texts == ["Gul Rahman", "Rahman"]


def test_names_before_place_nouns_are_places(nlp):
    found, _ = entities_of(
        nlp, "Officials reopened the Torkham and Chaman border crossings to trucks on Friday."
    )
    assert ("Torkham", "PLACE") in found
    assert ("Chaman", "PLACE") in found
    assert ("Torkham", "ORG") not in found


def test_a_maker_with_a_model_number_is_a_product(nlp):
    found, _ = entities_of(nlp, "The airline ordered ten Boeing 787-9 jets and an Airbus A350.")
    kinds = {name: kind for name, kind in found}
    assert kinds.get("Boeing 787-9") == "PRODUCT"
    assert ("Boeing", "ORG") not in found


def test_nationality_words_join_the_country_form(nlp):
    found, annotation = entities_of(
        nlp,
        "The Pakistan Army sent engineers. A Pakistani Army spokesman confirmed the move.",
    )
    army = found[("Pakistan Army", "ORG")]
    assert sorted(annotation.mentions[i].text for i in army.mentions) == [
        "Pakistan Army",
        "Pakistani Army",
    ]


def test_a_noun_calling_a_name_an_organisation_settles_its_kind(nlp):
    text = (
        "The budget carrier Skyvane said on Monday it would add routes. Skyvane flies to Porto. "
        "Analysts expect Skyvane to post a profit."
    )
    # The model takes every "Skyvane" it finds for a person.
    assert "PERSON" in {e.label_ for e in nlp(text).ents if e.text == "Skyvane"}
    _, annotation = entities_of(nlp, text)
    skyvane = [e for e in annotation.entities if e.name == "Skyvane"]
    assert [(e.kind, len(e.mentions)) for e in skyvane] == [("ORG", 2)]


def test_a_film_maker_stays_a_person(nlp):
    found, _ = entities_of(nlp, "The award went to film maker Jane Campion for her new work.")
    assert ("Jane Campion", "PERSON") in found


def test_a_band_is_no_person_and_the_us_keeps_its_article(nlp):
    text = "The Beatles sued the record company in London. Officials in the US declined to comment."
    found, annotation = entities_of(nlp, text)
    assert ("Beatles", "PERSON") not in found
    us = next(m for m in annotation.mentions if m.name == "US")
    assert us.text == "the US"
    assert us.kind == "PLACE"
