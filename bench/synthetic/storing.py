"""Writing synthetic articles: the entity pool through the ORM (a few thousand rows), articles and
their spans with PostgreSQL's COPY (millions of rows), ids taken from the tables' own sequences.

Spans are correct by construction, so the per-row triggers (the span check of migration 0002 and
the foreign-key checks) are skipped while a chunk is copied in, when the database role may do
so (see loading.load_settings); the spans of a sample of each chunk's articles are checked
against their bodies in one query before the chunk is committed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.text import slugify

from articles.models import Alias, Entity, Origin, QuoteKind
from articles.nlp.kinds import LABEL_OF_KIND, ORG
from bench.synthetic.bodies import ArticleDraft
from bench.synthetic.loading import load_settings
from bench.synthetic.names import EntityPool

SYNTHETIC_VERSION = "synthetic"
SYNTHETIC_BYLINE = "Newsdesk synthetic archive"
ORIGIN_PREFIX = "synthetic:"  # origin_name is "synthetic:<serial number>"
# The label a mention of each kind is stored with (spaCy's, as the pipeline would give it).
# Local until articles.nlp.kinds offers the map from kind to label.
# One article in this many (by serial number) has its spans checked against its body in SQL.
SPAN_CHECK_EVERY = 50
# Taken around the read-and-advance of a sequence, so parallel writers get disjoint id ranges.
ID_RESERVATION_LOCK = 7_233_401

ARTICLE_COLUMNS = (
    "id, headline, slug, byline, body, published, source_url, sources, content_hash, "
    "origin_name, annotated_at, pipeline_version, created_at, updated_at"
)
MENTION_COLUMNS = 'article_id, id, start, "end", text, entity_id, label, origin, rejected, version'
DATE_COLUMNS = (
    'article_id, start, "end", text, value_start, value_end, granularity, origin, rejected, version'
)
QUOTE_COLUMNS = (
    'article_id, start, "end", text, cue, speaker_id, speaker_mention_id, kind, origin, '
    "rejected, version"
)
SPAN_MISMATCHES = """
WITH checked AS MATERIALIZED (
    -- Each body detoasted once here, not once per span.
    SELECT id, body || '' AS body, char_length(body) AS length
    FROM articles_article
    WHERE id = ANY(%(ids)s)
)
SELECT span.article_id, span.start, span."end", span.text
FROM checked
-- Per article, so the spans are found through their (article, start, end) indexes whatever the
-- statistics say: during a load they are stale, and a plan that scanned whole span tables made
-- each check slower than the last.
CROSS JOIN LATERAL (
    SELECT article_id, start, "end", text FROM articles_mention WHERE article_id = checked.id
    UNION ALL
    SELECT article_id, start, "end", text FROM articles_datemention WHERE article_id = checked.id
    UNION ALL
    SELECT article_id, start, "end", text FROM articles_quote WHERE article_id = checked.id
) AS span
WHERE span."end" > checked.length
   OR substr(checked.body, span.start + 1, span."end" - span.start) <> span.text
LIMIT 5
"""


class SpanMismatch(Exception):
    """A span written by the generator does not quote its article's body."""


@dataclass
class WrittenChunk:
    articles: int
    mentions: int
    dates: int
    quotes: int
    articles_per_entity: Counter[str]  # slug -> articles of the chunk that mention it


def store_entity_pool(*, pool: EntityPool) -> tuple[dict[str, tuple[int, str]], int]:
    """(Entity id, kind) by slug, creating the entities not yet stored; and how many were
    created."""
    entities = pool.all()
    stored = Entity.objects.filter(slug__in=[e.slug for e in entities])
    ids = {slug: (pk, kind) for slug, pk, kind in stored.values_list("slug", "pk", "kind")}
    new = [
        Entity(name=e.name, kind=e.kind, slug=e.slug, role=e.role)
        for e in entities
        if e.slug not in ids
    ]
    Entity.objects.bulk_create(new, batch_size=2000)
    ids.update((entity.slug, (entity.pk, entity.kind)) for entity in new)
    Alias.objects.bulk_create(
        [
            Alias(entity_id=ids[e.slug][0], name=e.short)
            for e in entities
            if e.kind == ORG and e.short
        ],
        ignore_conflicts=True,
    )
    return ids, len(new)


def reserve_ids(*, table: str, count: int) -> int:
    """The first of `count` consecutive ids taken from `table`'s id sequence (none are reused:
    rows written with them need no nextval of their own)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ID_RESERVATION_LOCK])
        cursor.execute(
            "SELECT setval(seq, nextval(seq) + %s - 1) "
            "FROM (SELECT pg_get_serial_sequence(%s, 'id')::regclass AS seq) AS s",
            [count, table],
        )
        (last,) = cursor.fetchone()
    return last - count + 1


def write_drafts(
    *,
    drafts: list[ArticleDraft],
    first_id: int,
    entity_ids: dict[str, tuple[int, str]],
    written_at: str,
) -> WrittenChunk:
    """Copy articles (with ids from `first_id` on) and their spans into the archive, in one
    transaction."""
    mention_count = sum(len(draft.mentions) for draft in drafts)
    first_mention_id = reserve_ids(table="articles_mention", count=mention_count) if drafts else 0
    articles, mentions, dates, quotes = [], [], [], []
    articles_per_entity: Counter[str] = Counter()
    # Each line ends with the columns that are the same for every span (or every span of an
    # entity), written once here rather than formatted millions of times.
    model_unrejected = f"{Origin.MODEL.value}\tf\t1\n"
    of_entity = {
        slug: f"{entity_id}\t{LABEL_OF_KIND[kind]}\t{model_unrejected}"
        for slug, (entity_id, kind) in entity_ids.items()
    }
    mention_id = first_mention_id
    for article_id, draft in enumerate(drafts, start=first_id):
        articles.append(article_row(draft=draft, article_id=article_id, written_at=written_at))
        first_of_article = mention_id
        for start, end, text, entity in draft.mentions:
            mentions.append(
                f"{article_id}\t{mention_id}\t{start}\t{end}\t{text}\t{of_entity[entity.slug]}"
            )
            mention_id += 1
        articles_per_entity.update({m.entity.slug for m in draft.mentions})
        for start, end, text, value_start, value_end, granularity in draft.dates:
            dates.append(
                f"{article_id}\t{start}\t{end}\t{text}\t{value_start}\t{value_end}\t"
                f"{granularity}\t{model_unrejected}"
            )
        for start, end, text, speaker, cue in draft.quotes:
            speaker_id = entity_ids[draft.mentions[speaker].entity.slug][0]
            quotes.append(
                f"{article_id}\t{start}\t{end}\t{escaped(text)}\t{cue}\t{speaker_id}\t"
                f"{first_of_article + speaker}\t{QuoteKind.DIRECT.value}\t{model_unrejected}"
            )
    checked = [
        article_id
        for article_id, draft in enumerate(drafts, start=first_id)
        if draft.serial % SPAN_CHECK_EVERY == 0
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        with load_settings(cursor):
            copy_rows(cursor, f"articles_article ({ARTICLE_COLUMNS})", articles)
            copy_rows(cursor, f"articles_mention ({MENTION_COLUMNS})", mentions)
            copy_rows(cursor, f"articles_datemention ({DATE_COLUMNS})", dates)
            copy_rows(cursor, f"articles_quote ({QUOTE_COLUMNS})", quotes)
        check_spans(cursor, article_ids=checked)
    return WrittenChunk(len(articles), len(mentions), len(dates), len(quotes), articles_per_entity)


def article_row(*, draft: ArticleDraft, article_id: int, written_at: str) -> str:
    slug = f"{slugify(draft.headline)[:180]}-{draft.serial}"
    return (
        f"{article_id}\t{escaped(draft.headline)}\t{slug}\t{SYNTHETIC_BYLINE}\t"
        f"{escaped(draft.body)}\t{draft.published}\t\t{{}}\t"
        f"{content_hash(draft.headline, draft.body)}\t{ORIGIN_PREFIX}{draft.serial}\t"
        f"{written_at}\t{SYNTHETIC_VERSION}\t{written_at}\t{written_at}\n"
    )


def escaped(text: str) -> str:
    """Text as a field of COPY's text format. (Names and dates never hold these characters; a
    body holds newlines.)"""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def content_hash(headline: str, body: str) -> str:
    """The hash articles.ingest gives the same piece (which imports the pipeline, so is not
    imported): of the headline and body with whitespace runs made single spaces. A synthetic
    body's only runs are its paragraph breaks, so one replace does what split and join would."""
    normalised = " ".join(headline.split()).casefold() + "\n" + body.replace("\n\n", " ")
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def copy_rows(cursor, target: str, rows: list[str]) -> None:
    if rows:
        with cursor.copy(f"COPY {target} FROM STDIN") as copy:
            copy.write("".join(rows))


def check_spans(cursor, *, article_ids: list[int]) -> None:
    """Raise SpanMismatch unless every span of these articles quotes its body."""
    if not article_ids:
        return
    cursor.execute(SPAN_MISMATCHES, {"ids": article_ids})
    if wrong := cursor.fetchall():
        raise SpanMismatch(
            f"spans that do not quote their bodies (article, start, end, text): {wrong}"
        )
