"""What editors taught, measured: the review report's weeks, newest first, a page at a time."""

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from articles.permissions import editor_required
from articles.review.report import report_page


@require_safe
@editor_required
def report(request: HttpRequest) -> HttpResponseBase:
    page = request.GET.get("page", "1")
    number = int(page) if page.isascii() and page.isdigit() and len(page) < 5 else 1
    return TemplateResponse(request, "articles/review/report.html", {"page": report_page(number)})
