"""Permalinks in templates: `{{ quote|quote_permalink }}`, the article scrolled to the quote."""

from django import template

from articles.models import Quote
from articles.reading import permalinks

register = template.Library()


@register.filter
def quote_permalink(quote: Quote) -> str:
    """The quote read with its article's slug."""
    return permalinks.quote_permalink(quote, article_slug=quote.article.slug)
