"""Uploads: the files admins sent together and what their background annotation made of them."""

import datetime as dt
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.models.articles import Article


class UploadBatchQuerySet(models.QuerySet["UploadBatch"]):
    def with_progress(self) -> Self:
        """Each batch's number of files, those still waiting or annotating, and failures."""
        waiting = Q(files__status__in=["queued", "annotating"])
        return self.select_related("uploader").annotate(
            file_count=models.Count("files"),
            waiting_count=models.Count("files", filter=waiting),
            failed_count=models.Count("files", filter=Q(files__status="failed")),
        )


class UploadOrigin(models.TextChoices):
    UPLOAD_PAGE = "page", "the upload page"
    INGEST_COMMAND = "command", "manage.py ingest --queue"


class UploadBatch(models.Model):
    """The files an admin uploaded together, or `ingest --queue` queued; each is annotated in
    the background."""

    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="uploads"
    )
    # A queued command has no uploader, nor has an upload whose admin was deleted: this tells them
    # apart.
    origin = models.CharField(
        max_length=10, choices=UploadOrigin.choices, default=UploadOrigin.UPLOAD_PAGE
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = UploadBatchQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "upload batches"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Upload {self.pk} by {self.sender} at {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("articles:upload-batch", kwargs={"pk": self.pk})

    @property
    def sender(self) -> str:
        if self.origin == UploadOrigin.INGEST_COMMAND:
            return UploadOrigin.INGEST_COMMAND.label
        return str(self.uploader or "unknown")


class UploadStatus(models.TextChoices):
    QUEUED = "queued"
    ANNOTATING = "annotating"
    DONE = "done"
    UNCHANGED = "unchanged", "Already in the archive"
    FAILED = "failed"


class UploadFileQuerySet(models.QuerySet["UploadFile"]):
    def for_display(self) -> Self:
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
    """One uploaded file (a .zip counts as one) and what its annotation made of it.

    `ingest --queue` cuts a large JSON Lines file into parts, a row each, so that several workers
    share it (`articles.ingest.queueing`); a part keeps the name of its file.
    """

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
    first_line = models.PositiveIntegerField(
        default=1, help_text="The line of its file a part starts at; 1 for a whole file."
    )
    pieces = models.PositiveIntegerField(
        null=True, blank=True, help_text="Articles found in it by the checks; none if refused."
    )
    task_id = models.CharField(max_length=64, blank=True)
    attempt = models.PositiveIntegerField(
        default=1, help_text="Bumped by every retry; a task only records its own attempt."
    )
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = UploadFileQuerySet.as_manager()

    class Meta:
        ordering = ["batch", "id"]

    def __str__(self) -> str:
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


def stall_cutoff() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.NEWSDESK_UPLOAD_STALLED_AFTER)


FINISHED_UPLOAD_STATUSES = (UploadStatus.DONE, UploadStatus.UNCHANGED, UploadStatus.FAILED)
