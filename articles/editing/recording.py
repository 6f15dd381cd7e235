"""The frame every correction is made in: lock the rows, capture them, change them, record it.

A service opens `correcting(...)`, locks the rows it changes with `draft.lock` (which captures
them as they are), notes any other row before changing or creating it (`draft.change`), changes
them and says what it did (`draft.describe`). When the body ends, the rows' new states are
captured and the Correction is written in the same transaction; when the body raises, nothing at
all is written. Undo and redo run inside `revisiting` and end the same way, so `Draft.finish` is
the one place every correction passes once done, and there the articles and entities it touched
are known.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Q

from articles.editing.errors import Conflict, Invalid
from articles.editing.snapshots import (
    Change,
    every_row,
    states_as_json,
    touched_articles,
    touched_entities,
)
from articles.models import Article, Correction, DateMention, Entity, Mention, Origin, Quote
from articles.models.corrections import CorrectionAction
from articles.models.spans import Span
from articles.readmodels.refresh import refresh_articles, refresh_entities
from articles.review.answering import settle_items
from articles.review.tasks import queue_checks

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class Draft:
    """A correction being made: the rows captured so far and what its record will say."""

    def __init__(self, correction: Correction) -> None:
        self.correction = correction
        self.change = Change()
        self.summary = ""
        # Filled in by `finish`, from the rows the correction captured.
        self.touched_articles: set[int] = set()
        self.touched_entities: set[int] = set()

    def lock[M: Span | Entity](self, model: type[M], pk: int, version: int) -> M:
        """The row, locked for this transaction and captured as it is now; Conflict unless it is
        still at `version`, the one the editor saw. There is no way to skip the check: a form
        that lost its version is refused before it gets here."""
        if isinstance(version, bool) or not isinstance(version, int):
            raise TypeError(f"the version the editor saw, not {version!r}")
        return self.lock_unseen(model, pk, version)

    def lock_unseen[M: Span | Entity](
        self, model: type[M], pk: int, version: int | None = None
    ) -> M:
        """The row, locked and captured; at any version unless one is given (a merge's target,
        which the editor named but did not look at)."""
        row = locked(model, pk, version)
        self.change.existing(row)
        return row

    def describe(
        self, *, summary: str, article: Article | None = None, entity: Entity | None = None
    ) -> None:
        """What the record says: one line for people, and the article and entity it is about."""
        self.summary = summary
        self.correction.article, self.correction.entity = article, entity

    def describe_span(
        self, summary: str, span: Mention | Quote | DateMention, *, entity: Entity | None = None
    ) -> None:
        """A correction of one span: about its article and the entity it names, or quotes (or
        `entity`, where the correction moved it to another)."""
        if entity is None and not isinstance(span, DateMention):
            entity = span.entity if isinstance(span, Mention) else span.speaker
        self.describe(summary=summary, article=span.article, entity=entity)

    def finish(self) -> None:
        """Every correction ends here, a new one as it is recorded and an old one as it is undone
        or redone, with its rows already written: what it touched is known from its states."""
        correction = self.correction
        new = correction._state.adding
        if new:
            self.change.capture_after()
            correction.before = states_as_json(self.change.before)
            correction.after = {**states_as_json(self.change.after), "summary": self.summary}
            correction.save(force_insert=True)
        else:  # undone or redone: the body put one of its recorded states back
            correction.save(update_fields=["undone_at", "undone_by"])
        recorded = (correction.before, correction.after)
        self.touched_articles = touched_articles(*recorded)
        self.touched_entities = touched_entities(*recorded)
        # The read models follow in the same transaction (articles.readmodels).
        refresh_articles(self.touched_articles)
        refresh_entities(self.touched_entities)
        # Readers' flags it answers are closed, or reopened when it is undone.
        settle_items(correction, new=new)
        # The checks of what it touched run in the background once it commits.
        queue_checks(articles=self.touched_articles, entities=self.touched_entities)


@contextmanager
def correcting(*, editor: User, action: CorrectionAction) -> Iterator[Draft]:
    """A new correction: recorded when the body ends, nothing at all when it raises."""
    with transaction.atomic():
        draft = Draft(Correction(editor=editor, action=action))
        yield draft
        draft.finish()


@contextmanager
def revisiting(*, correction_id: int) -> Iterator[Correction]:
    """A recorded correction, locked so that its undo or redo (the body) happens once."""
    with transaction.atomic():
        draft = Draft(Correction.objects.select_for_update().get(pk=correction_id))
        yield draft.correction
        draft.finish()


# -- locking -----------------------------------------------------------------------------------
def locked[M: Span | Entity](model: type[M], pk: int, version: int | None) -> M:
    """The row, locked for this transaction; Conflict when its version moved on."""
    try:
        row = every_row(model).select_for_update().get(pk=pk)
    except ObjectDoesNotExist as error:
        raise Conflict(f"This {model._meta.verbose_name} no longer exists; reload.") from error
    if version is not None and row.version != version:
        about = Q(entity_id=row.pk) if isinstance(row, Entity) else Q(article_id=row.article_id)
        last = Correction.objects.filter(about).select_related("editor").first()
        who = f" by {last.editor} at {last.created_at:%H:%M}" if last and last.editor else ""
        raise Conflict(
            f"Someone else changed this {model._meta.verbose_name} meanwhile{who}; "
            "reload to see their change, then try again."
        )
    return row


def bump(row: Span | Entity) -> None:
    """A new version: editors who loaded the row before this correction now get a Conflict."""
    row.version += 1


# -- shared steps ------------------------------------------------------------------------------
def save_edited(row: Span) -> None:
    """Save a span an editor changed: it is the editor's now, and its version moves on."""
    row.origin = Origin.EDITOR
    bump(row)
    row.save()


def mark_rejected(row: Span) -> None:
    """An editor's "no" to a span: the row stays, rejected, so that re-annotation does not bring
    it back; pages see active rows only."""
    row.rejected = True
    save_edited(row)


def marked_span[S: Mention | Quote | DateMention](
    draft: Draft, model: type[S], article: Article, start: int, end: int, text: str
) -> S:
    """The span an editor marks at these offsets, not saved yet: a rejected one of exactly these
    words (the unique span), noted and brought back, or a new one. Give it its fields, then
    `save_marked` it."""
    revived = every_row(model).filter(article=article, start=start, end=end).first()
    if revived is None:
        return model(article=article, start=start, end=end, text=text)
    draft.change.existing(revived)
    revived.rejected = False
    bump(revived)
    return revived


def save_marked(draft: Draft, span: Mention | Quote | DateMention) -> None:
    """Save a span an editor marked (it is the editor's), recorded as created when it is new."""
    new = span._state.adding
    span.origin = Origin.EDITOR
    span.save()
    if new:
        draft.change.created(span)


def selected_words(article: Article, start: int, end: int, *, what: str) -> str:
    """The body's text an editor selected to mark as a `what`: words, with no space around."""
    text = article.body[start:end] if 0 <= start < end <= len(article.body) else ""
    if not text.strip() or text != text.strip():
        raise Invalid(f"Select the {what} alone, without spaces around.")
    return text
