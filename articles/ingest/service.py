"""Turn input files into stored, annotated articles: the one code path for the command and uploads.

Reading and annotation happen outside any transaction; each article is then written in a
transaction of its own, so a failure leaves nothing partial and the other pieces go on. The same
piece (same headline and body) is stored once; a piece whose URL is already stored with other text
is a revision and updates that article.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.ingest.checks import file_refusal, problem_with
from articles.ingest.formats import (
    Failure,
    Piece,
    input_files,
    pieces_from_bytes,
    pieces_from_files,
)
from articles.ingest.pipeline_rows import replace_annotations
from articles.ingest.restoring import restore_annotations
from articles.ingest.revisions import Move, clear_model_rows, follow_editors_rows, move_rows
from articles.ingest.writers import writer_for
from articles.models import Article, LexiconEntry
from articles.nlp.annotate import Annotation, annotate_bodies
from articles.nlp.lexicon import teach_pipeline
from articles.nlp.pipeline import load_pipeline, pipeline_version
from articles.readmodels.refresh import refresh_articles
from articles.review.tasks import queue_checks

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
STATUSES = (CREATED, UPDATED, UNCHANGED, FAILED)
# Serialises the short write transactions of concurrent ingests (web and worker processes) so that
# entity and slug creation never race; reading and annotation still run in parallel.
WRITE_LOCK_ID = 0x6E657773  # "news"


@dataclass
class Outcome:
    name: str
    status: str
    headline: str = ""
    article: Article | None = None
    reason: str = ""


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        counts = Counter({status: 0 for status in STATUSES})
        counts.update(outcome.status for outcome in self.outcomes)
        return counts

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == FAILED]

    def summary(self) -> str:
        counts = self.counts
        total = sum(counts.values())
        return (
            f"{total} piece{'s' if total != 1 else ''}: {counts[CREATED]} created, "
            f"{counts[UPDATED]} updated, {counts[UNCHANGED]} unchanged, {counts[FAILED]} failed"
        )


def content_hash(headline: str, body: str) -> str:
    normalised = " ".join(headline.split()).casefold() + "\n" + " ".join(body.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class IngestOptions(TypedDict, total=False):
    """How `ingest_pieces` goes about it, as the ways in pass it on."""

    reannotate: bool
    on_outcome: Callable[[Outcome], None] | None
    batch_size: int | None
    overlap: bool | None


def ingest_paths(paths: Iterable[str], **options: Unpack[IngestOptions]) -> IngestReport:
    pieces = pieces_from_files(input_files(paths), refuse_whole=file_refusal)
    return ingest_pieces(pieces, **options)


def ingest_bytes(name: str, data: bytes, **options: Unpack[IngestOptions]) -> IngestReport:
    pieces = list(pieces_from_bytes(name, data))
    refusal = file_refusal(name, pieces)
    return ingest_pieces([Failure(name, refusal)] if refusal else pieces, **options)


def ingest_pieces(
    pieces: Iterable[Piece | Failure],
    *,
    reannotate: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
    batch_size: int | None = None,
    overlap: bool | None = None,
    in_process: bool = False,
) -> IngestReport:
    """Store every piece; annotate new and changed ones in batches through spaCy.

    With `overlap` (the default outside tests) a writer stores each article as soon as it is
    annotated while spaCy goes on with the next ones: the database's round trips then cost little
    beside spaCy's work. One writer keeps the writes in order. It is a thread, or with
    `in_process` (a bulk ingest from the command line) a forked process (articles.ingest.writers).
    """
    batch_size = batch_size or settings.NEWSDESK_NLP_BATCH_SIZE
    overlap = settings.NEWSDESK_INGEST_OVERLAP if overlap is None else overlap
    report = IngestReport()
    # Outcomes in input order: decided ones, or the writer's futures for annotated pieces.
    waiting: deque[Outcome | Future[Outcome]] = deque()

    def record(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    def record_finished(*, wait: bool = False) -> None:
        while waiting and (wait or not isinstance(waiting[0], Future) or waiting[0].done()):
            head = waiting.popleft()
            record(head.result() if isinstance(head, Future) else head)

    iterator = iter(pieces)
    first = list(itertools.islice(iterator, batch_size))
    batches = itertools.chain(
        [first], iter(lambda: list(itertools.islice(iterator, batch_size)), [])
    )
    with writer_for(
        overlap=overlap, in_process=in_process, pieces=len(first), batch_size=batch_size
    ) as writer:
        for batch in batches:
            if not batch:
                break
            decided, works = prepare_batch(batch, reannotate, batch_size)
            results: dict[int, Outcome | Future[Outcome]] = dict(decided)
            for work in works:
                results[work.index] = writer.submit(store_work, work)
                record_finished()
            waiting.extend(results[index] for index in range(len(batch)))
            record_finished()
        record_finished(wait=True)
    # The review checks of what was stored, in the background (articles.review.tasks).
    queue_checks(articles=[o.article.pk for o in report.outcomes if o.article is not None])
    return report


@dataclass
class Work:
    """One piece to store: where it is in its batch, what it updates, its annotation."""

    piece: Piece
    index: int
    digest: str
    existing: Article | None
    annotation: Annotation | None  # None: the piece's own annotations are restored
    version: str


def prepare_batch(
    batch: list[Piece | Failure], reannotate: bool, batch_size: int
) -> tuple[dict[int, Outcome], Iterator[Work]]:
    """Outcomes decided without writing (failures, unchanged), and the rest annotated one by one
    as spaCy yields them."""
    storable = {
        index: piece
        for index, piece in enumerate(batch)
        if isinstance(piece, Piece) and not problem_with(piece)
    }
    hashes = {index: content_hash(piece.headline, piece.body) for index, piece in storable.items()}
    by_hash = {a.content_hash: a for a in Article.objects.filter(content_hash__in=hashes.values())}
    urls = {piece.url for piece in storable.values() if piece.url}
    by_url = {a.source_url: a for a in Article.objects.filter(source_url__in=urls)} if urls else {}

    plans: dict[int, Article | None] = {}  # index -> the article to update, or None to create
    outcomes: dict[int, Outcome] = {}
    seen: set[str] = set()
    for index, piece in enumerate(batch):
        if isinstance(piece, Failure):
            outcomes[index] = Outcome(piece.name, FAILED, reason=piece.reason)
        elif problem := problem_with(piece):
            outcomes[index] = Outcome(piece.name, FAILED, piece.headline, reason=problem)
        elif hashes[index] in seen:
            outcomes[index] = Outcome(piece.name, UNCHANGED, piece.headline)
        elif (stored := by_hash.get(hashes[index])) and not reannotate:
            outcomes[index] = Outcome(piece.name, UNCHANGED, piece.headline, stored)
        else:
            plans[index] = stored or (by_url.get(piece.url) if piece.url else None)
        if index in hashes:
            seen.add(hashes[index])
    return outcomes, annotated_works(storable, plans, hashes, batch_size)


def annotated_works(
    batch: Mapping[int, Piece],
    plans: dict[int, Article | None],
    hashes: dict[int, str],
    batch_size: int,
) -> Iterator[Work]:
    for index, existing in plans.items():
        if (given := batch[index].annotations) is not None:
            yield Work(batch[index], index, hashes[index], existing, None, given["version"])
    plans = {index: plan for index, plan in plans.items() if batch[index].annotations is None}
    if not plans:
        return
    nlp = load_pipeline()
    teach_pipeline(nlp, LexiconEntry.objects.values_list("text", "kind", "rejected"))
    version = pipeline_version(nlp)
    annotations = annotate_bodies(
        nlp, ((batch[i].body, batch[i].published) for i in plans), batch_size=batch_size
    )
    for (index, existing), annotation in zip(plans.items(), annotations, strict=True):
        yield Work(batch[index], index, hashes[index], existing, annotation, version)


def store_work(work: Work) -> Outcome:
    return store_piece(
        piece=work.piece,
        digest=work.digest,
        annotation=work.annotation,
        version=work.version,
        existing=work.existing,
    )


def store_piece(
    *,
    piece: Piece,
    digest: str,
    annotation: Annotation | None,
    version: str,
    existing: Article | None,
) -> Outcome:
    try:
        article, dropped = write_article(
            piece=piece, digest=digest, annotation=annotation, version=version, existing=existing
        )
    except IntegrityError as error:
        if existing is None and Article.objects.filter(content_hash=digest).exists():
            # Another process stored the same piece meanwhile.
            return Outcome(piece.name, UNCHANGED, piece.headline)
        return Outcome(piece.name, FAILED, piece.headline, reason=f"not stored: {error}")
    except DatabaseError as error:
        return Outcome(piece.name, FAILED, piece.headline, reason=f"not stored: {error}")
    reason = f"editors' rows whose words the new text lacks, dropped: {', '.join(dropped)}"
    return Outcome(
        piece.name,
        UPDATED if existing else CREATED,
        piece.headline,
        article,
        reason=reason if dropped else "",
    )


def write_article(
    *,
    piece: Piece,
    digest: str,
    annotation: Annotation | None,
    version: str,
    existing: Article | None,
) -> tuple[Article, list[str]]:
    """Store one article and its annotations in one transaction; editors' rows are kept (moved
    with their words in a revision). Returns the article and the editors' rows it had to drop."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            # An ingest can be redone, so its commits need not wait for the disk flush
            # (a crash loses at most the last moments' articles, never consistency).
            cursor.execute(
                "SELECT set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(%s)",
                [WRITE_LOCK_ID],
            )
        article = existing or Article()
        moves: list[Move] = []
        dropped: list[str] = []
        if existing is not None:
            existing.refresh_from_db()
            # While the old body stands: every span the database checks on the way is true.
            # Annotations the piece brings replace all the article's, editors' included.
            clear_model_rows(existing, editors_too=piece.annotations is not None)
            if existing.body != piece.body and piece.annotations is None:
                moves, dropped = follow_editors_rows(
                    article=existing, old=existing.body, new=piece.body
                )
        article.headline = piece.headline
        article.byline = piece.byline[:300]
        article.body = piece.body
        dateline = annotation.published if annotation is not None else None
        article.published = piece.published or dateline or article.published
        article.source_url = piece.url or article.source_url
        article.sources = [source[:300] for source in piece.sources] or article.sources
        article.content_hash = digest
        article.origin_name = ((piece.annotations or {}).get("origin_name") or piece.name)[:500]
        article.annotated_at = timezone.now()
        article.pipeline_version = version
        if not article.slug:
            wanted = piece.external_id if piece.annotations is not None else ""
            article.slug = free_article_slug(piece.headline, wanted=wanted)
        article.save()
        if annotation is None:
            restore_annotations(article=article, annotations=piece.annotations or {})
        else:
            dropped += move_rows(moves)
            replace_annotations(article=article, annotation=annotation, fresh=existing is None)
        refresh_articles([article.pk], fresh=existing is None)
    return article, dropped


def free_article_slug(headline: str, *, wanted: str = "") -> str:
    """The `wanted` slug (an exported article's) when it is one and free, else the headline's."""
    fits = 0 < len(wanted) <= 220 and slugify(wanted) == wanted
    if fits and not Article.objects.filter(slug=wanted).exists():
        return wanted
    base = slugify(headline)[:200] or "article"
    taken = set(Article.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return next(
        slug
        for slug in itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2)))
        if slug not in taken
    )
