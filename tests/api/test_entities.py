"""The API's entities: an index of a kind, and one entity as its page has it."""

import pytest
from django.urls import reverse

from articles.models import Alias

pytestmark = pytest.mark.django_db


def test_the_index_lists_entities_of_a_kind(client, archive):
    response = client.get(reverse("api:entities-json"), {"kind": "PLACE"})

    assert [item["name"] for item in response.json()["items"]] == ["Kabul"]


def test_the_index_searches_aliases(client, archive):
    Alias.objects.create(entity=archive["person"], name="the envoy")

    response = client.get(reverse("api:entities-json"), {"kind": "PERSON", "q": "envoy"})

    assert [item["slug"] for item in response.json()["items"]] == ["zalmay-khalilzad"]


def test_the_index_needs_a_kind(client, archive):
    response = client.get(reverse("api:entities-json"))

    assert response.status_code == 422


def test_an_entity_has_its_aliases(client, archive):
    Alias.objects.create(entity=archive["person"], name="Khalilzad")

    entity = client.get(reverse("api:entity-json", args=["zalmay-khalilzad"])).json()

    assert entity["aliases"] == ["Khalilzad"]


def test_an_entity_has_its_counts(client, archive):
    entity = client.get(reverse("api:entity-json", args=["kabul"])).json()

    assert (entity["article_count"], entity["mention_count"]) == (1, 2)


def test_an_entity_has_its_companions(client, archive):
    entity = client.get(reverse("api:entity-json", args=["kabul"])).json()

    assert [(c["entity"]["slug"], c["shared_articles"]) for c in entity["companions"]] == [
        ("zalmay-khalilzad", 1)
    ]


def test_an_entity_has_its_quotes_with_their_permalinks(client, archive):
    said = archive["quote"]

    entity = client.get(reverse("api:entity-json", args=["zalmay-khalilzad"])).json()

    assert [(q["text"], q["permalink"]) for q in entity["quotes"]] == [
        (
            "The talks will go on",
            f"http://testserver/articles/envoy-meets-officials/#quote-text-{said.pk}",
        )
    ]


def test_an_entity_has_its_articles_with_the_sentence(client, archive):
    entity = client.get(reverse("api:entity-json", args=["zalmay-khalilzad"])).json()

    assert [item["sentence"] for item in entity["articles"]["items"]] == [
        "Zalmay Khalilzad met officials in Kabul in June 2020."
    ]


def test_an_entity_links_its_feed(client, archive):
    entity = client.get(reverse("api:entity-json", args=["kabul"])).json()

    assert entity["feed"] == "http://testserver/entities/kabul/feed/"
