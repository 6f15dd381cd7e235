import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, DateMention, Mention
from tests.factories import make_article, make_entity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end", "text", "constraint"),
    [
        (0, 50, "Kabul", "outside the body"),
        (1, 5, "Kabul", "does not hold the text"),
        (3, 3, "", "mention_offsets_ordered"),
        (4, 1, "x", "mention_offsets_ordered"),
    ],
)
def test_database_refuses_spans_that_do_not_fit_the_body(start, end, text, constraint):
    article = make_article(body="Kabul is the capital.")
    entity = make_entity()
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Mention.objects.create(
            article=article, entity=entity, start=start, end=end, text=text, label="GPE"
        )


def test_one_mention_per_span_per_article():
    article = make_article(body="Kabul is the capital.")
    entity = make_entity()
    Mention.objects.create(
        article=article, entity=entity, start=0, end=5, text="Kabul", label="GPE"
    )
    with pytest.raises(IntegrityError, match="mention_one_per_span"), transaction.atomic():
        Mention.objects.create(
            article=article, entity=entity, start=0, end=5, text="Kabul", label="GPE"
        )


def test_date_intervals_are_ordered():
    article = make_article(body="In June 2020 talks began.")
    with pytest.raises(IntegrityError, match="datemention_interval_ordered"), transaction.atomic():
        DateMention.objects.create(
            article=article,
            start=3,
            end=12,
            text="June 2020",
            value_start="2020-06-30",
            value_end="2020-06-01",
            granularity="month",
        )


def test_unique_content_hash_and_slug():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(
            headline="Other", slug="other", body="x", content_hash=article.content_hash
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(headline="Other", slug=article.slug, body="x", content_hash="y")


def test_search_vector_follows_headline_and_body():
    make_article(headline="Torkham crossing reopens", body="Traders welcomed the decision.")
    make_article(headline="Cricket", body="A match in Sharjah.")
    assert Article.objects.filter(search_vector="torkham").count() == 1
    assert Article.objects.filter(search_vector="trader").count() == 1  # stemmed
