"""The timeline and the year, month and day pages."""

import pytest
from django.urls import reverse

from tests.factories import date_mention, make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated(db):
    seasons = make_article(headline="Seasons", body="In the spring and summer of 2020 it rained.")
    date_mention(seasons, "the spring and summer of 2020", "2020-03-01", "2020-08-31", "season")
    year = make_article(headline="Year", body="In 2020 it rained.")
    date_mention(year, "2020", "2020-01-01", "2020-12-31", "year")


def listed(client, *args, name):
    page = client.get(reverse(name, args=args)).context["page"]
    return sorted(row.article.headline for row in page)


def test_date_pages_place_intervals_where_a_reader_expects(client, dated):
    assert listed(client, 2020, name="articles:date-year") == ["Seasons", "Year"]
    assert listed(client, 2020, 6, name="articles:date-month") == ["Seasons"]
    assert listed(client, 2020, 3, name="articles:date-month") == ["Seasons"]
    assert listed(client, 2020, 9, name="articles:date-month") == []
    assert listed(client, 2020, 6, 9, name="articles:date-day") == []


def test_a_month_page_shows_the_sentence_that_places_each_article(client, dated):
    june = client.get(reverse("articles:date-month", args=[2020, 6])).content.decode()
    assert '<mark class="mention mention--date">the spring and summer of 2020</mark>' in june
    assert "Articles that mention this time (1)" in june


def test_the_timeline_links_every_month_a_date_spans(client, dated):
    timeline = client.get(reverse("articles:timeline")).content.decode()
    assert 'href="/dates/2020/3/"' in timeline
    assert 'href="/dates/2020/8/"' in timeline
    assert 'href="/dates/2020/9/"' not in timeline


@pytest.mark.parametrize(
    "url",
    ["/dates/2020/2/30/", "/dates/2020/13/", "/dates/0/", "/dates/99999999999999999999/"],
)
def test_dates_that_do_not_exist_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/dates/9999/12/31/", "/dates/1/1/1/", "/dates/9999/"])
def test_the_first_and_last_calendar_days_have_pages(client, url):
    assert client.get(url).status_code == 200
