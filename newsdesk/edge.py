"""Input refused at the edge, before any view: what no page could store or look up.

PostgreSQL text cannot hold the NUL character, so a NUL in a query string or a form field would
reach the database only to fail there (a 500). Refused here, once for every page and the admin,
it is a 400 with a page that says why. Uploaded files are not looked at: their contents are
checked by the upload check, which refuses a file whole.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

UNSTORABLE = "\x00"


def unstorable_field(request: HttpRequest) -> str | None:
    """The name of the first parameter, form field or header holding a NUL, or None."""
    if UNSTORABLE in request.path:
        return "the address"
    for where, fields in (("query", request.GET), ("form", request.POST)):
        for name, values in fields.lists():
            if UNSTORABLE in name or any(UNSTORABLE in value for value in values):
                return f"the {where} field {name.replace(UNSTORABLE, '')!r}"
    for header in ("HTTP_USER_AGENT", "HTTP_REFERER", "HTTP_X_FORWARDED_FOR"):
        if UNSTORABLE in str(request.META.get(header, "")):
            return "a header"
    return None


class RefuseUnstorableInput:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if (field := unstorable_field(request)) is not None:
            reason = f"{field.capitalize()} holds a NUL character, which nothing can store."
            return render(request, "400.html", {"reason": reason}, status=400)
        return self.get_response(request)
