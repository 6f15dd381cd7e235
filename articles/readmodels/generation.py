"""The archive's generation: one number that moves after every committed write to what readers
see, so that a page gathering many articles and entities (search, an index, a panel) can be kept
under it (articles.reading.kept_pages) and is built again after any write.

It is the last value drawn from the sequence every read model's `revision` comes from. Drawing
inside a write is not enough: a reader may read the new value before that write commits, render
the archive as it was, and keep that page under the new value. So every write also draws once
more after it commits (`advance_after_commit`): a page kept under that last draw was rendered
after the commit. The read models' refresh calls it in every write to annotations; the signals
below cover the rows an admin may change by hand.
"""

from __future__ import annotations

from typing import Any

from django.db import connections, router, transaction
from django.db.models.signals import post_delete, post_save

from articles.models import Alias, Article, Entity
from articles.models.readmodels import REVISIONS


def archive_generation() -> int:
    """The last value drawn by a write to the archive."""
    with connections[router.db_for_read(Article)].cursor() as cursor:
        cursor.execute(f"SELECT last_value FROM {REVISIONS}")
        (value,) = cursor.fetchone() or (0,)
    return int(value)


def advance_after_commit() -> None:
    """Draw a new generation once the current transaction commits (at once outside one)."""
    transaction.on_commit(draw_generation)


def draw_generation() -> None:
    with connections[router.db_for_write(Article)].cursor() as cursor:
        cursor.execute(f"SELECT nextval('{REVISIONS}')")


def advance_on_change(sender: type, **kwargs: Any) -> None:
    advance_after_commit()


def connect_signals() -> None:
    """A headline, an entity's name or an alias changed outside the editing services (the
    admin's forms, a shell) moves the generation too."""
    for model in (Article, Entity, Alias):
        post_save.connect(advance_on_change, sender=model, dispatch_uid=f"generation-save-{model}")
        post_delete.connect(
            advance_on_change, sender=model, dispatch_uid=f"generation-delete-{model}"
        )
