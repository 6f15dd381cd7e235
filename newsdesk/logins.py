"""Throttled log-ins (django-axes): which client a request comes from, and the page a locked-out
log-in gets."""

from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

USERNAME_MAX = AbstractUser._meta.get_field("username").max_length


def client_address(request: HttpRequest) -> str:
    """The client's IP address: the socket's peer, or, behind `NEWSDESK_TRUSTED_PROXIES` proxies
    that each append the address they were called from to X-Forwarded-For, the address the
    outermost of them saw. Entries before that one are the client's own words and may be forged,
    so they are never read."""
    proxies: int = settings.NEWSDESK_TRUSTED_PROXIES
    if proxies > 0:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        hops = [hop.strip() for hop in forwarded if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def attempted_username(
    request: HttpRequest, credentials: Mapping[str, object] | None = None
) -> str | None:
    """The user name a log-in tried, cut to the longest a user name can be: a longer one names no
    account, and failures are recorded in a column of 255 characters."""
    name = (credentials or request.POST).get("username")
    return name[:USERNAME_MAX] if isinstance(name, str) else None


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: Mapping[str, object] | None = None,
) -> HttpResponse:
    """The lock-out page: why, for how long, and who can lift it (429 Too Many Requests)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    response = TemplateResponse(request, "registration/locked_out.html", context, status=429)
    response.render()
    return response
