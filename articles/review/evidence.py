"""The lines of evidence an item shows: the sentence a span is in, cut once when the item is
written, so that the queue reads nothing but its own rows."""

from __future__ import annotations

from typing import TypedDict

from articles.reading.sentences import sentence_around


class Line(TypedDict):
    headline: str
    url: str
    before: str
    mark: str
    after: str


def line_in(*, headline: str, url: str, body: str, offset: int, start: int, end: int) -> Line:
    """The sentence around body[start:end], where `body` is a window of the article's body that
    begins at `offset` (the whole body when `offset` is 0)."""
    before, mark, after = sentence_around(body, start - offset, end - offset)
    return {"headline": headline, "url": url, "before": before, "mark": mark, "after": after}


def quote_line(*, headline: str, url: str, text: str, after: str = "") -> Line:
    """A quote is its own evidence: its text marked whole, cut to a line's length."""
    return {"headline": headline, "url": url, "before": "", "mark": text[:300], "after": after}
