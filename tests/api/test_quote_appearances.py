"""A quote's appearances through the API: every article quoting its words, earliest first."""

import datetime as dt

import pytest
from django.urls import reverse

from articles.reading import ledger
from tests.factories import make_article, make_entity, quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def repeated_quote(db):
    """The same words quoted in five dated articles and one undated; the third quoted first."""
    speaker = make_entity(name="Gul Rahman", kind="PERSON")
    days: list[dt.date | None] = [dt.date(2020, 6, 9), dt.date(2020, 6, 3), dt.date(2020, 6, 1)]
    days += [dt.date(2020, 6, 5), dt.date(2020, 7, 1), None]
    quotes = []
    for number, published in enumerate(days):
        words = "Peace is near." if number % 2 else "peace is NEAR"
        article = make_article(headline=f"Story {number}", body=words, published=published)
        quotes.append(quote(article, words, speaker))
    return quotes


def headlines(answer) -> list[str]:
    return [item["article"]["headline"] for item in answer["items"]]


def test_the_appearances_come_earliest_first_and_undated_last(client, repeated_quote):
    answer = client.get(reverse("api:quote-appearances-json", args=[repeated_quote[0].pk])).json()

    assert headlines(answer) == [f"Story {n}" for n in (2, 1, 3, 0, 4, 5)]


def test_the_answer_names_the_quote_and_how_often_it_was_quoted(client, repeated_quote):
    answer = client.get(reverse("api:quote-appearances-json", args=[repeated_quote[1].pk])).json()

    assert answer["quote"]["id"] == repeated_quote[1].pk
    assert answer["quote"]["appearances"] == 6


def test_the_appearances_page_from_a_cursor(client, repeated_quote, monkeypatch):
    monkeypatch.setattr(ledger, "APPEARANCES_PER_PAGE", 4)
    url = reverse("api:quote-appearances-json", args=[repeated_quote[0].pk])
    first = client.get(url).json()
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()

    assert headlines(second) == ["Story 4", "Story 5"]
    assert second["next"] is None
    assert headlines(back) == headlines(first)


def test_an_appearance_links_to_the_words_in_its_article(client, repeated_quote):
    answer = client.get(reverse("api:quote-appearances-json", args=[repeated_quote[2].pk])).json()
    first = answer["items"][0]

    assert first["permalink"] == (
        f"http://testserver/articles/{repeated_quote[2].article.slug}/#quote-text-{repeated_quote[2].pk}"
    )


@pytest.mark.parametrize("quote_id", ["0", "999999", "9223372036854775808"])
def test_a_quote_that_does_not_exist_is_a_404(client, repeated_quote, quote_id):
    response = client.get(f"/api/quotes/{quote_id}/appearances")

    assert response.status_code == 404
