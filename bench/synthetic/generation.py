"""A generation run: refuse a real archive, store the entity pool, then compose and copy chunks
of articles, in parallel processes when the machine has the cores, and report what was written.

Each chunk of CHUNK_SIZE articles is composed from its own seed (the run's seed and the chunk's
number), so the same seed gives the same articles whatever the number of processes. Serial
numbers go on from the archive's highest, so a second run appends; a run stopped part-way keeps
the chunks it committed (perhaps not the last few in order), and the next run goes on after them.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection, connections, transaction
from django.db.models import IntegerField, Max, QuerySet
from django.db.models.functions import Cast, Substr
from django.utils import timezone

from articles.models import Article
from articles.readmodels.rebuild import rebuild_read_models, vacuum_read_models
from bench.synthetic.bodies import compose_article
from bench.synthetic.loading import restore_indexes, set_aside_indexes
from bench.synthetic.names import EntityPool, invent_entity_pool
from bench.synthetic.storing import (
    ORIGIN_PREFIX,
    SYNTHETIC_VERSION,
    WrittenChunk,
    reserve_ids,
    store_entity_pool,
    write_drafts,
)

CHUNK_SIZE = 1000  # articles composed from one seed and written in one transaction
# A run of at least this many articles that at least doubles the archive sets its secondary
# indexes aside (see loading); below it, rebuilding them would cost more than it saves.
SET_ASIDE_FROM = 20_000
TOP_ENTITIES = 8  # reported with their share of the run's articles


class RealArticlesPresent(Exception):
    """The archive holds articles that did not come from this generator."""

    def __init__(self, count: int):
        self.count = count
        super().__init__(
            f"The archive holds {count} article{'s' if count != 1 else ''} that "
            f"{'are' if count != 1 else 'is'} not synthetic; synthetic articles would be mixed "
            "in among them."
        )


@dataclass
class GeneratedArchive:
    articles: int = 0
    entities: int = 0  # created by this run (entities already stored are reused)
    mentions: int = 0
    dates: int = 0
    quotes: int = 0
    seconds: float = 0.0
    indexes_seconds: float = 0.0  # of `seconds`, spent building the indexes set aside
    read_models_seconds: float = 0.0  # of `seconds`, spent rebuilding the read models
    # (name, kind, articles of this run that mention it), most mentioned first
    top_entities: list[tuple[str, str, int]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.articles} articles, {self.entities} new entities, {self.mentions} mentions, "
            f"{self.dates} dates, {self.quotes} quotes in {self.seconds:.1f} s"
        )

    def shares(self) -> list[str]:
        """ "Holria (PLACE): 33.1% of the articles" for each of the top entities."""
        return [
            f"{name} ({kind}): {count / self.articles:.1%} of the articles ({count})"
            for name, kind, count in self.top_entities
        ]


@dataclass(frozen=True)
class Chunk:
    number: int  # within the run; with the run's seed, it seeds the chunk's composition
    first_serial: int
    first_id: int
    size: int


@dataclass(frozen=True)
class ChunkWriter:
    """What every process needs to compose and write any chunk of the run."""

    seed: int
    pool: EntityPool
    entity_ids: dict[str, tuple[int, str]]  # (id, kind) by slug
    written_at: str

    def write(self, chunk: Chunk) -> WrittenChunk:
        rng = random.Random(f"{self.seed}:{chunk.number}")
        drafts = [
            compose_article(rng=rng, pool=self.pool, serial=serial)
            for serial in range(chunk.first_serial, chunk.first_serial + chunk.size)
        ]
        return write_drafts(
            drafts=drafts,
            first_id=chunk.first_id,
            entity_ids=self.entity_ids,
            written_at=self.written_at,
        )


def real_articles() -> QuerySet[Article]:
    return Article.objects.exclude(pipeline_version=SYNTHETIC_VERSION)


def last_serial() -> int:
    """The highest number a synthetic article got: numbering goes on from earlier runs, so slugs
    and content hashes stay unique across them."""
    serial = Cast(Substr("origin_name", len(ORIGIN_PREFIX) + 1), IntegerField())
    return (
        Article.objects.filter(
            pipeline_version=SYNTHETIC_VERSION, origin_name__regex=rf"^{ORIGIN_PREFIX}[0-9]+$"
        ).aggregate(last=Max(serial))["last"]
        or 0
    )


def generate_archive(
    *,
    articles: int,
    seed: int = 0,
    entities: int = 3000,
    force: bool = False,
    processes: int | None = None,
    set_aside: bool | None = None,
    on_batch: Callable[[int, int], None] | None = None,
) -> GeneratedArchive:
    """Write `articles` synthetic articles (one transaction per chunk) and their entity pool.

    Raises RealArticlesPresent when the archive holds non-synthetic articles, unless `force`.
    `processes` compose and write chunks side by side (default: one per core, or only this one
    inside a transaction, whose uncommitted rows other connections cannot see).
    `set_aside` the secondary indexes while loading (default: for a large run that at least
    doubles the archive). `on_batch(done, total)` is called after each chunk is committed.
    """
    started = time.perf_counter()
    restore_indexes()  # set aside by a run that was killed before it built them again
    if not force and (count := real_articles().count()):
        raise RealArticlesPresent(count)
    if processes is None:
        processes = 1 if connection.in_atomic_block else min(4, os.cpu_count() or 1)
    if processes > 1 and connection.in_atomic_block:
        raise ValueError("Parallel processes cannot write into the caller's open transaction.")
    pool = invent_entity_pool(rng=random.Random(seed), size=entities)
    result = GeneratedArchive()
    with transaction.atomic():
        entity_ids, result.entities = store_entity_pool(pool=pool)
    chunks = plan_chunks(
        articles=articles,
        first_serial=last_serial() + 1,
        first_id=reserve_ids(table="articles_article", count=articles),
    )
    writer = ChunkWriter(
        seed=seed, pool=pool, entity_ids=entity_ids, written_at=timezone.now().isoformat()
    )
    if set_aside is None:
        set_aside = articles >= max(SET_ASIDE_FROM, Article.objects.count())
    if set_aside:
        set_aside_indexes()
    articles_per_entity: Counter[str] = Counter()
    try:
        for written in write_chunks(writer=writer, chunks=chunks, processes=processes):
            result.articles += written.articles
            result.mentions += written.mentions
            result.dates += written.dates
            result.quotes += written.quotes
            articles_per_entity += written.articles_per_entity
            if on_batch:
                on_batch(result.articles, articles)
    finally:
        indexes_started = time.perf_counter()
        restore_indexes(builders=processes)
        result.indexes_seconds = time.perf_counter() - indexes_started
    by_slug = {entity.slug: entity for entity in pool.all()}
    result.top_entities = [
        (by_slug[slug].name, by_slug[slug].kind, count)
        for slug, count in articles_per_entity.most_common(TOP_ENTITIES)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE articles_article, articles_mention, articles_datemention, articles_quote, "
            "articles_entity, articles_alias"
        )
    # The rows went around the services, so the read models are computed afresh from them.
    read_models_started = time.perf_counter()
    rebuild_read_models(offline=not connection.in_atomic_block)
    vacuum_read_models()
    result.read_models_seconds = time.perf_counter() - read_models_started
    result.seconds = time.perf_counter() - started
    return result


def plan_chunks(*, articles: int, first_serial: int, first_id: int) -> list[Chunk]:
    return [
        Chunk(
            number=number,
            first_serial=first_serial + start,
            first_id=first_id + start,
            size=min(CHUNK_SIZE, articles - start),
        )
        for number, start in enumerate(range(0, articles, CHUNK_SIZE))
    ]


# The writer of this worker process, set once when the process starts.
worker_writer: ChunkWriter | None = None


def start_worker(writer: ChunkWriter) -> None:
    global worker_writer
    worker_writer = writer


def write_in_worker(chunk: Chunk) -> WrittenChunk:
    return worker_writer.write(chunk)


def write_chunks(
    *, writer: ChunkWriter, chunks: list[Chunk], processes: int
) -> Iterable[WrittenChunk]:
    """Written chunks in order, from this process or from a pool of forked ones."""
    if processes <= 1 or len(chunks) <= 1:
        yield from map(writer.write, chunks)
        return
    # Forked processes must open connections of their own, not share this one's socket.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=start_worker, initargs=(writer,)) as workers:
        yield from workers.imap(write_in_worker, chunks)
