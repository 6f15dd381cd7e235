"""The review queue as editors read it: the open items, most readers then most articles first,
read a page at a time on the queue's index, each with the fixes it offers and their keys.

A page costs the same whatever the archive holds: a count of the open items (the counter; exact
up to ten thousand, then the planner's estimate) and one read of the page's items on the queue's
index with the rows they point at; the evidence is stored on the item.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from articles.models import Entity, ItemStatus, ReviewItem, Topic
from articles.nlp.kinds import GROUP, ORG, PERSON, PLACE
from articles.reading.counting import Count, bounded_count

PAGE_SIZE = 20
EXACT_UP_TO = 10_000
# The kinds a key sets, in the order the keys are offered.
KIND_KEYS = {PERSON: "p", PLACE: "l", ORG: "o", GROUP: "g"}
KIND_LABELS = {PERSON: "person", PLACE: "place", ORG: "organisation", GROUP: "group"}
MENTION_TOPICS = (
    Topic.WRONG_KIND,
    Topic.NOT_A_NAME,
    Topic.WRONG_PERSON,
    Topic.MODEL_DISAGREES,
    Topic.COMMON_WORD,
    Topic.DOUBT_KIND,
    Topic.DOUBT_LINK,
)
QUOTE_TOPICS = (Topic.WRONG_SPEAKER, Topic.QUOTE_NO_SPEAKER, Topic.DOUBT_SPEAKER)
PAIR_TOPICS = (Topic.TWO_KINDS, Topic.TWO_KINDS_IN_ARTICLE, Topic.SHARED_NAME)
ENTITY_KIND_TOPICS = (Topic.KIND_DISAGREES, Topic.SURNAME_ONLY, Topic.SPEAKER_NOT_PERSON)


@dataclass(frozen=True)
class Fix:
    """One way to clear an item: the key that applies it, what it says, what it posts."""

    key: str
    label: str
    action: str
    suggested: bool = False


def open_items() -> QuerySet[ReviewItem]:
    return (
        ReviewItem.objects.filter(status=ItemStatus.OPEN)
        .select_related("mention", "quote", "quote__speaker", "date", "entity", "other")
        .order_by("-readers", "-articles", "id")
    )


class QueuePaginator(Paginator[ReviewItem]):
    """Pages of the queue, counted exactly up to `EXACT_UP_TO` items and estimated beyond (the
    counter then says "about"): a count of every open item would read them all."""

    def __init__(self, rows: QuerySet[ReviewItem], per_page: int) -> None:
        super().__init__(rows, per_page)
        self.rows = rows

    @cached_property
    def left(self) -> Count:
        return bounded_count(self.rows, exact_up_to=EXACT_UP_TO)

    @cached_property
    def count(self) -> int:
        return self.left.value


def queue_page(number: str | int | None) -> Page[ReviewItem]:
    page = QueuePaginator(open_items(), PAGE_SIZE).get_page(number)
    for item in page:
        item.fixes = fixes_of(item)  # type: ignore[attr-defined]
        item.typed_fix = typed_fix(item)  # type: ignore[attr-defined]
    return page


def fixes_of(item: ReviewItem) -> list[Fix]:
    """The fixes an item offers, given the rows it points at as they are now (none when they
    are gone: then only dismissing is left)."""
    topic = Topic(item.topic)
    fixes: list[Fix] = []
    if topic in MENTION_TOPICS and item.mention and item.entity:
        fixes = mention_fixes(item, item.entity)
    elif topic in QUOTE_TOPICS and item.quote and not item.quote.rejected:
        fixes = [Fix("x", "Not a quote", "remove-quote")]
        if topic == Topic.DOUBT_SPEAKER and item.other:
            # Not outlined: which candidate spoke is the editor's call, as with every doubt.
            fixes.insert(0, Fix("c", f"Spoken by {item.other.name}", "speaker-other"))
    elif topic in PAIR_TOPICS and item.entity and item.other:
        fixes = pair_fixes(item.entity, item.other)
    elif topic in ENTITY_KIND_TOPICS and item.entity:
        fixes = entity_fixes(item, item.entity)
    elif topic == Topic.DATE_UNPLACED and item.date and not item.date.rejected:
        fixes = [Fix("x", "Not a date", "reject-date")]
    return [*fixes, Fix("d", "Dismiss", "dismiss")]


def typed_fix(item: ReviewItem) -> Fix | None:
    """The fix that takes a name typed (`t` moves into its field): who a mention names, or who
    spoke a quote."""
    if item.topic in MENTION_TOPICS and item.mention and item.entity:
        return Fix("t", "Is", "link", suggested=item.topic == Topic.WRONG_PERSON)
    if item.topic in QUOTE_TOPICS and item.quote and not item.quote.rejected:
        return Fix("t", "Spoken by", "speaker", suggested=True)
    return None


def kind_fixes(
    current: str, *, action: str, where: str, shifted: bool, best: str = ""
) -> list[Fix]:
    return [
        Fix(
            key.upper() if shifted else key,
            f"{KIND_LABELS[kind].capitalize()} {where}",
            f"{action}:{kind}",
            suggested=kind == best,
        )
        for kind, key in KIND_KEYS.items()
        if kind != current
    ]


def mention_fixes(item: ReviewItem, entity: Entity) -> list[Fix]:
    best = str(item.evidence.get("suggested", ""))
    here = kind_fixes(entity.kind, action="relabel", where="here", shifted=False, best=best)
    everywhere = kind_fixes(entity.kind, action="kind", where="everywhere", shifted=True)
    rival = []
    if item.topic == Topic.DOUBT_LINK and item.other:
        rival = [Fix("c", f"It is {item.other.name}", "link-other")]
    not_a_name = item.topic in (Topic.NOT_A_NAME, Topic.COMMON_WORD)
    return [
        *rival,
        *here,
        Fix("x", "Not a name", "reject", suggested=not_a_name),
        Fix("s", "Someone else", "detach", suggested=item.topic == Topic.WRONG_PERSON),
        *everywhere,
    ]


def pair_fixes(entity: Entity, other: Entity) -> list[Fix]:
    kinds = f" ({KIND_LABELS.get(entity.kind, entity.kind.lower())})"
    other_kinds = f" ({KIND_LABELS.get(other.kind, other.kind.lower())})"
    return [
        Fix("m", f"Merge {other.name}{other_kinds} into {entity.name}{kinds}", "merge", True),
        Fix("M", f"Merge {entity.name}{kinds} into {other.name}{other_kinds}", "merge-back"),
        Fix("n", "Never the same", "distinct"),
    ]


def entity_fixes(item: ReviewItem, entity: Entity) -> list[Fix]:
    fixes = []
    if item.topic == Topic.SURNAME_ONLY and item.other:
        fixes.append(Fix("m", f"Same as {item.other.name}", "merge-back", suggested=True))
    best = str(item.evidence.get("suggested", ""))
    if item.topic == Topic.SPEAKER_NOT_PERSON:
        best = PERSON
    everywhere = kind_fixes(
        entity.kind, action="kind", where="everywhere", shifted=False, best=best
    )
    return [*fixes, *everywhere]
