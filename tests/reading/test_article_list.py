"""The article list: newest first from a cursor, ranked search, filters, counts, suggestions."""

import pytest
from django.urls import reverse

from articles.reading import counting, search
from tests.factories import make_article, make_entity, mention
from tests.reading.conftest import HTMX

pytestmark = pytest.mark.django_db
URL = "/"


def headlines(response) -> list[str]:
    return [listing.article.headline for listing in response.context["results"].listings]


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
    assert '<p class="count">3 articles about Kabul</p>' in html


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


def test_the_entity_picker_offers_names_and_the_filter_takes_a_name(client):
    curtis = make_entity(name="Lisa Curtis", kind="PERSON")
    curtis.aliases.create(name="Curtis")
    for number in range(2):
        mention(make_article(body=f"Lisa Curtis spoke {number}."), curtis, "Lisa Curtis")
    mention(make_article(body="Kabul news."), make_entity(name="Kabul"), "Kabul")
    offers = client.get(reverse("articles:entity-offers"), {"entity": "curt"}).content.decode()
    assert '<option value="Lisa Curtis">Person · 2 articles</option>' in offers
    assert "Kabul" not in offers

    by_name = client.get(URL, {"entity": "lisa curtis"})
    assert by_name.context["filters"].entity == curtis
    assert len(headlines(by_name)) == 2
    assert len(headlines(client.get(URL, {"entity": "Curtis"}))) == 2  # an alias


def test_a_name_nobody_answers_to_leaves_the_list_whole_and_says_so(client):
    mention(make_article(body="Kabul news."), make_entity(name="Kabul"), "Kabul")
    response = client.get(URL, {"entity": "Atlantis"})
    assert len(headlines(response)) == 1
    assert "Nothing in the archive is called “Atlantis”" in response.content.decode()


def test_undated_articles_are_labelled_and_the_dates_say_how_many_they_leave_out(client):
    make_article(headline="Dated", published="2020-06-01")
    make_article(headline="Undated one")
    make_article(headline="Undated two")
    listing = client.get(URL).content.decode()
    assert listing.count('<span class="undated">Undated</span>') == 2
    filtered = client.get(URL, {"from": "2020-01-01"})
    assert headlines(filtered) == ["Dated"]
    assert "1 article; 2 undated articles left out by the dates</p>" in filtered.content.decode()


def test_a_snippet_cut_from_the_middle_of_the_body_shows_an_ellipsis(client):
    opening = "Kabul said the talks would go on. "
    filler = "The weather was mild and nothing else happened that week in the valley. " * 8
    make_article(headline="Long", body=opening + filler + "Negotiators met in Doha. " + filler)
    make_article(headline="Short", body="Negotiators met in Doha.")
    response = client.get(URL, {"q": "Doha", "sort": "date"})
    listings = response.context["results"].listings
    snippets = {listing.article.headline: str(listing.snippet_html) for listing in listings}
    assert snippets["Long"].startswith("… ")
    assert snippets["Long"].endswith(" …")
    assert "…" not in snippets["Short"]  # the whole body, cut nowhere


def test_the_clear_link_follows_live_updates(client):
    make_article(headline="Talks", body="Talks in Doha.")
    fragment = client.get(URL, {"q": "Doha"}, HTTP_HX_TARGET="results", **HTMX).content.decode()
    assert '<span id="clear-filters" hx-swap-oob="true"><a href="/">Clear</a></span>' in fragment
    cleared = client.get(URL, {"q": ""}, HTTP_HX_TARGET="results", **HTMX).content.decode()
    assert '<span id="clear-filters" hx-swap-oob="true"></span>' in cleared


def test_the_list_has_one_search_box(client):
    html = client.get(URL).content.decode()
    assert html.count('type="search"') == 1
    assert 'id="masthead-q"' in client.get(reverse("articles:people")).content.decode()


@pytest.mark.parametrize("name", ["articles:article-list", "articles:article"])
def test_pages_that_answer_htmx_with_a_fragment_vary_on_it(client, name):
    article = make_article(headline="Talks", body="Talks in Doha.")
    url = reverse(name, args=[article.slug] if name == "articles:article" else [])
    assert "HX-Request" in client.get(url)["Vary"]
