"""Entities (one per real person, place, organisation...), their aliases, and what editors
said of names: two entities are not the same, a name is of a kind or no entity."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q

from articles.models.addresses import address_of
from articles.nlp.kinds import KIND_CHOICES


class Entity(models.Model):
    """One real-world person, place, organisation...: the thing mentions point at."""

    name = models.CharField(max_length=300, help_text="Canonical name, without titles.")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    slug = models.SlugField(max_length=320, unique=True)
    role = models.CharField(
        max_length=500, blank=True, help_text="Role or short description, e.g. a title or job."
    )
    version = models.PositiveIntegerField(default=1, help_text="Bumped by every correction.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Not columns, set by the pages that show them. How often a list counted it (a period's
    # entities, `articles.reading.periods.entities_near`).
    times: int
    # Named entities of the same name and another kind, given to the entities of a page that
    # offers editors to fix a kind (`articles.reading.indexes.add_namesakes`); no column.
    namesakes: "list[Entity]"

    class Meta:
        verbose_name_plural = "entities"
        ordering = ["name", "kind"]
        indexes = [
            models.Index(fields=["kind", "name"], name="entity_kind_name_idx"),
            GinIndex(fields=["name"], name="entity_name_trgm_idx", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        return address_of(self, "articles:entity", self.slug)


class Alias(models.Model):
    """Another name an entity goes by ("Bajwa", "Gen. Qamar Javed Bajwa")."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["entity", "name"], name="alias_unique_per_entity")
        ]
        indexes = [
            GinIndex(fields=["name"], name="alias_name_trgm_idx", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self) -> str:
        return self.name


class EntityDistinction(models.Model):
    """Two entities an editor said are not the same: linking never joins them."""

    first = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="+")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="distinction_once"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="distinction_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} is not {self.second_id}"


class LexiconEntry(models.Model):
    """What corrections taught the pipeline: a name is of a kind, or a string is no entity."""

    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, blank=True)
    rejected = models.BooleanField(default=False)
    correction = models.ForeignKey(
        "articles.Correction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "lexicon entries"
        ordering = ["text"]
        constraints = [
            models.UniqueConstraint(fields=["text"], name="lexicon_one_lesson_per_text"),
            models.CheckConstraint(
                condition=Q(rejected=True, kind="") | Q(rejected=False) & ~Q(kind=""),
                name="lexicon_kind_or_rejected",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text}: {'not an entity' if self.rejected else self.kind}"
