"""Exports for admins, from the browser: the archive, or the articles a filter keeps, as
interchange JSON Lines, CSV of spans, or a spaCy DocBin, as `manage.py export` writes them.

JSON Lines and CSV stream as they are read, a chunk of articles at a time; a DocBin is one blob,
built before it is sent.
"""

import datetime as dt
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from articles.ingest.csv_rows import csv_lines
from articles.ingest.docbin import docbin_of
from articles.ingest.export import export_documents, selected_articles
from articles.permissions import staff_only
from articles.reading.pickers import entity_named_by
from articles.views import params
from articles.views.requests import HtmxRequest

FORMATS = {
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "docbin": ("application/octet-stream", "spacy"),
}


@require_safe
@staff_only
def export(request: HtmxRequest) -> HttpResponseBase:
    fmt = request.GET.get("format")
    typed_entity = params.text(request.GET.get("entity"), limit=320)
    since_typed = params.text(request.GET.get("since"), limit=20)
    corrected = "corrected" in request.GET
    context: dict[str, object] = {
        "entity": typed_entity,
        "since": since_typed,
        "corrected": corrected,
    }
    if fmt not in FORMATS:
        return TemplateResponse(request, "articles/exports/export.html", context)
    errors: list[str] = []
    entity = entity_named_by(typed_entity) if typed_entity else None
    if typed_entity and entity is None:
        errors.append(f"No entity answers to “{typed_entity}”.")
    since = None
    if since_typed:
        try:
            since = dt.date.fromisoformat(since_typed)
        except ValueError:
            errors.append("“Published since” takes a date, YYYY-MM-DD.")
    if errors:
        context["errors"] = errors
        return TemplateResponse(request, "articles/exports/export.html", context, status=400)
    articles = selected_articles(since=since, entity=entity, corrected_only=corrected)
    documents = export_documents(articles)
    content_type, extension = FORMATS[fmt]
    response: HttpResponse | StreamingHttpResponse
    if fmt == "docbin":
        response = HttpResponse(docbin_of(documents).to_bytes(), content_type=content_type)
    elif fmt == "csv":
        response = StreamingHttpResponse(csv_lines(documents), content_type=content_type)
    else:
        lines = (json.dumps(document, ensure_ascii=False) + "\n" for document in documents)
        response = StreamingHttpResponse(lines, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"newsdesk-{dt.date.today():%Y-%m-%d}.{extension}"
    )
    return response
