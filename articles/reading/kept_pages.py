"""Reading pages kept for readers without an account: search, indexes, entity pages and panels,
dates; each rendered once per state of the archive, then served from the cache.

An article's own page is keyed on what that page shows (articles.reading.page_cache); these pages
gather many articles and entities, so their key holds the archive's generation instead
(articles.readmodels.generation), which every committed ingest, correction, merge, undo or rename
moves: every page kept before is built again when next asked for. Beside it, the key holds the
full path with its query, the htmx headers the views choose their template by, the scheme and
host (the structured data's addresses are absolute) and the digest of the code. Should a writer
die between its commit and its move of the generation, no page is kept longer than KEPT_SECONDS.
The pages live in a cache table of their own (`CACHES["reader-pages"]`), so that culling them
never evicts the article bodies. Editors, and requests other than GET and HEAD, are always
served afresh.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse

from articles.reading.page_cache import CSRF_PLACEHOLDER, code_digest, keeper, kept_page
from articles.readmodels.generation import archive_generation

KEPT_SECONDS = 600
# The request headers a reading view chooses what to render by (django-htmx's), in the key.
HTMX_HEADERS = ("HX-Request", "HX-Target", "HX-Boosted", "HX-History-Restore-Request")
STORE = "reader-pages"  # settings.CACHES

type View = Callable[..., HttpResponseBase]


def keeps_any(request: HttpRequest) -> bool:
    """Whether the request is a reader's, answered alike for every reader without an account."""
    return (
        settings.NEWSDESK_KEEP_READER_PAGES
        and request.method in ("GET", "HEAD")
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def page_key(request: HttpRequest) -> str:
    parts = (
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        *(request.headers.get(header, "") for header in HTMX_HEADERS),
        archive_generation(),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"reader-page:{code_digest()}:{digest}"


def kept_for_readers(view: View) -> View:
    """Serve the view's page from the cache for readers without an account."""
    return keeping(view, unless=None)


def kept_for_readers_unless(unless: Callable[[HttpRequest], bool]) -> Callable[[View], View]:
    """As kept_for_readers, but not for the requests `unless` names (those the view keeps by
    itself)."""
    return functools.partial(keeping, unless=unless)


def keeping(view: View, *, unless: Callable[[HttpRequest], bool] | None) -> View:
    @functools.wraps(view)
    def kept_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if not keeps_any(request) or (unless is not None and unless(request)):
            return view(request, *args, **kwargs)
        key = page_key(request)
        if (kept := kept_page(request, key, store=STORE)) is not None:
            return kept
        response = view(request, *args, **kwargs)
        if isinstance(response, TemplateResponse) and not response.is_rendered:
            if isinstance(response.context_data, dict):
                response.context_data["csrf_token"] = CSRF_PLACEHOLDER
            response.add_post_render_callback(
                keeper(request, key, store=STORE, timeout=KEPT_SECONDS)
            )
        return response

    return kept_view
