"""Where the pipeline's stages disagreed when an article was stored (`Doubt`, recorded at
ingest from articles.nlp.doubts and linking): each doubt on a mention or quote still as the
pipeline left it becomes an item, weighed by the articles its entity touches. Any correction of
that mention or quote (it bumps the row's version), or an archive that came round to the other
reading, answers it: the next run no longer finds it.

Read in ranges of article ids on the doubts' article index, like the span checks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from typing import Any

from django.urls import reverse

from articles.models import Topic
from articles.review.checks.entities import kind_name
from articles.review.checks.samples import mention_lines
from articles.review.checks.scope import Scope
from articles.review.checks.spans import IN_SCOPE, chunks, span_key
from articles.review.checks.storing import Finding
from articles.review.evidence import quote_line

DOUBTS = f"""
SELECT d.topic, d.detail, d.article_id, d.mention_id, d.quote_id, e.id, e.name, e.kind,
       coalesce(s.article_count, 1), q.text, sp.name, a.headline, a.slug,
       coalesce(m.start, q.start), coalesce(m."end", q."end")
FROM articles_doubt d
JOIN articles_article a ON a.id = d.article_id
LEFT JOIN articles_mention m
  ON m.id = d.mention_id AND NOT m.rejected AND m.origin <> 'editor' AND m.version = 1
LEFT JOIN articles_quote q
  ON q.id = d.quote_id AND NOT q.rejected AND q.origin <> 'editor' AND q.version = 1
LEFT JOIN articles_entity e ON e.id = m.entity_id
LEFT JOIN articles_entitystats s ON s.entity_id = e.id
LEFT JOIN articles_entity sp ON sp.id = q.speaker_id
WHERE d.article_id >= %(low)s AND d.article_id < %(high)s
  AND {IN_SCOPE.format(column="d.article_id")} AND (m.id IS NOT NULL OR q.id IS NOT NULL)
ORDER BY d.article_id, d.id
"""


def still_doubtful(topic: str, detail: dict[str, Any], entity_id: int | None, kind: str) -> bool:
    """False when the archive has since come round to the other reading."""
    if topic == Topic.DOUBT_KIND:
        return kind != detail.get("model")
    if topic == Topic.DOUBT_LINK:
        return entity_id == detail.get("chosen")
    return True


def pipeline_doubts(scope: Scope) -> Iterator[Finding]:
    # Django reads jsonb as its text: the detail is parsed here.
    parsed = ((row[0], json.loads(row[1]), *row[2:]) for row in chunks(DOUBTS, scope))
    found = [row for row in parsed if still_doubtful(row[0], row[1], row[5], row[7])]
    lines = mention_lines(row[3] for row in found if row[3] is not None)
    for topic, detail, article_id, mention_id, quote_id, entity_id, name, kind, *rest in found:
        articles, quote, speaker, headline, slug, start, end = rest
        # Keyed by where the span is: an article annotated again keeps its items.
        key = span_key(topic, article_id, (start, end))
        finding = partial(Finding, topic=Topic(topic), key=key, article_id=article_id)
        if quote_id is not None and mention_id is None:
            url = f"{reverse('articles:article', args=[slug])}#quote-{quote_id}"
            yield finding(
                subject=quote[:120],
                articles=1,
                quote_id=quote_id,
                other_id=detail.get("nearer"),
                evidence={
                    "speaker": speaker or "",
                    "nearer": detail.get("nearer_name", ""),
                    "counts": [
                        ["chosen speaker", speaker or "nobody"],
                        ["named nearer", detail.get("nearer_name", "")],
                    ],
                    "lines": [quote_line(headline=headline, url=url, text=quote)],
                },
            )
            continue
        counts: list[list[object]]
        if topic == Topic.DOUBT_KIND:
            counts = [
                ["the model said", kind_name(str(detail.get("model"))).lower()],
                ["stored as", kind_name(kind).lower()],
            ]
        else:
            counts = [
                ["joined to", f"{name} ({kind_name(kind).lower()})"],
                ["also matched", str(detail.get("other_name", ""))],
            ]
        yield finding(
            subject=name,
            articles=articles,
            mention_id=mention_id,
            entity_id=entity_id,
            other_id=detail.get("other"),
            evidence={
                # No fix suggested: which stage was right is the editor's call.
                "counts": counts,
                "lines": [lines[mention_id]] if mention_id in lines else [],
            },
        )
