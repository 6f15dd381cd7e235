"""Dates by period: a year's, month's or day's articles through the dates they name, newest
first, each with its dates in the period, as the period's page lists them."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router

from articles.api.refs import Json, absolute, article_ref, keyset_links
from articles.api.schemas import PeriodDetail
from articles.reading.periods import Period, period_articles, stats_of
from articles.reading.permalinks import date_permalink

router = Router(tags=["dates"])
PAGE_SIZE = 20


@router.api_operation(
    ["GET", "HEAD"], "/dates/{period}", response=PeriodDetail, url_name="period-json"
)
def period_detail(request: HttpRequest, period: str, cursor: str | None = None) -> Json:
    """`period`: "2020", "2020-06" or "2020-06-15"."""
    try:
        span = Period.parse(period)
    except (ValueError, OverflowError) as error:
        raise Http404("No such period") from error
    page = period_articles(span, cursor=cursor, size=PAGE_SIZE)
    return {
        "period": period,
        "label": span.label,
        "granularity": span.granularity,
        "start": span.start,
        "end": span.end,
        "article_count": stats.article_count if (stats := stats_of(span)) else 0,
        "url": absolute(request, span.url()),
        "items": [
            {
                "article": article_ref(request, line.article),
                "sentence": "".join(line.context),
                "dates": [
                    {
                        "id": date.pk,
                        "start": date.start,
                        "end": date.end,
                        "text": date.text,
                        "value_start": date.value_start,
                        "value_end": date.value_end,
                        "granularity": date.granularity or None,
                        "permalink": absolute(
                            request, date_permalink(date, article_slug=line.article.slug)
                        ),
                    }
                    for date in line.dates_in_period
                ],
            }
            for line in page
        ],
        **keyset_links(request, page),
    }
