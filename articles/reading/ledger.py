"""The quote ledger: the same words quoted in several articles are one quote with appearances.

Quotes are matched by `Quote.words`, a digest of their words whatever the case, punctuation or
spacing, kept by PostgreSQL beside the text and indexed with the article. A list of quotes shows
each once ("first quoted on 3 June 2020, in 4 articles"); a quote's page lists where it
appeared, earliest first. Only the quotes shown are looked up, each on the index, so a list costs
what the repetitions of its few quotes cost, not what the archive holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Min, OuterRef, QuerySet, Subquery

from articles.models import Quote
from articles.reading.keyset import KeysetPage, Ordering, keyset_page

APPEARANCES_SHOWN = 20
APPEARANCES_PER_PAGE = 20
# Earliest first, undated last: the quote's first appearance leads.
EARLIEST_FIRST = Ordering(key="published", id="id", descending=False, nullable=True)


@dataclass(frozen=True)
class Repetition:
    articles: int  # articles quoting these words, the quote's own included
    first_published: dt.date | None  # the earliest of them (None when all are undated)

    @property
    def repeated(self) -> bool:
        return self.articles > 1


def distinct_quotes(quotes: Iterable[Quote]) -> list[Quote]:
    """The quotes in order, each set of words once (where it first comes)."""
    seen: set[str] = set()
    kept = []
    for quote in quotes:
        if quote.words not in seen:
            seen.add(quote.words)
            kept.append(quote)
    return kept


def repeated() -> dict[str, Subquery]:
    """Annotations of a quote read in a list: `appearance_count`, the articles quoting its words
    (its own included), and `first_quoted`, the earliest of their dates. Subqueries of the same
    query, each a range of the (words, article) index: no query more for a list."""
    same = Quote.objects.filter(words=OuterRef("words")).order_by().values("words")
    return {
        "appearance_count": Subquery(
            same.annotate(articles=Count("article_id", distinct=True)).values("articles")
        ),
        "first_quoted": Subquery(same.annotate(first=Min("article__published")).values("first")),
    }


def repetition_of(quote: Quote) -> Repetition:
    """What `repeated()` found for a quote (a quote not read with it is its only appearance)."""
    count: int | None = getattr(quote, "appearance_count", None)
    first: dt.date | None = getattr(quote, "first_quoted", None)
    return Repetition(count or 1, first)


def appearances(quote: Quote) -> QuerySet[Quote]:
    """Where these words were quoted, earliest first (undated last), the first few."""
    return (
        Quote.objects.filter(words=quote.words)
        .select_related("article", "speaker")
        .only(
            "start",
            "kind",
            "words",
            "article__headline",
            "article__slug",
            "article__published",
            "speaker__name",
            "speaker__slug",
        )
        .order_by(F("article__published").asc(nulls_last=True), "article_id", "start")[
            :APPEARANCES_SHOWN
        ]
    )


def appearances_page(quote: Quote, *, cursor: str | None) -> KeysetPage[Quote]:
    """Every article quoting these words, a page at a time from a cursor, earliest first."""
    rows = (
        Quote.objects.filter(words=quote.words)
        .select_related("article", "speaker")
        .only(
            "start",
            "end",
            "kind",
            "cue",
            "words",
            "article__headline",
            "article__slug",
            "article__published",
            "speaker__name",
            "speaker__slug",
            "speaker__kind",
        )
        .annotate(published=F("article__published"))
    )
    return keyset_page(rows, EARLIEST_FIRST, cursor=cursor, size=APPEARANCES_PER_PAGE)
