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
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse

from articles.models import Article

# The shape of a CSRF token (64 letters and digits), so the page is laid out as it will be served.
CSRF_PLACEHOLDER = "csrf" + "0" * 60
CODE_FOLDERS = ("templates", "static", "articles", "newsdesk")

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


def kept_page(request: HttpRequest, key: str) -> HttpResponse | None:
    """The kept page, with this reader's CSRF token, or None when it is not kept."""
    html: str | None = cache.get(key)
    if html is None:
        return None
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))


def keeper(
    request: HttpRequest, key: str
) -> Callable[[SimpleTemplateResponse], SimpleTemplateResponse]:
    """A post-render callback for a page rendered with CSRF_PLACEHOLDER as its token: keep it,
    and give it this reader's token."""

    def keep(response: SimpleTemplateResponse) -> SimpleTemplateResponse:
        html = response.content.decode()
        if response.status_code == 200:
            cache.set(key, html)
        response.content = html.replace(CSRF_PLACEHOLDER, get_token(request)).encode()
        return response

    return keep


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
