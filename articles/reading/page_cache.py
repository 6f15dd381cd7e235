"""Whole article pages kept for readers without an account: the page most asked for, rendered
once per change of anything it shows, then served from the cache.

The key holds everything the page depends on that differs between two renderings for two such
readers: the article's `revision` (drawn anew by every write to its annotations, in
`articles.readmodels.refresh`) and `updated_at` (its own fields), the revision of every entity it
names or quotes (drawn anew when one is renamed, relabelled, merged or split), the host (the
structured data's addresses are absolute), and a digest of the code that renders it (so a deploy
never serves a page an older template made). One query reads the revisions; nothing has to
remember to invalidate.

Only the plain page is kept here: editors and a request carrying messages are rendered as
always, and a page with the panel open (`?entity=`) or an HTMX request is kept, under the
archive's generation, by articles.reading.kept_pages. The page's CSRF token is each reader's own:
it is rendered as a placeholder, kept so, and replaced by the reader's token on the way out.
The keeping itself (`kept_page`, `keeper`) serves articles.reading.kept_pages too.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse

from articles.models import Article

# The shape of a CSRF token (64 letters and digits), so the page is laid out as it will be served.
CSRF_PLACEHOLDER = "csrf" + "0" * 60
CODE_FOLDERS = ("templates", "static", "articles", "newsdesk")
# Response headers a kept page is not served with again: a reader's own, or recomputed.
SKIPPED_HEADERS = {"set-cookie", "content-length"}

KEY_OF_ARTICLE = """
SELECT a.revision, a.updated_at,
       (SELECT string_agg(s.entity_id || ':' || s.revision, ',' ORDER BY s.entity_id)
        FROM articles_entityarticle ea
        JOIN articles_entitystats s ON s.entity_id = ea.entity_id
        WHERE ea.article_id = a.id)
FROM articles_article a
WHERE a.slug = %s
"""


def keeps(request: HttpRequest) -> bool:
    """Whether this request is answered with the page every reader without an account sees."""
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and "HX-Request" not in request.headers
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def article_key(request: HttpRequest, slug: str) -> str | None:
    """The key of the article's page as it stands; None when no article has the slug."""
    with connections[router.db_for_read(Article)].cursor() as cursor:
        cursor.execute(KEY_OF_ARTICLE, [slug])
        found = cursor.fetchone()
    if found is None:
        return None
    digest = hashlib.sha256(repr((slug, request.get_host(), *found)).encode()).hexdigest()
    return f"article-page:{code_digest()}:{digest}"


def kept_page(request: HttpRequest, key: str, *, store: str = "default") -> HttpResponse | None:
    """The page kept under `key` in the cache `store`, with the headers its view set and this
    reader's CSRF token; None when it is not kept."""
    kept: tuple[str, list[tuple[str, str]]] | None = caches[store].get(key)
    if kept is None:
        return None
    html, headers = kept
    response = HttpResponse(with_token(request, html))
    for name, value in headers:
        response.headers[name] = value
    return response


def keeper(
    request: HttpRequest, key: str, *, store: str = "default", timeout: float | None = None
) -> Callable[[SimpleTemplateResponse], SimpleTemplateResponse]:
    """A post-render callback for a page rendered with CSRF_PLACEHOLDER as its token: keep it
    under `key` in the cache `store` (for `timeout` seconds, None for good) with the headers its
    view set, and give it this reader's token."""

    def keep(response: SimpleTemplateResponse) -> SimpleTemplateResponse:
        html = response.content.decode()
        if response.status_code == 200:
            headers = [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in SKIPPED_HEADERS
            ]
            caches[store].set(key, (html, headers), timeout=timeout)
        response.content = with_token(request, html).encode()
        return response

    return keep


def with_token(request: HttpRequest, html: str) -> str:
    """The page with this reader's CSRF token (asked for only where a form or htmx needs it, so
    that a page without one sets no cookie)."""
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(CSRF_PLACEHOLDER, get_token(request))


@functools.cache
def code_digest() -> str:
    """A digest of the templates, static files and Python code the page is rendered with."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in CODE_FOLDERS:
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and path.suffix in (".html", ".css", ".js", ".py", ".svg"):
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
