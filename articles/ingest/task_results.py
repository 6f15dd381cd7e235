"""Task results a dead worker left RUNNING: closed as failed once their file is given up on.

django-tasks-db marks a task RUNNING when a worker takes it and finished when the worker says so.
A worker killed mid-run says nothing, so its row would stay RUNNING for ever: counted as work in
progress, and never removed by `prune_db_task_results`, which prunes finished rows only. Once the
file is found stalled (no sign of life for NEWSDESK_UPLOAD_STALLED_AFTER) or retried, that run is
over whatever its worker does next (a late verdict of an old attempt is ignored), so its row is
marked failed, saying why.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import UploadBatch, UploadFile, UploadStatus, stall_cutoff

ABANDONED = "articles.ingest.task_results.WorkerLost"


def close_abandoned(*, task_ids: Iterable[str], why: str) -> int:
    """Mark these tasks' results failed if they are still RUNNING; how many were."""
    ids = []
    for task_id in task_ids:
        try:
            ids.append(uuid.UUID(task_id))
        except ValueError:
            continue  # another backend's id (the immediate backend's, say): no row to close
    if not ids:
        return 0
    return DBTaskResult.objects.filter(id__in=ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path=ABANDONED,
        traceback=why,
    )


def close_stalled(*, batch: UploadBatch) -> int:
    """Close the task results of the batch's files found stalled."""
    stalled = UploadFile.objects.filter(
        batch=batch, status=UploadStatus.ANNOTATING, updated_at__lt=stall_cutoff()
    ).exclude(task_id="")
    return close_abandoned(
        task_ids=stalled.values_list("task_id", flat=True),
        why="The worker running this task stopped without a word (its file was found stalled).",
    )
