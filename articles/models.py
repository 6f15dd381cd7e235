"""The archive: articles, the entities they mention, dates, quotes, and editors' corrections.

Offsets (`start`, `end`) are Python string indices into `Article.body`: `start` inclusive, `end`
exclusive, and `body[start:end] == text`. The database checks this on every write (see the
`check_span` trigger in migration 0002), so no code path can store a span that points nowhere.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from articles.nlp.kinds import KIND_CHOICES


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

    class Meta:
        verbose_name_plural = "entities"
        ordering = ["name", "kind"]
        indexes = [
            models.Index(fields=["kind", "name"], name="entity_kind_name_idx"),
            GinIndex(fields=["name"], name="entity_name_trgm_idx", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("articles:entity", kwargs={"slug": self.slug})


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

    def __str__(self):
        return self.name


class Origin(models.TextChoices):
    MODEL = "model", "Model"
    RULE = "rule", "Rule"
    EDITOR = "editor", "Editor"


def span_constraints(prefix: str) -> list[models.BaseConstraint]:
    """Constraints every span table shares: ordered offsets, one row per span per article."""
    return [
        models.CheckConstraint(
            condition=Q(start__gte=0) & Q(end__gt=F("start")), name=f"{prefix}_offsets_ordered"
        ),
        models.UniqueConstraint(fields=["article", "start", "end"], name=f"{prefix}_one_per_span"),
    ]


class ActiveManager(models.Manager):
    """Rows editors have not rejected. Rejected rows stay (so re-annotation does not bring them
    back) but no page sees them; `all_objects` does."""

    def get_queryset(self):
        return super().get_queryset().filter(rejected=False)


class Mention(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=500)
    label = models.CharField(
        max_length=30, help_text="The finer label it was found with (the model's or an editor's)."
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MODEL)
    rejected = models.BooleanField(default=False, help_text="An editor said: not an entity.")
    version = models.PositiveIntegerField(default=1, help_text="Bumped by every correction.")

    all_objects = models.Manager()
    objects = ActiveManager()

    class Meta:
        ordering = ["article", "start"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        constraints = span_constraints("mention")
        indexes = [
            models.Index(fields=["entity", "article"], name="mention_entity_article_idx"),
            # "Appears with": the entities of a set of articles, counted from the index alone.
            models.Index(
                fields=["article", "entity"],
                condition=Q(rejected=False),
                name="mention_article_entity_idx",
            ),
        ]

    def __str__(self):
        return f"{self.text} [{self.start}:{self.end}]"


class Granularity(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    SEASON = "season", "Season"
    QUARTER = "quarter", "Quarter"
    YEAR = "year", "Year"
    DECADE = "decade", "Decade"
    CENTURY = "century", "Century"


class DateMention(models.Model):
    """A date expression in the body and the calendar interval it means (null when unplaced)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="dates")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=500)
    value_start = models.DateField(null=True, blank=True)
    value_end = models.DateField(null=True, blank=True)
    granularity = models.CharField(max_length=10, choices=Granularity.choices, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MODEL)
    rejected = models.BooleanField(default=False, help_text="An editor said: not a date.")
    version = models.PositiveIntegerField(default=1, help_text="Bumped by every correction.")

    all_objects = models.Manager()
    objects = ActiveManager()

    class Meta:
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        ordering = ["article", "start"]
        constraints = [
            *span_constraints("datemention"),
            models.CheckConstraint(
                condition=(Q(value_start__isnull=True) & Q(value_end__isnull=True))
                | Q(value_start__lte=F("value_end")),
                name="datemention_interval_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["value_start", "value_end"], name="datemention_interval_idx")
        ]

    def __str__(self):
        return self.text


class QuoteKind(models.TextChoices):
    DIRECT = "direct", "Direct"
    PARTIAL = "partial", "Partial"
    INDIRECT = "indirect", "Indirect"


class Quote(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=QuoteKind.choices, default=QuoteKind.DIRECT)
    speaker = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_mention = models.ForeignKey(
        Mention, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    cue = models.CharField(max_length=50, blank=True, help_text='The verb or phrase, e.g. "said".')
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MODEL)
    rejected = models.BooleanField(default=False, help_text="An editor removed it.")
    version = models.PositiveIntegerField(default=1, help_text="Bumped by every correction.")

    all_objects = models.Manager()
    objects = ActiveManager()

    class Meta:
        ordering = ["article", "start"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        constraints = span_constraints("quote")
        indexes = [models.Index(fields=["speaker", "article"], name="quote_speaker_article_idx")]

    def __str__(self):
        return self.text[:80]


class Correction(models.Model):
    """One editor's change to the annotations: who, when, what, and the state before and after."""

    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=50)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="undone_corrections",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="correction_target_idx")]
        permissions = [("correct_annotations", "Can correct annotations (editors)")]

    def __str__(self):
        return f"{self.action} by {self.editor or 'unknown'} at {self.created_at:%Y-%m-%d %H:%M}"


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

    def __str__(self):
        return f"{self.first_id} is not {self.second_id}"


class LexiconEntry(models.Model):
    """What corrections taught the pipeline: a name is of a kind, or a string is no entity."""

    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, blank=True)
    rejected = models.BooleanField(default=False)
    correction = models.ForeignKey(
        Correction, null=True, blank=True, on_delete=models.SET_NULL, related_name="lessons"
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

    def __str__(self):
        return f"{self.text}: {'not an entity' if self.rejected else self.kind}"


class UploadBatchQuerySet(models.QuerySet):
    def with_progress(self):
        """Each batch's number of files, those still waiting or annotating, and failures."""
        waiting = Q(files__status__in=["queued", "annotating"])
        return self.select_related("uploader").annotate(
            file_count=models.Count("files"),
            waiting_count=models.Count("files", filter=waiting),
            failed_count=models.Count("files", filter=Q(files__status="failed")),
        )


class UploadBatch(models.Model):
    """The files an admin uploaded together; each is annotated in the background."""

    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="uploads"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = UploadBatchQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "upload batches"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return (
            f"Upload {self.pk} by {self.uploader or 'unknown'} at {self.created_at:%Y-%m-%d %H:%M}"
        )

    def get_absolute_url(self):
        return reverse("articles:upload-batch", kwargs={"pk": self.pk})


class UploadStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    ANNOTATING = "annotating", "Annotating"
    DONE = "done", "Done"
    UNCHANGED = "unchanged", "Already in the archive"
    FAILED = "failed", "Failed"


class UploadFileQuerySet(models.QuerySet):
    def for_display(self):
        """Without the stored bytes, which can be megabytes a row; with what the pages show."""
        return (
            self.defer("original")
            .annotate(
                has_original=models.ExpressionWrapper(
                    Q(original__isnull=False), output_field=models.BooleanField()
                )
            )
            .prefetch_related(models.Prefetch("articles", Article.objects.only("headline", "slug")))
        )


class UploadFile(models.Model):
    """One uploaded file (a .zip counts as one) and what its annotation made of it."""

    batch = models.ForeignKey(UploadBatch, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=300)
    size = models.PositiveBigIntegerField(help_text="Bytes, as uploaded.")
    # The bytes live in PostgreSQL rather than MEDIA_ROOT: workers on other machines share only
    # the database, and the original is kept for provenance. Null when the file was refused.
    original = models.BinaryField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=UploadStatus.choices, default=UploadStatus.QUEUED, db_index=True
    )
    reason = models.TextField(blank=True, help_text="Why it failed, or what it added.")
    articles = models.ManyToManyField(Article, blank=True, related_name="upload_files")
    task_id = models.CharField(max_length=64, blank=True)
    attempt = models.PositiveIntegerField(
        default=1, help_text="Bumped by every retry; a task only records its own attempt."
    )
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = UploadFileQuerySet.as_manager()

    class Meta:
        ordering = ["batch", "id"]

    def __str__(self):
        return self.name

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_UPLOAD_STATUSES

    @property
    def stalled(self) -> bool:
        """Annotating, but with no sign of life for a while: its worker has most likely died."""
        return self.status == UploadStatus.ANNOTATING and self.updated_at < stall_cutoff()

    @property
    def waiting_long(self) -> bool:
        """Queued, and no worker has taken it for a while: is one running?"""
        return self.status == UploadStatus.QUEUED and self.updated_at < stall_cutoff()


def stall_cutoff():
    return timezone.now() - dt.timedelta(seconds=settings.NEWSDESK_UPLOAD_STALLED_AFTER)


FINISHED_UPLOAD_STATUSES = (UploadStatus.DONE, UploadStatus.UNCHANGED, UploadStatus.FAILED)
