"""Addresses of one mention, quote or date: the article, scrolled to the words and highlighted.

The marked body gives each mark an id (`mention_anchor`...), the address ends with it as its
fragment, and the browser scrolls there and the stylesheet's `:target` highlights it, with no
script. A mention's address also opens its entity's panel (`?entity=`), as a click on it would.
Reported quotes are not marked in the body, so theirs is the article's address alone.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from articles.models import DateMention, Mention, Quote, QuoteKind


def mention_anchor(pk: int) -> str:
    return f"mention-{pk}"


def quote_anchor(pk: int) -> str:
    return f"quote-text-{pk}"


def date_anchor(pk: int) -> str:
    return f"date-text-{pk}"


def article_url(slug: str) -> str:
    return reverse("articles:article", kwargs={"slug": slug})


def mention_permalink(mention: Mention, *, article_slug: str, entity_slug: str) -> str:
    query = urlencode({"entity": entity_slug, "mention": mention.pk})
    return f"{article_url(article_slug)}?{query}#{mention_anchor(mention.pk)}"


def quote_permalink(quote: Quote, *, article_slug: str) -> str:
    if quote.kind == QuoteKind.INDIRECT:
        return article_url(article_slug)
    return f"{article_url(article_slug)}#{quote_anchor(quote.pk)}"


def date_permalink(date: DateMention, *, article_slug: str) -> str:
    return f"{article_url(article_slug)}#{date_anchor(date.pk)}"


def quote_page_url(quote: Quote) -> str:
    return reverse("articles:quote", kwargs={"pk": quote.pk})
