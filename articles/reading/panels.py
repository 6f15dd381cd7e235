"""What the archive knows about an entity: the data behind its page and its panel.

Every read here is bounded whatever the archive's size: the entity's figures come from its
`EntityStats` row, its articles and quotes are a page read on an index of `EntityArticle`, and
what needs a scan of its articles (who appears with it, the dates named near it) looks at its
latest articles only, and says so when there are more.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Subquery
from django.utils.functional import SimpleLazyObject
from django_stubs_ext import WithAnnotations

from articles.models import (
    Alias,
    Correction,
    DateMention,
    Entity,
    EntityArticle,
    EntityDistinction,
    EntityStats,
    Mention,
    Quote,
)
from articles.nlp.kinds import KIND_CHOICES
from articles.reading.companions import COMPANION_WINDOW, companions_of
from articles.reading.entity_dates import dateline, grouped_dates
from articles.reading.excerpts import Excerpt, ListedArticle, listed_with_excerpts, sentence_of
from articles.reading.keyset import KeysetPage, Ordering, keyset_page
from articles.reading.ledger import distinct_quotes, repeated

ARTICLES_PER_PAGE = 10
QUOTES_SHOWN = 10
QUOTE_WINDOW = 3 * QUOTES_SHOWN  # articles read for them, as a speaker often repeats a line
DATES_SHOWN = 40
DATE_WINDOW = 100  # the latest articles whose dates the panel lists
DATE_NEARNESS = 400  # characters between a date and a mention of the entity to link them
HISTORY_SHOWN = 20
NAMESAKES_SHOWN = 5
NEWEST_FIRST = Ordering(key="published", id="article_id", nullable=True)
PANEL_DATELINE_WIDTH = 300
PAGE_DATELINE_WIDTH = 680


def entities_with_aliases() -> QuerySet[Entity]:
    return Entity.objects.select_related("stats").prefetch_related(
        Prefetch("aliases", Alias.objects.order_by("name"))
    )


def stats_of(entity: Entity) -> EntityStats:
    """The entity's figures; all zero for an entity no active mention or quote points at."""
    try:
        return entity.stats
    except EntityStats.DoesNotExist:
        return EntityStats(
            entity=entity, kind=entity.kind, article_count=0, mention_count=0, quote_count=0
        )


@dataclass(frozen=True)
class Window:
    """How many of an entity's articles a list looked at, and how many there are."""

    looked_at: int
    total: int

    @property
    def partial(self) -> bool:
        return self.total > self.looked_at


def kept_key(entity: Entity, stats: EntityStats, *, page: str | None) -> str:
    """The key the panel's and page's blocks are kept under (`{% kept %}`): the entity's
    revision, drawn anew by every write that changes what they show. Empty (nothing kept) for
    a page past the first, or an entity with no figures yet."""
    if page is not None or stats._state.adding:
        return ""
    return f"entity:{entity.pk}:{stats.revision}"


def entity_panel(
    entity: Entity, *, page: str | None, can_edit: bool, mention_id: int | None = None
) -> dict[str, object]:
    """Everything the panel and the entity page show; `entity` from `entities_with_aliases()`.

    What costs a query or a drawing is read only when the template renders it: a block kept
    under the entity's revision (`kept_key`) is not rendered, and nothing behind it is read."""
    stats = stats_of(entity)
    key = kept_key(entity, stats, page=page)
    dates = cache(lambda: dates_near(entity))
    groups = cache(lambda: grouped_dates(dates()))
    context: dict[str, object] = {
        "entity": entity,
        "stats": stats,
        "kinds": KIND_CHOICES,
        "kept_key": key,
        "entity_articles": SimpleLazyObject(lambda: articles_of(entity, page=page)),
        "entity_quotes": SimpleLazyObject(lambda: quotes_of(entity)) if stats.quote_count else [],
        "companions": companions_of(entity, kept_as=key),
        "companion_window": Window(COMPANION_WINDOW, stats.article_count),
        "entity_dates": SimpleLazyObject(dates),
        "date_groups": SimpleLazyObject(groups),
        "date_window": Window(DATE_WINDOW, stats.article_count),
        "panel_dateline": SimpleLazyObject(lambda: dateline(groups(), width=PANEL_DATELINE_WIDTH)),
        "page_dateline": SimpleLazyObject(lambda: dateline(groups(), width=PAGE_DATELINE_WIDTH)),
        "edit_mention": None,
        "mention_gone": False,
        "mention_moved": None,
        "namesakes": [],
        "history": [],
    }
    if can_edit:
        if mention_id is not None:
            # The mention the panel was opened from, as it is now: still this entity's, moved to
            # another entity by a correction (`mention_moved`: the panel follows it), or gone
            # (rejected: the panel says so rather than offer to correct it).
            mention = Mention.objects.select_related("entity").filter(pk=mention_id).first()
            context["mention_gone"] = mention is None
            if mention is not None and mention.entity_id == entity.pk:
                context["edit_mention"] = mention
            elif mention is not None:
                context["mention_moved"] = mention
        context["namesakes"] = namesakes_of(entity)
        context["history"] = Correction.objects.filter(entity=entity).select_related("editor")[
            :HISTORY_SHOWN
        ]
    return context


@dataclass(frozen=True)
class ArticleLine(ListedArticle[EntityArticle]):
    """An article naming the entity, with the sentence of its first mention."""

    @property
    def mention_count(self) -> int:
        return self.row.mention_count


def articles_of(entity: Entity, *, page: str | None) -> KeysetPage[ArticleLine]:
    """A page of the articles naming the entity, newest first, each with the sentence of its
    first mention (cut from a window of the body, not the whole body)."""
    rows = listed_with_excerpts(
        EntityArticle.objects.filter(entity=entity, mention_count__gt=0), "mention_count"
    )
    found: KeysetPage[WithAnnotations[EntityArticle, Excerpt]] = keyset_page(
        rows, NEWEST_FIRST, cursor=page, size=ARTICLES_PER_PAGE
    )
    lines = []
    for row in found:
        # A row with a mention (the only rows read) has its first mention's offsets.
        assert row.first_start is not None
        assert row.first_end is not None
        lines.append(ArticleLine(row, sentence_of(row, row.first_start, row.first_end)))
    return KeysetPage(lines, found.next_cursor, found.previous_cursor, found.first)


def quotes_of(entity: Entity) -> list[Quote]:
    """The entity's latest distinct quotes (words it repeated shown once, with how often and
    since when: the quote ledger): the articles it speaks in come newest first from the index,
    then their quotes."""
    latest = list(
        EntityArticle.objects.filter(entity=entity, quote_count__gt=0)
        .order_by(F("published").desc(nulls_last=True), "-article_id")
        .values_list("article_id", flat=True)[:QUOTE_WINDOW]
    )
    order = {article_id: number for number, article_id in enumerate(latest)}
    quotes = (
        Quote.objects.filter(speaker=entity, article_id__in=latest)
        .select_related("article")
        .only(
            "text",
            "kind",
            "cue",
            "start",
            "words",
            "article__headline",
            "article__slug",
            "article__published",
        )
        .annotate(**repeated())
    )
    newest = sorted(quotes, key=lambda quote: (order[quote.article_id], quote.start))
    return distinct_quotes(newest)[:QUOTES_SHOWN]


def latest_article_ids(entity: Entity, count: int) -> QuerySet[EntityArticle, Mapping[str, object]]:
    return (
        EntityArticle.objects.filter(entity=entity, mention_count__gt=0)
        .order_by(F("published").desc(nulls_last=True), "-article_id")
        .values("article_id")[:count]
    )


def dates_near(entity: Entity) -> list[DateMention]:
    """Dates named close to a mention of the entity in its latest articles, earliest first."""
    near = Mention.objects.filter(
        entity=entity,
        article_id=OuterRef("article_id"),
        start__lt=OuterRef("end") + DATE_NEARNESS,
        end__gt=OuterRef("start") - DATE_NEARNESS,
    )
    dates = list(
        DateMention.objects.filter(
            article_id__in=Subquery(latest_article_ids(entity, DATE_WINDOW)),
            value_start__isnull=False,
        )
        .filter(Exists(near))
        .select_related("article")
        .only(
            "text",
            "value_start",
            "value_end",
            "granularity",
            "article_id",
            "article__slug",
            "article__headline",
        )
        .order_by("value_start", "value_end", "pk")[:DATES_SHOWN]
    )
    return dates


def namesakes_of(entity: Entity) -> list[Entity]:
    """Other entities of the same name (of another kind, or kept apart by the pipeline) that
    editors have not said are different: likely the same, one merge away."""
    return list(
        Entity.objects.filter(name__iexact=entity.name)
        .exclude(pk=entity.pk)
        .exclude(pk__in=EntityDistinction.objects.filter(first=entity).values("second"))
        .exclude(pk__in=EntityDistinction.objects.filter(second=entity).values("first"))
        .only("name", "slug", "kind")
        .order_by("pk")[:NAMESAKES_SHOWN]
    )
