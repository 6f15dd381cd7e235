"""The archive by date: a timeline of years and months, and a page for a year, month or day."""

import functools
import hashlib
from collections.abc import Callable

from django.http import Http404
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from articles.nlp.kinds import KIND_CHOICES
from articles.permissions import can_edit
from articles.reading.indexes import add_namesakes
from articles.reading.kept_pages import kept_for_readers
from articles.reading.networks import period_network
from articles.reading.periods import (
    ENTITY_WINDOW,
    Period,
    entities_near,
    months_with_articles,
    period_articles,
    stats_of,
)
from articles.reading.timeline import draw_timeline
from articles.views.requests import HtmxRequest

PAGE_SIZE = 20


@require_safe
@kept_for_readers
def timeline(request: HtmxRequest) -> HttpResponseBase:
    counts = months_with_articles()
    # The drawing is kept under a digest of the counts it shows (see the template's cache tag),
    # and drawn only when they changed.
    context = {
        "timeline": SimpleLazyObject(lambda: draw_timeline(counts)),
        "timeline_key": hashlib.sha256(repr(sorted(counts.items())).encode()).hexdigest(),
    }
    return TemplateResponse(request, "articles/timeline.html", context)


def of_period(
    view: Callable[[HtmxRequest, Period], HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """A view of a year, month or day, given the period its address names (404 for a date the
    calendar does not have)."""

    @functools.wraps(view)
    def view_of_date(
        request: HtmxRequest, year: int, month: int | None = None, day: int | None = None
    ) -> HttpResponseBase:
        try:
            span = Period.of(year, month, day)
        except (ValueError, OverflowError) as error:
            raise Http404("No such date") from error
        return view(request, span)

    return view_of_date


@require_safe
@kept_for_readers
@of_period
def period(request: HtmxRequest, span: Period) -> HttpResponseBase:
    page = period_articles(span, cursor=request.GET.get("cursor"), size=PAGE_SIZE)
    stats = stats_of(span)
    total = stats.article_count if stats else 0
    entities = entities_near(span, stats)
    if can_edit(request.user):
        add_namesakes(entities)
    context: dict[str, object] = {
        "period": span,
        "page": page,
        "article_count": total,
        "entities": entities,
        "kinds": KIND_CHOICES,
        "entity_window": ENTITY_WINDOW if total > ENTITY_WINDOW else None,
        **around(span),
    }
    if span.granularity == "year":
        year = span.start.year
        counts = months_with_articles(year=year)
        context["months"] = [
            (Period.of(year, m), counts.get(Period.of(year, m).start, 0)) for m in range(1, 13)
        ]
    return TemplateResponse(request, "articles/period.html", context)


@require_safe
@kept_for_readers
@of_period
def period_network_page(request: HtmxRequest, span: Period) -> HttpResponseBase:
    """Who appeared with whom in a year, month or day: its most named entities, together."""
    context = {
        "period": span,
        "network": period_network(span, stats_of(span)),
        **around(span),
    }
    return TemplateResponse(request, "articles/period_network.html", context)


def around(span: Period) -> dict[str, Period | None]:
    """The periods a period page leads to: the one holding it, and those either side."""
    return {"parent": span.parent(), "previous": span.previous(), "next": span.next()}
