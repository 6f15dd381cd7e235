"""Small builders for archive rows, so tests state only what matters to them.

Like the services that write annotations, the builders of mentions, dates and quotes bring the
article's read models up to date, so pages see what a real ingest would have left.
"""

import hashlib
import itertools

from django.utils.text import slugify

from articles.models import Article, DateMention, Entity, Mention, Quote
from articles.readmodels.refresh import refresh_articles

_counter = itertools.count(1)


def make_article(*, headline=None, body="Kabul is the capital.", **fields) -> Article:
    number = next(_counter)
    headline = headline or f"Article {number}"
    return Article.objects.create(
        headline=headline,
        slug=fields.pop("slug", f"article-{number}"),
        body=body,
        content_hash=hashlib.sha256(f"{number}{headline}{body}".encode()).hexdigest(),
        **fields,
    )


def make_entity(*, name="Kabul", kind="PLACE", **fields) -> Entity:
    number = next(_counter)
    return Entity.objects.create(
        name=name, kind=kind, slug=f"{slugify(name) or 'entity'}-{number}", **fields
    )


def mention(article: Article, entity: Entity, text: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = article.body.index(text, start + 1)
    row = Mention.objects.create(
        article=article,
        entity=entity,
        start=start,
        end=start + len(text),
        text=text,
        label="GPE",
    )
    refresh_articles([article.pk])
    return row


def date_mention(
    article: Article, text: str, first: str, last: str, granularity: str = "day"
) -> DateMention:
    start = article.body.index(text)
    row = DateMention.objects.create(
        article=article,
        start=start,
        end=start + len(text),
        text=text,
        value_start=first,
        value_end=last,
        granularity=granularity,
    )
    refresh_articles([article.pk])
    return row


def quote(article: Article, text: str, speaker: Entity | None, kind: str = "direct") -> Quote:
    start = article.body.index(text)
    row = Quote.objects.create(
        article=article,
        start=start,
        end=start + len(text),
        text=text,
        kind=kind,
        speaker=speaker,
    )
    refresh_articles([article.pk])
    return row
