import pytest
from django.urls import reverse

from articles.ingest import ingest_paths
from articles.models import Article
from tests.conftest import SEED
from tests.factories import make_article, make_entity, mention

pytestmark = pytest.mark.django_db

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)"><b hx-get="/evil">'


def test_article_list_newest_first_and_paginated(client):
    for day in range(1, 26):
        make_article(headline=f"Day {day:02d}", published=f"2020-06-{day:02d}")
    first = client.get(reverse("articles:article-list"))
    second = client.get(reverse("articles:article-list"), {"page": 2})

    assert first.status_code == 200
    headlines = [article.headline for article in first.context["page"]]
    assert headlines[:2] == ["Day 25", "Day 24"] and len(headlines) == 20
    assert [a.headline for a in second.context["page"]] == [f"Day {d:02d}" for d in range(5, 0, -1)]


def test_seed_article_page_marks_entities_and_shows_fields(client):
    ingest_paths([str(SEED)])
    article = Article.objects.get()
    response = client.get(article.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Pakistan Military Backs Afghan Peace Talks</h1>" in html
    assert "UNIPATH STAFF" in html
    assert "Sources: Voice of America, Hilal, Gandhara" in html
    assert 'class="mention mention--place" href="/entities/kabul/"' in html
    assert 'class="mention mention--person" href="/entities/ashraf-ghani/"' in html
    assert '<time class="mention mention--date" datetime="2020-06-01"' in html
    assert "Comments are closed" not in html


def test_entity_page_lists_the_articles_that_mention_it(client):
    kabul = make_entity(name="Kabul")
    for number in range(3):
        article = make_article(headline=f"Kabul story {number}", body="Kabul again. Kabul.")
        mention(article, kabul, "Kabul")
    make_article(headline="Elsewhere", body="Nothing here.")

    response = client.get(kabul.get_absolute_url())

    assert response.status_code == 200
    assert [a.headline for a in response.context["page"]] == [
        "Kabul story 2",
        "Kabul story 1",
        "Kabul story 0",
    ]
    assert response.context["mention_count"] == 3


def test_missing_pages_are_404(client):
    assert client.get("/articles/nope/").status_code == 404
    assert client.get("/entities/nope/").status_code == 404


def test_user_text_is_escaped_on_every_page(client):
    body = f"{XSS} met in Kabul."
    article = make_article(headline=XSS, body=body, byline=XSS, sources=[XSS])
    entity = make_entity(name=XSS, kind="PERSON", role=XSS)
    mention(article, entity, XSS)
    pages = [
        reverse("articles:article-list"),
        article.get_absolute_url(),
        entity.get_absolute_url(),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html, url
        assert "<img src=x" not in html, url
        assert '<b hx-get="/evil">' not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


def build_archive(size):
    entities = [make_entity(name=name) for name in ("Kabul", "Doha", "Quetta")]
    for number in range(size):
        article = make_article(
            headline=f"Story {number}", body="Kabul and Doha and Quetta.", published="2020-06-01"
        )
        for entity in entities:
            mention(article, entity, entity.name)
    return article, entities[0]


@pytest.mark.parametrize("size", [10, 200])
def test_pages_run_a_bounded_number_of_queries(client, size, django_assert_max_num_queries):
    article, kabul = build_archive(size)
    for url in [
        reverse("articles:article-list"),
        reverse("articles:article-list") + "?page=2",
        article.get_absolute_url(),
        kabul.get_absolute_url(),
    ]:
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code in (200,)
