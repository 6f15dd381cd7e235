import datetime as dt

import pytest

from articles.nlp.structure import parse_date, parse_plain_text, split_sources
from tests.conftest import SEED


def test_seed_article_fields_and_boilerplate():
    structure = parse_plain_text(SEED.read_text(encoding="utf-8"))

    assert structure.headline == "Pakistan Military Backs Afghan Peace Talks"
    assert structure.byline == "UNIPATH STAFF"
    assert structure.sources == ["Voice of America", "Hilal", "Gandhara"]
    assert structure.body.startswith("Pakistan’s highest-ranked military commander")
    assert structure.body.endswith("taken into account in any peace process,” Curtis said.")
    for outside in ["Comments are closed.", "Sources: Voice of America", "UNIPATH STAFF"]:
        assert outside not in structure.body
    assert structure.body.count("\n\n") == 8  # nine paragraphs, trailing spaces dropped
    assert " \n" not in structure.body


def test_dateline_byline_and_source_url():
    text = (
        "Flood waters recede in Peshawar\n\n"
        "By Amina Yusuf\n\n"
        "Tuesday, August 4, 2020\n\n"
        "Residents returned home on Monday.\n\n"
        "Relief convoys reached the city.\n\n"
        "Source: https://example.org/news/floods,peshawar\n"
    )
    structure = parse_plain_text(text)
    assert structure.byline == "Amina Yusuf"
    assert structure.published == dt.date(2020, 8, 4)
    assert structure.url == "https://example.org/news/floods,peshawar"
    assert structure.sources == []
    assert (
        structure.body == "Residents returned home on Monday.\n\nRelief convoys reached the city."
    )


def test_a_short_first_paragraph_is_not_taken_for_a_byline_when_it_is_a_sentence():
    structure = parse_plain_text("Headline\n\nTalks resumed.\n\nMore text followed here.")
    assert structure.byline == ""
    assert structure.body.startswith("Talks resumed.")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the file holds no text"),
        ("   \n\n  ", "the file holds no text"),
        ("Only a headline\n", "no body text after the headline"),
        ("Headline\n\nComments are closed.", "no body text after the headline"),
    ],
)
def test_no_body_is_an_error(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_plain_text(text)


def test_parse_date_accepts_datelines_only():
    assert parse_date("March 19, 2007") == dt.date(2007, 3, 19)
    assert parse_date("2020-06-15") == dt.date(2020, 6, 15)
    assert parse_date("19 March 2007") == dt.date(2007, 3, 19)
    assert parse_date("UNIPATH STAFF") is None
    assert parse_date("Talks resumed on March 19, 2007") is None


def test_split_sources_separates_names_and_urls():
    assert split_sources("Voice of America, Hilal; Gandhara") == (
        ["Voice of America", "Hilal", "Gandhara"],
        "",
    )
    assert split_sources("https://a.example/x,y") == ([], "https://a.example/x,y")
