"""Reading from a replica: which queries may, and the router that sends them there.

A replica lags the primary by a moment, and refuses writes. So only the queries of a reader's page
go to it: a GET or HEAD of one of the reading pages by a visitor who is not signed in (editors
read their own corrections, so they stay on the primary). Within such a request, a query inside
a transaction, or after anything was written, goes to the primary too, as does every query of
accounts, sessions, the admin and the task queue. Everything else (editing, uploads, management
commands, task workers) never marks itself and so never leaves the primary.

Active only when `DATABASE_REPLICA_URL` is set (see settings).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest
from django.http.response import HttpResponseBase

REPLICA = "replica"

# The pages readers see, by URL name: a page added later stays on the primary until listed here.
READING_PAGES = frozenset(
    f"articles:{name}"
    for name in (
        "article-list",
        "article",
        "entity",
        "entity-offers",
        "people",
        "places",
        "organisations",
        "timeline",
        "date-year",
        "date-month",
        "date-day",
    )
)
# Apps whose tables decide who someone is or what runs next: always read fresh, from the primary.
PRIMARY_ONLY_APPS = frozenset({"auth", "sessions", "admin", "contenttypes", "django_tasks_db"})


@dataclass
class RequestReads:
    """Where the current request may read from; it is pinned to the primary once it writes."""

    from_replica: bool = False
    wrote: bool = False


current_reads: ContextVar[RequestReads | None] = ContextVar("newsdesk_request_reads", default=None)


def may_read_from_replica(request: HttpRequest) -> bool:
    match = request.resolver_match
    return (
        request.method in ("GET", "HEAD")
        and match is not None
        and match.view_name in READING_PAGES
        and not request.user.is_authenticated
    )


class ReaderReplicaMiddleware:
    """Marks a reader's page as safe to read from the replica, for the length of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = current_reads.set(RequestReads())
        try:
            # The response is rendered in here too, so a template's lazy queries are covered.
            return self.get_response(request)
        finally:
            current_reads.reset(token)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[object, ...],
        view_kwargs: dict[str, object],
    ) -> None:
        reads = current_reads.get()
        if reads is not None and not reads.wrote and may_read_from_replica(request):
            reads.from_replica = True
        return None


class ReplicaRouter:
    """Reads of a marked request go to the replica; every write, and every other read, to the
    primary (returned explicitly, so an object read from the replica never leads a later query
    back there)."""

    def db_for_read(self, model: type[Model], **hints: object) -> str:
        reads = current_reads.get()
        if (
            reads is not None
            and reads.from_replica
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: object) -> str:
        reads = current_reads.get()
        if reads is not None:
            # Read what was just written from where it was written: the replica may not have it.
            reads.wrote = True
            reads.from_replica = False
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: object) -> bool:
        # Both hold the same rows: an article read from the replica may point at an entity read
        # from the primary.
        return True

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: object
    ) -> bool:
        # The replica copies the primary's schema by replication; it is never migrated itself.
        return db == DEFAULT_DB_ALIAS
