"""The newest matches of a search, read either from the full-text index or by walking the
newest articles: both ways give the same articles, and words that a kind narrows only after
they are read are walked."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.reading.counting import Count
from articles.reading.matches import newest_matches
from tests.factories import make_article, make_entity, mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def council_articles():
    person = make_entity(name="Maria Keller", kind="PERSON", slug="maria-keller")
    for day in range(1, 6):
        article = make_article(
            headline=f"Council {day}",
            body="Maria Keller told the council.",
            published=dt.date(2024, 1, day),
        )
        mention(article, person, "Maria Keller")
    make_article(headline="Council, no one named", body="The council met.")


def council_among_people():
    return Article.objects.search("council").of_kind("PERSON")


def newest(**decision):
    rows = newest_matches(council_among_people(), limit=3, count=Count(5, exact=True), **decision)
    return [article_id for article_id, _ in rows]


def test_words_a_kind_narrows_after_reading_them_are_walked(council_articles):
    with CaptureQueriesContext(connection) as captured:
        newest(fetched=10**9)

    assert "COALESCE" not in captured[-1]["sql"]


def test_few_words_are_fetched_from_the_index(council_articles):
    with CaptureQueriesContext(connection) as captured:
        newest(fetched=0)

    assert "COALESCE" in captured[-1]["sql"]


def test_both_ways_give_the_newest_matches(council_articles):
    expected = list(
        Article.objects.filter(headline__in=["Council 5", "Council 4", "Council 3"])
        .order_by("-published")
        .values_list("pk", flat=True)
    )

    assert (newest(fetched=0), newest(fetched=10**9)) == (expected, expected)


def matches_read(count):
    with CaptureQueriesContext(connection) as captured:
        newest_matches(council_among_people(), limit=3, count=count, walked=2)
    return captured[-1]["sql"]


def test_an_exact_count_near_the_crossing_fetches_the_matches(council_articles):
    assert "COALESCE" in matches_read(Count(5, exact=True))


def test_an_estimated_count_near_the_crossing_walks(council_articles):
    assert "COALESCE" not in matches_read(Count(5, exact=False))
