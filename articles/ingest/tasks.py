"""Background work through Django's Tasks: annotating uploads and re-annotating stored articles.

The backend comes from settings.TASKS: by default django-tasks-db, whose `manage.py db_worker`
processes (on any machine sharing the database) run the tasks. Tasks take only ids, look the rest
up, and are safe to run twice: see `annotating_uploads.annotate_upload`; re-annotation is
idempotent.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from django.tasks import task

from articles.ingest import annotating_uploads
from articles.ingest.formats import Piece
from articles.ingest.service import IngestReport, ingest_pieces
from articles.models import Article, UploadBatch, UploadFile, UploadStatus


@task()
def annotate_upload_file(file_id: int, attempt: int) -> str:
    return annotating_uploads.annotate_upload(file_id=file_id, attempt=attempt)


@task()
def reannotate_articles(article_ids: list[int]) -> str:
    return reannotate_stored(article_ids=article_ids).summary()


def queue_file(*, file_id: int, attempt: int) -> None:
    result = annotate_upload_file.enqueue(file_id, attempt)
    # Only the task id: with an immediate backend the task has already written the status.
    UploadFile.objects.filter(pk=file_id, attempt=attempt).update(task_id=str(result.id))


def queue_batch(*, batch: UploadBatch) -> int:
    """Queue every accepted file of a new batch; how many were queued."""
    queued = list(
        batch.files.filter(status=UploadStatus.QUEUED).values_list("pk", "attempt").order_by("pk")
    )
    for file_id, attempt in queued:
        queue_file(file_id=file_id, attempt=attempt)
    return len(queued)


def retry_upload(*, file_id: int) -> bool:
    """Queue a failed file again; False when it is not failed (or was refused, so never stored)."""
    attempt = annotating_uploads.reopen_upload(file_id=file_id)
    if attempt is None:
        return False
    queue_file(file_id=file_id, attempt=attempt)
    return True


# Articles re-annotated by one task: a few NLP batches, so that a task's own cost is small beside
# them, and enough tasks for every worker on a long list.
REANNOTATION_CHUNK = 32


def queue_reannotation(*, article_ids: Iterable[int]) -> int:
    """Queue re-annotation in chunks, so several workers share a long list."""
    ids = sorted(set(article_ids))
    for chunk in itertools.batched(ids, REANNOTATION_CHUNK):
        reannotate_articles.enqueue(list(chunk))
    return len(ids)


def reannotate_stored(*, article_ids: list[int]) -> IngestReport:
    """Annotate stored articles again from their stored text, keeping editors' rows."""
    articles = Article.objects.filter(pk__in=article_ids).order_by("pk")
    pieces = (
        Piece(
            name=article.origin_name or article.slug,
            headline=article.headline,
            body=article.body,
            byline=article.byline,
            published=article.published,
            url=article.source_url,
            sources=article.sources,
        )
        for article in articles.iterator()
    )
    # The stored hash matches the stored headline and body (the admin keeps it so), so each piece
    # finds its own article and `reannotate` replaces the annotations in place.
    return ingest_pieces(pieces, reannotate=True)
