"""Entity pages and panels, and the people, places and organisations indexes."""

import pytest
from django.urls import reverse

from articles.reading import companions, panels
from tests.factories import date_mention, make_article, make_entity, mention, quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def envoy_archive():
    kabul = make_entity(name="Kabul")
    envoy = make_entity(name="Zalmay Khalilzad", kind="PERSON", role="U.S. envoy")
    for number in range(3):
        article = make_article(
            headline=f"Story {number}",
            body=f"Talks opened in Kabul in June 2020. Zalmay Khalilzad attended talk {number}.",
            published=f"2020-06-0{number + 1}",
        )
        mention(article, kabul, "Kabul")
        mention(article, envoy, "Zalmay Khalilzad")
        date_mention(article, "June 2020", "2020-06-01", "2020-06-30", "month")
    quote(article, f"Zalmay Khalilzad attended talk {number}.", envoy)
    return envoy


def test_entity_page_lists_articles_with_sentences_quotes_companions_and_dates(
    client, envoy_archive
):
    response = client.get(envoy_archive.get_absolute_url())
    html = response.content.decode()
    assert [row.article.headline for row in response.context["entity_articles"]] == [
        "Story 2",
        "Story 1",
        "Story 0",
    ]
    assert "<mark>Zalmay Khalilzad</mark> attended talk 2." in html
    assert "What Zalmay Khalilzad said" in html
    assert [(c.entity.name, c.shared) for c in response.context["companions"]] == [("Kabul", 3)]
    assert [d.text for d in response.context["entity_dates"]] == ["June 2020"] * 3
    assert "3 mentions, from 1 Jun 2020 to 3 Jun 2020" in html


def test_an_entity_s_articles_page_on_from_a_cursor(client, envoy_archive, monkeypatch):
    monkeypatch.setattr(panels, "ARTICLES_PER_PAGE", 2)
    first = client.get(envoy_archive.get_absolute_url())
    cursor = first.context["entity_articles"].next_cursor
    second = client.get(envoy_archive.get_absolute_url(), {"cursor": cursor})
    assert [row.article.headline for row in second.context["entity_articles"]] == ["Story 0"]
    assert 'rel="prev"' in second.content.decode()


def test_lists_limited_to_the_latest_articles_say_so(client, envoy_archive, monkeypatch):
    monkeypatch.setattr(panels, "COMPANION_WINDOW", 2)
    monkeypatch.setattr(companions, "COMPANION_WINDOW", 2)
    monkeypatch.setattr(panels, "DATE_WINDOW", 2)
    response = client.get(envoy_archive.get_absolute_url())
    html = response.content.decode()
    assert [(c.entity.name, c.shared) for c in response.context["companions"]] == [("Kabul", 2)]
    assert "Counted in its latest 2 articles of 3." in html
    assert "Named near it in its latest 2 articles of 3." in html


def test_index_pages_order_and_filter(client):
    for name, count in [("Kabul", 3), ("Doha", 1), ("Quetta", 2)]:
        entity = make_entity(name=name)
        entity.aliases.create(name=f"{name} city")
        for _ in range(count):
            mention(make_article(body=f"{name} news."), entity, name)
    url = reverse("articles:places")

    def names(response):
        return [entry.entity.name for entry in response.context["entries"]]

    assert names(client.get(url)) == ["Kabul", "Quetta", "Doha"]
    assert names(client.get(url, {"order": "alpha"})) == ["Doha", "Kabul", "Quetta"]
    filtered = client.get(url, {"q": "ta"}, HTTP_HX_TARGET="index-results", HTTP_HX_REQUEST="true")
    assert names(filtered) == ["Quetta"]
    assert filtered.content.decode().lstrip().startswith('<div id="index-results"')
    assert names(client.get(url, {"q": "doha city"})) == ["Doha"]
    assert client.get(reverse("articles:people")).status_code == 200


def test_index_pages_page_on_from_a_cursor(client, monkeypatch):
    from articles.views import entities

    monkeypatch.setattr(entities, "INDEX_PAGE_SIZE", 2)
    for name, count in [("Kabul", 3), ("Doha", 1), ("Quetta", 2)]:
        entity = make_entity(name=name)
        for _ in range(count):
            mention(make_article(body=f"{name} news."), entity, name)
    url = reverse("articles:places")
    for order, expected in [("count", ["Doha"]), ("alpha", ["Quetta"])]:
        first = client.get(url, {"order": order})
        second = client.get(url, {"order": order, "cursor": first.context["page"].next_cursor})
        assert [entry.entity.name for entry in second.context["entries"]] == expected
        assert "3 places" in second.content.decode()
