"""Within one article, group mentions that name the same entity ("Qamar Javed Bajwa", "Bajwa").

People: a shorter name joins the full name it is part of ("Bajwa", "Javed Bajwa"), the nearest
earlier one when two could take it. Other kinds: the same name ignoring case, a leading "the" and
a trailing possessive. A name found with two kinds takes the kind most of its mentions have.
The canonical name of a group is its longest person name, or otherwise its most frequent name
that is not an acronym of a longer one ("Singapore Airlines" over "SIA").
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from articles.nlp.entities import FoundMention
from articles.nlp.gazetteer import country_of_demonym, country_of_spelling
from articles.nlp.kinds import PERSON

CERTAIN_VOTES = 100


@dataclass
class FoundEntity:
    name: str
    kind: str
    role: str = ""
    aliases: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)  # indexes into the article's mentions
    certain: bool = False  # its kind comes from evidence (an editor, an apposition)


def name_key(name: str) -> str:
    """Names that differ only in case, spacing, full stops in initials, or in how a leading
    country is written ("Pakistani Army" and "Pakistan Army", "U.S. Air Force" and "US Air
    Force") share a key."""
    words = [without_stops(word) for word in name.replace("’", "'").split()]
    if len(words) >= 2:
        if country := country_of_demonym().get(words[0]):
            words[0] = country
        else:
            words = with_country_written_out(words)
    key = " ".join(words).casefold()
    country = country_of_spelling().get(key)
    return country.casefold() if country else key


def without_stops(word: str) -> str:
    """ "U.S." -> "US", "N.V." -> "NV"; other words as they are."""
    bare = word.replace(".", "")
    return bare if bare.isupper() and len(bare) >= 2 and "." in word else word


def with_country_written_out(words: list[str]) -> list[str]:
    """ "US Air Force" -> "United States Air Force": a leading country spelling as its name."""
    for size in (3, 2, 1):
        if len(words) > size:
            country = country_of_spelling().get(" ".join(words[:size]).casefold())
            if country:
                return [country, *words[size:]]
    return words


def cluster_mentions(
    mentions: list[FoundMention], text: str = ""
) -> tuple[list[FoundEntity], list[int]]:
    """(entities, entity index of each mention); `text`, the article's, shows where a name is
    defined by initials in brackets."""
    kind_of = mention_kinds(mentions)

    groups: list[list[int]] = []
    group_of_key: dict[tuple[str, str], int] = {}

    # Longer person names first, so that surnames find the full name wherever it appears.
    order = sorted(
        range(len(mentions)),
        key=lambda i: (
            -len(mentions[i].name.split()) if kind_of[i] == PERSON else 0,
            i,
        ),
    )
    for index in order:
        mention = mentions[index]
        key = name_key(mention.name)
        kind = kind_of[index]
        group = group_of_key.get((kind, key))
        if group is None and kind == PERSON:
            group = person_group_for(index, mentions, groups, kind_of)
        if group is None:
            group = len(groups)
            groups.append([])
        groups[group].append(index)
        group_of_key.setdefault((kind, key), group)

    groups = merge_organisation_forms(groups, mentions, kind_of, text)
    entity_of = [-1] * len(mentions)
    for number, members in enumerate(groups):
        for member in members:
            entity_of[member] = number

    entities = []
    for members in groups:
        members.sort()
        kind = kind_of[members[0]]
        names = Counter(mentions[i].name for i in members)
        if kind == PERSON:
            name = max(names, key=lambda n: (len(n.split()), names[n], len(n)))
        else:
            # "Pakistan Army" over "Pakistani Army": the name as the country's own.
            name = max(
                names,
                key=lambda n: (
                    not (is_acronym(n) and any(len(o.split()) >= 2 for o in names)),
                    names[n],
                    name_key(n) == n.casefold(),
                    len(n),
                ),
            )
        roles = [mentions[i].role for i in members if mentions[i].role]
        aliases = sorted({mentions[i].text for i in members} - {name})
        entities.append(
            FoundEntity(
                name=name,
                kind=kind,
                role=roles[0] if roles else "",
                aliases=aliases,
                mentions=members,
                certain=any(mentions[i].certain and mentions[i].kind == kind for i in members),
            )
        )
    # Entities in order of first mention; renumber.
    order_of = sorted(range(len(entities)), key=lambda g: entities[g].mentions[0])
    new_index = {old: new for new, old in enumerate(order_of)}
    return [entities[g] for g in order_of], [new_index[g] for g in entity_of]


def mention_kinds(mentions: list[FoundMention]) -> list[str]:
    """The kind of each mention: one kind per name in an article, the one most of its mentions
    have, a kind settled by evidence (an editor, an apposition) outweighing the model's guesses.
    A mention whose kind is its own (a dateline's place) keeps it and does not vote."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        if not mention.fixed:
            votes[name_key(mention.name)][mention.kind] += CERTAIN_VOTES if mention.certain else 1
    kind_of = {key: counted.most_common(1)[0][0] for key, counted in votes.items()}
    return [
        mention.kind if mention.fixed else kind_of[name_key(mention.name)] for mention in mentions
    ]


def person_group_for(
    index: int, mentions: list[FoundMention], groups: list[list[int]], kind_of: list[str]
) -> int | None:
    """The group of a longer person name containing this name's words in order, else None."""
    words = name_key(mentions[index].name).split()
    candidates = []
    for number, members in enumerate(groups):
        if kind_of[members[0]] != PERSON:
            continue
        for member in members:
            full = name_key(mentions[member].name).split()
            if (
                len(full) > len(words) and contains_in_order(full, words) and full[-1] == words[-1]
            ) or (len(full) > len(words) and full[: len(words)] == words and len(words) >= 2):
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
    """ "GAO" for "Government Accountability Office", "USAF" for "US Air Force"."""
    return "".join(
        word if word.isupper() and len(word) <= 3 else word[0]
        for word in name.replace("-", " ").replace(".", "").split()
        if word.casefold() not in CORPORATE_WORDS
    ).upper()


def merge_organisation_forms(
    groups: list[list[int]], mentions: list[FoundMention], kind_of: list[str], text: str
) -> list[list[int]]:
    """Join groups of one organisation or place named in short and long forms.

    "Apple" and "Apple Inc." (a name that starts another), "Air Force" and "U.S. Air Force" (a
    two-word name that ends another), "Scientology" and "Church of Scientology" (what an "of"
    name is of), "GAO" and "Government Accountability Office" (initials),
    "Singapore Airlines (SIA)" (initials defined in brackets). When several longer groups fit a
    short form, it joins the one that only adds a company word ("Inc.", "Computer" is not one),
    else the one named most often, else none.
    """
    kinds = [kind_of[members[0]] for members in groups]
    names = [{name_key(mentions[i].name) for i in members} for members in groups]
    group_of = {member: number for number, members in enumerate(groups) for member in members}
    parent = list(range(len(groups)))

    def find(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    for long, short in defined_initials(mentions, text):
        if kinds[group_of[long]] == kinds[group_of[short]] != PERSON:
            parent[find(group_of[short])] = find(group_of[long])

    for short in range(len(groups)):
        if kinds[short] == PERSON:
            continue
        fits: dict[int, bool] = {}  # root -> whether it only adds a company word
        for long in range(len(groups)):
            if long == short or kinds[long] != kinds[short] or find(long) == find(short):
                continue
            pairs = [(a, b) for a in names[short] for b in names[long] if is_short_form(a, b)]
            if pairs:
                company = any(is_company_form(a, b) for a, b in pairs)
                fits[find(long)] = fits.get(find(long), False) or company
        if (chosen := chosen_fit(fits, groups, find)) is not None:
            parent[find(short)] = chosen
    merged: dict[int, list[int]] = defaultdict(list)
    for number, members in enumerate(groups):
        merged[find(number)].extend(members)
    return [sorted(members) for members in merged.values()]


def chosen_fit(
    fits: dict[int, bool], groups: list[list[int]], find: Callable[[int], int]
) -> int | None:
    if len(fits) <= 1:
        return next(iter(fits), None)
    companies = [root for root, company in fits.items() if company]
    if len(companies) == 1:
        return companies[0]
    sizes = Counter({root: 0 for root in fits})
    for number, members in enumerate(groups):
        if find(number) in sizes:
            sizes[find(number)] += len(members)
    (first, most), (_, second) = sizes.most_common(2)
    return first if most > second else None


COMPANY_WORDS = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc",
    "group", "holdings", "ag", "sa", "nv", "se", "gmbh", "spa", "bv",
}  # fmt: skip


def is_company_form(short: str, long: str) -> bool:
    """ "apple inc." for "apple": the long form adds only company words."""
    extra = long.split()[len(short.split()) :]
    return long.startswith(short) and all(
        word.strip(".,").casefold() in COMPANY_WORDS for word in extra
    )


def defined_initials(mentions: list[FoundMention], text: str) -> list[tuple[int, int]]:
    """(name, initials) pairs of mentions written "Singapore Airlines (SIA)"."""
    pairs = []
    for index, (name, following) in enumerate(itertools.pairwise(mentions)):
        between = text[name.end : following.start]
        after = text[following.end : following.end + 1]
        if between.strip() == "(" and after == ")" and is_acronym(following.text):
            pairs.append((index, index + 1))
    return pairs


DIRECTIONS = {
    "east", "west", "north", "south", "eastern", "western", "northern", "southern", "central",
    "upper", "lower", "greater", "new", "old",
}  # fmt: skip


def is_short_form(short: str, long: str) -> bool:
    short_words, long_words = short.split(), long.split()
    if len(short_words) >= len(long_words):
        return False
    if long_words[: len(short_words)] == short_words:
        return True
    if (
        long_words[-len(short_words) :] == short_words
        and (len(short_words) >= 2 or long_words[-2] == "of")  # "Church of Scientology"
        and long_words[0] not in DIRECTIONS  # "East Los Angeles" is another place
    ):
        return True
    return is_initials_of(short, long)


def is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace("&", "")
    return " " not in name and letters.isupper() and 2 <= len(letters) <= 8


def is_initials_of(short: str, long: str) -> bool:
    compact = short.replace(".", "").upper()
    return (
        len(short.split()) == 1
        and len(long.split()) >= 2
        and 2 <= len(compact) <= 6
        and compact == initials(long)
    )
