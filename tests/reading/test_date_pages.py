"""The timeline and the year, month and day pages."""

import pytest
from django.urls import reverse

from articles.editing.rejecting import reject
from articles.models import DateMention, Entity
from articles.permissions import editors_group
from tests.factories import UserFactory, date_mention, make_article, make_entity, mention

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


def test_a_rejected_date_leaves_the_timeline_and_the_month_page(client, dated):
    editor = UserFactory.create()
    seasons = DateMention.objects.get(text="the spring and summer of 2020")
    reject(DateMention, pk=seasons.pk, version=seasons.version, editor=editor)
    timeline = client.get(reverse("articles:timeline")).content.decode()
    assert 'href="/dates/2020/3/"' not in timeline
    june = client.get(reverse("articles:date-month", args=[2020, 6]))
    assert june.context["article_count"] == 0
    assert "Articles that mention this time (0)" in june.content.decode()
    year = client.get(reverse("articles:date-year", args=[2020]))
    assert year.context["article_count"] == 1
    assert dict((month.start.month, count) for month, count in year.context["months"])[6] == 0


def test_an_undated_article_on_a_date_page_says_so(client):
    undated = make_article(headline="Undated", body="In June 2020 it rained.")
    date_mention(undated, "June 2020", "2020-06-01", "2020-06-30", "month")
    june = client.get(reverse("articles:date-month", args=[2020, 6])).content.decode()
    assert '<p class="meta">Undated</p>' in june


def test_editors_fix_a_name_listed_under_two_kinds_from_a_month_page(client):
    article = make_article(
        headline="Border", body="In June 2020 Torkham reopened; Torkham traders."
    )
    date_mention(article, "June 2020", "2020-06-01", "2020-06-30", "month")
    place = mention(article, make_entity(name="Torkham", kind="PLACE"), "Torkham").entity
    organisation = mention(
        article, make_entity(name="Torkham", kind="ORG"), "Torkham", occurrence=1
    ).entity
    editor = UserFactory.create()
    editor.save()
    editor.groups.add(editors_group())
    client.force_login(editor)
    url = reverse("articles:date-month", args=[2020, 6])
    html = client.get(url).content.decode()
    assert "also listed as organisation" in html
    merge = reverse("articles:merge-entity", args=[organisation.slug])
    assert f'hx-post="{merge}"' in html
    response = client.post(
        merge, {"into": place.slug, "version": organisation.version, "next": url}
    )
    assert response["Location"] == url
    assert not Entity.objects.filter(pk=organisation.pk).exists()
    assert "also listed as" not in client.get(url).content.decode()
