"""Wire copy read as the structure it is: datelines, headlines in capitals, results lines.

The examples are written for these tests in the forms agencies use; they are not corpus text.
"""

import datetime as dt

import pytest

from articles.nlp.annotate import Annotation, annotate_bodies
from articles.nlp.pipeline import load_pipeline
from articles.nlp.recasing import recased
from articles.nlp.wire import find_dateline, is_results_line

RESULTS = (
    "RUGBY - WESTERN LEAGUE RESULTS.\n\n"
    "CARDIFF 1997-03-14\n\n"
    "Results of Western League matches on Friday:\n\n"
    "Swansea 21 Newport 13\n\n"
    "Bristol 9 Gloucester 30 (R. Hartley 12, T. Mabry 9)\n"
)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def annotated(nlp, text: str, published: dt.date | None = None) -> Annotation:
    (annotation,) = annotate_bodies(nlp, [(text, published)])
    return annotation


def kind_at(annotation: Annotation, text: str, surface: str, occurrence: int = 0) -> str | None:
    """The kind of the entity of the mention at the n-th occurrence of `surface`, or None."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    for mention, entity in zip(annotation.mentions, annotation.entity_of, strict=True):
        if mention.start == start and mention.end == start + len(surface):
            return annotation.entities[entity].kind
    return None


def test_a_dateline_on_its_own_line_is_found():
    dateline = find_dateline("HEADLINE HERE.\n\nOSLO 1997-03-14\n\nThe story.")
    assert dateline is not None
    assert dateline.published == dt.date(1997, 3, 14)


def test_an_agency_dateline_leading_the_story_is_found():
    text = "Floods close roads\n\nBERGEN, Norway (AP) _ Rain closed the coast road on Monday."
    dateline = find_dateline(text)
    assert dateline is not None
    assert [text[start:end] for start, end in dateline.places] == ["BERGEN", "Norway"]


def test_a_dateline_deep_in_the_story_is_not_the_dateline():
    lines = "\n\n".join(f"Paragraph {n} of the story." for n in range(6))
    assert find_dateline(f"{lines}\n\nOSLO 1997-03-14") is None


def test_the_dateline_place_is_a_place_not_a_product(nlp):
    text = "SHIPPING - FERRY STRIKE ENDS.\n\nTRONDHEIM 1997-03-14\n\nFerry crews went back to work."
    annotation = annotated(nlp, text)
    assert kind_at(annotation, text, "TRONDHEIM") == "PLACE"


def test_no_mention_of_a_dateline_is_a_product(nlp):
    text = "SHIPPING - FERRY STRIKE ENDS.\n\nTRONDHEIM 1997-03-14\n\nFerry crews went back to work."
    annotation = annotated(nlp, text)
    assert [m.text for m in annotation.mentions if m.kind == "PRODUCT"] == []


def test_the_dateline_gives_the_publication_date_when_none_is_given(nlp):
    text = "SHIPPING - FERRY STRIKE ENDS.\n\nTRONDHEIM 1997-03-14\n\nFerry crews went back to work."
    assert annotated(nlp, text).published == dt.date(1997, 3, 14)


def test_a_team_before_its_score_is_an_organisation(nlp):
    annotation = annotated(nlp, RESULTS)
    assert kind_at(annotation, RESULTS, "Newport") == "ORG"


def test_a_player_before_his_score_is_a_person_without_the_score(nlp):
    annotation = annotated(nlp, RESULTS)
    assert kind_at(annotation, RESULTS, "R. Hartley") == "PERSON"


def test_no_name_on_a_results_line_is_a_product(nlp):
    annotation = annotated(nlp, RESULTS)
    assert [m.text for m in annotation.mentions if m.kind == "PRODUCT"] == []


def test_the_dateline_city_stays_a_place_where_its_team_plays(nlp):
    text = RESULTS.replace("Swansea 21", "Cardiff 21")
    annotation = annotated(nlp, text)
    assert kind_at(annotation, text, "CARDIFF") == "PLACE"


def test_a_results_line_is_one_of_scores():
    assert is_results_line("Bristol 9 Gloucester 30 (R. Hartley 12, T. Mabry 9)")


def test_a_sentence_with_numbers_is_no_results_line():
    assert not is_results_line("Airbus delivered 30 planes in March and 41 in April, it said.")


def test_a_headline_in_capitals_is_read_in_title_case():
    text = "FERRY STRIKE IN NORWAY ENDS.\n\nCrews in Norway went home on Monday."
    assert recased(text).split("\n")[0] == "Ferry Strike in Norway Ends."


def test_a_word_the_article_writes_in_capitals_keeps_them():
    text = "NATO TALKS OPEN.\n\nNATO ministers met on Monday."
    assert recased(text).split("\n")[0] == "NATO Talks Open."


def test_recasing_keeps_every_offset():
    text = "O'BRIEN 'S DAY: FERRY STRIKE ENDS.\n\nThe strike ended."
    assert len(recased(text)) == len(text)


def test_a_mention_in_a_headline_in_capitals_quotes_the_headline(nlp):
    text = "NORWAY FERRY STRIKE ENDS.\n\nFerry crews in Norway went back to work on Monday."
    annotation = annotated(nlp, text)
    assert [m.text for m in annotation.mentions if m.start == 0] == ["NORWAY"]


def test_a_name_joined_to_a_word_by_a_hyphen_is_no_product(nlp):
    text = "The order went to Denver-based Frontier Airlines last week."
    annotation = annotated(nlp, text)
    assert [m.text for m in annotation.mentions if m.kind == "PRODUCT"] == []


DATED = (
    "Ferry service to the islands resumes\n\n"
    "March 4, 2019\n\n"
    "The harbour board said today that crossings start again next week.\n"
)


def test_a_date_line_under_the_headline_gives_the_publication_date(nlp):
    assert annotated(nlp, DATED).published == dt.date(2019, 3, 4)


def test_relative_dates_are_read_against_the_date_line(nlp):
    annotation = annotated(nlp, DATED)
    (today,) = [d for d in annotation.dates if d.text == "today"]
    assert today.value_start == dt.date(2019, 3, 4)


def test_a_date_line_is_marked_when_no_publication_date_is_given(nlp):
    texts = [d.text for d in annotated(nlp, DATED).dates]
    assert "March 4, 2019" in texts


def test_a_date_line_is_left_out_when_a_publication_date_is_given(nlp):
    texts = [d.text for d in annotated(nlp, DATED, dt.date(2019, 3, 4)).dates]
    assert "March 4, 2019" not in texts
