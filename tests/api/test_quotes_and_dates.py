"""The API's quotes (by speaker, by period) and dates (by period)."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import make_article, make_entity, quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_quote(archive):
    article = make_article(
        headline="Later", slug="later", body="Nothing is agreed yet.", published=dt.date(2021, 3, 1)
    )
    speaker = make_entity(name="Abdullah Abdullah", kind="PERSON", slug="abdullah")
    return quote(article, "Nothing is agreed yet.", speaker)


def texts(response) -> list[str]:
    return [item["text"] for item in response.json()["items"]]


def test_quotes_come_newest_first(client, other_quote):
    response = client.get(reverse("api:quotes-json"))

    assert texts(response) == ["Nothing is agreed yet.", "The talks will go on"]


def test_quotes_by_a_speaker(client, other_quote):
    response = client.get(reverse("api:quotes-json"), {"speaker": "zalmay-khalilzad"})

    assert texts(response) == ["The talks will go on"]


def test_quotes_published_in_a_period(client, other_quote):
    response = client.get(reverse("api:quotes-json"), {"period": "2021"})

    assert texts(response) == ["Nothing is agreed yet."]


def test_quotes_of_a_speaker_in_a_period_without_any(client, other_quote):
    response = client.get(reverse("api:quotes-json"), {"speaker": "abdullah", "period": "2020-06"})

    assert texts(response) == []


@pytest.mark.parametrize("period", ["2020-13", "2020-02-30", "June", "0", "20200"])
def test_a_period_that_does_not_exist_is_not_found(client, archive, period):
    response = client.get(reverse("api:quotes-json"), {"period": period})

    assert response.status_code == 404


def test_an_unknown_speaker_is_not_found(client, archive):
    response = client.get(reverse("api:quotes-json"), {"speaker": "nobody"})

    assert response.status_code == 404


def test_a_month_lists_its_articles_with_their_dates(client, archive):
    period = client.get(reverse("api:period-json", args=["2020-06"])).json()

    assert [
        (item["article"]["slug"], [date["text"] for date in item["dates"]])
        for item in period["items"]
    ] == [("envoy-meets-officials", ["June 2020"])]


def test_a_month_counts_its_articles(client, archive):
    period = client.get(reverse("api:period-json", args=["2020-06"])).json()

    assert (period["label"], period["article_count"]) == ("June 2020", 1)


def test_a_date_has_its_permalink(client, archive):
    period = client.get(reverse("api:period-json", args=["2020-06"])).json()

    assert period["items"][0]["dates"][0]["permalink"] == (
        f"http://testserver/articles/envoy-meets-officials/#date-text-{archive['date'].pk}"
    )


def test_a_day_no_date_names_is_empty(client, archive):
    period = client.get(reverse("api:period-json", args=["2020-06-16"])).json()

    assert period["items"] == []


def test_a_day_that_does_not_exist_is_not_found(client, archive):
    response = client.get(reverse("api:period-json", args=["2021-02-29"]))

    assert response.status_code == 404
