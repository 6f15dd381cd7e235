"""Corrections to entity mentions: another kind, another entity, an entity of its own, not an
entity, other boundaries, a name the pipeline missed; and a relabel or rejection applied to every
other place it fits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from articles.editing.entities import distinguish, drop_if_unused, entity_named
from articles.editing.errors import Invalid, Overlap
from articles.editing.lessons import teach
from articles.editing.recording import (
    bump,
    correcting,
    mark_rejected,
    marked_span,
    save_edited,
    save_marked,
    selected_words,
)
from articles.ingest.linking import unique_slugs
from articles.models import Article, Correction, Entity, Mention, Origin, Quote
from articles.models.corrections import CorrectionAction
from articles.nlp.kinds import (
    KINDS,
    LABEL_OF_KIND,  # an editor's kind, as a finer label
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from django.contrib.auth.models import User
    from django.db.models import QuerySet

# The corrections an editor may apply elsewhere, and what the bulk correction is recorded as.
BULK_ACTION = {
    CorrectionAction.RELABEL: CorrectionAction.BULK_RELABEL,
    CorrectionAction.REJECT: CorrectionAction.BULK_REJECT,
}


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise Invalid(f"Unknown kind {kind!r}.")


def relabel_mention(*, mention_id: int, version: int, kind: str, editor: User) -> Correction:
    """This mention names something of another kind ("Torkham" is a place, not an organisation)."""
    check_kind(kind)
    with correcting(editor=editor, action=CorrectionAction.RELABEL) as draft:
        mention = draft.lock(Mention, mention_id, version)
        old = mention.entity
        if old.kind == kind:
            raise Invalid(f"{mention.text} is already a {old.get_kind_display().lower()}.")
        previous_kind = old.get_kind_display()
        alone = not (
            Mention.all_objects.filter(entity=old).exclude(pk=mention.pk).exists()
            or Quote.all_objects.filter(speaker=old).exists()
            or Entity.objects.filter(name__iexact=old.name, kind=kind).exists()
        )
        if alone:  # the entity itself was of the wrong kind
            draft.change.existing(old)
            old.kind = kind
            bump(old)
            old.save()
            target = old
        else:
            target = entity_named(draft.change, name=old.name, kind=kind, role=old.role)
        mention.entity = target
        mention.label = LABEL_OF_KIND[kind]
        save_edited(mention)
        drop_if_unused(draft.change, old)
        teach(draft.change, text=mention.text, kind=kind)
        summary = f"“{mention.text}”: {previous_kind} → {target.get_kind_display()}"
        draft.describe_span(summary, mention, entity=target)
    return draft.correction


def link_mention(*, mention_id: int, version: int, entity_id: int, editor: User) -> Correction:
    """This mention names another, existing entity."""
    with correcting(editor=editor, action=CorrectionAction.LINK) as draft:
        mention = draft.lock(Mention, mention_id, version)
        target = Entity.objects.get(pk=entity_id)
        old = mention.entity
        if old.pk == target.pk:
            raise Invalid(f"{mention.text} already points to {target.name}.")
        mention.entity, mention.origin = target, Origin.EDITOR
        mention.label = LABEL_OF_KIND[target.kind]
        bump(mention)
        mention.save()
        drop_if_unused(draft.change, old)
        teach(draft.change, text=mention.text, kind=target.kind)
        summary = f"“{mention.text}” → {target.name} (was {old.name})"
        draft.describe_span(summary, mention, entity=target)
    return draft.correction


def detach_mention(*, mention_id: int, version: int, editor: User) -> Correction:
    """This mention is a different entity of its own, named as the mention reads."""
    with correcting(editor=editor, action=CorrectionAction.DETACH) as draft:
        mention = draft.lock(Mention, mention_id, version)
        old = mention.entity
        (slug,) = unique_slugs([(old.kind, mention.text)])
        target = Entity.objects.create(name=mention.text, kind=old.kind, slug=slug)
        draft.change.created(target)
        mention.entity, mention.origin = target, Origin.EDITOR
        bump(mention)
        mention.save()
        draft.change.created(distinguish(old, target, editor=editor))
        drop_if_unused(draft.change, old)
        draft.describe_span(f"“{mention.text}” is not {old.name}", mention, entity=target)
    return draft.correction


def adjust_mention(
    *, mention_id: int, version: int, start: int, end: int, editor: User
) -> Correction:
    """Move a mention's boundaries ("Gen. Bajwa" -> "Bajwa")."""
    with correcting(editor=editor, action=CorrectionAction.ADJUST) as draft:
        mention = draft.lock(Mention, mention_id, version)
        body = Article.objects.values_list("body", flat=True).get(pk=mention.article_id)
        if not 0 <= start < end <= len(body):
            raise Invalid("The new boundaries fall outside the article.")
        others = Mention.all_objects.filter(
            article_id=mention.article_id, start__lt=end, end__gt=start
        ).exclude(pk=mention.pk)
        if clash := others.filter(rejected=False).first():
            raise Invalid(f"That would overlap the mention “{clash.text}”.")
        if others.filter(start=start, end=end).exists():  # a rejected mention of those words
            raise Invalid(
                f"“{body[start:end]}” was marked as not an entity; select it and mark it again."
            )
        old_text = mention.text
        mention.start, mention.end, mention.text = start, end, body[start:end]
        save_edited(mention)
        teach(draft.change, text=mention.text, kind=mention.entity.kind)
        draft.describe_span(f"“{old_text}” → “{mention.text}”", mention)
    return draft.correction


def add_mention(
    *,
    article_id: int,
    start: int,
    end: int,
    kind: str,
    editor: User,
    entity_id: int | None = None,
    replacing: Mapping[int, int] | None = None,
) -> Correction:
    """Mark a name the pipeline missed, as a new or an existing entity. Names already marked
    within the words refuse it (`Overlap`), unless the editor chose to replace them: `replacing`
    maps each one's id to the version the editor saw, and they are rejected in the same
    correction. Rejected mentions do not stand in the way; one of exactly these words is
    brought back."""
    check_kind(kind)
    with correcting(editor=editor, action=CorrectionAction.ADD_MENTION) as draft:
        article = Article.objects.select_for_update().get(pk=article_id)
        text = selected_words(article, start, end, what="name")
        for mention_id, version in (replacing or {}).items():
            covered = draft.lock(Mention, mention_id, version)
            if covered.article_id != article.pk or not (
                covered.start < end and start < covered.end
            ):
                raise Invalid("Only names within the selected words can be replaced.")
            if not covered.rejected:
                mark_rejected(covered)
        active = list(Mention.objects.filter(article=article, start__lt=end, end__gt=start))
        if active:
            raise Overlap(body=article.body, start=start, end=end, covered=active)
        entity = (
            Entity.objects.get(pk=entity_id)
            if entity_id
            else entity_named(draft.change, name=" ".join(text.split()), kind=kind)
        )
        mention = marked_span(draft, Mention, article, start, end, text)
        mention.entity, mention.label = entity, LABEL_OF_KIND[entity.kind]
        save_marked(draft, mention)
        teach(draft.change, text=text, kind=entity.kind)
        summary = f"Marked “{text}” as {entity.get_kind_display().lower()} {entity.name}"
        if replacing:
            summary += f", replacing {len(replacing)} name{'s' if len(replacing) != 1 else ''}"
        draft.describe(summary=summary, article=article, entity=entity)
    return draft.correction


# -- the same fix elsewhere --------------------------------------------------------------------
def same_elsewhere(correction: Correction) -> QuerySet[Mention]:
    """Mentions across the archive that read like the corrected one and still have the old
    kind (for a relabel) or are still marked (for a rejection); editors' rows are left alone."""
    before = next(iter((correction.before.get("mention") or {}).values()), None)
    if not before or correction.action not in BULK_ACTION:
        return Mention.objects.none()
    others = Mention.objects.filter(text=before["text"]).exclude(origin=Origin.EDITOR)
    if correction.action == CorrectionAction.RELABEL:
        new_kind = correction.entity.kind if correction.entity else None
        return others.exclude(entity__kind=new_kind).select_related("entity", "article")
    return others.select_related("entity", "article")


def apply_elsewhere(*, correction_id: int, editor: User) -> Correction:
    """Apply a relabel or a rejection to every other place it fits, as one bulk correction."""
    correction = Correction.objects.select_related("entity").get(pk=correction_id)
    if correction.action not in BULK_ACTION:
        raise Invalid("There is nowhere else to apply it.")
    relabel = correction.action == CorrectionAction.RELABEL
    target = correction.entity
    if relabel and target is None:
        raise Invalid("The entity it was relabelled to no longer exists.")
    action = BULK_ACTION[CorrectionAction(correction.action)]
    with correcting(editor=editor, action=action) as draft:
        mentions = list(same_elsewhere(correction).select_for_update(of=("self",)))
        if not mentions:
            raise Invalid("There is nowhere else to apply it.")
        emptied = set()
        for mention in mentions:
            draft.change.existing(mention)
            if relabel and target is not None:
                emptied.add(mention.entity)
                mention.entity = target
                mention.label = LABEL_OF_KIND[target.kind]
            else:
                mention.rejected = True
            mention.origin = Origin.EDITOR
            bump(mention)
        Mention.all_objects.bulk_update(
            mentions, ["entity", "label", "rejected", "origin", "version"]
        )
        for entity in emptied:
            drop_if_unused(draft.change, entity)
        places = f"{len(mentions)} more place{'s' if len(mentions) != 1 else ''}"
        what = "relabelled" if relabel else "rejected"
        draft.describe(summary=f"“{mentions[0].text}” {what} in {places}", entity=correction.entity)
    return draft.correction
