"""Within one article, group mentions that name the same entity ("Qamar Javed Bajwa", "Bajwa").

People: a shorter name joins the full name it is part of ("Bajwa", "Javed Bajwa"), the nearest
earlier one when two could take it. Other kinds: the same name ignoring case, a leading "the" and
a trailing possessive. A name found with two kinds takes the kind most of its mentions have.
The canonical name of a group is its longest person name, or its most frequent name otherwise.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from articles.kinds import PERSON
from articles.nlp.entities import FoundMention
from articles.nlp.gazetteer import country_of_demonym, country_of_spelling


@dataclass
class FoundEntity:
    name: str
    kind: str
    role: str = ""
    aliases: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)  # indexes into the article's mentions


def name_key(name: str) -> str:
    """Names that differ only in case, spacing or a leading nationality word ("Pakistani Army"
    and "Pakistan Army") share a key."""
    words = name.replace("’", "'").split()
    if len(words) >= 2 and (country := country_of_demonym().get(words[0])):
        words[0] = country
    key = " ".join(words).casefold()
    country = country_of_spelling().get(key.replace(".", ""))
    return country.casefold() if country else key


def cluster_mentions(mentions: list[FoundMention]) -> tuple[list[FoundEntity], list[int]]:
    """(entities, entity index of each mention)."""
    kind_votes: dict[str, Counter] = defaultdict(Counter)
    for mention in mentions:
        kind_votes[name_key(mention.name)][mention.kind] += 1
    kind_of = {key: votes.most_common(1)[0][0] for key, votes in kind_votes.items()}

    groups: list[list[int]] = []
    group_of_key: dict[tuple[str, str], int] = {}
    entity_of: list[int] = [-1] * len(mentions)

    # Longer person names first, so that surnames find the full name wherever it appears.
    order = sorted(
        range(len(mentions)),
        key=lambda i: (
            -len(mentions[i].name.split()) if kind_of[name_key(mentions[i].name)] == PERSON else 0,
            i,
        ),
    )
    for index in order:
        mention = mentions[index]
        key = name_key(mention.name)
        kind = kind_of[key]
        group = group_of_key.get((kind, key))
        if group is None and kind == PERSON:
            group = person_group_for(index, mentions, groups, kind_of)
        if group is None:
            group = len(groups)
            groups.append([])
        groups[group].append(index)
        group_of_key.setdefault((kind, key), group)
        entity_of[index] = group

    groups = merge_organisation_forms(groups, mentions, kind_of)
    entity_of = [-1] * len(mentions)
    for number, members in enumerate(groups):
        for member in members:
            entity_of[member] = number

    entities = []
    for members in groups:
        members.sort()
        kind = kind_of[name_key(mentions[members[0]].name)]
        names = Counter(mentions[i].name for i in members)
        if kind == PERSON:
            name = max(names, key=lambda n: (len(n.split()), names[n], len(n)))
        else:
            # "Pakistan Army" over "Pakistani Army": the name as the country's own.
            name = max(names, key=lambda n: (names[n], name_key(n) == n.casefold(), len(n)))
        roles = [mentions[i].role for i in members if mentions[i].role]
        aliases = sorted({mentions[i].text for i in members} - {name})
        entities.append(
            FoundEntity(
                name=name,
                kind=kind,
                role=roles[0] if roles else "",
                aliases=aliases,
                mentions=members,
            )
        )
    # Entities in order of first mention; renumber.
    order_of = sorted(range(len(entities)), key=lambda g: entities[g].mentions[0])
    new_index = {old: new for new, old in enumerate(order_of)}
    return [entities[g] for g in order_of], [new_index[g] for g in entity_of]


def person_group_for(
    index: int, mentions: list[FoundMention], groups: list[list[int]], kind_of: dict[str, str]
) -> int | None:
    """The group of a longer person name containing this name's words in order, else None."""
    words = name_key(mentions[index].name).split()
    candidates = []
    for number, members in enumerate(groups):
        first = mentions[members[0]]
        if kind_of[name_key(first.name)] != PERSON:
            continue
        for member in members:
            full = name_key(mentions[member].name).split()
            if (
                len(full) > len(words)
                and contains_in_order(full, words)
                and full[-1] == words[-1]
                or (len(full) > len(words) and full[: len(words)] == words and len(words) >= 2)
            ):
                candidates.append((number, member))
                break
    if not candidates:
        return None
    if len({number for number, _ in candidates}) == 1:
        return candidates[0][0]
    # Ambiguous surname: the group whose mention comes last before this one, else the first.
    before = [(member, number) for number, member in candidates if member < index]
    return max(before)[1] if before else min(candidates, key=lambda c: c[1])[0]


def contains_in_order(full: list[str], part: list[str]) -> bool:
    position = 0
    for word in full:
        if position < len(part) and word == part[position]:
            position += 1
    return position == len(part)


CORPORATE_WORDS = {"of", "the", "and", "&", "for"}


def initials(name: str) -> str:
    return "".join(
        word[0] for word in name.replace("-", " ").split() if word.casefold() not in CORPORATE_WORDS
    ).upper()


def merge_organisation_forms(
    groups: list[list[int]], mentions: list[FoundMention], kind_of: dict[str, str]
) -> list[list[int]]:
    """Join groups of one organisation or place named in short and long forms.

    "Apple" and "Apple Inc." (a name that starts another), "Air Force" and "U.S. Air Force" (a
    two-word name that ends another), "GAO" and "Government Accountability Office" (initials).
    A short form joins only when exactly one longer group fits it.
    """
    kinds = [kind_of[name_key(mentions[members[0]].name)] for members in groups]
    names = [{name_key(mentions[i].name) for i in members} for members in groups]
    parent = list(range(len(groups)))

    def find(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    for short in range(len(groups)):
        if kinds[short] == PERSON:
            continue
        fits = set()
        for long in range(len(groups)):
            if long == short or kinds[long] != kinds[short]:
                continue
            if any(is_short_form(a, b) for a in names[short] for b in names[long]):
                fits.add(find(long))
        if len(fits) == 1:
            parent[find(short)] = fits.pop()
    merged: dict[int, list[int]] = defaultdict(list)
    for number, members in enumerate(groups):
        merged[find(number)].extend(members)
    return [sorted(members) for members in merged.values()]


def is_short_form(short: str, long: str) -> bool:
    short_words, long_words = short.split(), long.split()
    if len(short_words) >= len(long_words):
        return False
    if long_words[: len(short_words)] == short_words:
        return True
    if len(short_words) >= 2 and long_words[-len(short_words) :] == short_words:
        return True
    compact = short.replace(".", "").upper()
    return len(short_words) == 1 and 2 <= len(compact) <= 6 and compact == initials(long)
