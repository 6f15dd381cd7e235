"""What the views know of a request beyond Django's own: the middleware and checks it went through.

`HtmxMiddleware` gives every request its `htmx` details; a view behind `editor_required` or
`staff_only` serves only a signed-in user. Annotating the views with these says so to the type
checker, which otherwise sees an anonymous visitor as possible everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_htmx.middleware import HtmxDetails


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class SignedInRequest(HtmxRequest):
    """A request let through by a check that sends anonymous visitors to log in."""

    user: User
