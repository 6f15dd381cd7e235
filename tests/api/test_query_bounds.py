"""Every answer of the API, the feeds and a quote's page run the same number of queries whatever
the archive's size, as the reading pages do (tests/reading/test_query_bounds.py)."""

from functools import partial

import pytest
from django.urls import reverse

from articles.models import Quote
from tests.bounds import at_two_sizes, queries_for
from tests.reading.test_query_bounds import build_archive

pytestmark = pytest.mark.django_db
# An entity's answer, the costliest: its reads, the rate limit's counters in the cache, and its
# companions' counts read from the cache and kept there on a first request
# (articles.reading.companions).
MOST_QUERIES = 18


def api_urls(archive, client) -> list[str]:
    article, place, person = archive["article"], archive["place"], archive["person"]
    articles = reverse("api:articles-json")
    second = client.get(articles).json()["next"]
    person_page = client.get(reverse("api:entity-json", args=[person.slug])).json()
    said = Quote.objects.filter(article=article).get()
    appearances = reverse("api:quote-appearances-json", args=[said.pk])
    return [
        articles,
        second,
        f"{articles}?q=Kabul",
        f"{articles}?q=Kabul&page=2",
        f"{articles}?q=Kabul&sort=date",
        f"{articles}?q=Kabul&kind=PLACE&from=2020-01-01",
        f"{articles}?entity={place.slug}",
        reverse("api:article-json", args=[article.slug]),
        reverse("api:entities-json") + "?kind=PLACE",
        reverse("api:entities-json") + "?kind=PLACE&order=alpha",
        reverse("api:entities-json") + "?kind=PLACE&q=a",
        reverse("api:entity-json", args=[place.slug]),
        reverse("api:entity-json", args=[person.slug]),
        person_page["articles"]["next"],
        reverse("api:quotes-json"),
        reverse("api:quotes-json") + f"?speaker={person.slug}",
        reverse("api:quotes-json") + f"?speaker={person.slug}&period=2020-06",
        reverse("api:quotes-json") + "?period=2020",
        reverse("api:period-json", args=["2020"]),
        reverse("api:period-json", args=["2020-06"]),
        reverse("api:period-json", args=["2020-06-01"]),
        reverse("articles:article-feed"),
        reverse("articles:entity-feed", args=[person.slug]),
        reverse("articles:quote", args=[said.pk]),
        appearances,
        client.get(appearances).json()["next"],
    ]


def queries_per_answer(client, size: int) -> list[int]:
    archive = build_archive(size)
    return [queries_for(client, url) for url in api_urls(archive, client)]


def test_answers_run_as_many_queries_at_either_archive_size(client):
    small, large = at_two_sizes(partial(queries_per_answer, client), 45, 150)

    assert small == large
    assert max(small) <= MOST_QUERIES
