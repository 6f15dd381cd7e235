"""Give each entity found in an article its canonical Entity in the archive, creating new ones.

An entity found in an article joins an archive entity of the same kind when the archive knows its
name, as a name or an alias (ignoring case), or a near spelling of a full name ("Qamar Jawed
Bajwa"). A person named only by one word ("Bajwa") joins nobody on that alone: the article must
give the full name for its mentions to join that person.
"""

from __future__ import annotations

import itertools

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from rapidfuzz import fuzz

from articles.kinds import PERSON
from articles.models import Alias, Entity, EntityDistinction
from articles.nlp.clusters import FoundEntity

FUZZY_MIN_SIMILARITY = 0.5  # trigram similarity to be a candidate at all
FUZZY_MIN_RATIO = 90  # rapidfuzz token ratio to be the same name


def joins_by_alias(found: FoundEntity) -> bool:
    return found.kind != PERSON or len(found.name.split()) >= 2


def resolve_entities(found_entities: list[FoundEntity]) -> list[Entity]:
    """The archive entity of each found entity, in order; aliases and roles are recorded.

    Callers hold the ingest write lock, so two writers cannot create the same entity twice.
    """
    if not found_entities:
        return []
    names = {found.name.casefold() for found in found_entities}
    kinds = {found.kind for found in found_entities}
    by_name: dict[tuple[str, str], Entity] = {}
    for entity in (
        Entity.objects.annotate(lowered=Lower("name"))
        .filter(lowered__in=names, kind__in=kinds)
        .order_by("id")
    ):
        by_name.setdefault((entity.kind, entity.name.casefold()), entity)
    by_alias: dict[tuple[str, str], Entity] = {}
    for alias in (
        Alias.objects.annotate(lowered=Lower("name"))
        .filter(lowered__in=names, entity__kind__in=kinds)
        .select_related("entity")
        .order_by("entity_id")
    ):
        by_alias.setdefault((alias.entity.kind, alias.name.casefold()), alias.entity)

    resolved: list[Entity | None] = []
    for found in found_entities:
        key = (found.kind, found.name.casefold())
        entity = by_name.get(key) or (by_alias.get(key) if joins_by_alias(found) else None)
        if entity is None and found.kind == PERSON and len(found.name.split()) >= 2:
            entity = near_spelling(found)
        resolved.append(entity)

    missing = [found for found, entity in zip(found_entities, resolved, strict=True) if not entity]
    created = iter(
        Entity.objects.bulk_create(
            Entity(name=found.name, kind=found.kind, slug=slug, role=found.role[:500])
            for found, slug in zip(
                missing, unique_slugs([(f.kind, f.name) for f in missing]), strict=True
            )
        )
    )
    entities = [entity or next(created) for entity in resolved]
    record_aliases_and_roles(found_entities, entities)
    return entities


def near_spelling(found: FoundEntity) -> Entity | None:
    """A person whose full name is spelled nearly the same, with the same surname initial."""
    candidates = (
        Entity.objects.filter(kind=found.kind)
        .annotate(similarity=TrigramSimilarity("name", found.name))
        .filter(similarity__gte=FUZZY_MIN_SIMILARITY)
        .order_by("-similarity")[:5]
    )
    # Editors said these are not the same as someone of this very name: never join them.
    distinct = set(
        EntityDistinction.objects.filter(second__name__iexact=found.name).values_list(
            "first_id", flat=True
        )
    ) | set(
        EntityDistinction.objects.filter(first__name__iexact=found.name).values_list(
            "second_id", flat=True
        )
    )
    for candidate in candidates:
        if candidate.pk in distinct:
            continue
        same_initials = candidate.name.split()[-1][:1] == found.name.split()[-1][:1]
        if same_initials and fuzz.token_sort_ratio(candidate.name, found.name) >= FUZZY_MIN_RATIO:
            return candidate
    return None


def record_aliases_and_roles(found_entities: list[FoundEntity], entities: list[Entity]) -> None:
    aliases = []
    for found, entity in zip(found_entities, entities, strict=True):
        for name in {found.name, *found.aliases}:
            if name.casefold() != entity.name.casefold():
                aliases.append(Alias(entity=entity, name=name[:300]))
        if found.role and not entity.role:
            entity.role = found.role[:500]
            entity.save(update_fields=["role", "updated_at"])
    Alias.objects.bulk_create(aliases, ignore_conflicts=True)


def unique_slugs(pairs: list[tuple[str, str]]) -> list[str]:
    """A free slug for each (kind, name): the name's slug, then with the kind, then numbered."""
    if not pairs:
        return []
    bases = [slugify(name)[:280] or kind.lower() for kind, name in pairs]
    query = Q()
    for base in set(bases):
        query |= Q(slug__startswith=base)
    taken = set(Entity.objects.filter(query).values_list("slug", flat=True))
    slugs = []
    for (kind, _name), base in zip(pairs, bases, strict=True):
        candidates = itertools.chain(
            [base, f"{base}-{kind.lower()}"],
            (f"{base}-{kind.lower()}-{n}" for n in itertools.count(2)),
        )
        slug = next(candidate for candidate in candidates if candidate not in taken)
        taken.add(slug)
        slugs.append(slug)
    return slugs
