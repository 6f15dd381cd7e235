"""Give each found mention its canonical Entity, creating the ones the archive lacks.

This first stage links by name: a mention joins the entity of the same kind whose name or alias is
the same (ignoring case), so "Kabul" in every article is one place.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify

from articles.models import Alias, Entity

Key = tuple[str, str]  # (kind, casefolded name)


def entity_key(kind: str, name: str) -> Key:
    return (kind, name.casefold())


def resolve_entities(names: Iterable[tuple[str, str]]) -> dict[Key, Entity]:
    """Entities for (kind, name) pairs, found by name or alias, created when missing.

    Callers hold the ingest lock (see `ingest.write_lock`), so two writers cannot create the same
    entity twice.
    """
    wanted: dict[Key, str] = {}
    for kind, name in names:
        wanted.setdefault(entity_key(kind, name), name)
    if not wanted:
        return {}
    lowered = {key[1] for key in wanted}
    kinds = {key[0] for key in wanted}
    found: dict[Key, Entity] = {}
    by_alias = Alias.objects.annotate(lowered=Lower("name")).filter(
        lowered__in=lowered, entity__kind__in=kinds
    )
    for alias in by_alias.select_related("entity").order_by("entity_id"):
        found.setdefault(entity_key(alias.entity.kind, alias.name), alias.entity)
    by_name = Entity.objects.annotate(lowered=Lower("name")).filter(
        lowered__in=lowered, kind__in=kinds
    )
    for entity in by_name.order_by("id"):
        found[entity_key(entity.kind, entity.name)] = entity  # a name beats an alias

    missing = {key: name for key, name in wanted.items() if key not in found}
    slugs = unique_slugs([(key[0], name) for key, name in missing.items()])
    created = Entity.objects.bulk_create(
        [
            Entity(name=name, kind=key[0], slug=slug)
            for (key, name), slug in zip(missing.items(), slugs, strict=True)
        ]
    )
    found.update(zip(missing, created, strict=True))
    return {key: found[key] for key in wanted}


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
