"""Quotes: a speaker's, or everyone's, newest first, optionally published in a period; and where
one quote's words appeared (the quote ledger), earliest first."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from articles.api.refs import Json, absolute, article_ref, entity_ref, keyset_links, quote_item
from articles.api.schemas import QuoteAppearances, QuoteList
from articles.models import Entity, Quote
from articles.reading.ledger import appearances_page
from articles.reading.periods import Period
from articles.reading.permalinks import quote_permalink
from articles.reading.quotes import listed, quotes_page

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


class AppearancePages(Schema):
    cursor: str | None = Field(None, description="From `next` or `previous` of a page.")


@router.api_operation(
    ["GET", "HEAD"],
    "/quotes/{quote_id}/appearances",
    response=QuoteAppearances,
    url_name="quote-appearances-json",
)
def quote_appearances(request: HttpRequest, quote_id: int, pages: Query[AppearancePages]) -> Json:
    """Every article that quoted the same words as this quote (whatever their case, punctuation
    or spacing), earliest first, undated last; 404 for a quote that does not exist."""
    if not 0 < quote_id < 2**63:
        raise Http404("No such quote")
    quote = listed(Quote.objects.all()).filter(pk=quote_id).first()
    if quote is None:
        raise Http404("No such quote")
    page = appearances_page(quote, cursor=pages.cursor)
    return {
        "quote": quote_item(request, quote),
        "items": [
            {
                "id": appearance.pk,
                "kind": appearance.kind,
                "cue": appearance.cue,
                "speaker": entity_ref(request, appearance.speaker) if appearance.speaker else None,
                "article": article_ref(request, appearance.article),
                "permalink": absolute(
                    request, quote_permalink(appearance, article_slug=appearance.article.slug)
                ),
            }
            for appearance in page
        ],
        **keyset_links(request, page),
    }
