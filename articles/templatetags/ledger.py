"""The quote ledger in templates: `{{ quote.appearance_count|appearances }}` says "4", or "more
than 1,000" where the ledger stopped counting."""

from django import template

from articles.reading.ledger import appearance_label

register = template.Library()


@register.filter
def appearances(count: int) -> str:
    return appearance_label(count)
