"""Articles: the stored pieces, their bodies and the search vector over them."""

import datetime as dt
from typing import TYPE_CHECKING, Self

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import models
from django.db.models import Exists, F, OuterRef

from articles.models.addresses import address_of

if TYPE_CHECKING:
    from articles.models.entities import Entity


class ArticleQuerySet(models.QuerySet["Article"]):
    """The reads of articles that recur, each a filter a page or a service can chain."""

    def newest_first(self) -> Self:
        return self.order_by(F("published").desc(nulls_last=True), "-id")

    def mentioning(self, entity: "Entity | int") -> Self:
        """Articles naming the entity (an active mention), found through its read-model rows."""
        from articles.models.readmodels import EntityArticle

        return self.filter(
            Exists(
                EntityArticle.objects.filter(
                    entity=entity, article=OuterRef("pk"), mention_count__gt=0
                )
            )
        )

    def of_kind(self, kind: str) -> Self:
        """Articles naming some entity of the kind ("PERSON", "PLACE"...)."""
        from articles.models.spans import Mention

        return self.filter(
            Exists(Mention.objects.filter(article=OuterRef("pk"), entity__kind=kind))
        )

    def published_between(self, first: dt.date | None = None, last: dt.date | None = None) -> Self:
        """Articles published from `first` to `last` (either may be open)."""
        rows = self
        if first:
            rows = rows.filter(published__gte=first)
        if last:
            rows = rows.filter(published__lte=last)
        return rows

    def search(self, text: str) -> Self:
        """Articles matching web-search syntax ("border crossing", -cricket, or)."""
        return self.filter(
            search_vector=SearchQuery(text, search_type="websearch", config="english")
        )


class Article(models.Model):
    headline = models.CharField(max_length=500)
    slug = models.SlugField(max_length=220, unique=True)
    byline = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    published = models.DateField(null=True, blank=True, db_index=True)
    source_url = models.URLField(max_length=1000, blank=True, db_index=True)
    sources = ArrayField(
        models.CharField(max_length=300),
        default=list,
        blank=True,
        help_text="The outlets or documents the piece cites.",
    )
    content_hash = models.CharField(
        max_length=64,
        unique=True,
        help_text="SHA-256 of the normalised headline and body; the same piece is stored once.",
    )
    origin_name = models.CharField(
        max_length=500, blank=True, help_text="The file (or file:line) the piece came from."
    )
    annotated_at = models.DateTimeField(null=True, blank=True)
    pipeline_version = models.CharField(max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.BigIntegerField(
        null=True,
        editable=False,
        help_text="Drawn anew by every write to its annotations (articles.readmodels.refresh): a "
        "reader's page of it is kept under it (articles.reading.page_cache).",
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("headline", weight="A", config="english")
        + SearchVector("byline", weight="C", config="english")
        + SearchVector("body", weight="B", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [F("published").desc(nulls_last=True), "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_idx"),
            # The review report's weeks: articles stored in a week.
            models.Index(fields=["created_at"], name="article_created_idx"),
            # Newest first, as listings read it from a cursor (articles.reading.keyset).
            models.Index(
                F("published").desc(nulls_last=True), F("id").desc(), name="article_newest_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return address_of(self, "articles:article", self.slug)
