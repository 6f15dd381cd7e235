"""Quotes: a speaker's, or everyone's, newest first, optionally published in a period."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from articles.api.refs import Json, keyset_links, quote_item
from articles.api.schemas import QuoteList
from articles.models import Entity
from articles.reading.periods import Period
from articles.reading.quotes import quotes_page

router = Router(tags=["quotes"])


class QuoteFilters(Schema):
    speaker: str | None = Field(None, description="The speaker's slug.")
    period: str | None = Field(None, description='Published in "2020", "2020-06" or "2020-06-15".')
    cursor: str | None = Field(None, description="From `next` or `previous` of a page.")


@router.api_operation(["GET", "HEAD"], "/quotes", response=QuoteList, url_name="quotes-json")
def quote_list(request: HttpRequest, filters: Query[QuoteFilters]) -> Json:
    """Quotes of a page of articles at a time, newest article first; 404 for a speaker or a
    period that does not exist."""
    speaker = None
    if filters.speaker is not None:
        speaker = Entity.objects.filter(slug=filters.speaker).first()
        if speaker is None:
            raise Http404("No such speaker")
    period = None
    if filters.period is not None:
        try:
            period = Period.parse(filters.period)
        except (ValueError, OverflowError) as error:
            raise Http404("No such period") from error
    found = quotes_page(speaker=speaker, published_in=period, cursor=filters.cursor)
    return {
        "items": [quote_item(request, quote) for quote in found.quotes],
        **keyset_links(request, found.page),
    }
