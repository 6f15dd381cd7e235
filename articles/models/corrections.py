"""Editors' corrections, each with the state of the rows it touched before and after."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from articles.models.articles import Article
from articles.models.entities import Entity


class CorrectionAction(models.TextChoices):
    """What a correction did; the value is stored, the label is for people."""

    RELABEL = "relabel", "Mention relabelled"
    LINK = "link", "Mention linked to another entity"
    DETACH = "detach", "Mention made an entity of its own"
    REJECT = "reject", "Mention rejected"
    ADJUST = "adjust", "Mention boundaries moved"
    ADD_MENTION = "add", "Mention added"
    BULK_RELABEL = "bulk-relabel", "Relabel applied elsewhere"
    BULK_REJECT = "bulk-reject", "Rejection applied elsewhere"
    CHANGE_QUOTE = "quote", "Quote changed"
    REMOVE_QUOTE = "remove-quote", "Quote removed"
    ADD_QUOTE = "add-quote", "Quote added"
    RENAME = "rename", "Entity renamed"
    EDIT_ENTITY = "edit-entity", "Entity edited"
    MERGE = "merge", "Entities merged"
    SPLIT = "split", "Alias split off"
    DISTINCT = "distinct", "Entities marked as different"
    CHANGE_DATE = "date", "Date changed"
    REJECT_DATE = "reject-date", "Date rejected"
    ADD_DATE = "add-date", "Date added"


class Correction(models.Model):
    """One editor's change to the annotations: who, when, what, and the state before and after."""

    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=50, choices=CorrectionAction.choices)
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

    def __str__(self) -> str:
        return f"{self.action} by {self.editor or 'unknown'} at {self.created_at:%Y-%m-%d %H:%M}"
