"""A fix applied from the queue: the correction services do the work (each fix is a recorded,
undoable correction), and the item is closed with the correction that answered it, in the same
transaction. Dismissing closes it with none. Undo puts the item back in the queue: undoing its
correction reopens it (articles.review.answering), a dismissal is simply lifted."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from articles.editing import entities, history, mentions, quotes
from articles.editing.errors import Conflict, Invalid
from articles.editing.rejecting import reject
from articles.models import Correction, DateMention, Entity, ItemStatus, Mention, Quote, ReviewItem
from articles.reading.pickers import entity_named_by

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The version of each row an item points at, as the editor saw it: "mention", "quote", "date",
# "entity", "other".
type Versions = Mapping[str, int]
type Apply = Callable[[ReviewItem, str, Versions, "User"], Correction]


def seen(versions: Versions, row: str) -> int:
    if row not in versions:
        raise Invalid("This item has lost track of what it changes; reload the queue.")
    return versions[row]


def need[T](value: T | None) -> T:
    if value is None:
        raise Conflict("What this item is about has changed since; reload the queue.")
    return value


def relabel(item: ReviewItem, kind: str, versions: Versions, editor: User) -> Correction:
    return mentions.relabel_mention(
        mention_id=need(item.mention_id),
        version=seen(versions, "mention"),
        kind=kind,
        editor=editor,
    )


def change_kind(item: ReviewItem, kind: str, versions: Versions, editor: User) -> Correction:
    return entities.change_entity_kind(
        entity_id=need(item.entity_id), version=seen(versions, "entity"), kind=kind, editor=editor
    )


def detach(item: ReviewItem, _: str, versions: Versions, editor: User) -> Correction:
    return mentions.detach_mention(
        mention_id=need(item.mention_id), version=seen(versions, "mention"), editor=editor
    )


def merge_entities(item: ReviewItem, versions: Versions, editor: User, *, into: str) -> Correction:
    """Merge the item's two entities, "entity" and "other", into the one named by `into`."""
    ids = {"entity": item.entity_id, "other": item.other_id}
    (source,) = ids.keys() - {into}
    return entities.merge_entities(
        source_id=need(ids[source]),
        source_version=seen(versions, source),
        target_id=need(ids[into]),
        editor=editor,
    )


def merge(item: ReviewItem, _: str, versions: Versions, editor: User) -> Correction:
    """The other entity into this one."""
    return merge_entities(item, versions, editor, into="entity")


def merge_back(item: ReviewItem, _: str, versions: Versions, editor: User) -> Correction:
    """This entity into the other."""
    return merge_entities(item, versions, editor, into="other")


def distinct(item: ReviewItem, _: str, versions: Versions, editor: User) -> Correction:
    return entities.mark_distinct(
        first_id=need(item.entity_id), second_id=need(item.other_id), editor=editor
    )


# Who a fix names: the entity the editor typed, or the item's other entity.
type Choice = Callable[[ReviewItem, str], int]


def typed_name(_: ReviewItem, typed: str) -> int:
    entity = entity_named_by(typed)
    if entity is None:
        raise Invalid(f"Nobody in the archive is called “{typed[:100]}”; pick a name offered.")
    return entity.pk


def other_entity(item: ReviewItem, _: str) -> int:
    """The item's other entity, still in the archive (a merge may have taken it): a doubt of the
    pipeline's, the other entity a name matched or the nearer candidate speaker."""
    return need(Entity.objects.filter(pk=need(item.other_id)).values_list("pk", flat=True).first())


def link_to(choice: Choice) -> Apply:
    """The mention names someone (or something) else the archive knows."""

    def link(item: ReviewItem, typed: str, versions: Versions, editor: User) -> Correction:
        return mentions.link_mention(
            mention_id=need(item.mention_id),
            version=seen(versions, "mention"),
            entity_id=choice(item, typed),
            editor=editor,
        )

    return link


def attribute_to(choice: Choice) -> Apply:
    """The quote is someone else's."""

    def speaker(item: ReviewItem, typed: str, versions: Versions, editor: User) -> Correction:
        quote_id, speaker_id = need(item.quote_id), choice(item, typed)
        return quotes.change_quote(
            quote_id=quote_id, version=seen(versions, "quote"), speaker_id=speaker_id, editor=editor
        )

    return speaker


def rejecting(model: type[Mention | Quote | DateMention]) -> Apply:
    """The item's mention, quote or date is none at all."""
    row = {Mention: "mention", Quote: "quote", DateMention: "date"}[model]

    def no(item: ReviewItem, _: str, versions: Versions, editor: User) -> Correction:
        pk = need(getattr(item, f"{row}_id"))
        return reject(model, pk=pk, version=seen(versions, row), editor=editor)

    return no


FIXES: dict[str, Apply] = {
    "relabel": relabel,
    "kind": change_kind,
    "reject": rejecting(Mention),
    "detach": detach,
    "merge": merge,
    "merge-back": merge_back,
    "distinct": distinct,
    "link": link_to(typed_name),
    "speaker": attribute_to(typed_name),
    "remove-quote": rejecting(Quote),
    "reject-date": rejecting(DateMention),
    "link-other": link_to(other_entity),
    "speaker-other": attribute_to(other_entity),
}


def open_item(item_id: int) -> ReviewItem:
    item = ReviewItem.objects.select_for_update().filter(pk=item_id).first()
    if item is None or item.status != ItemStatus.OPEN:
        raise Conflict("This item was cleared meanwhile; the queue shows what is left.")
    return item


def apply_fix(*, item_id: int, fix: str, versions: Versions, editor: User) -> ReviewItem:
    """Apply one of the item's fixes ("relabel:PLACE", "merge", "dismiss"...) and close it."""
    action, _, argument = fix.partition(":")
    if action != "dismiss" and action not in FIXES:
        raise Invalid("Unknown fix.")
    with transaction.atomic():
        item = open_item(item_id)
        correction = (
            None if action == "dismiss" else FIXES[action](item, argument, versions, editor)
        )
        item.status = ItemStatus.DISMISSED if correction is None else ItemStatus.FIXED
        item.closed_by, item.closed_at, item.closed_by_editor = correction, timezone.now(), editor
        item.save(update_fields=["status", "closed_by", "closed_at", "closed_by_editor"])
    return item


def undo_fix(*, item_id: int, editor: User) -> ReviewItem:
    """Put an item cleared from the queue back: undo its correction, or lift its dismissal."""
    with transaction.atomic():
        item = ReviewItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None or item.status == ItemStatus.OPEN:
            raise Conflict("This item is in the queue already.")
        if ReviewItem.objects.filter(key=item.key, status=ItemStatus.OPEN).exists():
            raise Conflict("A newer item about the same thing is in the queue.")
        if item.status == ItemStatus.FIXED and item.closed_by_id is not None:
            history.undo(correction_id=item.closed_by_id, editor=editor)
            item.refresh_from_db()
        else:
            item.status, item.closed_at, item.closed_by_editor = ItemStatus.OPEN, None, None
            item.save(update_fields=["status", "closed_at", "closed_by_editor"])
    return item
