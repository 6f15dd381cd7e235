"""The API itself: its routers under one NinjaAPI, the rate limit on every operation, and the
schema and docs pages (ninja's bundled Swagger UI, served from the site's own static files)."""

from __future__ import annotations

from ninja import NinjaAPI

from articles.api import articles, dates, entities, quotes
from articles.api.throttling import PerClientRate

api = NinjaAPI(
    title="Newsdesk",
    version="1",
    description=(
        "The archive's articles, with the people, places, organisations, dates and quotes in "
        "them. Read-only. Lists are paged from a cursor: follow `next`. Every answer has an "
        "ETag (send it back in If-None-Match for a 304); a client may ask a limited number of "
        "times a minute (429 and Retry-After beyond it)."
    ),
    urls_namespace="api",
    throttle=[PerClientRate()],
)
api.add_router("", articles.router)
api.add_router("", entities.router)
api.add_router("", quotes.router)
api.add_router("", dates.router)
