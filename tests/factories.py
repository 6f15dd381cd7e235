"""Builders for archive rows, so tests state only what matters to them and need no pipeline.

Spans are placed by their text: `MentionFactory.create(article=a, entity=e, text="Kabul")` finds
"Kabul" in the article's body (`occurrence=1` for the second time it appears), so offsets always
match the body as the database requires. Like the services that write annotations, every span
factory brings its article's read models up to date, so pages see what an ingest would leave.
"""

import hashlib

import factory
from django.contrib.auth.models import User
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from articles.models import Article, DateMention, Entity, Mention, Quote
from articles.models.spans import Span
from articles.readmodels.refresh import refresh_articles


def nth_index(body: str, text: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(text, start + 1)
    return start


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw")


class ArticleFactory(DjangoModelFactory[Article]):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    body = "Kabul is the capital."
    content_hash = factory.LazyAttributeSequence(
        lambda o, n: hashlib.sha256(f"{n}{o.headline}{o.body}".encode()).hexdigest()
    )


class EntityFactory(DjangoModelFactory[Entity]):
    class Meta:
        model = Entity

    name = "Kabul"
    kind = "PLACE"
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.name) or 'entity'}-{n}")


class SpanFactory[SpanModel: Span](DjangoModelFactory[SpanModel]):
    """Offsets from the span's text and which of its occurrences in the body it is."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    class Params:
        occurrence = 0

    article = factory.SubFactory(ArticleFactory)
    start = factory.LazyAttribute(lambda o: nth_index(o.article.body, o.text, o.occurrence))
    end = factory.LazyAttribute(lambda o: o.start + len(o.text))

    @factory.post_generation
    def read_models(span: Span, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            refresh_articles([span.article_id])


class MentionFactory(SpanFactory[Mention]):
    class Meta:
        model = Mention

    entity = factory.SubFactory(EntityFactory)
    text = factory.LazyAttribute(lambda o: o.entity.name)
    label = "GPE"


class QuoteFactory(SpanFactory[Quote]):
    class Meta:
        model = Quote

    text = factory.LazyAttribute(lambda o: o.article.body)
    speaker = None


class DateMentionFactory(SpanFactory[DateMention]):
    class Meta:
        model = DateMention


# The builders older tests call.
def make_article(*, headline=None, body="Kabul is the capital.", **fields) -> Article:
    if headline is not None:
        fields["headline"] = headline
    return ArticleFactory.create(body=body, **fields)


def make_entity(*, name="Kabul", kind="PLACE", **fields) -> Entity:
    return EntityFactory.create(name=name, kind=kind, **fields)


def mention(article: Article, entity: Entity, text: str, occurrence: int = 0) -> Mention:
    return MentionFactory.create(article=article, entity=entity, text=text, occurrence=occurrence)


def date_mention(
    article: Article, text: str, first: str, last: str, granularity: str = "day"
) -> DateMention:
    return DateMentionFactory.create(
        article=article, text=text, value_start=first, value_end=last, granularity=granularity
    )


def quote(article: Article, text: str, speaker: Entity | None, kind: str = "direct") -> Quote:
    return QuoteFactory.create(article=article, text=text, speaker=speaker, kind=kind)
