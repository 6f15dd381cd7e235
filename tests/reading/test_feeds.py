"""Atom feeds: the newest articles, and one per entity to follow it."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import make_article, make_entity, mention

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url) -> list[str]:
    feed = ET.fromstring(client.get(url).content)
    return [entry.findtext(f"{ATOM}title", "") for entry in feed.iter(f"{ATOM}entry")]


@pytest.fixture
def archive(db):
    kabul = make_entity(name="Kabul", kind="PLACE", slug="kabul")
    for day, headline in ((1, "First"), (3, "Third")):
        article = make_article(headline=headline, published=dt.date(2020, 6, day))
        mention(article, kabul, "Kabul")
    make_article(headline="Second, elsewhere", body="Doha.", published=dt.date(2020, 6, 2))
    return kabul


def test_the_archive_feed_gives_the_newest_articles_first(client, archive):
    assert entries(client, reverse("articles:article-feed")) == [
        "Third",
        "Second, elsewhere",
        "First",
    ]


def test_an_entity_feed_gives_its_articles_only(client, archive):
    assert entries(client, reverse("articles:entity-feed", args=["kabul"])) == ["Third", "First"]


def test_a_feed_is_atom(client, archive):
    response = client.get(reverse("articles:entity-feed", args=["kabul"]))

    assert response.headers["Content-Type"].startswith("application/atom+xml")


def test_an_entry_gives_the_opening_words(client, archive):
    feed = ET.fromstring(client.get(reverse("articles:article-feed")).content)

    assert feed.findtext(f"{ATOM}entry/{ATOM}summary") == "Kabul is the capital."


def test_an_unknown_entity_has_no_feed(client, archive):
    response = client.get(reverse("articles:entity-feed", args=["nobody"]))

    assert response.status_code == 404


def test_the_entity_page_offers_its_feed(client, archive):
    html = client.get(archive.get_absolute_url()).content.decode()

    assert f'href="{reverse("articles:entity-feed", args=["kabul"])}"' in html
