"""Quotes a page at a time: a speaker's, or the archive's, newest articles first, optionally in a
period of publication.

A page is a run of articles read on an index from a cursor (the speaker's `EntityArticle` rows
where it speaks, or the archive's newest articles holding a quote), then every active quote of
theirs (the speaker's alone, for a speaker) in one query, so a page costs the same however many
quotes the archive holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from articles.models import Article, Entity, EntityArticle, Quote
from articles.reading.keyset import KeysetPage, Ordering, keyset_page
from articles.reading.ledger import repeated, with_article_and_speaker
from articles.reading.periods import Period

ARTICLES_PER_PAGE = 20
SPEAKING = Ordering(key="published", id="article_id", nullable=True)
NEWEST = Ordering(key="published", id="id", nullable=True)


@dataclass(frozen=True)
class QuotePage:
    quotes: list[Quote]
    page: KeysetPage[EntityArticle] | KeysetPage[Article]


def quotes_page(
    *, speaker: Entity | None, published_in: Period | None, cursor: str | None
) -> QuotePage:
    """The quotes of a page of articles, newest article first, in the order of their text."""
    article_ids: list[int]
    page: KeysetPage[EntityArticle] | KeysetPage[Article]
    if speaker is not None:
        rows = EntityArticle.objects.filter(entity=speaker, quote_count__gt=0)
        if published_in is not None:
            rows = rows.filter(published__gte=published_in.start, published__lte=published_in.end)
        page = speaking = keyset_page(
            rows.only("published", "article_id"), SPEAKING, cursor=cursor, size=ARTICLES_PER_PAGE
        )
        article_ids = [row.article_id for row in speaking]
        quotes = Quote.objects.filter(speaker=speaker, article_id__in=article_ids)
    else:
        articles = Article.objects.filter(Exists(Quote.objects.filter(article=OuterRef("pk"))))
        if published_in is not None:
            articles = articles.published_between(published_in.start, published_in.end)
        page = newest = keyset_page(
            articles.only("published"), NEWEST, cursor=cursor, size=ARTICLES_PER_PAGE
        )
        article_ids = [article.pk for article in newest]
        quotes = Quote.objects.filter(article_id__in=article_ids)
    order = {article_id: number for number, article_id in enumerate(article_ids)}
    found = sorted(
        listed(quotes), key=lambda quote: (order[quote.article_id], quote.start, quote.pk)
    )
    return QuotePage(found, page)


def listed(quotes: QuerySet[Quote], *also: str) -> QuerySet[Quote]:
    """Quotes as lists and pages show them: with their article and speaker, the fields read,
    the ones in `also` too, and their repetitions."""
    fields = ("text", "kind", "cue", "start", "end", "words", "article_id", *also)
    return with_article_and_speaker(quotes, *fields).annotate(**repeated())
