"""Give each entity found in an article its canonical Entity in the archive, creating new ones.

An entity found in an article joins an archive entity of the same kind when the archive knows its
name, as a name or an alias (ignoring case), or a near spelling of a full name ("Qamar Jawed
Bajwa"). A person named only by one word ("Bajwa") joins nobody on that alone: the article must
give the full name for its mentions to join that person. A "person" the archive knows as a place
or an organisation ("Toulouse", "Best Buy") joins that place or organisation, unless the article
gave evidence of a person.
"""

from __future__ import annotations

import itertools
from collections import Counter

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from rapidfuzz import fuzz

from articles.models import Alias, Entity, EntityDistinction
from articles.nlp.clusters import FoundEntity
from articles.nlp.kinds import ORG, PERSON, PLACE

FUZZY_MIN_RATIO = 90  # rapidfuzz token ratio to be the same name


def joins_by_alias(found: FoundEntity) -> bool:
    return found.kind != PERSON or len(found.name.split()) >= 2


def resolve_entities(found_entities: list[FoundEntity]) -> list[Entity]:
    """The archive entity of each found entity, in order; aliases and roles are recorded."""
    return resolve_entities_and_rivals(found_entities)[0]


def resolve_entities_and_rivals(
    found_entities: list[FoundEntity],
) -> tuple[list[Entity], dict[int, Entity]]:
    """The archive entity of each found entity, in order, and for those whose name also matched
    another archive entity, that rival (by the index of the found entity): the pipeline's doubt.
    Aliases and roles are recorded.

    Callers hold the ingest write lock, so two writers cannot create the same entity twice.
    """
    if not found_entities:
        return [], {}
    by_name, by_alias, not_people, every = known_names(found_entities)
    resolved: list[Entity | None] = []
    for found in found_entities:
        key = (found.kind, found.name.casefold())
        same_kind = by_name.get(key) or (by_alias.get(key) if joins_by_alias(found) else None)
        resolved.append(place_or_organisation(found, same_kind, not_people) or same_kind)
    unknown_people = [
        found
        for found, entity in zip(found_entities, resolved, strict=True)
        if entity is None and found.kind == PERSON and len(found.name.split()) >= 2
    ]
    near = near_spellings(unknown_people)
    resolved = [
        entity or near.get(found.name)
        for found, entity in zip(found_entities, resolved, strict=True)
    ]

    missing = [found for found, entity in zip(found_entities, resolved, strict=True) if not entity]
    created = iter(
        Entity.objects.bulk_create(
            Entity(name=found.name, kind=found.kind, slug=slug, role=found.role[:500])
            for found, slug in zip(
                missing, unique_slugs([(f.kind, f.name) for f in missing]), strict=True
            )
        )
    )
    rivals = rivals_of(found_entities, resolved, every)
    entities = [entity or next(created) for entity in resolved]
    record_aliases_and_roles(found_entities, entities)
    return entities, rivals


def rivals_of(
    found_entities: list[FoundEntity],
    resolved: list[Entity | None],
    every: dict[str, list[Entity]],
) -> dict[int, Entity]:
    """Found entities joined to an archive entity while their name (or an alias) also names
    another one it could have joined: of its own kind, or the place or organisation a "person"
    guessed by the model could be."""
    rivals: dict[int, Entity] = {}
    for index, (found, entity) in enumerate(zip(found_entities, resolved, strict=True)):
        if entity is None:
            continue
        kinds = {found.kind, entity.kind}
        if found.kind == PERSON and not found.certain:
            kinds |= {PLACE, ORG}
        rival = next(
            (
                other
                for other in every.get(found.name.casefold(), ())
                if other.pk != entity.pk and other.kind in kinds
            ),
            None,
        )
        if rival is not None:
            rivals[index] = rival
    return rivals


def place_or_organisation(
    found: FoundEntity, same_kind: Entity | None, not_people: dict[str, Entity]
) -> Entity | None:
    """The archive's place or organisation of the name of a found "person" whose kind is the
    model's guess: the model takes "Toulouse" or "Best Buy" for a person now and then, and one
    name in the archive should not become two entities. A one-word name goes to the place or
    organisation even when the archive holds a one-word "person" of that name too (one the
    pipeline never saw named in full, most likely another such error); a full name only when the
    archive knows no person of that name."""
    if found.kind != PERSON or found.certain:
        return None
    other = not_people.get(found.name.casefold())
    if other is None or (same_kind is not None and len(found.name.split()) > 1):
        return None
    return other


type Known = tuple[
    dict[tuple[str, str], Entity],
    dict[tuple[str, str], Entity],
    dict[str, Entity],
    dict[str, list[Entity]],
]


def known_names(found_entities: list[FoundEntity]) -> Known:
    """Archive entities by (kind, casefolded name), by (kind, casefolded alias), places and
    organisations by casefolded name or alias, and every entity a casefolded name or alias
    names: one query."""
    names = {found.name.casefold() for found in found_entities}
    matching_aliases = Alias.objects.annotate(lowered=Lower("name")).filter(lowered__in=names)
    entities = (
        Entity.objects.annotate(
            lowered=Lower("name"),
            aliases_named=ArraySubquery(
                matching_aliases.filter(entity=OuterRef("pk")).values("lowered")
            ),
        )
        .filter(Q(lowered__in=names) | Q(pk__in=matching_aliases.values("entity_id")))
        .order_by("id")
    )
    by_name: dict[tuple[str, str], Entity] = {}
    by_alias: dict[tuple[str, str], Entity] = {}
    not_people: dict[str, Entity] = {}
    every: dict[str, list[Entity]] = {}
    for entity in entities:
        for name in {entity.lowered, *entity.aliases_named}:
            every.setdefault(name, []).append(entity)
        by_name.setdefault((entity.kind, entity.lowered), entity)
        for alias in entity.aliases_named:
            by_alias.setdefault((entity.kind, alias), entity)
        if entity.kind in (PLACE, ORG):
            for name in (entity.lowered, *entity.aliases_named):
                not_people.setdefault(name, entity)
    return by_name, by_alias, not_people, every


def near_spellings(people: list[FoundEntity]) -> dict[str, Entity]:
    """People whose full names are spelled nearly the same ("Qamar Jawed Bajwa"), with the same
    surname initial; one query for all of an article's unknown people (two when one is close)."""
    if not people:
        return {}
    similar = Q()
    for found in people:
        similar |= Q(name__trigram_similar=found.name)
    candidates = list(Entity.objects.filter(similar, kind=PERSON).order_by("pk")[:200])
    scored = {
        found.name: sorted(
            (
                (ratio, candidate)
                for candidate in candidates
                if candidate.name.split()[-1][:1] == found.name.split()[-1][:1]
                and (ratio := fuzz.token_sort_ratio(candidate.name, found.name)) >= FUZZY_MIN_RATIO
            ),
            key=lambda item: (-item[0], item[1].pk),
        )
        for found in people
    }
    close = {candidate for matches in scored.values() for _ratio, candidate in matches}
    if not close:
        return {}
    # Editors said these are not the same as someone of that very name: never join them.
    distinct_names: dict[int, set[str]] = {}
    pairs = EntityDistinction.objects.filter(
        Q(first__in=close) | Q(second__in=close)
    ).select_related("first", "second")
    for pair in pairs:
        distinct_names.setdefault(pair.first_id, set()).add(pair.second.name.casefold())
        distinct_names.setdefault(pair.second_id, set()).add(pair.first.name.casefold())
    found_near: dict[str, Entity] = {}
    for name, matches in scored.items():
        allowed = (c for _r, c in matches if name.casefold() not in distinct_names.get(c.pk, ()))
        if best := next(allowed, None):
            found_near[name] = best
    return found_near


def record_aliases_and_roles(found_entities: list[FoundEntity], entities: list[Entity]) -> None:
    aliases = []
    given_roles = []
    for found, entity in zip(found_entities, entities, strict=True):
        for name in {found.name, *found.aliases}:
            if name.casefold() != entity.name.casefold():
                aliases.append(Alias(entity=entity, name=name[:300]))
        if found.role and not entity.role:
            entity.role = found.role[:500]
            given_roles.append(entity)
    Alias.objects.bulk_create(aliases, ignore_conflicts=True)
    Entity.objects.bulk_update(given_roles, ["role"])


def unique_slugs(pairs: list[tuple[str, str]]) -> list[str]:
    """A free slug for each (kind, name): the name's slug, then with the kind, then numbered."""
    if not pairs:
        return []
    bases = [slugify(name)[:280] or kind.lower() for kind, name in pairs]
    # Nearly every name gets its plain slug or the one with its kind: those are looked up by
    # equality. Only a name whose two are both taken, or that the batch asks for twice, needs its
    # numbered slugs, read by prefix (slower: a pattern per name).
    first_choices = [
        (base, f"{base}-{kind.lower()}") for (kind, _), base in zip(pairs, bases, strict=True)
    ]
    wanted = {slug for choices in first_choices for slug in choices}
    taken = set(Entity.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    asked = Counter(bases)
    crowded = {
        base
        for base, choices in zip(bases, first_choices, strict=True)
        if asked[base] > 1 or all(choice in taken for choice in choices)
    }
    if crowded:
        query = Q()
        for base in crowded:
            query |= Q(slug__startswith=f"{base}-")
        taken |= set(Entity.objects.filter(query).values_list("slug", flat=True))
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
