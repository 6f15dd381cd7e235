"""Annotating an accepted upload: the work of a task, its signs of life, its verdict, a retry.

A task takes only a file's id and attempt and reads the stored bytes as the request checked them
(`receiving.pieces_from_upload`), through the ingest service. It may run twice, or on two
machines at once, or die with its worker: every write below is safe under all three.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.ingest import task_results
from articles.ingest.receiving import PROBLEMS_SHOWN, pieces_from_upload
from articles.ingest.service import (
    CREATED,
    UNCHANGED,
    UPDATED,
    IngestReport,
    Outcome,
    ingest_pieces,
)
from articles.models import FINISHED_UPLOAD_STATUSES, UploadFile, UploadStatus, stall_cutoff

HEARTBEAT_SECONDS = 2  # the batch page polls every 2 s
# When two runs of one attempt finish (a task delivered twice), the better verdict stands.
# Keyed by the stored status, a plain string.
VERDICT_RANK: dict[str, int] = {
    UploadStatus.FAILED: 0,
    UploadStatus.UNCHANGED: 1,
    UploadStatus.DONE: 2,
}


def annotate_upload(*, file_id: int, attempt: int) -> str:
    """Annotate one stored file: the work of a task. Safe to run twice, or on two machines at once.

    Only a queued (or interrupted) run of the current attempt goes ahead; the ingest service stores
    a piece once whoever gets there first; the verdict is recorded under a row lock and never
    downgrades what a concurrent run of the same attempt recorded.
    """
    claimed = (
        UploadFile.objects.filter(pk=file_id, attempt=attempt)
        .exclude(status__in=FINISHED_UPLOAD_STATUSES)
        .update(status=UploadStatus.ANNOTATING, updated_at=timezone.now())
    )
    if not claimed:
        return "nothing to do: finished already, or retried since"
    upload = UploadFile.objects.only("name", "original", "first_line").get(pk=file_id)
    try:
        report = ingest_pieces(
            pieces_from_upload(
                upload.name, bytes(upload.original or b""), first_line=upload.first_line
            ),
            on_outcome=heartbeat(file_id=file_id, attempt=attempt),
        )
    except Exception as error:
        UploadFile.objects.filter(pk=file_id, attempt=attempt).exclude(
            status__in=(UploadStatus.DONE, UploadStatus.UNCHANGED)
        ).update(
            status=UploadStatus.FAILED,
            reason=f"Annotation stopped: {error}"[:1000],
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        raise
    record_verdict(file_id=file_id, attempt=attempt, report=report)
    return report.summary()


def heartbeat(*, file_id: int, attempt: int) -> Callable[[Outcome], None]:
    """An ingest callback that shows the run is alive and how far it got, at most every
    HEARTBEAT_SECONDS: a file annotating with no sign of life for NEWSDESK_UPLOAD_STALLED_AFTER
    is stalled. The verdict replaces the progress line at the end."""
    last = time.monotonic()
    done = 0

    def beat(outcome: Outcome) -> None:
        nonlocal last, done
        done += 1
        if time.monotonic() - last >= HEARTBEAT_SECONDS:
            last = time.monotonic()
            UploadFile.objects.filter(
                pk=file_id, attempt=attempt, status=UploadStatus.ANNOTATING
            ).update(
                updated_at=timezone.now(),
                reason=f"{done} piece{'s' if done != 1 else ''} done so far",
            )

    return beat


def verdict(report: IngestReport) -> tuple[str, str]:
    """The file's status and a line saying what became of its pieces."""
    counts = report.counts
    parts = []
    if counts[CREATED]:
        parts.append(f"{counts[CREATED]} article{'s' if counts[CREATED] > 1 else ''} added")
    if counts[UPDATED]:
        parts.append(f"{counts[UPDATED]} updated")
        # A revision that had to drop editors' rows says which.
        parts += [o.reason for o in report.outcomes if o.status == UPDATED and o.reason]
    if counts[UNCHANGED]:
        parts.append(f"{counts[UNCHANGED]} already in the archive")
    if failed := report.failed:
        problems = "; ".join(f"{o.name}: {o.reason}" for o in failed[:PROBLEMS_SHOWN])
        parts.append(f"{len(failed)} failed ({problems})")
    if counts[CREATED] or counts[UPDATED]:
        status = UploadStatus.DONE
    elif failed or not report.outcomes:
        status = UploadStatus.FAILED
    else:
        status = UploadStatus.UNCHANGED
    return status, ", ".join(parts) or "no articles found in it"


def record_verdict(*, file_id: int, attempt: int, report: IngestReport) -> None:
    status, reason = verdict(report)
    articles = [outcome.article for outcome in report.outcomes if outcome.article is not None]
    with transaction.atomic():
        row = UploadFile.objects.select_for_update().only("status", "attempt").get(pk=file_id)
        if row.attempt != attempt:
            return  # retried meanwhile: the newer attempt records its own verdict
        row.articles.add(*articles)
        if row.finished and VERDICT_RANK[row.status] >= VERDICT_RANK[status]:
            return
        row.status, row.reason, row.finished_at = status, reason, timezone.now()
        row.save(update_fields=["status", "reason", "finished_at", "updated_at"])


def reopen_upload(*, file_id: int) -> int | None:
    """Queue a failed or stalled stored file again; its new attempt number, or None if it cannot
    be. A stalled run that is alive after all finds its attempt outdated and records nothing."""
    retriable = Q(status=UploadStatus.FAILED) | Q(
        status=UploadStatus.ANNOTATING, updated_at__lt=stall_cutoff()
    )
    with transaction.atomic():
        row = (
            UploadFile.objects.select_for_update()
            .defer("original")
            .filter(retriable, pk=file_id, original__isnull=False)
            .first()
        )
        if row is None:
            return None
        if row.task_id:
            task_results.close_abandoned(
                task_ids=[row.task_id], why="Its file was retried: this run's verdict is ignored."
            )
        row.attempt += 1
        row.status, row.reason, row.task_id, row.finished_at = UploadStatus.QUEUED, "", "", None
        row.save(
            update_fields=["attempt", "status", "reason", "task_id", "finished_at", "updated_at"]
        )
    return row.attempt
