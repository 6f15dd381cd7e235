"""The reading pages a load run asks for, sampled from the archive before the run.

Entities come in two groups, so that both cached-looking hot pages and cold long-tail ones are
measured: the most-mentioned entities (a few of them get most of the traffic of a news site) and
a random sample of the rest. Locust picks one group or the other half of the time.
Needs Django set up (bench/load_run.py does it).
"""

from __future__ import annotations

import random
import re
from typing import TypedDict
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from articles.models import Article, DateMention, Entity, Mention

HOT_ENTITIES = 20
TAIL_ENTITIES = 200
ARTICLES = 1000
PANELS_PER_HOT_ENTITY = 10
WORD = re.compile(r"[A-Za-z]{5,}")


class HotAndTail(TypedDict):
    hot: list[str]  # pages of the most-mentioned entities
    tail: list[str]  # pages of the others


class DatePages(TypedDict):
    timeline: list[str]
    years: list[str]
    months: list[str]


class ReadingUrls(TypedDict):
    articles: list[str]
    panels: HotAndTail
    entities: HotAndTail
    searches: list[str]
    indexes: list[str]
    dates: DatePages


def sample_reading_urls(*, rng: random.Random) -> ReadingUrls:
    """Paths by kind of page: {"articles": [...], "panels": {"hot": [...], "tail": [...]}, ...}."""
    article_ids = list(Article.objects.values_list("pk", flat=True))
    chosen = rng.sample(article_ids, min(ARTICLES, len(article_ids)))
    articles = list(Article.objects.filter(pk__in=chosen).values_list("slug", "headline"))
    hot, tail = hot_and_tail_entities(rng=rng)
    return {
        "articles": [reverse("articles:article", args=[slug]) for slug, _ in articles],
        "panels": {
            "hot": entity_panels(hot, rng=rng, per_entity=PANELS_PER_HOT_ENTITY),
            "tail": entity_panels(tail, rng=rng, per_entity=1),
        },
        "entities": {
            "hot": [reverse("articles:entity", args=[e.slug]) for e in hot],
            "tail": [reverse("articles:entity", args=[e.slug]) for e in tail],
        },
        "searches": searches(
            headlines=[headline for _, headline in articles], hot=hot, tail=tail, rng=rng
        ),
        "indexes": [reverse(f"articles:{name}") for name in ("people", "places", "organisations")],
        "dates": dates(article_ids=chosen, rng=rng),
    }


def hot_and_tail_entities(*, rng: random.Random) -> tuple[list[Entity], list[Entity]]:
    ranked: list[Entity] = list(
        Entity.objects.annotate(mentioned=Count("mentions"))
        .filter(mentioned__gt=0)
        .order_by("-mentioned", "pk")
        .only("slug", "name")
    )
    hot, rest = ranked[:HOT_ENTITIES], ranked[HOT_ENTITIES:]
    return hot, rng.sample(rest, min(TAIL_ENTITIES, len(rest)))


def entity_panels(entities: list[Entity], *, rng: random.Random, per_entity: int) -> list[str]:
    """The panel of an entity opened beside an article that mentions it."""
    panels = []
    for entity in entities:
        slugs = list(
            Mention.objects.filter(entity=entity)
            .values_list("article__slug", flat=True)
            .distinct()[:200]
        )
        for slug in rng.sample(slugs, min(per_entity, len(slugs))):
            query = urlencode({"article": slug})
            panels.append(f"{reverse('articles:entity', args=[entity.slug])}?{query}")
    return panels


def searches(
    *, headlines: list[str], hot: list[Entity], tail: list[Entity], rng: random.Random
) -> list[str]:
    """Names of entities, hot and rare, and words and pairs of words of headlines."""
    words = sorted({word.lower() for headline in headlines for word in WORD.findall(headline)})
    words = [word for word in words if word != "synthetic"]
    queries = [entity.name for entity in hot[:10]]
    queries += [entity.name for entity in rng.sample(tail, min(20, len(tail)))]
    queries += rng.sample(words, min(30, len(words)))
    queries += [" ".join(rng.sample(words, 2)) for _ in range(20) if len(words) >= 2]
    page = reverse("articles:article-list")
    return [f"{page}?{urlencode({'q': query})}" for query in queries]


def dates(*, article_ids: list[int], rng: random.Random) -> DatePages:
    """The timeline, and years and months that the sampled articles' dates fall in (a busy
    month comes up as often as it is mentioned)."""
    values = [
        day
        for day in DateMention.objects.filter(article_id__in=article_ids, value_start__isnull=False)
        .values_list("value_start", flat=True)
        .order_by()
        if day is not None
    ]
    picked = rng.sample(values, min(100, len(values)))
    return {
        "timeline": [reverse("articles:timeline")],
        "years": [reverse("articles:date-year", args=[day.year]) for day in picked[:50]],
        "months": [reverse("articles:date-month", args=[d.year, d.month]) for d in picked[50:]],
    }
