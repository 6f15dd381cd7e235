"""The archive by date: a timeline of years and months, and a page for a year, month or day."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.template.response import TemplateResponse

from articles.models import Article
from articles.reading.periods import Period, date_mentions_in, entities_near, months_with_articles
from articles.reading.sentences import sentence_around
from articles.reading.timeline import draw_timeline

PAGE_SIZE = 20


def timeline(request):
    drawing = draw_timeline(months_with_articles())
    return TemplateResponse(request, "articles/timeline.html", {"timeline": drawing})


def period(request, year, month=None, day=None):
    try:
        span = Period.of(year, month, day)
    except ValueError as error:
        raise Http404("No such date") from error
    in_period = date_mentions_in(span)
    articles = (
        Article.objects.filter(dates__in=in_period)
        .annotate(dated=Count("dates", distinct=True))
        .only("headline", "slug", "published", "byline", "created_at", "body")
        .prefetch_related(
            Prefetch(
                "dates",
                in_period.order_by("value_start", "start").only(
                    "article_id", "start", "end", "text", "value_start", "value_end", "granularity"
                ),
                to_attr="dates_in_period",
            )
        )
        .newest_first()
    )
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    for article in page:
        # The sentence around the first date in the period: what the article says of that time.
        first = article.dates_in_period[0]
        article.date_context = sentence_around(article.body, first.start, first.end)
    context = {
        "period": span,
        "page": page,
        "entities": list(entities_near(span)),
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
