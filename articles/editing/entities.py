"""Corrections to entities: rename, edit, another kind, merge two into one, split an alias off,
never the same.

Also the entity steps that mention corrections share: find or create the entity a name stands
for, and let an entity go once nothing mentions it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Q

from articles.editing.errors import Invalid
from articles.editing.lessons import teach
from articles.editing.recording import bump, correcting
from articles.editing.snapshots import Change
from articles.ingest.linking import unique_slugs
from articles.models import (
    Alias,
    Correction,
    Entity,
    EntityDistinction,
    Mention,
    Origin,
    Quote,
)
from articles.models.corrections import CorrectionAction
from articles.nlp.kinds import KINDS

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def rename_entity(*, entity_id: int, version: int, name: str, editor: User) -> Correction:
    """A new canonical name; the old one stays as an alias."""
    with correcting(editor=editor, action=CorrectionAction.RENAME) as draft:
        entity = draft.lock(Entity, entity_id, version)
        name = " ".join(name.split())
        if not name or name == entity.name:
            raise Invalid("Give a new name.")
        old = entity.name
        Alias.objects.get_or_create(entity=entity, name=old)
        Alias.objects.filter(entity=entity, name=name).delete()
        entity.name = name
        bump(entity)
        entity.save()
        teach(draft.change, text=name, kind=entity.kind)
        draft.describe(summary=f"{old} renamed {name}", entity=entity)
    return draft.correction


def edit_entity(
    *, entity_id: int, version: int, role: str, aliases: list[str], editor: User
) -> Correction:
    with correcting(editor=editor, action=CorrectionAction.EDIT_ENTITY) as draft:
        entity = draft.lock(Entity, entity_id, version)
        wanted = {" ".join(a.split()) for a in aliases if a.strip()} - {entity.name}
        Alias.objects.filter(entity=entity).exclude(name__in=wanted).delete()
        for alias in wanted:
            Alias.objects.get_or_create(entity=entity, name=alias[:300])
        entity.role = role.strip()[:500]
        bump(entity)
        entity.save()
        draft.describe(summary=f"{entity.name}: role and aliases edited", entity=entity)
    return draft.correction


def change_entity_kind(*, entity_id: int, version: int, kind: str, editor: User) -> Correction:
    """The entity is of another kind in every article ("Torkham" is a place, not an
    organisation): fixed once from an index or a date page, where a name listed under two kinds
    shows. When the archive already has that name under the right kind, the two are one: merge."""
    if kind not in KINDS:
        raise Invalid(f"Unknown kind {kind!r}.")
    with correcting(editor=editor, action=CorrectionAction.EDIT_ENTITY) as draft:
        entity = draft.lock(Entity, entity_id, version)
        if entity.kind == kind:
            raise Invalid(f"{entity.name} is already a {entity.get_kind_display().lower()}.")
        was = entity.get_kind_display()
        entity.kind = kind
        if namesake := Entity.objects.filter(name__iexact=entity.name, kind=kind).first():
            raise Invalid(
                f"The archive has {namesake.name} as a {entity.get_kind_display().lower()} "
                "already: merge the two instead."
            )
        bump(entity)
        entity.save()
        teach(draft.change, text=entity.name, kind=kind)
        draft.describe(summary=f"{entity.name}: {was} → {entity.get_kind_display()}", entity=entity)
    return draft.correction


class MergePreview(TypedDict):
    mentions: int
    articles: int  # the articles those mentions are in
    quotes: int
    aliases: list[str]  # the names the target keeps as aliases
    distinct: bool  # an editor said the two are not the same


def merge_preview(*, source: Entity, target: Entity) -> MergePreview:
    """What a merge of `source` into `target` would move."""
    return {
        "mentions": Mention.objects.filter(entity=source).count(),
        "articles": Mention.objects.filter(entity=source).values("article").distinct().count(),
        "quotes": Quote.objects.filter(speaker=source).count(),
        "aliases": sorted(
            {source.name, *source.aliases.values_list("name", flat=True)} - {target.name}
        ),
        "distinct": EntityDistinction.objects.filter(
            first_id=min(source.pk, target.pk), second_id=max(source.pk, target.pk)
        ).exists(),
    }


def merge_entities(
    *, source_id: int, source_version: int, target_id: int, editor: User
) -> Correction:
    """Two entities are one: the source's mentions, quotes and names move to the target."""
    with correcting(editor=editor, action=CorrectionAction.MERGE) as draft:
        source = draft.lock(Entity, source_id, source_version)
        target = draft.lock_unseen(Entity, target_id)
        if source.pk == target.pk:
            raise Invalid("An entity cannot be merged into itself.")
        for mention in Mention.all_objects.filter(entity=source):
            draft.change.existing(mention)
        for quote in Quote.all_objects.filter(speaker=source):
            draft.change.existing(quote)
        for distinction in EntityDistinction.objects.filter(Q(first=source) | Q(second=source)):
            draft.change.existing(distinction)
        Mention.all_objects.filter(entity=source).update(entity=target, origin=Origin.EDITOR)
        Quote.all_objects.filter(speaker=source).update(speaker=target, origin=Origin.EDITOR)
        for name in {source.name, *source.aliases.values_list("name", flat=True)} - {target.name}:
            Alias.objects.get_or_create(entity=target, name=name)
        bump(target)
        target.save()
        source.delete()
        draft.describe(summary=f"{source.name} merged into {target.name}", entity=target)
    return draft.correction


def split_alias(*, entity_id: int, version: int, alias: str, editor: User) -> Correction:
    """An alias names someone else: it and the mentions reading so become their own entity."""
    with correcting(editor=editor, action=CorrectionAction.SPLIT) as draft:
        entity = draft.lock(Entity, entity_id, version)
        alias_row = Alias.objects.filter(entity=entity, name=alias).first()
        if alias_row is None:
            raise Invalid(f"{entity.name} has no alias {alias!r}.")
        (slug,) = unique_slugs([(entity.kind, alias)])
        new = Entity.objects.create(name=alias, kind=entity.kind, slug=slug)
        draft.change.created(new)
        reading_so = Mention.all_objects.filter(entity=entity, text=alias)
        for mention in reading_so:
            draft.change.existing(mention)
        reading_so.update(entity=new, origin=Origin.EDITOR)
        alias_row.delete()
        bump(entity)
        entity.save()
        draft.change.created(distinguish(entity, new, editor=editor))
        draft.describe(summary=f"{alias} split off {entity.name}", entity=new)
    return draft.correction


def mark_distinct(*, first_id: int, second_id: int, editor: User) -> Correction:
    """Two entities are not the same: linking will never join them."""
    if first_id == second_id:
        raise Invalid("An entity is always the same as itself.")
    with correcting(editor=editor, action=CorrectionAction.DISTINCT) as draft:
        low, high = sorted([first_id, second_id])
        entities = {e.pk: e for e in Entity.objects.filter(pk__in=[low, high])}
        if len(entities) != 2:
            raise Invalid("Both entities must exist.")
        distinction, created = EntityDistinction.objects.get_or_create(
            first_id=low, second_id=high, defaults={"editor": editor}
        )
        if not created:
            raise Invalid("They are already marked as different.")
        draft.change.created(distinction)
        draft.describe(
            summary=f"{entities[low].name} is not {entities[high].name}",
            entity=entities[first_id],
        )
    return draft.correction


# -- steps that mention corrections share ------------------------------------------------------
def distinguish(one: Entity, other: Entity, *, editor: User) -> EntityDistinction:
    """Record that two entities are not the same (the pair is stored lowest id first)."""
    return EntityDistinction.objects.create(
        first_id=min(one.pk, other.pk), second_id=max(one.pk, other.pk), editor=editor
    )


def entity_named(change: Change, *, name: str, kind: str, role: str = "") -> Entity:
    """The entity of this name and kind (case-insensitive), created when there is none."""
    entity = Entity.objects.filter(name__iexact=name, kind=kind).order_by("pk").first()
    if entity is not None:
        return entity
    (slug,) = unique_slugs([(kind, name)])
    entity = Entity.objects.create(name=name, kind=kind, slug=slug, role=role)
    change.created(entity)
    return entity


def drop_if_unused(change: Change, entity: Entity) -> None:
    """An entity left with no mention and no quote goes (its state is kept for undo)."""
    if (
        Mention.all_objects.filter(entity=entity).exists()
        or Quote.all_objects.filter(speaker=entity).exists()
    ):
        return
    change.existing(entity)
    for distinction in EntityDistinction.objects.filter(Q(first=entity) | Q(second=entity)):
        change.existing(distinction)
    entity.delete()
