"""Review items kept in step with corrections made anywhere: a correction answers the readers'
flags on the mentions and quotes it changed, and undoing it reopens every item it closed (redoing
it closes them again). Called from `articles.editing.recording.Draft.finish`, in the
correction's transaction."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from articles.models import Correction, ItemStatus, ReviewItem
from articles.models.review import READER_TOPICS


def settle_items(correction: Correction, *, new: bool) -> None:
    if correction.undone_at is not None:
        reopen_items(correction)
    elif new:
        answer_flags(correction)
    else:  # redone: what it closed before, it closes again
        ReviewItem.objects.filter(closed_by=correction, status=ItemStatus.OPEN).update(
            status=ItemStatus.FIXED, closed_at=timezone.now()
        )


def answer_flags(correction: Correction) -> None:
    """Close the open flags on the mentions and quotes the correction captured."""
    mentions = [int(key) for key in correction.before.get("mention") or {}]
    quotes = [int(key) for key in correction.before.get("quote") or {}]
    if not mentions and not quotes:
        return
    ReviewItem.objects.filter(
        Q(mention_id__in=mentions) | Q(quote_id__in=quotes),
        status=ItemStatus.OPEN,
        topic__in=READER_TOPICS,
    ).update(
        status=ItemStatus.FIXED,
        closed_by=correction,
        closed_at=timezone.now(),
        closed_by_editor=correction.editor,
    )


def reopen_items(correction: Correction) -> None:
    """Items the correction closed are open again, unless a newer item of the same key is open
    (a reader flagged the same thing again since)."""
    newer_open = ReviewItem.objects.filter(key=OuterRef("key"), status=ItemStatus.OPEN)
    ReviewItem.objects.filter(closed_by=correction, status=ItemStatus.FIXED).exclude(
        Exists(newer_open)
    ).update(status=ItemStatus.OPEN, closed_at=None, closed_by_editor=None)
