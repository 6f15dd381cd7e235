"""The articles: the list as the list page has it (search, filters, cursor), and one article in
the annotation interchange format, as `manage.py export` writes it."""

from __future__ import annotations

import html
from typing import Any

from django.db.models import Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.html import strip_tags
from django.utils.http import http_date
from ninja import Query, Router, Schema
from pydantic import Field

from articles.api.refs import Json, absolute, article_ref, keyset_links, numbered_links
from articles.api.schemas import ArticleDocument, ArticleList
from articles.ingest.export import annotated_articles, document_of
from articles.models import Article, Correction
from articles.reading.keyset import KeysetPage
from articles.reading.search import Listing, filters_from, search_articles

router = Router(tags=["articles"])
# What an export carries for rebuilding an archive and readers have no use for.
NOT_PUBLISHED = ("rejected", "origin_name")


class ArticleFilters(Schema):
    """As on the list page; a value that cannot be read is ignored, as there."""

    q: str | None = Field(None, description='Web-search syntax: words, "a phrase", -word.')
    entity: str | None = Field(None, description="An entity's slug, name or alias.")
    kind: str | None = Field(None, description="Articles naming an entity of this kind.")
    from_: str | None = Field(None, alias="from", description="Published on or after, YYYY-MM-DD.")
    to: str | None = Field(None, description="Published on or before, YYYY-MM-DD.")
    sort: str | None = Field(None, description='"date": a search\'s matches newest first.')
    cursor: str | None = Field(None, description="From `next` or `previous` of a page.")
    page: str | None = Field(None, description="A page of ranked search results.")


@router.api_operation(["GET", "HEAD"], "/articles", response=ArticleList, url_name="articles-json")
def article_list(request: HttpRequest, filters: Query[ArticleFilters]) -> Json:
    """Articles newest first, or a search's matches by relevance (the newest 200 ranked)."""
    chosen = filters_from(request.GET)
    results = search_articles(
        chosen, cursor=request.GET.get("cursor"), page=request.GET.get("page")
    )
    links = (
        keyset_links(request, results.page)
        if isinstance(results.page, KeysetPage)
        else numbered_links(request, results.page)
    )
    return {
        "count": results.count.value,
        "count_exact": results.count.exact,
        "ranked": results.ranked,
        "items": [item(request, listing) for listing in results.listings],
        **links,
    }


def item(request: HttpRequest, listing: Listing) -> Json:
    snippet = listing.snippet_html
    excerpt = html.unescape(strip_tags(snippet)) if snippet else listing.opening
    article = listing.article
    return {**article_ref(request, article), "byline": article.byline, "excerpt": excerpt}


@router.api_operation(
    ["GET", "HEAD"], "/articles/{slug}", response=ArticleDocument, url_name="article-json"
)
def article_detail(request: HttpRequest, slug: str, response: HttpResponse) -> dict[str, Any]:
    """One article with its entities, mentions, dates and quotes (the interchange format)."""
    article = annotated_articles().filter(slug=slug).first()
    if article is None:
        raise Http404("No such article")
    document = {
        key: value for key, value in document_of(article).items() if key not in NOT_PUBLISHED
    }
    document["page"] = absolute(request, article.get_absolute_url())
    response["Last-Modified"] = http_date(last_changed(article, document).timestamp())
    return document


def last_changed(article: Article, document: dict[str, Any]) -> Any:
    """When the document last changed: the article's own changes, and the corrections (and
    undos) of it or of the entities it names, which rename, merge or move them."""
    slugs = [entity["slug"] for entity in document["entities"]]
    corrections = Correction.objects.filter(
        Q(article=article) | Q(entity__slug__in=slugs)
    ).aggregate(made=Max("created_at"), undone=Max("undone_at"))
    moments = [article.updated_at, article.annotated_at, *corrections.values()]
    return max(moment for moment in moments if moment is not None)
