"""The article list: newest first from a cursor, ranked search, filters, counts, suggestions."""

import pytest
from django.urls import reverse

from articles.reading import counting, search
from tests.factories import make_article, make_entity, mention
from tests.reading.conftest import HTMX

pytestmark = pytest.mark.django_db
URL = "/"


def headlines(response) -> list[str]:
    return [listing.article.headline for listing in response.context["results"].articles]


def test_the_list_is_newest_first_and_pages_on_from_a_cursor(client):
    for day in range(1, 26):
        make_article(headline=f"Day {day:02d}", published=f"2020-06-{day:02d}")
    make_article(headline="Undated")
    first = client.get(URL)
    cursor = first.context["results"].page.next_cursor
    second = client.get(URL, {"cursor": cursor})
    back = client.get(URL, {"cursor": second.context["results"].page.previous_cursor})

    assert headlines(first) == [f"Day {day:02d}" for day in range(25, 5, -1)]
    assert headlines(second) == [f"Day {day:02d}" for day in range(5, 0, -1)] + ["Undated"]
    assert headlines(back) == headlines(first)
    assert second.context["results"].page.next_cursor is None


def test_a_malformed_cursor_reads_as_the_first_page(client):
    make_article(headline="Only one", published="2020-06-01")
    for cursor in [
        "%%%",
        "eyJ",
        "WyJub3QgYSBkYXRlIiwgMSwgImFmdGVyIl0",
        "x" * 500,
        "WyIyMDIwIiwgLTEsICJ4Il0",
    ]:
        response = client.get(URL, {"cursor": cursor})
        assert response.status_code == 200
        assert headlines(response) == ["Only one"]


def test_search_ranks_and_highlights(client, seed):
    make_article(headline="Cricket in Sharjah", body="A cricket match was played in Sharjah.")
    response = client.get(URL, {"q": "Taliban"})
    assert headlines(response) == [seed.headline]
    assert "<mark>Taliban</mark>" in response.content.decode()


def test_search_uses_web_search_syntax(client, seed):
    make_article(headline="Border trade", body="Trucks crossed at Torkham with fruit.")
    assert headlines(client.get(URL, {"q": "Torkham -Taliban"})) == ["Border trade"]
    assert headlines(client.get(URL, {"q": '"border crossings"'})) == [seed.headline]


def test_search_results_can_be_read_newest_first(client):
    make_article(
        headline="Old harbour", body="The harbour harbour harbour.", published="2019-01-01"
    )
    make_article(headline="New harbour", body="A harbour.", published="2021-01-01")
    assert headlines(client.get(URL, {"q": "harbour"})) == ["Old harbour", "New harbour"]
    assert headlines(client.get(URL, {"q": "harbour", "sort": "date"})) == [
        "New harbour",
        "Old harbour",
    ]


def test_relevance_ranks_the_newest_matches_and_says_so(client, monkeypatch):
    monkeypatch.setattr(search, "RELEVANCE_WINDOW", 2)
    monkeypatch.setattr(counting, "EXACT_UP_TO", 100)
    make_article(headline="Oldest", body="Flood flood flood flood.", published="2019-01-01")
    make_article(headline="Middle", body="A flood.", published="2020-01-01")
    make_article(headline="Newest", body="A flood came.", published="2021-01-01")
    response = client.get(URL, {"q": "flood"})
    assert sorted(headlines(response)) == ["Middle", "Newest"]
    assert "3 articles matching “flood”; the newest 2 ranked by relevance" in (
        response.content.decode()
    )


def test_a_count_past_the_limit_is_an_estimate_and_says_so(client, monkeypatch):
    monkeypatch.setattr(counting, "EXACT_UP_TO", 3)
    for number in range(5):
        make_article(headline=f"Rain {number}", body="Rain fell.")
    html = client.get(URL, {"q": "rain"}).content.decode()
    assert '<p class="count">about ' in html


def test_filters_combine_entity_kind_and_dates(client):
    kabul = make_entity(name="Kabul")
    doha = make_entity(name="Doha")
    early = make_article(headline="Early", body="Kabul talks.", published="2020-01-05")
    late = make_article(headline="Late", body="Kabul and Doha.", published="2020-09-05")
    mention(early, kabul, "Kabul")
    mention(late, kabul, "Kabul")
    mention(late, doha, "Doha")

    def listed(**params):
        return headlines(client.get(URL, params))

    assert listed(entity=kabul.slug) == ["Late", "Early"]
    assert listed(entity=kabul.slug, **{"from": "2020-06-01"}) == ["Late"]
    assert listed(entity=doha.slug, to="2020-06-01") == []
    assert listed(kind="PLACE", to="2020-02-01") == ["Early"]
    assert listed(entity=kabul.slug, q="Doha") == ["Late"]


def test_the_entity_filter_counts_from_the_entity_figures(client):
    kabul = make_entity(name="Kabul")
    for _ in range(3):
        mention(make_article(body="Kabul news."), kabul, "Kabul")
    html = client.get(URL, {"entity": kabul.slug}).content.decode()
    assert '<p class="count">3 articles</p>' in html


def test_a_name_typed_in_the_search_box_offers_its_page(client):
    envoy = make_entity(name="Zalmay Khalilzad", kind="PERSON")
    mention(make_article(body="Zalmay Khalilzad met them."), envoy, "Zalmay Khalilzad")
    response = client.get(URL, {"q": "Khalilzad"})
    assert [entity.name for entity in response.context["suggestions"]] == ["Zalmay Khalilzad"]
    assert f'href="{envoy.get_absolute_url()}"' in response.content.decode()


def test_a_name_nobody_is_called_offers_no_page(client):
    envoy = make_entity(name="Zalmay Khalilzad", kind="PERSON")
    mention(make_article(body="Zalmay Khalilzad met them."), envoy, "Zalmay Khalilzad")
    assert client.get(URL, {"q": "Khalil"}).context["suggestions"] == []


def test_htmx_search_returns_only_the_results_region(client, seed):
    fragment = client.get(URL, {"q": "Taliban"}, HTTP_HX_TARGET="results", **HTMX)
    html = fragment.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html
    full = client.get(reverse("articles:article-list"), {"q": "Taliban"}).content.decode()
    assert "<html" in full
