"""A quote's own page: the words, who said them and where, every article that quoted the same
words (the quote ledger), and Open Graph tags so that a link to it unfurls as the quote."""

from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from articles.models import Quote
from articles.reading.ledger import appearances, repetition_of
from articles.reading.permalinks import quote_permalink
from articles.reading.quotes import listed
from articles.views.requests import HtmxRequest


@require_safe
def quote_detail(request: HtmxRequest, pk: int) -> HttpResponseBase:
    quote = get_object_or_404(
        listed(Quote.objects.all(), "article__byline", "speaker__role"), pk=pk
    )
    context = {
        "quote": quote,
        "appearances": appearances(quote),
        "repetition": repetition_of(quote),
        "article": quote.article,
        "permalink": quote_permalink(quote, article_slug=quote.article.slug),
        "share_url": request.build_absolute_uri(),
    }
    return TemplateResponse(request, "articles/quote_detail.html", context)
