"""Reading pages with the test client: full pages, HTMX fragments, query counts, escaping."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from articles.ingest.service import ingest_paths
from articles.models import Article, DateMention, Quote
from tests.conftest import SEED
from tests.factories import make_article, make_entity, mention

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)"><b hx-get="/evil">'


@pytest.fixture
def seed():
    ingest_paths([str(SEED)])
    return Article.objects.get()


def test_article_list_newest_first_and_paginated(client):
    for day in range(1, 26):
        make_article(headline=f"Day {day:02d}", published=f"2020-06-{day:02d}")
    first = client.get(reverse("articles:article-list"))
    second = client.get(reverse("articles:article-list"), {"page": 2})

    headlines = [article.headline for article in first.context["page"]]
    assert headlines[:2] == ["Day 25", "Day 24"] and len(headlines) == 20
    assert [a.headline for a in second.context["page"]] == [f"Day {d:02d}" for d in range(5, 0, -1)]


def test_search_ranks_and_highlights(client, seed):
    make_article(headline="Cricket in Sharjah", body="A cricket match was played in Sharjah.")
    response = client.get(reverse("articles:article-list"), {"q": "Taliban"})
    html = response.content.decode()
    assert [a.headline for a in response.context["page"]] == [seed.headline]
    assert "<mark>Taliban</mark>" in html


def test_search_uses_web_search_syntax(client, seed):
    make_article(headline="Border trade", body="Trucks crossed at Torkham with fruit.")
    url = reverse("articles:article-list")
    found = client.get(url, {"q": "Torkham -Taliban"}).context["page"]
    assert [a.headline for a in found] == ["Border trade"]
    quoted = client.get(url, {"q": '"border crossings"'}).context["page"]
    assert [a.headline for a in quoted] == [seed.headline]


def test_filters_combine_entity_kind_and_dates(client):
    kabul = make_entity(name="Kabul")
    doha = make_entity(name="Doha")
    early = make_article(headline="Early", body="Kabul talks.", published="2020-01-05")
    late = make_article(headline="Late", body="Kabul and Doha.", published="2020-09-05")
    mention(early, kabul, "Kabul")
    mention(late, kabul, "Kabul")
    mention(late, doha, "Doha")
    url = reverse("articles:article-list")

    def headlines(**params):
        return [a.headline for a in client.get(url, params).context["page"]]

    assert headlines(entity=kabul.slug) == ["Late", "Early"]
    assert headlines(entity=kabul.slug, **{"from": "2020-06-01"}) == ["Late"]
    assert headlines(entity=doha.slug, to="2020-06-01") == []
    assert headlines(kind="PLACE", to="2020-02-01") == ["Early"]


def test_htmx_search_returns_only_the_results_region(client, seed):
    url = reverse("articles:article-list")
    fragment = client.get(url, {"q": "Taliban"}, HTTP_HX_TARGET="results", **HTMX)
    html = fragment.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html
    full = client.get(url, {"q": "Taliban"}).content.decode()
    assert "<html" in full and 'id="results"' in full


def test_article_page_marks_entities_dates_and_quotes(client, seed):
    html = client.get(seed.get_absolute_url()).content.decode()

    assert '<h1 id="headline">Pakistan Military Backs Afghan Peace Talks</h1>' in html
    assert "UNIPATH STAFF" in html and "Sources: Voice of America, Hilal, Gandhara" in html
    kabul = re.compile(
        rf'href="{seed.get_absolute_url()}\?entity=kabul&amp;mention=\d+#entity-panel" '
        rf'hx-get="/entities/kabul/\?article={seed.slug}&amp;mention=\d+"'
    )
    assert kabul.search(html)
    assert 'class="mention mention--person"' in html
    assert 'href="/dates/2020/6/" title="Date: 2020-06-01 to 2020-06-30"' in html
    assert 'id="entity-panel" class="panel panel--empty"' in html
    assert "Comments are closed" not in html


def test_article_page_with_an_entity_shows_its_panel_without_javascript(client, seed):
    response = client.get(seed.get_absolute_url(), {"entity": "kabul"})
    html = response.content.decode()
    assert '<h2 id="entity-name" class="panel__name">Kabul</h2>' in html
    assert "Articles (1)" in html


def test_entity_panel_fragment_for_htmx(client, seed):
    response = client.get(reverse("articles:entity", args=["qamar-javed-bajwa"]), **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<aside id="entity-panel"')
    assert "<html" not in html
    assert "Pakistan Army Chief of Staff" in html
    assert "Also: Bajwa" in html
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_entity_page_lists_articles_with_sentences_quotes_companions_and_dates(client):
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
        DateMention.objects.create(
            article=article,
            start=article.body.index("June 2020"),
            end=article.body.index("June 2020") + 9,
            text="June 2020",
            value_start="2020-06-01",
            value_end="2020-06-30",
            granularity="month",
        )
    Quote.objects.create(
        article=article,
        start=36,
        end=len(article.body),
        text=article.body[36:],
        kind="direct",
        speaker=envoy,
    )

    response = client.get(envoy.get_absolute_url())
    html = response.content.decode()
    assert [a.headline for a in response.context["entity_articles"]] == [
        "Story 2",
        "Story 1",
        "Story 0",
    ]
    assert "<mark>Zalmay Khalilzad</mark> attended talk 2." in html
    assert "What Zalmay Khalilzad said" in html
    assert [(e.name, e.shared) for e in response.context["companions"]] == [("Kabul", 3)]
    assert [d.text for d in response.context["entity_dates"]] == ["June 2020"] * 3


def test_index_pages_order_and_filter(client):
    for name, count in [("Kabul", 3), ("Doha", 1), ("Quetta", 2)]:
        entity = make_entity(name=name)
        for _ in range(count):
            article = make_article(body=f"{name} news.")
            mention(article, entity, name)
    url = reverse("articles:places")
    by_count = [e.name for e in client.get(url).context["page"]]
    alphabetical = [e.name for e in client.get(url, {"order": "alpha"}).context["page"]]
    filtered = client.get(url, {"q": "ta"}, HTTP_HX_TARGET="index-results", **HTMX)
    assert by_count == ["Kabul", "Quetta", "Doha"]
    assert alphabetical == ["Doha", "Kabul", "Quetta"]
    assert [e.name for e in filtered.context["page"]] == ["Quetta"]
    assert filtered.content.decode().lstrip().startswith('<div id="index-results"')
    assert client.get(reverse("articles:people")).status_code == 200


def test_date_pages_place_intervals_where_a_reader_expects(client):
    seasons = make_article(headline="Seasons", body="In the spring and summer of 2020 it rained.")
    DateMention.objects.create(
        article=seasons,
        start=3,
        end=32,
        text="the spring and summer of 2020",
        value_start="2020-03-01",
        value_end="2020-08-31",
        granularity="season",
    )
    year = make_article(headline="Year", body="In 2020 it rained.")
    DateMention.objects.create(
        article=year,
        start=3,
        end=7,
        text="2020",
        value_start="2020-01-01",
        value_end="2020-12-31",
        granularity="year",
    )

    def listed(*args, name):
        page = client.get(reverse(name, args=args)).context["page"]
        return sorted(a.headline for a in page)

    assert listed(2020, name="articles:date-year") == ["Seasons", "Year"]
    assert listed(2020, 6, name="articles:date-month") == ["Seasons"]
    assert listed(2020, 3, name="articles:date-month") == ["Seasons"]
    assert listed(2020, 9, name="articles:date-month") == []
    assert listed(2020, 6, 9, name="articles:date-day") == []
    june = client.get(reverse("articles:date-month", args=[2020, 6])).content.decode()
    # Each article with the sentence that places it in the period, the date marked.
    assert '<mark class="mention mention--date">the spring and summer of 2020</mark>' in june
    timeline = client.get(reverse("articles:timeline")).content.decode()
    assert 'href="/dates/2020/3/"' in timeline and 'href="/dates/2020/8/"' in timeline
    assert client.get("/dates/2020/2/30/").status_code == 404


def test_missing_pages_are_404(client):
    assert client.get("/articles/nope/").status_code == 404
    assert client.get("/entities/nope/").status_code == 404
    assert client.get("/dates/2020/13/").status_code == 404


def test_user_text_is_escaped_on_every_page(client):
    body = f"{XSS} met in Kabul in June 2020."
    article = make_article(
        headline=XSS, body=body, byline=XSS, sources=[XSS], published="2020-06-01"
    )
    entity = make_entity(name=XSS, kind="PERSON", role=XSS)
    mention(article, entity, XSS)
    entity.aliases.create(name=XSS)
    start = body.index("June 2020")
    DateMention.objects.create(
        article=article,
        start=start,
        end=start + 9,
        text="June 2020",
        value_start="2020-06-01",
        value_end="2020-06-30",
        granularity="month",
    )
    Quote.objects.create(article=article, start=0, end=len(XSS), text=XSS, speaker=entity)
    pages = [
        reverse("articles:article-list"),
        reverse("articles:article-list") + "?q=alert",
        article.get_absolute_url(),
        article.get_absolute_url() + f"?entity={entity.slug}",
        entity.get_absolute_url(),
        reverse("articles:people"),
        reverse("articles:date-month", args=[2020, 6]),
        reverse("articles:timeline"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html, url
        assert "<img src=x" not in html, url
        assert '<b hx-get="/evil">' not in html, url
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        in client.get(article.get_absolute_url()).content.decode()
    )


def build_archive(size):
    entities = [make_entity(name=name) for name in ("Kabul", "Doha", "Quetta")]
    person = make_entity(name="Gul Rahman", kind="PERSON")
    for number in range(size):
        body = "Kabul and Doha and Quetta in June 2020. Gul Rahman said so."
        article = make_article(
            headline=f"Story {number}", body=body, published=dt.date(2020, 6, 1 + number % 28)
        )
        for entity in entities:
            mention(article, entity, entity.name)
        mention(article, person, "Gul Rahman")
        DateMention.objects.create(
            article=article,
            start=body.index("June 2020"),
            end=body.index("June 2020") + 9,
            text="June 2020",
            value_start="2020-06-01",
            value_end="2020-06-30",
            granularity="month",
        )
        Quote.objects.create(article=article, start=0, end=38, text=body[:38], speaker=person)
    return article, entities[0], person


@pytest.mark.parametrize("size", [10, 200])
def test_pages_run_a_bounded_number_of_queries(client, size, django_assert_max_num_queries):
    article, kabul, person = build_archive(size)
    list_url = reverse("articles:article-list")
    pages = [
        (list_url, {}),
        (list_url + "?page=2", {}),
        (list_url + "?q=Kabul&kind=PLACE&from=2020-01-01", {}),
        (list_url + "?q=Kabul", {"HTTP_HX_TARGET": "results", **HTMX}),
        (article.get_absolute_url(), {}),
        (article.get_absolute_url() + f"?entity={person.slug}", {}),
        (kabul.get_absolute_url(), {}),
        (person.get_absolute_url(), HTMX),
        (reverse("articles:places") + "?q=a", {}),
        (reverse("articles:timeline"), {}),
        (reverse("articles:date-year", args=[2020]), {}),
        (reverse("articles:date-month", args=[2020, 6]), {}),
        (reverse("articles:date-day", args=[2020, 6, 1]), {}),
    ]
    for url, headers in pages:
        with django_assert_max_num_queries(14):
            assert client.get(url, **headers).status_code == 200, url


def test_panel_opened_beside_an_article_can_be_closed(client, seed):
    url = reverse("articles:entity", args=["kabul"]) + f"?article={seed.slug}"
    html = client.get(url, **HTMX).content.decode()
    assert f'hx-get="{seed.get_absolute_url()}" hx-select="#entity-panel"' in html
    alone = client.get(reverse("articles:entity", args=["kabul"]), **HTMX).content.decode()
    assert "Close</a>" not in alone


def test_pages_send_a_strict_content_security_policy(client, seed):
    response = client.get(seed.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html and "hx-on" not in html
