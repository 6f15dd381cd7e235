"""Article search and filters: PostgreSQL full-text search, ranked, with highlighted snippets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Left
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles.models import Article, Entity, Mention
from articles.nlp.kinds import KINDS

# Private-use characters mark the matches in a headline; the snippet is escaped, then they become
# <mark> elements. Article text can therefore never inject markup through a snippet.
MATCH_START, MATCH_END = "\ue000", "\ue001"
SNIPPET_OPTIONS = {
    "start_sel": MATCH_START,
    "stop_sel": MATCH_END,
    "max_words": 40,
    "min_words": 20,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}


@dataclass
class ArticleFilters:
    query: str = ""
    entity: Entity | None = None
    kind: str = ""
    published_from: dt.date | None = None
    published_to: dt.date | None = None

    @property
    def active(self) -> bool:
        return bool(
            self.query or self.entity or self.kind or self.published_from or self.published_to
        )


def parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filters_from(params) -> ArticleFilters:
    entity = None
    if slug := params.get("entity"):
        entity = Entity.objects.filter(slug=slug).first()
    kind = params.get("kind", "")
    return ArticleFilters(
        query=params.get("q", "").strip()[:200],
        entity=entity,
        kind=kind if kind in KINDS else "",
        published_from=parse_date(params.get("from")),
        published_to=parse_date(params.get("to")),
    )


def search_articles(filters: ArticleFilters) -> QuerySet[Article]:
    articles = Article.objects.only("headline", "slug", "byline", "published", "created_at")
    if filters.entity:
        articles = articles.filter(
            Exists(Mention.objects.filter(article=OuterRef("pk"), entity=filters.entity))
        )
    if filters.kind:
        articles = articles.filter(
            Exists(Mention.objects.filter(article=OuterRef("pk"), entity__kind=filters.kind))
        )
    if filters.published_from:
        articles = articles.filter(published__gte=filters.published_from)
    if filters.published_to:
        articles = articles.filter(published__lte=filters.published_to)
    if filters.query:
        query = SearchQuery(filters.query, search_type="websearch", config="english")
        return (
            articles.filter(search_vector=query)
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                snippet=SearchHeadline("body", query, config="english", **SNIPPET_OPTIONS),
            )
            .order_by("-rank", F("published").desc(nulls_last=True), "-id")
        )
    return articles.annotate(opening=Left("body", 280)).newest_first()


def highlighted(snippet: str) -> SafeString:
    """A snippet with its matches in <mark>, every other character escaped."""
    pieces = []
    for number, part in enumerate(snippet.replace(MATCH_END, MATCH_START).split(MATCH_START)):
        template = "<mark>{}</mark>" if number % 2 else "{}"
        pieces.append(format_html(template, part))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
