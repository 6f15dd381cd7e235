"""What every answer of the API gets on its way out: CORS headers for the origins the settings
allow (none by default), an ETag, and a 304 to a client that already holds the same answer."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import parse_http_date_safe

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_HEADERS = "If-None-Match, If-Modified-Since"
PREFLIGHT_MAX_AGE = str(60 * 60)


def api_prefix() -> str:
    return reverse("api:openapi-json").removesuffix("openapi.json")


def allowed_origin(request: HttpRequest) -> str | None:
    """The value of Access-Control-Allow-Origin for this request, or None for no CORS."""
    allowed = settings.NEWSDESK_API_CORS_ORIGINS
    origin = request.headers.get("Origin")
    if not allowed or not origin:
        return None
    if "*" in allowed:
        return "*"
    return origin if origin in allowed else None


class ApiEdge:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response
        self.prefix: str | None = None

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if self.prefix is None:
            self.prefix = api_prefix()
        if not request.path.startswith(self.prefix):
            return self.get_response(request)
        origin = allowed_origin(request)
        if request.method == "OPTIONS" and origin:
            response: HttpResponseBase = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        else:
            response = self.answer(request)
        if settings.NEWSDESK_API_CORS_ORIGINS:
            patch_vary_headers(response, ["Origin"])
        if origin:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        return response

    def answer(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not isinstance(response, HttpResponse):  # streamed: no body to digest
            return response
        set_response_etag(response)
        conditional = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
        return conditional if conditional is not None else response
