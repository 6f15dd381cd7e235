"""Articles: the stored pieces, their bodies and the search vector over them."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F
from django.urls import reverse


class ArticleQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by(F("published").desc(nulls_last=True), "-created_at", "-id")


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
    search_vector = models.GeneratedField(
        expression=SearchVector("headline", weight="A", config="english")
        + SearchVector("byline", weight="C", config="english")
        + SearchVector("body", weight="B", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [F("published").desc(nulls_last=True), "-created_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_idx"),
            models.Index(fields=["-published", "-created_at"], name="article_newest_idx"),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"slug": self.slug})
