"""The synthetic archive: spans that quote their bodies, skewed popularity, the same articles for
the same seed, runs that append, pages that render, and a command that will not mix synthetic
articles into a real archive."""

import statistics
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from articles.ingest.service import content_hash
from articles.models import Article, Entity
from bench.synthetic import (
    HEADLINE_PREFIX,
    HOUSE_ENTITIES,
    SYNTHETIC_BYLINE,
    RealArticlesPresent,
    SpanMismatch,
    generate_archive,
    generation,
    last_serial,
)
from bench.synthetic.loading import LOADED_TABLES, set_aside_indexes
from tests.factories import make_article

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def archive(db):
    return generate_archive(articles=200, seed=1, entities=300)


def articles_per_entity() -> dict[str, int]:
    return dict(
        Entity.objects.annotate(articles=Count("mentions__article", distinct=True))
        .filter(articles__gt=0)
        .values_list("name", "articles")
    )


def index_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s)", [LOADED_TABLES]
        )
        return {name for (name,) in cursor.fetchall()}


def texts_by_serial() -> list[tuple[str, str, str]]:
    return list(
        Article.objects.order_by("origin_name").values_list("origin_name", "headline", "body")
    )


def test_articles_have_the_shape_asked_for_and_every_span_quotes_the_body(archive):
    articles = Article.objects.prefetch_related("mentions", "dates", "quotes__speaker_mention")
    assert archive.articles == len(articles) == 200
    assert archive.mentions == sum(len(a.mentions.all()) for a in articles)
    for article in articles:
        assert article.headline.startswith(HEADLINE_PREFIX)
        assert article.byline == SYNTHETIC_BYLINE
        assert article.content_hash == content_hash(article.headline, article.body)
        assert 300 <= len(article.body.split()) <= 750
        assert 15 <= len(article.mentions.all()) <= 50
        assert 1 <= len(article.dates.all()) <= 5
        assert len(article.quotes.all()) <= 3
        for span in [*article.mentions.all(), *article.dates.all(), *article.quotes.all()]:
            assert article.body[span.start : span.end] == span.text
        for date in article.dates.all():
            assert date.value_start is not None
            assert date.value_end is not None
            assert date.value_start <= date.value_end
        for quote in article.quotes.all():
            speaker = quote.speaker_mention
            assert speaker is not None
            assert speaker.article_id == article.pk
            assert speaker.entity_id == quote.speaker_id


def test_house_entities_are_in_their_share_of_articles_and_the_rest_in_a_long_tail(archive):
    counts = articles_per_entity()
    country, prime_minister = archive.top_entities[0][0], archive.top_entities[1][0]
    tail = sorted(counts.values())[: -len(HOUSE_ENTITIES)]

    assert 0.25 <= counts[country] / 200 <= 0.42
    assert 0.17 <= counts[prime_minister] / 200 <= 0.33
    assert Entity.objects.get(name=prime_minister).role == f"prime minister of {country}"
    assert max(tail) < counts[prime_minister]
    assert statistics.median(counts.values()) * 5 <= counts[country]
    assert len(counts) >= 200


def test_the_run_reports_the_top_entities_as_stored(archive):
    counts = articles_per_entity()
    reported = {name: count for name, _, count in archive.top_entities}
    others = [count for name, count in counts.items() if name not in reported]

    assert reported == {name: counts[name] for name in reported}
    assert max(others) <= min(reported.values())


@pytest.mark.django_db(transaction=True)
def test_the_same_seed_gives_the_same_articles_with_any_number_of_processes(monkeypatch):
    # Parallel processes write outside the test's transaction, and build the indexes set aside
    # two at a time on connections of their own.
    monkeypatch.setattr(generation, "CHUNK_SIZE", 15)
    indexes = index_names()
    generate_archive(articles=50, seed=3, entities=100, processes=2, set_aside=True)
    in_parallel = texts_by_serial()
    assert index_names() == indexes
    Article.objects.all().delete()
    generate_archive(articles=50, seed=3, entities=100, processes=1)
    in_one_process = texts_by_serial()
    Article.objects.all().delete()
    generate_archive(articles=50, seed=4, entities=100, processes=1)
    with_another_seed = texts_by_serial()

    assert len(in_parallel) == 50
    assert in_parallel == in_one_process
    assert [body for _, _, body in with_another_seed] != [body for _, _, body in in_one_process]


@pytest.mark.django_db
def test_a_second_run_appends_and_numbers_on():
    out = StringIO()
    call_command("generate_archive", articles=3, entities=60, stdout=out)
    call_command("generate_archive", articles=2, entities=60, stdout=out)

    assert "Generated 3 articles" in out.getvalue()
    assert "Generated 2 articles, 0 new entities" in out.getvalue()
    assert Article.objects.count() == 5
    assert last_serial() == 5
    assert sorted(Article.objects.values_list("origin_name", flat=True)) == [
        f"synthetic:{serial}" for serial in range(1, 6)
    ]


@pytest.mark.django_db
def test_the_command_prints_the_top_entities_shares():
    out = StringIO()
    call_command("generate_archive", articles=40, entities=100, stdout=out)
    country = Entity.objects.get(role="the country the archive covers")

    assert "Most mentioned entities" in out.getvalue()
    assert f"  {country.name} (PLACE): " in out.getvalue()


@pytest.mark.django_db
def test_command_refuses_an_archive_with_real_articles_unless_forced():
    make_article(headline="A real piece")
    with pytest.raises(CommandError, match=r"1 article that is not synthetic.*--force"):
        call_command("generate_archive", articles=2, entities=60, stdout=StringIO())
    with pytest.raises(RealArticlesPresent):
        generate_archive(articles=2, entities=60)
    assert Article.objects.count() == 1

    call_command("generate_archive", articles=2, entities=60, force=True, stdout=StringIO())
    assert Article.objects.count() == 3


@pytest.mark.django_db
def test_a_span_that_misses_its_text_stops_the_run_before_it_is_stored(monkeypatch):
    compose = generation.compose_article  # type: ignore[attr-defined]  # patched below

    def compose_one_off(**options):
        draft = compose(**options)
        if draft.serial == 50:  # a serial whose spans are checked
            start, end, _text, _entity = draft.mentions[0]
            draft.mentions[0] = draft.mentions[0]._replace(start=start + 1, end=end + 1)
        return draft

    monkeypatch.setattr(generation, "compose_article", compose_one_off)
    with pytest.raises(SpanMismatch):
        generate_archive(articles=60, entities=100)
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_a_large_load_builds_again_the_indexes_it_set_aside():
    before = index_names()
    generate_archive(articles=30, entities=100, set_aside=True)

    assert index_names() == before


@pytest.mark.django_db
def test_indexes_left_set_aside_by_a_killed_run_are_built_by_the_next():
    before = index_names()
    set_aside_indexes()
    assert "mention_entity_article_idx" not in index_names()

    generate_archive(articles=5, entities=60)
    assert index_names() == before


def test_pages_render_for_generated_articles(client, archive):
    country = Entity.objects.get(name=archive.top_entities[0][0])
    article = Article.objects.filter(mentions__entity=country)[0]

    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(country.get_absolute_url()).status_code == 200
    assert client.get(country.get_absolute_url(), **HTMX).status_code == 200
    with_panel = client.get(article.get_absolute_url(), {"entity": country.slug})
    assert with_panel.status_code == 200
    assert country.name in with_panel.content.decode()
