"""Uploads for admins: send files, watch them being annotated, retry a failure.

Thin views over articles.ingest.receiving (checks and storage) and articles.ingest.tasks (the
queue). Every view checks for staff itself: anonymous visitors are sent to log in, anyone else
gets 403. A batch's page polls its file list through HTMX until every file is finished; without
JavaScript, reloading shows it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.ingest import task_results, tasks
from articles.ingest.receiving import receive_upload
from articles.ingest.refusals import ACCEPTED, Refused
from articles.models import UploadBatch, UploadFile
from articles.permissions import staff_only
from articles.views.requests import SignedInRequest

RECENT_BATCHES = 20


@staff_only
@require_http_methods(["GET", "POST"])
def upload(request: SignedInRequest) -> HttpResponseBase:
    error = ""
    if request.method == "POST":
        try:
            batch = receive_upload(files=request.FILES.getlist("files"), uploader=request.user)
        except Refused as refusal:
            error = str(refusal)
        else:
            tasks.queue_batch(batch=batch)
            return redirect(batch)
    context = {
        "error": error,
        "accepted": ",".join(ACCEPTED),
        "limits": {
            "file": settings.NEWSDESK_UPLOAD_MAX_FILE_BYTES,
            "total": settings.NEWSDESK_UPLOAD_MAX_TOTAL_BYTES,
            "count": settings.NEWSDESK_UPLOAD_MAX_FILES,
        },
        "batches": UploadBatch.objects.with_progress()[:RECENT_BATCHES],
    }
    return TemplateResponse(
        request, "articles/uploads/upload.html", context, status=400 if error else 200
    )


def batch_response(
    request: SignedInRequest, batch: UploadBatch, *, partial: bool
) -> TemplateResponse:
    files = list(batch.files.for_display())
    finished = sum(file.finished for file in files)
    context = {
        "batch": batch,
        "files": files,
        "finished_count": finished,
        "all_finished": finished == len(files),
    }
    template = "articles/uploads/batch.html" + ("#upload-files" if partial else "")
    return TemplateResponse(request, template, context)


@staff_only
@require_GET
def batch_detail(request: SignedInRequest, pk: int) -> HttpResponseBase:
    batch = get_object_or_404(UploadBatch.objects.select_related("uploader"), pk=pk)
    task_results.close_stalled(batch=batch)
    return batch_response(request, batch, partial=bool(request.htmx))


@staff_only
@require_POST
def retry(request: SignedInRequest, pk: int) -> HttpResponseBase:
    upload_file = get_object_or_404(UploadFile.objects.defer("original"), pk=pk)
    retried = tasks.retry_upload(file_id=upload_file.pk)
    if request.htmx:
        # The refreshed list shows the file queued again (or why not), and resumes polling.
        return batch_response(request, upload_file.batch, partial=True)
    if retried:
        messages.success(request, f"{upload_file.name} is queued again.")
    else:
        messages.error(
            request, f"{upload_file.name} cannot be retried: only failed or stalled files can."
        )
    return redirect(upload_file.batch)


@staff_only
@require_GET
def original(request: SignedInRequest, pk: int) -> HttpResponseBase:
    """The file as uploaded, for provenance."""
    upload_file = get_object_or_404(UploadFile.objects.filter(original__isnull=False), pk=pk)
    # Filtered on a stored original above.
    assert upload_file.original is not None
    response = HttpResponse(bytes(upload_file.original), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, upload_file.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
