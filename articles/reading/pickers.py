"""Entities chosen by typing: the names offered as someone types, and the entity a typed name
stands for.

Readers pick an entity to filter articles by, editors a speaker or an entity to link to; both
type a name (or pick one offered, whose value is the name) rather than a slug, so the typed text
is read back as a slug, a name or an alias, in that order.
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from articles.models import Alias, Entity

SHOWN = 10
SHORTEST = 2  # characters typed before anything is offered


def entities_offered(typed: str) -> QuerySet[Entity]:
    """Named entities whose name or an alias holds the typed text, most-named first (the
    trigram indexes on names and aliases find them)."""
    typed = " ".join(typed.split())
    if len(typed) < SHORTEST:
        return Entity.objects.none()
    return (
        Entity.objects.filter(
            Q(name__icontains=typed)
            | Exists(Alias.objects.filter(entity=OuterRef("pk"), name__icontains=typed)),
            stats__article_count__gt=0,
        )
        .select_related("stats")
        .only("name", "slug", "kind", "role", "stats__article_count")
        .order_by(F("stats__article_count").desc(), "name", "pk")[:SHOWN]
    )


def entity_named_by(typed: str) -> Entity | None:
    """The entity a typed name stands for: its slug, its name, or one of its aliases (ignoring
    case); of several of the same name, the most named. None when nothing answers to it."""
    typed = " ".join(typed.split())[:300]
    if not typed:
        return None
    entities = Entity.objects.select_related("stats")
    most_named = (F("stats__article_count").desc(nulls_last=True), "pk")
    return (
        entities.filter(slug=typed).first()
        or entities.filter(name__iexact=typed).order_by(*most_named).first()
        or entities.filter(aliases__name__iexact=typed).order_by(*most_named).first()
    )
