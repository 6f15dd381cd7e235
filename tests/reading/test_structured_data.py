"""Article and entity pages carry schema.org JSON-LD: valid JSON, the right types, each entity's
page as its @id, and nothing in a headline or a name can end the script element."""

import json
import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_entity, mention

pytestmark = pytest.mark.django_db
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
HOSTILE = '</script><script>alert(1)</script> & <!-- "quoted"'


def structured_data(client, url) -> list[dict]:
    html = client.get(url).content.decode()
    return [json.loads(found) for found in SCRIPT.findall(html)]


@pytest.fixture
def article(db):
    article = make_article(
        headline="Envoy meets officials in Kabul",
        body="Zalmay Khalilzad met officials in Kabul. Kabul welcomed him. NATO said so.",
        byline="Amina Shah",
        published="2020-06-15",
        slug="envoy",
    )
    person = make_entity(name="Zalmay Khalilzad", kind="PERSON", slug="khalilzad")
    place = make_entity(name="Kabul", kind="PLACE", slug="kabul")
    org = make_entity(name="NATO", kind="ORG", slug="nato")
    mention(article, person, "Zalmay Khalilzad")
    mention(article, place, "Kabul")
    mention(article, place, "Kabul", occurrence=1)
    mention(article, org, "NATO")
    return article


def test_an_article_is_a_news_article(client, article):
    [data] = structured_data(client, article.get_absolute_url())

    assert (data["@context"], data["@type"]) == ("https://schema.org", "NewsArticle")


def test_an_article_says_what_where_when_and_who(client, article):
    [data] = structured_data(client, article.get_absolute_url())

    assert (data["headline"], data["datePublished"], data["author"]) == (
        "Envoy meets officials in Kabul",
        "2020-06-15",
        [{"@type": "Person", "name": "Amina Shah"}],
    )


def test_an_article_mentions_its_entities_by_their_pages(client, article):
    [data] = structured_data(client, article.get_absolute_url())

    assert sorted((node["@type"], node["@id"]) for node in data["mentions"]) == [
        ("Organization", "http://testserver/entities/nato/"),
        ("Person", "http://testserver/entities/khalilzad/"),
        ("Place", "http://testserver/entities/kabul/"),
    ]


def test_an_article_is_about_its_most_named_entity_first(client, article):
    [data] = structured_data(client, article.get_absolute_url())

    assert data["about"][0]["@id"] == "http://testserver/entities/kabul/"


def test_an_entity_page_has_its_type(client, article):
    [data] = structured_data(client, reverse("articles:entity", args=["khalilzad"]))

    assert (data["@type"], data["name"], data["@id"]) == (
        "Person",
        "Zalmay Khalilzad",
        "http://testserver/entities/khalilzad/",
    )


def test_a_hostile_headline_and_name_stay_inside_the_json(client):
    article = make_article(headline=HOSTILE, body=f"{HOSTILE} spoke.", slug="hostile")
    mention(article, make_entity(name=HOSTILE, kind="PERSON", slug="hostile-person"), HOSTILE)

    html = client.get(article.get_absolute_url()).content.decode()
    [data] = [json.loads(found) for found in SCRIPT.findall(html)]

    assert "<script>alert(1)" not in html
    assert (data["headline"], data["mentions"][0]["name"]) == (HOSTILE, HOSTILE)
