"""Atom feeds: the newest articles, and the newest articles naming one entity ("follow this
person"). Each is the latest `FEED_SIZE` rows read on an index, with the opening words of each
article cut in SQL, so a feed costs the same at any archive size."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.db.models.functions import Left
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article, Entity, EntityArticle

FEED_SIZE = 20
OPENING = 280
LISTED = ("headline", "slug", "byline", "published", "created_at", "updated_at")


def published_at(article: Article) -> dt.datetime:
    """The publication date as a moment (midnight UTC); an undated article's when it came in."""
    if article.published is None:
        return article.created_at
    return dt.datetime.combine(article.published, dt.time(), tzinfo=dt.UTC)


class ArticleFeed[Subject](Feed[Article, Subject]):
    """What both feeds say of an article."""

    feed_type = Atom1Feed

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        opening: str = getattr(item, "opening", "")
        return opening

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> dt.datetime:
        return published_at(item)

    def item_updateddate(self, item: Article) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str | None:
        return item.byline or None


class NewestArticles(ArticleFeed[None]):
    title = "Newsdesk: the newest articles"
    subtitle = (
        "Articles annotated with the people, places, organisations, dates and quotes in them."
    )

    def link(self) -> str:
        return reverse("articles:article-list")

    def items(self) -> list[Article]:
        return list(
            Article.objects.newest_first()
            .only(*LISTED)
            .annotate(opening=Left("body", OPENING))[:FEED_SIZE]
        )


class EntityArticles(ArticleFeed[Entity]):
    def get_object(self, request: HttpRequest, slug: str) -> Entity:
        return get_object_or_404(Entity.objects.only("name", "slug", "kind", "role"), slug=slug)

    def title(self, obj: Entity) -> str:
        return f"Newsdesk: {obj.name}"

    def subtitle(self, obj: Entity) -> str:
        return f"The newest articles naming {obj.name}{f', {obj.role}' if obj.role else ''}."

    def link(self, obj: Entity) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Entity) -> list[Article]:
        rows = (
            EntityArticle.objects.filter(entity=obj, mention_count__gt=0)
            .select_related("article")
            .only("published", "article_id", *(f"article__{field}" for field in LISTED))
            .annotate(opening=Left("article__body", OPENING))
            .order_by(F("published").desc(nulls_last=True), "-article_id")[:FEED_SIZE]
        )
        articles = []
        for row in rows:
            # Read beside the row; the shared item_description takes it from the article.
            setattr(row.article, "opening", row.opening)  # noqa: B010
            articles.append(row.article)
        return articles
