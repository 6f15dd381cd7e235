"""Article search and filters: PostgreSQL full-text search, ranked, with highlighted snippets.

Every listing costs the same however many articles match:
- newest first (no query, or a query sorted by date) is read on an index from a cursor: the
  archive's (published, id) index, or an entity's `EntityArticle` rows when the list is about one;
- by relevance, the newest `RELEVANCE_WINDOW` matches are ranked, not every match: a word in
  every other article would otherwise rank half the archive on each request;
- counts are exact up to a limit and estimated beyond it (and the page says "about").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TypedDict

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.db.models.functions import Left, Right
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles.models import Alias, Article, Entity, EntityArticle
from articles.nlp.kinds import KINDS
from articles.reading.counting import Count, bounded_count, planner_estimate
from articles.reading.keyset import Cursor, KeysetPage, Ordering, keyset_page
from articles.reading.matches import newest_matches
from articles.reading.pickers import entity_named_by

PAGE_SIZE = 20
RELEVANCE_WINDOW = 200
LISTED = ("headline", "slug", "byline", "published")
SUGGESTIONS_SHOWN = 3
NEWEST_ARTICLES = Ordering(key="published", id="id", nullable=True)
NEWEST_ENTITY_ARTICLES = Ordering(key="published", id="article_id", nullable=True)

# Private-use characters mark the matches in a headline; the snippet is escaped, then they become
# <mark> elements. Article text can therefore never inject markup through a snippet.
MATCH_START, MATCH_END = "\ue000", "\ue001"


class HeadlineOptions(TypedDict):
    """What ts_headline is told (through SearchHeadline)."""

    start_sel: str
    stop_sel: str
    max_words: int
    min_words: int
    max_fragments: int
    fragment_delimiter: str


SNIPPET_OPTIONS: HeadlineOptions = {
    "start_sel": MATCH_START,
    "stop_sel": MATCH_END,
    "max_words": 40,
    "min_words": 20,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}
# Characters of the body's start and end read to tell whether a snippet was cut there; of the
# snippet's edges looked for in them; and how far in they may be found (ts_headline leaves out
# punctuation at a fragment's edge, such as an opening quotation mark).
EDGE = 200
EDGE_MATCH = 20
EDGE_SLACK = 3


@dataclass
class ArticleFilters:
    query: str = ""
    entity: Entity | None = None
    entity_typed: str = ""  # the entity as asked for: a slug, or a name typed in the picker
    kind: str = ""
    published_from: dt.date | None = None
    published_to: dt.date | None = None
    by_date: bool = False  # a query's results newest first rather than by relevance

    @property
    def active(self) -> bool:
        return bool(
            self.query or self.entity or self.kind or self.published_from or self.published_to
        )

    @property
    def ranked(self) -> bool:
        return bool(self.query) and not self.by_date

    @property
    def dated(self) -> bool:
        """Limited to a publication date range, which leaves undated articles out."""
        return bool(self.published_from or self.published_to)

    @property
    def unknown_entity(self) -> bool:
        """An entity was asked for that nothing answers to: the list is not narrowed by it."""
        return bool(self.entity_typed) and self.entity is None


@dataclass(frozen=True)
class Listing:
    """An article as the list shows it: a search's matching words (`snippet_html`), else the
    start of its body (`opening`)."""

    article: Article
    snippet_html: SafeString | None = None
    opening: str = ""


@dataclass
class Results:
    """A page of articles, how many match in all, and what the list was ordered by."""

    listings: list[Listing]
    page: KeysetPage[Article] | KeysetPage[EntityArticle] | Page[Article]
    count: Count
    ranked: bool
    window: int = RELEVANCE_WINDOW
    undated_left_out: Count | None = None  # with a date range: undated articles it leaves out

    @property
    def partly_ranked(self) -> bool:
        """Only the newest matches were ranked: more match than the window holds."""
        return self.ranked and self.count.value > self.window


def parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def clean(value: str | None, limit: int) -> str:
    return (value or "").replace("\x00", "").strip()[:limit]


def filters_from(params: QueryDict) -> ArticleFilters:
    typed = clean(params.get("entity"), 320)
    kind = params.get("kind", "")
    return ArticleFilters(
        query=clean(params.get("q"), 200),
        entity=entity_named_by(typed) if typed else None,
        entity_typed=typed,
        kind=kind if kind in KINDS else "",
        published_from=parse_date(params.get("from")),
        published_to=parse_date(params.get("to")),
        by_date=params.get("sort") == "date",
    )


def search_articles(filters: ArticleFilters, *, cursor: str | None, page: str | None) -> Results:
    if filters.ranked:
        results = ranked_results(filters, page_number=page)
    else:
        results = newest_results(filters, cursor=cursor)
    if filters.dated:
        undated = matching_articles(replace(filters, published_from=None, published_to=None))
        results.undated_left_out = bounded_count(undated.filter(published__isnull=True))
    return results


def matching_articles(filters: ArticleFilters) -> QuerySet[Article]:
    articles = Article.objects.published_between(filters.published_from, filters.published_to)
    if filters.entity:
        articles = articles.mentioning(filters.entity)
    if filters.kind:
        articles = articles.of_kind(filters.kind)
    if filters.query:
        articles = articles.search(filters.query)
    return articles


def newest_results(filters: ArticleFilters, *, cursor: str | None) -> Results:
    if filters.query:
        return newest_matching(filters, cursor=cursor)
    if filters.entity:
        # The entity's own rows, newest first on their index, narrowed by the other filters.
        named = (
            EntityArticle.objects.filter(
                entity=filters.entity,
                mention_count__gt=0,
                article__in=matching_articles(replace(filters, entity=None)).values("pk"),
            )
            .select_related("article")
            .only("published", "article_id", *(f"article__{f}" for f in LISTED))
        )
        rows = keyset_page(named, NEWEST_ENTITY_ARTICLES, cursor=cursor, size=PAGE_SIZE)
        listings = with_openings([row.article for row in rows])
        return Results(listings, rows, count_of(filters), ranked=False)
    found = matching_articles(filters).only(*LISTED)
    page = keyset_page(found, NEWEST_ARTICLES, cursor=cursor, size=PAGE_SIZE)
    return Results(with_openings(list(page)), page, count_of(filters), ranked=False)


def newest_matching(filters: ArticleFilters, *, cursor: str | None) -> Results:
    """A search's matches newest first, a page after the cursor (onward only: a search is
    re-read from its newest match, not paged back)."""
    count = count_of(filters)
    rows = newest_matches(
        matching_articles(filters),
        limit=PAGE_SIZE + 1,
        count=count,
        cursor=cursor,
        fetched=text_matches(filters),
        walked=dated_articles(filters),
    )
    shown = rows[:PAGE_SIZE]
    found = Article.objects.only(*LISTED).in_bulk([article_id for article_id, _ in shown])
    articles = [found[article_id] for article_id, _ in shown]
    next_cursor = None
    if len(rows) > PAGE_SIZE:
        last_id, last_published = shown[-1]
        next_cursor = Cursor(last_published, last_id, forward=True).encode()
    page = KeysetPage(articles, next_cursor, None, first=cursor is None)
    return Results(with_snippets(articles, filters.query), page, count, ranked=False)


def ranked_results(filters: ArticleFilters, *, page_number: str | None) -> Results:
    """The newest `RELEVANCE_WINDOW` matches, ranked, a page of them at a time."""
    count = count_of(filters)
    window = newest_matches(
        matching_articles(filters),
        limit=RELEVANCE_WINDOW,
        count=count,
        fetched=text_matches(filters),
        walked=dated_articles(filters),
    )
    query = SearchQuery(filters.query, search_type="websearch", config="english")
    ranked = (
        Article.objects.filter(pk__in=[article_id for article_id, _ in window])
        .only(*LISTED)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", F("published").desc(nulls_last=True), "-id")
    )
    page = Paginator(ranked, PAGE_SIZE).get_page(page_number)
    listings = with_snippets(list(page), filters.query)
    return Results(listings, page, count, ranked=True, window=RELEVANCE_WINDOW)


def text_matches(filters: ArticleFilters) -> int | None:
    """What the full-text index yields for the words alone, when an entity or a kind narrows the
    matches only after they are read (PostgreSQL's estimate); None when nothing does."""
    if filters.entity or filters.kind:
        return planner_estimate(Article.objects.search(filters.query))
    return None


def dated_articles(filters: ArticleFilters) -> int | None:
    """The articles a range of publication dates holds (PostgreSQL's estimate): all a walk for
    the newest matches goes through. None without a range."""
    if filters.dated:
        between = Article.objects.published_between(filters.published_from, filters.published_to)
        return planner_estimate(between)
    return None


def count_of(filters: ArticleFilters) -> Count:
    if filters.entity and not (
        filters.query or filters.kind or filters.published_from or filters.published_to
    ):
        stats = getattr(filters.entity, "stats", None)
        return Count(stats.article_count if stats else 0, exact=True)
    return bounded_count(matching_articles(filters))


def with_snippets(articles: list[Article], text: str) -> list[Listing]:
    """The matching words of each article on the page, highlighted: computed for these few
    articles only (ts_headline reads the whole body). An ellipsis marks where the body goes on
    before or after the words shown."""
    query = SearchQuery(text, search_type="websearch", config="english")
    headline = SearchHeadline("body", query, config="english", **SNIPPET_OPTIONS)
    snippets: dict[int, tuple[str, str, str]] = {
        pk: (snippet, opening, closing)
        for pk, snippet, opening, closing in Article.objects.filter(
            pk__in=[article.pk for article in articles]
        )
        .annotate(snippet=headline, opening=Left("body", EDGE), closing=Right("body", EDGE))
        .values_list("pk", "snippet", "opening", "closing")
    }
    listings = []
    for article in articles:
        snippet, opening, closing = snippets.get(article.pk, ("", "", ""))
        shown = highlighted(snippet, opening, closing) if snippet else None
        listings.append(Listing(article, snippet_html=shown))
    return listings


def with_openings(articles: list[Article]) -> list[Listing]:
    openings: dict[int, str] = dict(
        Article.objects.filter(pk__in=[article.pk for article in articles])
        .annotate(opening=Left("body", 280))
        .values_list("pk", "opening")
    )
    return [Listing(article, opening=openings.get(article.pk, "")) for article in articles]


def entity_suggestions(text: str) -> list[Entity]:
    """Entities the search words name ("Khalilzad" offers Zalmay Khalilzad's page): a name
    holding them as whole words (an equal name too), or an alias equal to them; most-named
    first. Each part is a regular expression the names' trigram indexes answer, so the cost
    follows the names that match, not how many entities the archive holds."""
    words = " ".join(text.replace('"', " ").split())
    if len(words) < 3 or any(part.startswith("-") for part in words.split()):
        return []
    escaped = re.escape(words)
    named = Entity.objects.filter(name__iregex=rf"\m{escaped}\M").values("pk")
    aliased = Alias.objects.filter(name__iregex=f"^{escaped}$").values("entity_id")
    return list(
        Entity.objects.filter(pk__in=named.union(aliased), stats__article_count__gt=0)
        .select_related("stats")
        .only("name", "slug", "kind", "role", "stats__article_count")
        .order_by("-stats__article_count", "pk")[:SUGGESTIONS_SHOWN]
    )


def highlighted(snippet: str, opening: str = "", closing: str = "") -> SafeString:
    """A snippet with its matches in <mark>, every other character escaped, and an ellipsis
    where it starts after the body's start (`opening`) or stops before its end (`closing`)."""
    pieces = []
    for number, part in enumerate(snippet.replace(MATCH_END, MATCH_START).split(MATCH_START)):
        template = "<mark>{}</mark>" if number % 2 else "{}"
        pieces.append(format_html(template, part))
    shown = " ".join(snippet.replace(MATCH_START, "").replace(MATCH_END, "").split())
    fragments = shown.split(SNIPPET_OPTIONS["fragment_delimiter"].strip())
    first, last = fragments[0].strip()[:EDGE_MATCH], fragments[-1].strip()[-EDGE_MATCH:]
    if opening and not 0 <= " ".join(opening.split()).find(first) <= EDGE_SLACK:
        pieces.insert(0, format_html("{}", "… "))
    closing = " ".join(closing.split())
    if closing and not 0 <= len(closing) - closing.rfind(last) - len(last) <= EDGE_SLACK:
        pieces.append(format_html("{}", " …"))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
