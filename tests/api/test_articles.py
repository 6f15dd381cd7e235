"""The API's articles: the list as the list page has it, and one article as an interchange
document."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["items"]]


def test_the_list_gives_articles_newest_first(client, archive):
    make_article(headline="Older story", slug="older-story", published=dt.date(2019, 1, 1))

    response = client.get(reverse("api:articles-json"))

    assert slugs(response) == ["envoy-meets-officials", "older-story"]


def test_a_search_ranks_the_matches(client, archive):
    make_article(headline="Cricket", slug="cricket", body="A cricket match in Lahore.")

    response = client.get(reverse("api:articles-json"), {"q": "Kabul"})

    assert slugs(response) == ["envoy-meets-officials"]
    assert response.json()["ranked"] is True


def test_a_search_gives_the_matching_words(client, archive):
    response = client.get(reverse("api:articles-json"), {"q": "Kabul"})

    assert "Kabul" in response.json()["items"][0]["excerpt"]


def test_the_entity_filter_reads_a_slug(client, archive):
    make_article(headline="Elsewhere", slug="elsewhere")

    response = client.get(reverse("api:articles-json"), {"entity": "zalmay-khalilzad"})

    assert slugs(response) == ["envoy-meets-officials"]


def test_pages_follow_one_another_without_overlap(client, db):
    for day in range(1, 26):
        make_article(slug=f"story-{day:02}", published=dt.date(2021, 1, day))

    first = client.get(reverse("api:articles-json")).json()
    second = client.get(first["next"]).json()

    assert [item["slug"] for item in first["items"]][-1] == "story-06"
    assert [item["slug"] for item in second["items"]] == [f"story-{d:02}" for d in range(5, 0, -1)]
    assert second["next"] is None


def test_an_article_is_an_interchange_document(client, archive):
    document = client.get(reverse("api:article-json", args=["envoy-meets-officials"])).json()

    body = document["body"]
    spans = document["mentions"] + document["dates"] + document["quotes"]
    assert [body[span["start"] : span["end"]] for span in spans] == [span["text"] for span in spans]


def test_an_article_names_its_entities_once(client, archive):
    document = client.get(reverse("api:article-json", args=["envoy-meets-officials"])).json()

    assert [(entity["name"], entity["kind"]) for entity in document["entities"]] == [
        ("Zalmay Khalilzad", "PERSON"),
        ("Kabul", "PLACE"),
    ]


def test_a_quote_points_at_its_speaker(client, archive):
    document = client.get(reverse("api:article-json", args=["envoy-meets-officials"])).json()
    speakers = {entity["id"]: entity["name"] for entity in document["entities"]}

    assert [speakers[quote["speaker"]] for quote in document["quotes"]] == ["Zalmay Khalilzad"]


def test_an_article_leaves_out_what_only_an_export_needs(client, archive):
    document = client.get(reverse("api:article-json", args=["envoy-meets-officials"])).json()

    assert {"rejected", "origin_name"} & set(document) == set()


def test_an_article_links_its_page(client, archive):
    document = client.get(reverse("api:article-json", args=["envoy-meets-officials"])).json()

    assert document["page"] == "http://testserver/articles/envoy-meets-officials/"
