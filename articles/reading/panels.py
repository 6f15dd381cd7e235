"""What the archive knows about an entity: the data behind its page and its panel.

Every read here is one query with its joins, so the panel costs the same whatever the archive's
size (bounded lists, no query per row).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch

from articles.models import (
    Alias,
    Article,
    Correction,
    DateMention,
    Entity,
    EntityDistinction,
    Mention,
    Quote,
)
from articles.nlp.kinds import KIND_CHOICES
from articles.permissions import can_edit
from articles.reading.rendering import date_url
from articles.reading.sentences import sentence_around

ARTICLES_PER_PAGE = 10
QUOTES_SHOWN = 10
COMPANIONS_SHOWN = 12
DATES_SHOWN = 40
DATE_NEARNESS = 400  # characters between a date and a mention of the entity to link them
HISTORY_SHOWN = 20
NAMESAKES_SHOWN = 5


def entities_with_aliases():
    return Entity.objects.prefetch_related(Prefetch("aliases", Alias.objects.order_by("name")))


def entity_panel_context(entity: Entity, request) -> dict:
    """Everything the panel shows; `entity` should come from `entities_with_aliases()`."""
    articles = (
        Article.objects.filter(mentions__entity=entity, mentions__rejected=False)
        .annotate(mention_count=Count("mentions"), first_start=Min("mentions__start"))
        .only("headline", "slug", "published", "created_at", "body")
        .newest_first()
    )
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    first_mentions = {
        (m.article_id, m.start): m
        for m in Mention.objects.filter(entity=entity, article__in=[a.pk for a in page]).only(
            "article_id", "start", "end"
        )
    }
    for article in page:
        mention = first_mentions.get((article.pk, article.first_start))
        if mention:
            article.context = sentence_around(article.body, mention.start, mention.end)
    quotes = (
        Quote.objects.filter(speaker=entity)
        .select_related("article")
        .only("text", "kind", "cue", "article__headline", "article__slug", "article__published")
        .order_by(F("article__published").desc(nulls_last=True), "article_id", "start")[
            :QUOTES_SHOWN
        ]
    )
    companions = companions_of(entity)
    near = Mention.objects.filter(
        entity=entity,
        article_id=OuterRef("article_id"),
        start__lt=OuterRef("end") + DATE_NEARNESS,
        end__gt=OuterRef("start") - DATE_NEARNESS,
    )
    dates = (
        DateMention.objects.filter(Exists(near), value_start__isnull=False)
        .select_related("article")
        .only(
            "text", "value_start", "value_end", "granularity", "article__slug", "article__headline"
        )
        .order_by("value_start", "value_end")[:DATES_SHOWN]
    )
    dates = list(dates)
    for date in dates:
        date.url = date_url(date)
    edit_mention = None
    if can_edit(request.user) and (mention_id := request.GET.get("mention", "")).isdigit():
        edit_mention = Mention.objects.filter(pk=mention_id, entity=entity).first()
    return {
        "edit_mention": edit_mention,
        "namesakes": namesakes_of(entity) if can_edit(request.user) else [],
        "kinds": KIND_CHOICES,
        "history": Correction.objects.filter(entity=entity).select_related("editor")[:HISTORY_SHOWN]
        if can_edit(request.user)
        else [],
        "entity": entity,
        "entity_timeline": small_timeline(dates),
        "entity_articles": page,
        "entity_quotes": list(quotes),
        "companions": companions,
        "entity_dates": dates,
    }


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


TIMELINE_WIDTH = 300


def small_timeline(dates: list[DateMention]) -> list[dict]:
    """Dots along a line from the earliest to the latest date linked to an entity."""
    if not dates:
        return []
    first, last = dates[0].value_start, max(d.value_end for d in dates)
    span = max((last - first).days, 1)
    return [
        {
            "x": 10 + round((date.value_start - first).days / span * (TIMELINE_WIDTH - 20)),
            "label": f"{date.text} ({date.value_start:%Y-%m-%d})",
            "url": date_url(date),
        }
        for date in dates
    ]


def companions_of(entity: Entity) -> list[Entity]:
    """The entities sharing most articles with this one, each with `shared`, the count.

    The (article, entity) pairs are made distinct first and then counted per entity id (the few
    winners fetched after): PostgreSQL hashes the pairs, where COUNT(DISTINCT) would sort within
    every group; half the time for an entity in thousands of articles.
    """
    its_articles = Mention.objects.filter(entity=entity).values("article_id")
    pairs = (
        Mention.objects.filter(article_id__in=its_articles)
        .exclude(entity=entity)
        .values("article_id", "entity_id")
        .distinct()
        .order_by()
    )
    pairs_sql, params = pairs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT entity_id, COUNT(*) AS shared FROM ({pairs_sql}) AS pairs "
            "GROUP BY entity_id ORDER BY shared DESC, entity_id LIMIT %s",
            [*params, COMPANIONS_SHOWN],
        )
        counts = cursor.fetchall()
    entities = Entity.objects.in_bulk([entity_id for entity_id, _ in counts])
    companions = []
    for entity_id, shared in counts:
        other = entities[entity_id]
        other.shared = shared
        companions.append(other)
    return companions
