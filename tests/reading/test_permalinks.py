"""Addresses of one mention, quote or date: the marked body gives each its anchor, and a quote
has a page of its own that unfurls when shared."""

import re

import pytest
from django.urls import reverse

from articles.reading.permalinks import date_permalink, mention_permalink, quote_permalink
from tests.factories import date_mention, make_article, make_entity, mention, quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    article = make_article(
        headline="Envoy in Kabul",
        body="Zalmay Khalilzad met officials in June 2020. The talks will go on, he said.",
        published="2020-06-15",
        slug="envoy",
    )
    person = make_entity(name="Zalmay Khalilzad", kind="PERSON", slug="khalilzad", role="envoy")
    return {
        "article": article,
        "person": person,
        "mention": mention(article, person, "Zalmay Khalilzad"),
        "date": date_mention(article, "June 2020", "2020-06-01", "2020-06-30", "month"),
        "quote": quote(article, "The talks will go on", person),
    }


def anchor_of(permalink: str) -> str:
    return permalink.rsplit("#", 1)[1]


def marked_ids(client, url) -> set[str]:
    html = client.get(url).content.decode()
    body = html.split('id="article-body"', 1)[1].split("</div>", 1)[0]
    return set(re.findall(r' id="([^"]+)"', body))


def test_a_mention_permalink_opens_its_panel(client, archive):
    link = mention_permalink(archive["mention"], article_slug="envoy", entity_slug="khalilzad")

    html = client.get(link.split("#")[0]).content.decode()

    assert 'id="entity-panel"' in html
    assert 'id="entity-name"' in html


def test_every_permalink_has_its_anchor_in_the_body(client, archive):
    links = [
        mention_permalink(archive["mention"], article_slug="envoy", entity_slug="khalilzad"),
        date_permalink(archive["date"], article_slug="envoy"),
        quote_permalink(archive["quote"], article_slug="envoy"),
    ]

    assert {anchor_of(link) for link in links} <= marked_ids(
        client, archive["article"].get_absolute_url()
    )


def test_a_reported_quote_leads_to_its_article(archive):
    archive["quote"].kind = "indirect"

    assert quote_permalink(archive["quote"], article_slug="envoy") == "/articles/envoy/"


def test_a_quote_page_shows_the_quote_and_its_speaker(client, archive):
    html = client.get(reverse("articles:quote", args=[archive["quote"].pk])).content.decode()

    assert "<p>The talks will go on</p>" in html
    assert f'<a href="{archive["person"].get_absolute_url()}">Zalmay Khalilzad</a>' in html


def test_a_quote_page_leads_to_the_quote_in_its_article(client, archive):
    html = client.get(reverse("articles:quote", args=[archive["quote"].pk])).content.decode()

    assert f'href="/articles/envoy/#quote-text-{archive["quote"].pk}"' in html


def test_a_quote_page_unfurls_as_the_quote(client, archive):
    html = client.get(reverse("articles:quote", args=[archive["quote"].pk])).content.decode()
    tags = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)"', html))

    assert tags == {
        "og:type": "article",
        "og:site_name": "Newsdesk",
        "og:title": "“The talks will go on” — Zalmay Khalilzad",
        "og:description": "Zalmay Khalilzad, in “Envoy in Kabul”, 15 June 2020",
        "og:url": f"http://testserver/quotes/{archive['quote'].pk}/",
    }


def test_an_unknown_quote_is_not_found(client, archive):
    response = client.get(reverse("articles:quote", args=[archive["quote"].pk + 1]))

    assert response.status_code == 404


def test_an_entity_page_leads_to_each_quote_in_its_article(client, archive):
    html = client.get(archive["person"].get_absolute_url()).content.decode()

    assert f'href="/articles/envoy/#quote-text-{archive["quote"].pk}"' in html


def test_an_article_offers_a_link_to_share_each_quote(client, archive):
    html = client.get(archive["article"].get_absolute_url()).content.decode()

    assert f'href="{reverse("articles:quote", args=[archive["quote"].pk])}">Share</a>' in html
