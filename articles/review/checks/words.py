"""An entity named once, in one article, whose name is a common word ("South", "Will"): the
model took an ordinary word for a name. The evidence is the language's and the archive's own,
never a word list of ours: spaCy's English stop words, and the word written in lower case in the
archive's articles (found on the search index, read in at most `LOOKED_AT` bodies a name).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from articles.models import Topic
from articles.review.checks.entities import in_scope, kind_name, rows
from articles.review.checks.samples import mention_lines
from articles.review.checks.scope import Scope
from articles.review.checks.storing import Finding

LOOKED_AT = 20  # articles a name's lower-case use is looked for in

# One-word names of entities with a single mention, that mention, and how many of the (at most
# LOOKED_AT) articles the search index finds for the word write it in lower case.
ONCE_NAMED = rf"""
SELECT e.id, e.name, e.kind,
       (SELECT min(m.id) FROM articles_mention m WHERE m.entity_id = e.id AND NOT m.rejected),
       (SELECT count(*) FROM (
            SELECT 1 FROM articles_article a
            WHERE a.search_vector @@ plainto_tsquery('english', e.name)
              AND a.body ~ ('\m' || lower(e.name) || '\M')
            LIMIT {LOOKED_AT}) AS used)
FROM articles_entitystats s JOIN articles_entity e ON e.id = s.entity_id
WHERE s.article_count = 1 AND s.mention_count = 1 AND e.name ~ '^[[:alpha:]]+$'
  AND {in_scope("e.id")}
"""


def common_words(scope: Scope) -> Iterator[Finding]:
    found = []
    for entity_id, name, kind, mention_id, lowercase in rows(ONCE_NAMED, scope.params()):
        stop = name.casefold() in STOP_WORDS
        if mention_id is not None and (stop or lowercase):
            found.append((entity_id, name, kind, mention_id, lowercase, stop))
    lines = mention_lines(row[3] for row in found)
    for entity_id, name, kind, mention_id, lowercase, stop in found:
        counts: list[list[object]] = [[f"written “{name.lower()}” in", f"{lowercase} articles"]]
        if stop:
            counts.append(["spaCy's English stop words include it", "yes"])
        yield Finding(
            topic=Topic.COMMON_WORD,
            key=f"{Topic.COMMON_WORD.value}:{entity_id}",
            subject=name,
            articles=1,
            entity_id=entity_id,
            mention_id=mention_id,
            evidence={
                "kind": kind_name(kind),
                "counts": counts,
                "lines": [lines[mention_id]] if mention_id in lines else [],
            },
        )
