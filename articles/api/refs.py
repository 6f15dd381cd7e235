"""The pieces every answer repeats, built one way: an article, an entity or a quote as a short
reference with its page and its API address, and the links to a list's neighbouring pages.

Addresses are absolute (built from the request's host), so an answer can be stored and followed
anywhere.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page
from django.http import HttpRequest
from django.urls import reverse

from articles.models import Article, Entity, Quote
from articles.reading.keyset import KeysetPage
from articles.reading.ledger import repetition_of
from articles.reading.permalinks import quote_page_url, quote_permalink

Json = dict[str, Any]


def absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def addresses(request: HttpRequest, page: Article | Entity, api_name: str) -> Json:
    """Where `page` is read: its page, and its answer from the API view named `api_name`."""
    return {
        "url": absolute(request, page.get_absolute_url()),
        "api_url": absolute(request, reverse(api_name, kwargs={"slug": page.slug})),
    }


def article_ref(request: HttpRequest, article: Article) -> Json:
    return {
        "slug": article.slug,
        "headline": article.headline,
        "published": article.published,
        **addresses(request, article, "api:article-json"),
    }


def entity_ref(request: HttpRequest, entity: Entity) -> Json:
    return {
        "slug": entity.slug,
        "name": entity.name,
        "kind": entity.kind,
        **addresses(request, entity, "api:entity-json"),
    }


def quote_item(request: HttpRequest, quote: Quote) -> Json:
    """A quote read with its article and speaker (`articles.reading.quotes.listed`), and its
    repetitions (`articles.reading.ledger.with_repetitions`)."""
    article = quote.article
    repetition = repetition_of(quote)
    return {
        "id": quote.pk,
        "text": quote.text,
        "kind": quote.kind,
        "cue": quote.cue,
        "speaker": entity_ref(request, quote.speaker) if quote.speaker else None,
        "article": article_ref(request, article),
        "permalink": absolute(request, quote_permalink(quote, article_slug=article.slug)),
        "page": absolute(request, quote_page_url(quote)),
        "appearances": repetition.articles,
        "first_quoted": repetition.first_published,
    }


def keyset_links(request: HttpRequest, page: KeysetPage[Any]) -> Json:
    """The addresses of the pages either side of a keyset page, keeping the other parameters."""
    params = request.GET.dict()
    return {
        "next": link(request, page.link(params, page.next_cursor, "cursor"))
        if page.next_cursor
        else None,
        "previous": link(request, page.link(params, page.previous_cursor, "cursor"))
        if page.previous_cursor
        else None,
    }


def numbered_links(request: HttpRequest, page: Page[Any]) -> Json:
    """The same for a page of ranked results, which are numbered."""
    params = request.GET.dict()
    pages: KeysetPage[Any] = KeysetPage([], None, None, first=True)
    return {
        "next": link(request, pages.link(params, str(page.next_page_number()), "page"))
        if page.has_next()
        else None,
        "previous": link(request, pages.link(params, str(page.previous_page_number()), "page"))
        if page.has_previous()
        else None,
    }


def link(request: HttpRequest, query: str) -> str:
    return absolute(request, request.path + query)
