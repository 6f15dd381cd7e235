"""Undo and redo, and which corrections depend on which.

A correction can be undone while no later, standing correction touched any of its rows (that one
must be undone first), and redone while no later correction touched them since.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ProtectedError, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from articles.editing.errors import Conflict
from articles.editing.recording import revisiting
from articles.editing.snapshots import States, restore
from articles.models.corrections import Correction

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def touched_keys(correction: Correction) -> set[tuple[str, str]]:
    """The rows a correction captured, and the entities its spans point at afterwards: a later
    correction that links a mention to an entity this one created depends on it."""
    keys = {(table, key) for table, states in correction.before.items() for key in states}
    for table in ("mention", "quote"):
        for state in (correction.after.get(table) or {}).values():
            for name in ("entity_id", "speaker_id"):
                if state and state.get(name) is not None:
                    keys.add(("entity", str(state[name])))
    return keys


# A span state in `after` pointing at one of the entities in $ids (see touched_keys).
POINTS_AT = (
    "jsonb_path_exists(after, "
    "'$.mention.* ? (@.entity_id == $ids[*])', jsonb_build_object('ids', %s::jsonb)) "
    "OR jsonb_path_exists(after, "
    "'$.quote.* ? (@.speaker_id == $ids[*])', jsonb_build_object('ids', %s::jsonb))"
)


def later_touching(correction: Correction, keys: set[tuple[str, str]]) -> QuerySet[Correction]:
    """Later, standing corrections whose `touched_keys` meet `keys`, found by the database: the
    corrections table grows with every edit, and a dependency may run through any article or
    entity, so no later correction is read into Python to decide."""
    later = Correction.objects.filter(pk__gt=correction.pk, undone_at__isnull=True)
    if not keys:
        return later.none()
    touching = Q()
    for table, key in keys:
        touching |= Q(**{f"before__{table}__has_key": key})
    entity_ids = json.dumps(sorted(int(key) for table, key in keys if table == "entity"))
    if entity_ids != "[]":
        touching |= Q(RawSQL(POINTS_AT, (entity_ids, entity_ids), output_field=BooleanField()))
    return later.filter(touching)


def blocking_correction(correction: Correction) -> Correction | None:
    """The first later, standing correction touching the same rows: it must be undone first."""
    keys = {(table, key) for table, states in correction.before.items() for key in states}
    return later_touching(correction, keys).order_by("pk").first()


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
        put_back(correction.before)
        correction.undone_at, correction.undone_by = timezone.now(), editor
    return correction


def redo(*, correction_id: int, editor: User) -> Correction:
    with revisiting(correction_id=correction_id) as correction:
        if not correction.undone_at:
            raise Conflict("Cannot redo: it is not undone.")
        if later_touching(correction, touched_keys(correction)).exists():
            raise Conflict("Cannot redo: a later change touched the same rows.")
        put_back(correction.after)
        correction.undone_at, correction.undone_by = None, None
    return correction


def put_back(states: States) -> None:
    """Restore recorded states; a row still needed by rows made since (an entity a later mention
    points at) means another change depends on this one."""
    try:
        with transaction.atomic():
            restore(states)
    except (ProtectedError, IntegrityError) as error:
        raise Conflict("Cannot undo or redo: a later change depends on it.") from error
