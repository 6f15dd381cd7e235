"""The quote ledger: the same words quoted in several articles are one quote with appearances.

Quotes are matched by `Quote.words`, a digest of their words whatever the case, punctuation or
spacing, kept by PostgreSQL beside the text. A list of quotes shows each once ("first quoted on
3 June 2020, in 4 articles"); a quote's page lists where it appeared, earliest first. Both are
read from the ledger's read model (`QuoteArticle`: the words each article quotes, on an index
earliest first), and counted no further than `COUNTED_UP_TO`: words repeated in ten thousand
articles cost what words repeated in a thousand do ("in more than 1,000 articles").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery

from articles.models import Quote, QuoteArticle
from articles.reading.keyset import KeysetPage, Ordering, keyset_page

APPEARANCES_SHOWN = 20
APPEARANCES_PER_PAGE = 20
COUNTED_UP_TO = 1000
# Earliest first, undated last: the quote's first appearance leads.
EARLIEST_FIRST = Ordering(key="published", id="article_id", descending=False, nullable=True)


@dataclass(frozen=True)
class Repetition:
    articles: int  # articles quoting these words, the quote's own included (up to 1,001)
    first_published: dt.date | None  # the earliest of them (None when all are undated)

    @property
    def repeated(self) -> bool:
        return self.articles > 1

    @property
    def label(self) -> str:
        return appearance_label(self.articles)


def distinct_quotes(quotes: Iterable[Quote]) -> list[Quote]:
    """The quotes in order, each set of words once (where it first comes)."""
    seen: set[str] = set()
    kept = []
    for quote in quotes:
        if quote.words not in seen:
            seen.add(quote.words)
            kept.append(quote)
    return kept


class BoundedAppearances(Func):
    """The articles quoting a quote's words (its own included), counted on the ledger's index up
    to `limit`."""

    template = (
        "(SELECT count(*) FROM (SELECT 1 FROM articles_quotearticle ledger "
        "WHERE ledger.words = %(expressions)s LIMIT %(limit)d) AS counted)"
    )
    output_field = IntegerField()

    def __init__(self, words: F, *, limit: int) -> None:
        super().__init__(words, limit=limit)


def earliest(words: object) -> QuerySet[QuoteArticle]:
    """The ledger's rows of these words (a value or an OuterRef), earliest first (undated last)."""
    return QuoteArticle.objects.filter(words=words).order_by(
        F("published").asc(nulls_last=True), "article_id"
    )


def repeated() -> dict[str, Func | Subquery]:
    """Annotations of a quote read in a list: `appearance_count`, the articles quoting its words
    (its own included, counted up to `COUNTED_UP_TO` + 1), and `first_quoted`, the earliest of
    their dates. Subqueries of the same query on the ledger's index: no query more for a list."""
    return {
        "appearance_count": BoundedAppearances(F("words"), limit=COUNTED_UP_TO + 1),
        "first_quoted": Subquery(earliest(OuterRef("words")).values("published")[:1]),
    }


def repetition_of(quote: Quote) -> Repetition:
    """What `repeated()` found for a quote (a quote not read with it is its only appearance)."""
    count: int | None = getattr(quote, "appearance_count", None)
    first: dt.date | None = getattr(quote, "first_quoted", None)
    return Repetition(count or 1, first)


def appearance_label(count: int) -> str:
    """How many articles, as a page says it: "4", or "more than 1,000" past the count."""
    if count > COUNTED_UP_TO:
        return f"more than {COUNTED_UP_TO:,}"
    return f"{count:,}"


def with_article_and_speaker(quotes: QuerySet[Quote], *fields: str) -> QuerySet[Quote]:
    """Quotes with their article and speaker, reading only `fields` of the quote and what lists
    show of those two."""
    return quotes.select_related("article", "speaker").only(
        *fields,
        "article__headline",
        "article__slug",
        "article__published",
        "speaker__name",
        "speaker__slug",
        "speaker__kind",
    )


def appearances(quote: Quote) -> QuerySet[Quote]:
    """Where these words were quoted, earliest first (undated last), the first few."""
    quotes = Quote.objects.filter(
        words=quote.words,
        article_id__in=earliest(quote.words).values("article_id")[:APPEARANCES_SHOWN],
    )
    return with_article_and_speaker(quotes, "start", "kind", "words").order_by(
        F("article__published").asc(nulls_last=True), "article_id", "start"
    )[:APPEARANCES_SHOWN]


def appearances_page(quote: Quote, *, cursor: str | None) -> KeysetPage[Quote]:
    """Every article quoting these words, a page at a time from a cursor, earliest first: the
    ledger's rows on their index, then the first quote of the words in each of the page's
    articles."""
    rows = earliest(quote.words).only("words", "article_id", "published")
    page = keyset_page(rows, EARLIEST_FIRST, cursor=cursor, size=APPEARANCES_PER_PAGE)
    order = {row.article_id: number for number, row in enumerate(page)}
    of_page = Quote.objects.filter(words=quote.words, article_id__in=list(order))
    found = with_article_and_speaker(of_page, "start", "end", "kind", "cue", "words").order_by(
        "article_id", "start"
    )
    first_of_article: dict[int, Quote] = {}
    for each in found:
        first_of_article.setdefault(each.article_id, each)
    quotes = sorted(first_of_article.values(), key=lambda each: order[each.article_id])
    return KeysetPage(quotes, page.next_cursor, page.previous_cursor, page.first)
