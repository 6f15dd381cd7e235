"""Undo and redo, and which corrections depend on which.

A correction can be undone while no later, standing correction touched any of its rows (that one
must be undone first), and redone while no later correction touched them since.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from articles.editing.errors import Conflict
from articles.editing.recording import revisiting
from articles.editing.snapshots import restore
from articles.models.corrections import Correction, CorrectionAction

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Corrections whose rows lie beyond the one article or entity they are recorded against.
SPREAD_ACTIONS = [
    CorrectionAction.BULK_RELABEL,
    CorrectionAction.BULK_REJECT,
    CorrectionAction.MERGE,
]


def touched_keys(correction: Correction) -> set[tuple[str, str]]:
    return {(table, key) for table, states in correction.before.items() for key in states}


def blocking_correction(correction: Correction) -> Correction | None:
    """A later, standing correction touching the same rows: it must be undone first."""
    keys = touched_keys(correction)
    later = Correction.objects.filter(pk__gt=correction.pk, undone_at__isnull=True).filter(
        Q(article_id=correction.article_id, article_id__isnull=False)
        | Q(entity_id=correction.entity_id, entity_id__isnull=False)
        | Q(action__in=SPREAD_ACTIONS)
    )
    for other in later.order_by("pk"):
        if keys & touched_keys(other):
            return other
    return None


def can_undo(correction: Correction) -> tuple[bool, str]:
    if correction.undone_at:
        return False, "already undone"
    if blocker := blocking_correction(correction):
        return (
            False,
            f"a later change depends on it: {blocker.after.get('summary', blocker.action)}",
        )
    return True, ""


def undo(*, correction_id: int, editor: User) -> Correction:
    with revisiting(correction_id=correction_id) as correction:
        ok, why = can_undo(correction)
        if not ok:
            raise Conflict(f"Cannot undo: {why}.")
        restore(correction.before)
        correction.undone_at, correction.undone_by = timezone.now(), editor
    return correction


def redo(*, correction_id: int, editor: User) -> Correction:
    with revisiting(correction_id=correction_id) as correction:
        if not correction.undone_at:
            raise Conflict("Cannot redo: it is not undone.")
        later = Correction.objects.filter(pk__gt=correction.pk, undone_at__isnull=True)
        keys = touched_keys(correction)
        if any(keys & touched_keys(other) for other in later):
            raise Conflict("Cannot redo: a later change touched the same rows.")
        restore(correction.after)
        correction.undone_at, correction.undone_by = None, None
    return correction
