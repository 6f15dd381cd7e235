"""Where the pipeline and the archive disagree on a kind, read from the mentions' labels: each
mention keeps the label the model (or a rule) gave it, and its entity the archive's kind, so a
mention joined to an entity of another kind (the model's "person" Jalalabad, linked to the place)
is the pipeline's uncertainty, recorded.

- Most of an entity's mentions say another kind: the entity's kind is likely wrong.
- Some say another kind: those mentions are uncertain, one item per entity and label's kind.

This is the one check that reads mentions themselves, once each, in slices of entity ids on the
(entity, article) index: a background pass (2.4 s for 466,000 mentions), never a request's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from articles.models import Topic
from articles.nlp.kinds import kind_for_label
from articles.review.checks.entities import in_scope, kind_name, rows
from articles.review.checks.samples import entity_finding, latest_lines, mention_lines
from articles.review.checks.scope import Scope
from articles.review.checks.storing import Finding

ENTITY_CHUNK = 50_000  # entity ids read per statement

LABELS = f"""
SELECT m.entity_id, e.kind, e.name, m.label, count(*), count(DISTINCT m.article_id), min(m.id),
       min(s.article_count)
FROM articles_mention m
JOIN articles_entity e ON e.id = m.entity_id
JOIN articles_entitystats s ON s.entity_id = m.entity_id
WHERE m.entity_id >= %(low)s AND m.entity_id < %(high)s AND NOT m.rejected
  AND m.origin <> 'editor' AND {in_scope("m.entity_id")}
GROUP BY m.entity_id, e.kind, e.name, m.label
"""


@dataclass
class Said:
    """What an entity's mentions say: its kind and name, how many say each kind (and in how
    many articles, with one of them), and how many articles name it."""

    kind: str
    name: str
    articles: int
    mentions: Counter[str]
    in_articles: Counter[str]
    example: dict[str, int]


def what_mentions_say(scope: Scope) -> Iterator[dict[int, Said]]:
    top = 0
    if scope.entities is None:
        top = rows("SELECT coalesce(max(id), 0) FROM articles_entity")[0][0]
    for low, high in scope.id_ranges(scope.entities, top, ENTITY_CHUNK):
        said: dict[int, Said] = {}
        for row in rows(LABELS, {"low": low, "high": high, **scope.params()}):
            entity_id, kind, name, label, count, articles, example, named_in = row
            entry = said.setdefault(entity_id, Said(kind, name, named_in, Counter(), Counter(), {}))
            says = kind_for_label(label) or kind
            entry.mentions[says] += count
            entry.in_articles[says] += articles
            entry.example.setdefault(says, example)
        yield said


def kind_disagrees(scope: Scope) -> Iterator[Finding]:
    """Most of an entity's mentions say another kind (entity findings), and otherwise each kind
    a few of them say (findings on one of those mentions)."""
    for said in what_mentions_say(scope):
        majority, minority = [], []
        for entity_id, entry in said.items():
            (most, count), total = entry.mentions.most_common(1)[0], entry.mentions.total()
            if most != entry.kind and count * 2 > total and total >= 2:
                majority.append((entity_id, entry, most))
            else:
                minority += [(entity_id, entry, k) for k in entry.mentions if k != entry.kind]
        lines = latest_lines(entity_id for entity_id, _, _ in majority)
        for entity_id, entry, most in majority:
            yield entity_finding(
                Topic.KIND_DISAGREES,
                entity_id,
                entry.name,
                entry.articles,
                lines.get(entity_id),
                kind=kind_name(entry.kind),
                suggested=most,
                counts=[[kind_name(k), n] for k, n in entry.mentions.most_common()],
            )
        yield from uncertain(minority)


def uncertain(found: list[tuple[int, Said, str]]) -> Iterator[Finding]:
    examples = mention_lines(entry.example[says] for _, entry, says in found)
    for entity_id, entry, says in found:
        mention_id = entry.example[says]
        yield Finding(
            topic=Topic.MODEL_DISAGREES,
            key=f"model-disagrees:{entity_id}:{says}",
            subject=entry.name,
            articles=entry.in_articles[says],
            entity_id=entity_id,
            mention_id=mention_id,
            evidence={
                "kind": kind_name(entry.kind),
                # No fix suggested: the archive's kind often rightly overrules the model's guess
                # (linking joins a "person" Jalalabad to the place on purpose).
                "model": kind_name(says),
                "counts": [
                    [f"the pipeline said {kind_name(says).lower()}", entry.mentions[says]],
                    [f"the archive has it as {kind_name(entry.kind).lower()}", entry.articles],
                ],
                "lines": [examples[mention_id]] if mention_id in examples else [],
            },
        )
