"""Entity pages and panels, and the people, places and organisations indexes."""

import pytest
from django.urls import reverse

from articles.permissions import editors_group
from articles.reading import companions, panels
from tests.factories import UserFactory, make_article, make_entity, mention

pytestmark = pytest.mark.django_db


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


def test_the_panel_groups_dates_that_mean_the_same_time(client, envoy_archive):
    response = client.get(envoy_archive.get_absolute_url(), HTTP_HX_REQUEST="true")
    groups = response.context["date_groups"]
    assert [(group.label, group.count, group.article_count) for group in groups] == [
        ("June 2020", 3, 3)
    ]
    html = response.content.decode()
    assert html.count('<a href="/dates/2020/6/">June 2020</a>') == 1
    assert "named 3 times in 3 articles" in html


def test_the_entity_page_sums_it_up_and_draws_its_dates_on_an_axis(client, envoy_archive):
    html = client.get(envoy_archive.get_absolute_url()).content.decode()
    assert (
        '<p class="entity-summary">Person · U.S. envoy · 3 articles · first seen 1 Jun 2020, '
        "last seen 3 Jun 2020</p>"
    ) in html
    assert '<h2 id="entity-timeline">Timeline</h2>' in html
    assert ">Jun</text>" in html  # a tick on the axis
    assert '<time datetime="2020-06-03">3 Jun 2020</time>' in html  # its articles, dated


def test_an_index_of_one_says_one_person(client):
    person = make_entity(name="Lisa Curtis", kind="PERSON")
    mention(make_article(body="Lisa Curtis spoke."), person, "Lisa Curtis")
    assert (
        '<p class="count">1 person</p>' in client.get(reverse("articles:people")).content.decode()
    )
    mention(make_article(body="Kabul news."), make_entity(name="Kabul"), "Kabul")
    make_entity(name="Doha")
    assert '<p class="count">1 place</p>' in client.get(reverse("articles:places")).content.decode()


def test_editors_fix_a_kind_from_an_index_where_a_name_shows_under_two(client):
    place = make_entity(name="Torkham", kind="PLACE")
    mention(make_article(body="Torkham reopened."), place, "Torkham")
    organisation = make_entity(name="Torkham", kind="ORG")
    mention(make_article(body="Torkham traders met."), organisation, "Torkham")
    editor = UserFactory.create()
    editor.save()
    editor.groups.add(editors_group())
    url = reverse("articles:organisations")
    assert "Fix" not in client.get(url).content.decode()  # readers see no controls

    client.force_login(editor)
    html = client.get(url).content.decode()
    assert "Also listed as place" in html
    edit = reverse("articles:edit-entity", args=[organisation.slug])
    assert f'hx-post="{edit}"' in html
    response = client.post(
        edit,
        {"action": "kind", "kind": "PERSON", "version": organisation.version, "next": url},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Torkham: Organisation → Person" in response.content.decode()
    assert list(client.get(url).context["entries"]) == []
