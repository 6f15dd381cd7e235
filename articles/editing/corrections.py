"""Editors' corrections: every change is one recorded, undoable Correction.

Each function takes the version of the row the editor saw; when someone else changed the row
meanwhile it raises `Conflict` and changes nothing. A correction stores the state of every row it
touched before and after (`None` for a row that did not exist), so undo restores `before` and
redo restores `after`. What editors confirm or reject is also recorded in the lexicon, which the
pipeline reads on later ingests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.ingest.linking import unique_slugs
from articles.models import (
    Alias,
    Article,
    Correction,
    DateMention,
    Entity,
    EntityDistinction,
    Granularity,
    LexiconEntry,
    Mention,
    Origin,
    Quote,
    QuoteKind,
)
from articles.nlp.dates import interval_of
from articles.nlp.kinds import KINDS
from articles.nlp.lexicon import LABEL_OF_KIND  # an editor's kind, as a finer label
from articles.readmodels.refresh import refresh_articles, refresh_entities


class Conflict(Exception):
    """Someone else changed the row since the editor loaded it."""


class Invalid(ValueError):
    """The correction asked for makes no sense; the message says why."""


# -- snapshots ---------------------------------------------------------------------------------
MENTION_FIELDS = ["article_id", "entity_id", "start", "end", "text", "label", "origin", "rejected"]
QUOTE_FIELDS = [
    "article_id",
    "start",
    "end",
    "text",
    "kind",
    "speaker_id",
    "speaker_mention_id",
    "cue",
    "origin",
    "rejected",
]
DATE_FIELDS = [
    "article_id",
    "start",
    "end",
    "text",
    "value_start",
    "value_end",
    "granularity",
    "origin",
    "rejected",
]
ENTITY_FIELDS = ["name", "kind", "slug", "role"]
LEXICON_FIELDS = ["text", "kind", "rejected"]
DISTINCTION_FIELDS = ["first_id", "second_id"]


def mention_state(mention: Mention) -> dict:
    return {name: getattr(mention, name) for name in MENTION_FIELDS}


def quote_state(quote: Quote) -> dict:
    return {name: getattr(quote, name) for name in QUOTE_FIELDS}


def date_state(date: DateMention) -> dict:
    return {name: getattr(date, name) for name in DATE_FIELDS}


def entity_state(entity: Entity) -> dict:
    state = {name: getattr(entity, name) for name in ENTITY_FIELDS}
    state["aliases"] = sorted(entity.aliases.values_list("name", flat=True))
    return state


def lexicon_state(entry: LexiconEntry) -> dict:
    return {name: getattr(entry, name) for name in LEXICON_FIELDS}


def distinction_state(distinction: EntityDistinction) -> dict:
    return {name: getattr(distinction, name) for name in DISTINCTION_FIELDS}


STATE_OF = {
    "entity": entity_state,
    "mention": mention_state,
    "quote": quote_state,
    "date": date_state,
    "lexicon": lexicon_state,
    "distinction": distinction_state,
}


@dataclass
class Change:
    """The rows a correction touches, captured before it and after it."""

    before: dict[str, dict[str, dict | None]] = field(default_factory=dict)
    after: dict[str, dict[str, dict | None]] = field(default_factory=dict)

    def existing(self, kind: str, row) -> None:
        """Note a row as it is now, before being changed or deleted."""
        self.before.setdefault(kind, {}).setdefault(str(row.pk), STATE_OF[kind](row))

    def created(self, kind: str, row) -> None:
        self.before.setdefault(kind, {}).setdefault(str(row.pk), None)

    def finish(self, rows: Iterable[tuple[str, type]]) -> None:
        """Capture the after-state of every touched row (None where it no longer exists)."""
        models = dict(rows)
        for kind, states in self.before.items():
            manager = getattr(models[kind], "all_objects", models[kind].objects)
            present = {str(row.pk): row for row in manager.filter(pk__in=[int(k) for k in states])}
            self.after[kind] = {
                key: STATE_OF[kind](present[key]) if key in present else None for key in states
            }


MODELS = [
    ("entity", Entity),
    ("mention", Mention),
    ("quote", Quote),
    ("date", DateMention),
    ("lexicon", LexiconEntry),
    ("distinction", EntityDistinction),
]


def record(
    *,
    change: Change,
    editor,
    action: str,
    article: Article | None = None,
    entity: Entity | None = None,
    summary: str = "",
) -> Correction:
    change.finish(MODELS)
    refresh_read_models(change.before, change.after)
    return Correction.objects.create(
        editor=editor,
        action=action,
        article=article,
        entity=entity,
        before=jsonable(change.before),
        after={**jsonable(change.after), "summary": summary},
    )


def refresh_read_models(*sides: dict) -> None:
    """Bring the read models of every article and entity a correction touched up to date."""
    articles: set[int] = set()
    entities: set[int] = set()
    for states in sides:
        entities.update(int(key) for key in states.get("entity") or {})
        for kind in ("mention", "quote", "date"):
            for state in (states.get(kind) or {}).values():
                if state:
                    articles.add(state["article_id"])
                    entities.update(
                        state[name] for name in ("entity_id", "speaker_id") if state.get(name)
                    )
    refresh_articles(articles)
    refresh_entities(entities)


def jsonable(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    return value


# -- locking -----------------------------------------------------------------------------------
def locked(model, pk: int, version: int | None):
    """The row, locked for this transaction; Conflict when its version moved on."""
    manager = getattr(model, "all_objects", model.objects)
    try:
        row = manager.select_for_update().get(pk=pk)
    except model.DoesNotExist as error:
        raise Conflict(f"This {model._meta.verbose_name} no longer exists; reload.") from error
    if version is not None and row.version != version:
        about = Q(entity_id=row.pk) if model is Entity else Q(article_id=row.article_id)
        last = Correction.objects.filter(about).select_related("editor").first()
        who = f" by {last.editor} at {last.created_at:%H:%M}" if last and last.editor else ""
        raise Conflict(
            f"Someone else changed this {model._meta.verbose_name} meanwhile{who}; "
            "reload to see their change, then try again."
        )
    return row


def bump(row) -> None:
    row.version += 1


def mark_rejected(change: Change, kind: str, row) -> None:
    """An editor's "no": the row stays, rejected, so that re-annotation does not bring it back;
    pages see active rows only."""
    change.existing(kind, row)
    row.rejected, row.origin = True, Origin.EDITOR
    bump(row)
    row.save()


# -- teaching the pipeline ---------------------------------------------------------------------
def teach(change: Change, *, text: str, kind: str = "", rejected: bool = False) -> None:
    """Remember that `text` is of `kind`, or is no entity, for later ingests."""
    text = text.strip()
    if not text:
        return
    entry = LexiconEntry.objects.select_for_update().filter(text=text).first()
    if entry is None:
        entry = LexiconEntry.objects.create(
            text=text, kind="" if rejected else kind, rejected=rejected
        )
        change.created("lexicon", entry)
        return
    change.existing("lexicon", entry)
    entry.kind, entry.rejected = ("" if rejected else kind), rejected
    entry.save(update_fields=["kind", "rejected"])


# -- entities helpers --------------------------------------------------------------------------
def entity_named(change: Change, *, name: str, kind: str, role: str = "") -> Entity:
    """The entity of this name and kind (case-insensitive), created when there is none."""
    entity = Entity.objects.filter(name__iexact=name, kind=kind).order_by("pk").first()
    if entity is not None:
        return entity
    (slug,) = unique_slugs([(kind, name)])
    entity = Entity.objects.create(name=name, kind=kind, slug=slug, role=role)
    change.created("entity", entity)
    return entity


def drop_if_unused(change: Change, entity: Entity) -> None:
    """An entity left with no mention and no quote goes (its state is kept for undo)."""
    if (
        Mention.all_objects.filter(entity=entity).exists()
        or Quote.all_objects.filter(speaker=entity).exists()
    ):
        return
    change.existing("entity", entity)
    for distinction in EntityDistinction.objects.filter(Q(first=entity) | Q(second=entity)):
        change.existing("distinction", distinction)
    entity.delete()


def selected_words(article: Article, start: int, end: int, *, what: str) -> str:
    """The body's text an editor selected to mark as a `what`: words, with no space around."""
    text = article.body[start:end] if 0 <= start < end <= len(article.body) else ""
    if not text.strip() or text != text.strip():
        raise Invalid(f"Select the {what} itself, without spaces around it.")
    return text


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise Invalid(f"Unknown kind {kind!r}.")


# -- mentions ----------------------------------------------------------------------------------
@transaction.atomic
def relabel_mention(*, mention_id: int, version: int, kind: str, editor) -> Correction:
    """This mention names something of another kind ("Torkham" is a place, not an organisation)."""
    check_kind(kind)
    mention = locked(Mention, mention_id, version)
    old = mention.entity
    if old.kind == kind:
        raise Invalid(f"{mention.text} is already a {old.get_kind_display().lower()}.")
    previous_kind = old.get_kind_display()
    change = Change()
    change.existing("mention", mention)
    alone = not (
        Mention.all_objects.filter(entity=old).exclude(pk=mention.pk).exists()
        or Quote.all_objects.filter(speaker=old).exists()
        or Entity.objects.filter(name__iexact=old.name, kind=kind).exists()
    )
    if alone:  # the entity itself was of the wrong kind
        change.existing("entity", old)
        old.kind = kind
        bump(old)
        old.save()
        target = old
    else:
        target = entity_named(change, name=old.name, kind=kind, role=old.role)
    mention.entity = target
    mention.label = LABEL_OF_KIND[kind]
    mention.origin = Origin.EDITOR
    bump(mention)
    mention.save()
    drop_if_unused(change, old)
    teach(change, text=mention.text, kind=kind)
    return record(
        change=change,
        editor=editor,
        action="relabel",
        article=mention.article,
        entity=target,
        summary=f"“{mention.text}”: {previous_kind} → {target.get_kind_display()}",
    )


@transaction.atomic
def link_mention(*, mention_id: int, version: int, entity_id: int, editor) -> Correction:
    """This mention names another, existing entity."""
    mention = locked(Mention, mention_id, version)
    target = Entity.objects.get(pk=entity_id)
    old = mention.entity
    if old.pk == target.pk:
        raise Invalid(f"{mention.text} already points to {target.name}.")
    change = Change()
    change.existing("mention", mention)
    mention.entity, mention.origin = target, Origin.EDITOR
    mention.label = LABEL_OF_KIND[target.kind]
    bump(mention)
    mention.save()
    drop_if_unused(change, old)
    teach(change, text=mention.text, kind=target.kind)
    return record(
        change=change,
        editor=editor,
        action="link",
        article=mention.article,
        entity=target,
        summary=f"“{mention.text}” → {target.name} (was {old.name})",
    )


@transaction.atomic
def detach_mention(*, mention_id: int, version: int, editor) -> Correction:
    """This mention is a different entity of its own, named as the mention reads."""
    mention = locked(Mention, mention_id, version)
    old = mention.entity
    change = Change()
    change.existing("mention", mention)
    (slug,) = unique_slugs([(old.kind, mention.text)])
    target = Entity.objects.create(name=mention.text, kind=old.kind, slug=slug)
    change.created("entity", target)
    mention.entity, mention.origin = target, Origin.EDITOR
    bump(mention)
    mention.save()
    distinction = EntityDistinction.objects.create(
        first_id=min(old.pk, target.pk), second_id=max(old.pk, target.pk), editor=editor
    )
    change.created("distinction", distinction)
    drop_if_unused(change, old)
    return record(
        change=change,
        editor=editor,
        action="detach",
        article=mention.article,
        entity=target,
        summary=f"“{mention.text}” is not {old.name}",
    )


@transaction.atomic
def reject_mention(*, mention_id: int, version: int, editor) -> Correction:
    """Not an entity at all. The row stays, rejected, so re-annotation does not bring it back."""
    mention = locked(Mention, mention_id, version)
    change = Change()
    mark_rejected(change, "mention", mention)
    old = mention.entity
    teach(change, text=mention.text, rejected=True)
    # The entity row stays (the rejected mention points at it); pages count active mentions only.
    return record(
        change=change,
        editor=editor,
        action="reject",
        article=mention.article,
        entity=old,
        summary=f"“{mention.text}” is not an entity",
    )


@transaction.atomic
def adjust_mention(*, mention_id: int, version: int, start: int, end: int, editor) -> Correction:
    """Move a mention's boundaries ("Gen. Bajwa" -> "Bajwa")."""
    mention = locked(Mention, mention_id, version)
    body = Article.objects.values_list("body", flat=True).get(pk=mention.article_id)
    if not 0 <= start < end <= len(body):
        raise Invalid("The new boundaries fall outside the article.")
    clash = (
        Mention.all_objects.filter(article_id=mention.article_id, start__lt=end, end__gt=start)
        .exclude(pk=mention.pk)
        .first()
    )
    if clash:
        raise Invalid(f"That would overlap the mention “{clash.text}”.")
    change = Change()
    change.existing("mention", mention)
    old_text = mention.text
    mention.start, mention.end, mention.text = start, end, body[start:end]
    mention.origin = Origin.EDITOR
    bump(mention)
    mention.save()
    teach(change, text=mention.text, kind=mention.entity.kind)
    return record(
        change=change,
        editor=editor,
        action="adjust",
        article=mention.article,
        entity=mention.entity,
        summary=f"“{old_text}” → “{mention.text}”",
    )


@transaction.atomic
def add_mention(
    *, article_id: int, start: int, end: int, kind: str, editor, entity_id: int | None = None
) -> Correction:
    """Mark a name the pipeline missed, as a new or an existing entity."""
    check_kind(kind)
    article = Article.objects.select_for_update().get(pk=article_id)
    text = selected_words(article, start, end, what="name")
    clash = Mention.all_objects.filter(article=article, start__lt=end, end__gt=start).first()
    change = Change()
    if clash and not (clash.rejected and (clash.start, clash.end) == (start, end)):
        raise Invalid(f"That overlaps the mention “{clash.text}”; adjust that one instead.")
    entity = (
        Entity.objects.get(pk=entity_id)
        if entity_id
        else entity_named(change, name=" ".join(text.split()), kind=kind)
    )
    if clash:  # bring a rejected mention back
        change.existing("mention", clash)
        mention = clash
        mention.rejected, mention.entity = False, entity
        bump(mention)
    else:
        mention = Mention(article=article, start=start, end=end, text=text)
        mention.entity = entity
    mention.label, mention.origin = LABEL_OF_KIND[entity.kind], Origin.EDITOR
    mention.save()
    if not clash:
        change.created("mention", mention)
    teach(change, text=text, kind=entity.kind)
    return record(
        change=change,
        editor=editor,
        action="add",
        article=article,
        entity=entity,
        summary=f"Marked “{text}” as {entity.get_kind_display().lower()} {entity.name}",
    )


# -- quotes ------------------------------------------------------------------------------------
@transaction.atomic
def change_quote(
    *, quote_id: int, version: int, editor, speaker_id: int | None = None, kind: str = ""
) -> Correction:
    """Give a quote another speaker, or another kind."""
    quote = locked(Quote, quote_id, version)
    if kind and kind not in QuoteKind.values:
        raise Invalid(f"Unknown quote kind {kind!r}.")
    change = Change()
    change.existing("quote", quote)
    parts = []
    if speaker_id is not None and speaker_id != quote.speaker_id:
        speaker = Entity.objects.get(pk=speaker_id)
        parts.append(
            f"speaker {quote.speaker.name if quote.speaker else 'unknown'} → {speaker.name}"
        )
        quote.speaker, quote.speaker_mention = speaker, None
    if kind and kind != quote.kind:
        parts.append(f"{quote.kind} → {kind}")
        quote.kind = kind
    if not parts:
        raise Invalid("Nothing to change.")
    quote.origin = Origin.EDITOR
    bump(quote)
    quote.save()
    return record(
        change=change,
        editor=editor,
        action="quote",
        article=quote.article,
        entity=quote.speaker,
        summary=f"Quote “{quote.text[:40]}…”: {', '.join(parts)}",
    )


@transaction.atomic
def remove_quote(*, quote_id: int, version: int, editor) -> Correction:
    quote = locked(Quote, quote_id, version)
    change = Change()
    mark_rejected(change, "quote", quote)
    return record(
        change=change,
        editor=editor,
        action="remove-quote",
        article=quote.article,
        entity=quote.speaker,
        summary=f"Removed quote “{quote.text[:40]}…”",
    )


@transaction.atomic
def add_quote(
    *, article_id: int, start: int, end: int, speaker_id: int | None, kind: str, editor
) -> Correction:
    if kind not in QuoteKind.values:
        raise Invalid(f"Unknown quote kind {kind!r}.")
    article = Article.objects.select_for_update().get(pk=article_id)
    text = article.body[start:end] if 0 <= start < end <= len(article.body) else ""
    if not text.strip():
        raise Invalid("Select the quoted words.")
    if Quote.all_objects.filter(article=article, start=start, end=end).exists():
        raise Invalid("That quote is already marked.")
    speaker = Entity.objects.get(pk=speaker_id) if speaker_id else None
    quote = Quote.objects.create(
        article=article,
        start=start,
        end=end,
        text=text,
        kind=kind,
        speaker=speaker,
        origin=Origin.EDITOR,
    )
    change = Change()
    change.created("quote", quote)
    return record(
        change=change,
        editor=editor,
        action="add-quote",
        article=article,
        entity=speaker,
        summary=f"Added quote “{text[:40]}…”" + (f" by {speaker.name}" if speaker else ""),
    )


# -- entities ----------------------------------------------------------------------------------
@transaction.atomic
def rename_entity(*, entity_id: int, version: int, name: str, editor) -> Correction:
    """A new canonical name; the old one stays as an alias."""
    entity = locked(Entity, entity_id, version)
    name = " ".join(name.split())
    if not name or name == entity.name:
        raise Invalid("Give a new name.")
    change = Change()
    change.existing("entity", entity)
    old = entity.name
    Alias.objects.get_or_create(entity=entity, name=old)
    Alias.objects.filter(entity=entity, name=name).delete()
    entity.name = name
    bump(entity)
    entity.save()
    teach(change, text=name, kind=entity.kind)
    return record(
        change=change,
        editor=editor,
        action="rename",
        entity=entity,
        summary=f"{old} renamed {name}",
    )


@transaction.atomic
def edit_entity(
    *, entity_id: int, version: int, role: str, aliases: list[str], editor
) -> Correction:
    entity = locked(Entity, entity_id, version)
    change = Change()
    change.existing("entity", entity)
    wanted = {" ".join(a.split()) for a in aliases if a.strip()} - {entity.name}
    Alias.objects.filter(entity=entity).exclude(name__in=wanted).delete()
    for alias in wanted:
        Alias.objects.get_or_create(entity=entity, name=alias[:300])
    entity.role = role.strip()[:500]
    bump(entity)
    entity.save()
    return record(
        change=change,
        editor=editor,
        action="edit-entity",
        entity=entity,
        summary=f"{entity.name}: role and aliases edited",
    )


def merge_preview(*, source: Entity, target: Entity) -> dict:
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


@transaction.atomic
def merge_entities(*, source_id: int, source_version: int, target_id: int, editor) -> Correction:
    """Two entities are one: the source's mentions, quotes and names move to the target."""
    source = locked(Entity, source_id, source_version)
    target = locked(Entity, target_id, None)
    if source.pk == target.pk:
        raise Invalid("An entity cannot be merged into itself.")
    change = Change()
    change.existing("entity", source)
    change.existing("entity", target)
    for mention in Mention.all_objects.filter(entity=source):
        change.existing("mention", mention)
    for quote in Quote.all_objects.filter(speaker=source):
        change.existing("quote", quote)
    for distinction in EntityDistinction.objects.filter(Q(first=source) | Q(second=source)):
        change.existing("distinction", distinction)
    Mention.all_objects.filter(entity=source).update(entity=target, origin=Origin.EDITOR)
    Quote.all_objects.filter(speaker=source).update(speaker=target, origin=Origin.EDITOR)
    for name in {source.name, *source.aliases.values_list("name", flat=True)} - {target.name}:
        Alias.objects.get_or_create(entity=target, name=name)
    bump(target)
    target.save()
    source.delete()
    return record(
        change=change,
        editor=editor,
        action="merge",
        entity=target,
        summary=f"{source.name} merged into {target.name}",
    )


@transaction.atomic
def split_alias(*, entity_id: int, version: int, alias: str, editor) -> Correction:
    """An alias names someone else: it and the mentions reading so become their own entity."""
    entity = locked(Entity, entity_id, version)
    alias_row = Alias.objects.filter(entity=entity, name=alias).first()
    if alias_row is None:
        raise Invalid(f"{entity.name} has no alias {alias!r}.")
    change = Change()
    change.existing("entity", entity)
    (slug,) = unique_slugs([(entity.kind, alias)])
    new = Entity.objects.create(name=alias, kind=entity.kind, slug=slug)
    change.created("entity", new)
    for mention in Mention.all_objects.filter(entity=entity, text=alias):
        change.existing("mention", mention)
    Mention.all_objects.filter(entity=entity, text=alias).update(entity=new, origin=Origin.EDITOR)
    alias_row.delete()
    bump(entity)
    entity.save()
    distinction = EntityDistinction.objects.create(
        first_id=min(entity.pk, new.pk), second_id=max(entity.pk, new.pk), editor=editor
    )
    change.created("distinction", distinction)
    return record(
        change=change,
        editor=editor,
        action="split",
        entity=new,
        summary=f"{alias} split off {entity.name}",
    )


@transaction.atomic
def mark_distinct(*, first_id: int, second_id: int, editor) -> Correction:
    """Two entities are not the same: linking will never join them."""
    if first_id == second_id:
        raise Invalid("An entity is always the same as itself.")
    low, high = sorted([first_id, second_id])
    entities = {e.pk: e for e in Entity.objects.filter(pk__in=[low, high])}
    if len(entities) != 2:
        raise Invalid("Both entities must exist.")
    distinction, created = EntityDistinction.objects.get_or_create(
        first_id=low, second_id=high, defaults={"editor": editor}
    )
    if not created:
        raise Invalid("They are already marked as different.")
    change = Change()
    change.created("distinction", distinction)
    return record(
        change=change,
        editor=editor,
        action="distinct",
        entity=entities[first_id],
        summary=f"{entities[low].name} is not {entities[high].name}",
    )


# -- the same fix elsewhere --------------------------------------------------------------------
def same_elsewhere(correction: Correction):
    """Mentions across the archive that read like the corrected one and still have the old
    kind (for a relabel) or are still marked (for a rejection); editors' rows are left alone."""
    before = next(iter((correction.before.get("mention") or {}).values()), None)
    if not before or correction.action not in ("relabel", "reject"):
        return Mention.objects.none()
    others = Mention.objects.filter(text=before["text"]).exclude(origin=Origin.EDITOR)
    if correction.action == "relabel":
        new_kind = correction.entity.kind if correction.entity else None
        return others.exclude(entity__kind=new_kind).select_related("entity", "article")
    return others.select_related("entity", "article")


@transaction.atomic
def apply_elsewhere(*, correction_id: int, editor) -> Correction:
    """Apply a relabel or a rejection to every other place it fits, as one bulk correction."""
    correction = Correction.objects.select_related("entity").get(pk=correction_id)
    mentions = list(same_elsewhere(correction).select_for_update(of=("self",)))
    if not mentions:
        raise Invalid("There is nowhere else to apply it.")
    change = Change()
    emptied = set()
    for mention in mentions:
        change.existing("mention", mention)
        if correction.action == "relabel":
            emptied.add(mention.entity)
            mention.entity = correction.entity
            mention.label = LABEL_OF_KIND[correction.entity.kind]
        else:
            mention.rejected = True
        mention.origin = Origin.EDITOR
        bump(mention)
    Mention.all_objects.bulk_update(mentions, ["entity", "label", "rejected", "origin", "version"])
    for entity in emptied:
        drop_if_unused(change, entity)
    text = mentions[0].text
    what = "relabelled" if correction.action == "relabel" else "rejected"
    return record(
        change=change,
        editor=editor,
        action=f"bulk-{correction.action}",
        entity=correction.entity,
        summary=f"“{text}” {what} in {len(mentions)} more place{'s' if len(mentions) != 1 else ''}",
    )


# -- dates -------------------------------------------------------------------------------------
def describe_interval(date: DateMention) -> str:
    if date.value_start is None:
        return "not placed on the calendar"
    first, last = (f"{day.day} {day:%B %Y}" for day in (date.value_start, date.value_end))
    return first if first == last else f"{first} to {last}"


@transaction.atomic
def change_date(
    *,
    date_id: int,
    version: int,
    value_start: dt.date | None,
    value_end: dt.date | None,
    granularity: str,
    editor,
) -> Correction:
    """The date means another interval ("a year ago" is 2019, not the last quarter); with no
    interval at all it stays marked but off the calendar."""
    if (value_start is None) != (value_end is None):
        raise Invalid("Give both the first and the last day, or neither.")
    if value_start is not None and value_start > value_end:
        raise Invalid("The first day comes after the last one.")
    if granularity not in Granularity.values and not (value_start is None and granularity == ""):
        raise Invalid(f"Unknown granularity {granularity!r}.")
    date = locked(DateMention, date_id, version)
    change = Change()
    change.existing("date", date)
    date.value_start, date.value_end = value_start, value_end
    date.granularity = granularity if value_start is not None else ""
    date.origin = Origin.EDITOR
    bump(date)
    date.save()
    return record(
        change=change,
        editor=editor,
        action="date",
        article=date.article,
        summary=f"“{date.text}” means {describe_interval(date)}",
    )


@transaction.atomic
def reject_date(*, date_id: int, version: int, editor) -> Correction:
    """Not a date at all. The row stays, rejected, so re-annotation does not bring it back."""
    date = locked(DateMention, date_id, version)
    change = Change()
    mark_rejected(change, "date", date)
    return record(
        change=change,
        editor=editor,
        action="reject-date",
        article=date.article,
        summary=f"“{date.text}” is not a date",
    )


@transaction.atomic
def add_date(*, article_id: int, start: int, end: int, editor) -> Correction:
    """Mark a date the pipeline missed; its interval is read from the words, relative to the
    publication date, and can then be corrected."""
    article = Article.objects.select_for_update().get(pk=article_id)
    text = selected_words(article, start, end, what="date")
    if clash := Mention.objects.filter(article=article, start__lt=end, end__gt=start).first():
        raise Invalid(f"That overlaps the mention “{clash.text}”.")
    dates = DateMention.all_objects.filter(article=article, start__lt=end, end__gt=start)
    clash = dates.first()
    if clash and not (clash.rejected and (clash.start, clash.end) == (start, end)):
        raise Invalid(f"That overlaps the date “{clash.text}”; correct that one instead.")
    change = Change()
    found = interval_of(text, article.published)
    if clash:  # bring a rejected date back
        change.existing("date", clash)
        date = clash
        date.rejected = False
        bump(date)
    else:
        date = DateMention(article=article, start=start, end=end, text=text)
    if found is not None and found.value_start is not None:
        date.value_start, date.value_end = found.value_start, found.value_end
        date.granularity = found.granularity
    date.origin = Origin.EDITOR
    date.save()
    if not clash:
        change.created("date", date)
    return record(
        change=change,
        editor=editor,
        action="add-date",
        article=article,
        summary=f"Marked “{text}” as a date: {describe_interval(date)}",
    )


# -- undo and redo -----------------------------------------------------------------------------
def touched_keys(correction: Correction) -> set[tuple[str, str]]:
    return {(kind, key) for kind, states in correction.before.items() for key in states}


def blocking_correction(correction: Correction) -> Correction | None:
    """A later, standing correction touching the same rows: it must be undone first."""
    keys = touched_keys(correction)
    later = Correction.objects.filter(pk__gt=correction.pk, undone_at__isnull=True).filter(
        Q(article_id=correction.article_id, article_id__isnull=False)
        | Q(entity_id=correction.entity_id, entity_id__isnull=False)
        | Q(action__startswith="bulk-")
        | Q(action="merge")
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


@transaction.atomic
def undo(*, correction_id: int, editor) -> Correction:
    correction = Correction.objects.select_for_update().get(pk=correction_id)
    ok, why = can_undo(correction)
    if not ok:
        raise Conflict(f"Cannot undo: {why}.")
    restore(correction.before)
    refresh_read_models(correction.before, correction.after)
    correction.undone_at, correction.undone_by = timezone.now(), editor
    correction.save(update_fields=["undone_at", "undone_by"])
    return correction


@transaction.atomic
def redo(*, correction_id: int, editor) -> Correction:
    correction = Correction.objects.select_for_update().get(pk=correction_id)
    if not correction.undone_at:
        raise Conflict("Cannot redo: it is not undone.")
    later = Correction.objects.filter(pk__gt=correction.pk, undone_at__isnull=True)
    keys = touched_keys(correction)
    if any(keys & touched_keys(other) for other in later):
        raise Conflict("Cannot redo: a later change touched the same rows.")
    restore(correction.after)
    refresh_read_models(correction.before, correction.after)
    correction.undone_at, correction.undone_by = None, None
    correction.save(update_fields=["undone_at", "undone_by"])
    return correction


def restore(states: dict) -> None:
    """Put every row into the recorded state: create, update or delete, parents first."""
    models = dict(MODELS)
    for kind in ("entity", "lexicon", "mention", "quote", "date", "distinction"):
        for key, state in (states.get(kind) or {}).items():
            if state is not None:
                put(models[kind], int(key), dict(state))
    for kind in ("distinction", "date", "quote", "mention", "lexicon", "entity"):
        for key, state in (states.get(kind) or {}).items():
            if state is None:
                manager = getattr(models[kind], "all_objects", models[kind].objects)
                manager.filter(pk=int(key)).delete()


def put(model, pk: int, state: dict) -> None:
    aliases = state.pop("aliases", None)
    manager = getattr(model, "all_objects", model.objects)
    row = manager.filter(pk=pk).first()
    if row is None:
        row = model(pk=pk, **state)
        row.save(force_insert=True)
    else:
        for name, value in state.items():
            setattr(row, name, value)
        if hasattr(row, "version"):
            row.version += 1
        row.save()
    if aliases is not None:
        Alias.objects.filter(entity_id=pk).exclude(name__in=aliases).delete()
        for alias in aliases:
            Alias.objects.get_or_create(entity_id=pk, name=alias)


def recent_changes(limit: int = 50):
    return Correction.objects.select_related("editor", "article", "entity", "undone_by")[:limit]
