"""The archive by date: a timeline of years and months, and a page for a year, month or day."""

import hashlib
from collections import defaultdict

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from articles.nlp.kinds import KIND_CHOICES
from articles.permissions import can_edit
from articles.reading.excerpts import sentence_of
from articles.reading.indexes import add_namesakes
from articles.reading.keyset import Ordering, keyset_page
from articles.reading.periods import (
    ENTITY_WINDOW,
    Period,
    articles_in,
    date_mentions_in,
    entities_near,
    months_with_articles,
    stats_of,
)
from articles.reading.timeline import draw_timeline

PAGE_SIZE = 20
NEWEST_FIRST = Ordering(key="published", id="article_id", nullable=True)


@require_safe
def timeline(request):
    counts = months_with_articles()
    # The drawing is kept under a digest of the counts it shows (see the template's cache tag),
    # and drawn only when they changed.
    context = {
        "timeline": SimpleLazyObject(lambda: draw_timeline(counts)),
        "timeline_key": hashlib.sha256(repr(sorted(counts.items())).encode()).hexdigest(),
    }
    return TemplateResponse(request, "articles/timeline.html", context)


@require_safe
def period(request, year, month=None, day=None):
    try:
        span = Period.of(year, month, day)
    except (ValueError, OverflowError) as error:
        raise Http404("No such date") from error
    page = keyset_page(
        articles_in(span), NEWEST_FIRST, cursor=request.GET.get("cursor"), size=PAGE_SIZE
    )
    in_period = defaultdict(list)
    for date in (
        date_mentions_in(span)
        .filter(article_id__in=[row.article_id for row in page])
        .order_by("value_start", "start")
        .only("article_id", "start", "end", "text", "value_start", "value_end", "granularity")
    ):
        in_period[date.article_id].append(date)
    for row in page:
        # The sentence around the first date in the period: what the article says of that time.
        row.date_context = sentence_of(row, row.first_start, row.first_end)
        row.dates_in_period = in_period[row.article_id]
    stats = stats_of(span)
    total = stats.article_count if stats else 0
    entities = entities_near(span, stats)
    if can_edit(request.user):
        add_namesakes(entities)
    context = {
        "period": span,
        "page": page,
        "article_count": total,
        "entities": entities,
        "kinds": KIND_CHOICES,
        "entity_window": ENTITY_WINDOW if total > ENTITY_WINDOW else None,
        "parent": span.parent(),
        "previous": span.previous(),
        "next": span.next(),
    }
    if span.granularity == "year":
        counts = months_with_articles(year=year)
        context["months"] = [
            (Period.of(year, m), counts.get(Period.of(year, m).start, 0)) for m in range(1, 13)
        ]
    return TemplateResponse(request, "articles/period.html", context)
