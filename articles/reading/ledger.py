"""The quote ledger: the same words quoted in several articles are one quote with appearances.

Quotes are matched by `Quote.words`, a digest of their words whatever the case, punctuation or
spacing, kept by PostgreSQL beside the text and indexed with the article. A list of quotes shows
each once ("first quoted on 3 June 2020, in 4 articles"); a quote's page lists where it
appeared, earliest first. Only the quotes shown are looked up, each on the index, so a list costs
what the repetitions of its few quotes cost, not what the archive holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, F, Min, QuerySet

from articles.models import Quote

APPEARANCES_SHOWN = 20


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


def repetitions(quotes: Sequence[Quote]) -> dict[str, Repetition]:
    """For the words of each quote: how many articles quote them, and the earliest date."""
    if not quotes:
        return {}
    rows = (
        Quote.objects.filter(words__in={quote.words for quote in quotes})
        .values("words")
        .annotate(articles=Count("article_id", distinct=True), first=Min("article__published"))
        .order_by()
    )
    return {row["words"]: Repetition(row["articles"], row["first"]) for row in rows}


def with_repetitions(quotes: list[Quote]) -> list[Quote]:
    """The quotes, each given `repetition` (one query for them all)."""
    found = repetitions(quotes)
    for quote in quotes:
        # Read by templates and the API beside the quote's own fields; not a column.
        setattr(quote, "repetition", found.get(quote.words, Repetition(1, None)))  # noqa: B010
    return quotes


def repetition_of(quote: Quote) -> Repetition:
    """What `with_repetitions` found for the quote."""
    found: Repetition = getattr(quote, "repetition", Repetition(1, None))
    return found


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
