"""An entity's roles over time: what its articles called it ("then-senior director", "former
senior director"), in the order they were published.

The pipeline records on each mention the role the article gives the name there (a title before
it, an apposition after it: `Mention.role`). An article's role for the entity is that of its first
mention with one; articles in a row giving the same role make one stretch. Read from the entity's
latest `ROLE_WINDOW` dated articles, newest first on an index, so an entity in a third of the
archive costs what one in a hundred articles does; the page says so when it has more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F

from articles.models import Article, Entity, EntityArticle, Mention

ROLE_WINDOW = 200
STRETCHES_SHOWN = 12


@dataclass(frozen=True)
class RoleStretch:
    role: str
    first: dt.date
    last: dt.date
    articles: int
    first_article: Article  # where the stretch starts, with its slug and headline only


def roles_of(entity: Entity) -> list[RoleStretch]:
    """Its roles in the order the articles gave them, earliest first: the latest stretches."""
    # Read first, so that the planner joins the mentions of these few articles alone, whatever
    # its estimate of the entity's articles.
    latest = list(
        EntityArticle.objects.filter(entity=entity, mention_count__gt=0, published__isnull=False)
        .order_by(F("published").desc(nulls_last=True), "-article_id")
        .values_list("article_id", flat=True)[:ROLE_WINDOW]
    )
    mentions = (
        Mention.objects.filter(entity=entity, article_id__in=latest)
        .exclude(role="")
        .select_related("article")
        .only("role", "start", "article__slug", "article__headline", "article__published")
        .order_by("article__published", "article_id", "start")
    )
    stretches: list[RoleStretch] = []
    seen_articles: set[int] = set()
    for mention in mentions:
        article = mention.article
        if article.pk in seen_articles or article.published is None:
            continue  # an article's role is its first
        seen_articles.add(article.pk)
        last = stretches[-1] if stretches else None
        if last is not None and same_role(last.role, mention.role):
            stretches[-1] = RoleStretch(
                last.role, last.first, article.published, last.articles + 1, last.first_article
            )
        else:
            stretches.append(
                RoleStretch(mention.role, article.published, article.published, 1, article)
            )
    return stretches[-STRETCHES_SHOWN:]


def same_role(one: str, other: str) -> bool:
    return " ".join(one.casefold().split()) == " ".join(other.casefold().split())
