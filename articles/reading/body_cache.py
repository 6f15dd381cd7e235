"""The article page's marked body, rendered once per change of what it shows and then kept.

Rendering a long article with its marks is the article page's main cost. The cache key is a
digest of everything the rendering reads (the body, the article's address, and each mention,
date and quote with the fields that show), so a correction, a re-annotation or a renamed entity
makes a new key and the stale rendering is never served: nothing has to remember to invalidate.
The page reads those rows anyway, to list the article's entities, dates and quotes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, DateMention, Mention, Quote
from articles.reading.rendering import marked_body

# Bump when the rendering's markup changes, so that keys made by older code are not used.
RENDERING_VERSION = 2


def rendered_body(
    article: Article,
    *,
    mentions: Sequence[Mention],
    dates: Sequence[DateMention],
    quotes: Sequence[Quote],
) -> SafeString:
    url = article.get_absolute_url()
    key = body_key(article, url, mentions, dates, quotes)
    html: str | None = cache.get(key)
    if html is None:
        html = str(marked_body(article.body, mentions, dates, quotes, article_url=url))
        cache.set(key, html)
    # Safe: the string was built by marked_body from escaped pieces (and cached by this module
    # only, under a key no user input chooses).
    return mark_safe(html)


def body_key(
    article: Article,
    url: str,
    mentions: Sequence[Mention],
    dates: Sequence[DateMention],
    quotes: Sequence[Quote],
) -> str:
    digest = hashlib.sha256()
    for part in (
        RENDERING_VERSION,
        url,
        article.body,
        [
            (m.pk, m.start, m.end, m.version, m.entity.slug, m.entity.kind, m.entity.name)
            for m in mentions
        ],
        [(d.pk, d.start, d.end, d.value_start, d.value_end, d.granularity) for d in dates],
        [
            (q.pk, q.start, q.end, q.kind, q.speaker.name if q.speaker is not None else None)
            for q in quotes
        ],
    ):
        digest.update(repr(part).encode())
        digest.update(b"\x00")
    return f"article-body:{article.pk}:{digest.hexdigest()}"
