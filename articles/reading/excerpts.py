"""The sentence around a span, cut from a window of the article body read in SQL.

Lists of articles (an entity's, a period's) show each with the sentence of the span that put it
there. Reading whole bodies for that would move tens of kilobytes an article; the read-model row
knows the span's offsets, so the query cuts a window around them and the sentence is found in it.
"""

from __future__ import annotations

from typing import Protocol, TypedDict

from django.db.models import F, Func
from django.db.models.functions import Greatest, Substr

from articles.reading.sentences import sentence_around

WINDOW = 400  # characters of the body read either side of the span


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


def sentence_of(row: WithExcerpt, start: int, end: int) -> tuple[str, str, str]:
    """The sentence around body[start:end], from the row's excerpt."""
    offset = row.excerpt_start
    return sentence_around(row.excerpt, start - offset, end - offset)
