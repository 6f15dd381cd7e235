"""The archive's generation: what moves after every committed write to what readers see, so
that a page gathering many articles and entities (search, an index, a panel) can be kept under it
(articles.reading.kept_pages) and is built again after any write.

It is two numbers read together. The first is a row of its own (`articles_archivegeneration`)
that every write moves once it has committed (`advance_after_commit`), in a transaction of its
own: a page kept under a value was rendered after every write that value counts had committed,
and on a read replica, which applies transactions in commit order, after their rows arrived.
The second is the last value drawn from the sequence every read model's `revision` comes from,
which writes draw inside their transaction: it moves a test's kept pages too, whose
transaction never commits. The read models' refresh calls `advance_after_commit` in every write
to annotations; the signals below cover the rows an admin may change by hand.
"""

from __future__ import annotations

from typing import Any

from django.db import connections, router, transaction
from django.db.models.signals import post_delete, post_save

from articles.models import Alias, Article, Entity
from articles.models.readmodels import REVISIONS

GENERATION = "articles_archivegeneration"


def archive_generation() -> tuple[int, int]:
    """The generation of the archive as the database readers read sees it."""
    with connections[router.db_for_read(Article)].cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT value FROM {GENERATION}), (SELECT last_value FROM {REVISIONS})"
        )
        committed, drawn = cursor.fetchone() or (0, 0)
    return int(committed or 0), int(drawn or 0)


def advance_after_commit() -> None:
    """Move the generation once the current transaction commits (at once outside one). A write
    asks once per table it touches (the refresh, a saved row's signal): the generation moves
    once per transaction all the same."""
    writer = connections[router.db_for_write(Article)]
    # Entries are (savepoints, callback, robust); the stubs know only the first two.
    if writer.in_atomic_block and any(
        entry[1] is draw_generation for entry in writer.run_on_commit
    ):
        return
    transaction.on_commit(draw_generation, using=writer.alias)


def draw_generation() -> None:
    """Move the generation (in a transaction of its own when called after a commit)."""
    with connections[router.db_for_write(Article)].cursor() as cursor:
        cursor.execute(f"UPDATE {GENERATION} SET value = value + 1")


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
