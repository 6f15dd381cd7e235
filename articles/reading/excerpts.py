"""The sentence around a span, cut from a window of the article body read in SQL.

Lists of articles (an entity's, a period's) show each with the sentence of the span that put it
there. Reading whole bodies for that would move tens of kilobytes an article; the read-model row
knows the span's offsets, so the query cuts a window around them and the sentence is found in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol, TypedDict, overload

from django.db.models import F, Func, QuerySet
from django.db.models.functions import Greatest, Substr
from django_stubs_ext import WithAnnotations

from articles.models import Article, EntityArticle, PeriodArticle
from articles.reading.sentences import sentence_around

WINDOW = 400  # characters of the body read either side of the span
# What a list reads of a read-model row and its article, besides the excerpt.
LISTED_FIELDS = (
    "published",
    "first_start",
    "first_end",
    "article_id",
    "article__headline",
    "article__slug",
    "article__published",
)


class Excerpt(TypedDict):
    excerpt_start: int  # where in the body the excerpt starts
    excerpt: str  # the body around the span


class WithExcerpt(Protocol):
    excerpt_start: int
    excerpt: str


def excerpt_around_first() -> dict[str, Func]:
    """Annotations of a read-model row (with `first_start`, `first_end` and `article`): a window
    of its article's body around that span, and where the window starts."""
    start = Greatest(F("first_start") - WINDOW, 0)
    return {
        "excerpt_start": start,
        "excerpt": Substr(
            "article__body", start + 1, F("first_end") - F("first_start") + 2 * WINDOW
        ),
    }


@overload
def listed_with_excerpts(
    rows: QuerySet[EntityArticle], *fields: str
) -> QuerySet[WithAnnotations[EntityArticle, Excerpt]]: ...


@overload
def listed_with_excerpts(
    rows: QuerySet[PeriodArticle], *fields: str
) -> QuerySet[WithAnnotations[PeriodArticle, Excerpt]]: ...


def listed_with_excerpts(
    rows: QuerySet[EntityArticle] | QuerySet[PeriodArticle], *fields: str
) -> QuerySet[Any]:
    """Read-model rows as a list shows them: each with its article, `fields` besides the listed
    ones, and the excerpt around its first span (annotated through a dict of expressions, which
    the type checker cannot follow: the overloads say what comes out)."""
    return (
        rows.select_related("article")
        .only(*LISTED_FIELDS, *fields)
        .annotate(**excerpt_around_first())
    )


def sentence_of(row: WithExcerpt, start: int, end: int) -> tuple[str, str, str]:
    """The sentence around body[start:end], from the row's excerpt."""
    offset = row.excerpt_start
    return sentence_around(row.excerpt, start - offset, end - offset)


@dataclass(frozen=True)
class ListedArticle[R: (EntityArticle, PeriodArticle)]:
    """An article in a list (an entity's, a period's): its read-model row, and the sentence
    around the span that put it there."""

    row: R
    context: tuple[str, str, str]  # before the span, the span, after it

    @property
    def article(self) -> Article:
        return self.row.article

    @property
    def published(self) -> dt.date | None:
        return self.row.published
