"""The synthetic archive: spans that quote their bodies, skewed popularity, pages that render, and
a command that will not mix synthetic articles into a real archive."""

import statistics
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from articles.models import Article, Entity
from bench.synthetic import (
    HEADLINE_PREFIX,
    SYNTHETIC_BYLINE,
    RealArticlesPresent,
    generate_archive,
)
from tests.factories import make_article

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def archive():
    return generate_archive(articles=30, seed=1, entities=300, batch_size=12)


def most_mentioned():
    return Entity.objects.annotate(articles=Count("mentions__article", distinct=True)).order_by(
        "-articles"
    )[0]


def test_articles_have_the_shape_asked_for_and_every_span_quotes_the_body(archive):
    articles = Article.objects.prefetch_related("mentions", "dates", "quotes__speaker_mention")
    assert archive.articles == len(articles) == 30
    assert archive.mentions == sum(len(a.mentions.all()) for a in articles)
    for article in articles:
        assert article.headline.startswith(HEADLINE_PREFIX)
        assert article.byline == SYNTHETIC_BYLINE
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
            mention = quote.speaker_mention
            assert mention is not None
            assert mention.article_id == article.pk
            assert mention.entity_id == quote.speaker_id


def test_a_few_entities_are_in_many_articles_and_most_in_few(archive):
    counts = sorted(
        Entity.objects.annotate(articles=Count("mentions__article", distinct=True))
        .filter(articles__gt=0)
        .values_list("articles", flat=True),
        reverse=True,
    )
    assert counts[0] >= 8
    assert counts[0] >= 5 * statistics.median(counts)


def test_pages_render_for_generated_articles(client, archive):
    top = most_mentioned()
    article = Article.objects.filter(mentions__entity=top)[0]

    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(top.get_absolute_url()).status_code == 200
    assert client.get(top.get_absolute_url(), **HTMX).status_code == 200
    with_panel = client.get(article.get_absolute_url(), {"entity": top.slug})
    assert with_panel.status_code == 200
    assert top.name in with_panel.content.decode()


def test_command_reports_and_a_second_run_adds_to_the_archive():
    out = StringIO()
    call_command("generate_archive", articles=3, entities=60, stdout=out)
    call_command("generate_archive", articles=2, entities=60, stdout=out)

    assert "Generated 3 articles" in out.getvalue()
    assert "Generated 2 articles, 0 new entities" in out.getvalue()
    assert Article.objects.count() == 5


def test_command_refuses_an_archive_with_real_articles_unless_forced():
    make_article(headline="A real piece")
    with pytest.raises(CommandError, match=r"1 article that is not synthetic.*--force"):
        call_command("generate_archive", articles=2, entities=60, stdout=StringIO())
    with pytest.raises(RealArticlesPresent):
        generate_archive(articles=2, entities=60)
    assert Article.objects.count() == 1

    call_command("generate_archive", articles=2, entities=60, force=True, stdout=StringIO())
    assert Article.objects.count() == 3
