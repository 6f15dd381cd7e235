"""Hostile requests: the values, and every URL pattern of the site with them filled in.

Shared by the tests that ask every URL with hostile values (test_hostile_requests) and with
strings Hypothesis makes up (test_made_up_requests).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from urllib.parse import quote as url_quoted
from urllib.parse import urlencode

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

NUMBERS = [
    "0",
    "-1",
    "²",
    "¹²³",
    "٣",
    "1.5",
    "2147483648",
    "9223372036854775808",
    "99999999999999999999",
]
TEXTS = [
    "\x00",
    "Kabul\x00",
    "%00",
    "",
    "'",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "../../../etc/passwd",
    "\ufffd\u202e\ufeff",
    "😀" * 50,
    "a" * 5000,
    "[1, 2]",
]
DATES = ["0000-00-00", "0001-01-01", "9999-12-31", "10000-01-01", "2020-02-30", "-2020-01-01"]


def cursor_of(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


CURSORS = [
    "!!!",
    "e30",
    cursor_of('["9999-12-31", 1, "after"]'),
    cursor_of('["0001-01-01", 99999999999999999999, "before"]'),
    cursor_of('[null, -5, "before"]'),
    cursor_of('["\\u0000", 1, "after"]'),
    cursor_of('[99999999999999999999, 1, "after"]'),
    cursor_of('[[], {}, "sideways"]'),
]
HOSTILE = NUMBERS + TEXTS + DATES + CURSORS
# One of each class, where every parameter of a page is hostile at once.
SAMPLE = ["\x00", "²", "99999999999999999999", "-1", "' OR '1'='1", "<script>alert(1)</script>"]
SAMPLE += ["a" * 5000, "😀" * 50, "10000-01-01", CURSORS[5]]
# What each kind of parameter is given, one parameter at a time.
OF_KIND = {
    "number": NUMBERS + TEXTS[:4],
    "cursor": CURSORS + NUMBERS[:3] + TEXTS[:4],
    "date": DATES + NUMBERS[:3] + TEXTS[:4],
    "text": TEXTS + NUMBERS[1:3] + NUMBERS[-1:],
}

# Path parameters, by converter: what its pattern lets through.
INTS = ["0", "1", "2147483648", "9223372036854775808", "99999999999999999999"]
SLUGS = ["-", "_", "0", "x" * 400]
PATHS = [url_quoted(value, safe="") for value in SAMPLE if value]

# The query parameters the site's pages read, and the admin's lists.
QUERY = [
    "q",
    "entity",
    "mention",
    "cursor",
    "page",
    "kind",
    "from",
    "to",
    "sort",
    "order",
    "article",
    "into",
    "speaker",
    "other",
    "next",
    "period",
    "format",
    "since",
    "corrected",
    "o",
    "p",
    "e",
    "_changelist_filters",
    "year",
]
# The fields the editing and upload forms post.
FORM = [
    "action",
    "version",
    "kind",
    "entity",
    "start",
    "end",
    "speaker",
    "value_start",
    "value_end",
    "granularity",
    "name",
    "role",
    "aliases",
    "alias",
    "other",
    "into",
    "next",
    "username",
    "password",
]
ACTIONS = ["relabel", "link", "detach", "reject", "adjust", "remove", "rename", "edit", "split"]
# The parameters each page reads, and what kind of value each is.
READS = {
    "article-list": ["q", "entity", "kind", "from", "to", "sort", "cursor", "page"],
    "article": ["entity", "mention", "cursor"],
    "entity": ["cursor", "mention", "article", "year"],
    "people": ["q", "order", "cursor"],
    "places": ["q", "order", "cursor"],
    "organisations": ["q", "order", "cursor"],
    "date-year": ["cursor"],
    "date-month": ["cursor"],
    "date-day": ["cursor"],
    "changes": ["cursor"],
    "entity-search": ["q", "entity", "into", "speaker", "other"],
    "merge-entity": ["into"],
    "elsewhere": ["page"],
    "login": ["next"],
    "articles-json": ["q", "entity", "kind", "from", "to", "sort", "cursor", "page"],
    "entities-json": ["kind", "q", "order", "cursor"],
    "entity-json": ["cursor"],
    "quotes-json": ["speaker", "period", "cursor"],
    "period-json": ["cursor"],
    "quote-appearances-json": ["cursor"],
    "export": ["format", "entity", "since", "corrected"],
}
KIND_OF = {"mention": "number", "page": "number", "cursor": "cursor", "from": "date", "to": "date"}
KIND_OF |= {"year": "number"}
KIND_OF |= {"period": "date", "since": "date"}
KIND_OF |= {name: "text" for name in QUERY if name not in KIND_OF}
# The pages whose form says what to do in an `action` field.
ACTED_ON = {"edit-mention", "edit-quote", "edit-date", "edit-entity"}
READING = {"article-list", "article", "entity", "people", "places", "organisations", "changes"}
READING |= {"timeline", "date-year", "date-month", "date-day"}
READING |= {"network-year", "network-month", "network-day"}
ROLES = ("reader", "editor", "admin")


def client_as(role: str, archive) -> Client:
    client = Client(raise_request_exception=False)
    if role != "reader":
        client.force_login(archive["users"][role])
    return client


# -- every URL pattern, its path parameters filled in ---------------------------------------------
def patterns(resolvers=None, prefix="") -> Iterator[tuple[str, str | None, object]]:
    """(the pattern's path with its parameters as <converter:name>, its name, the pattern)."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from patterns(entry.url_patterns, prefix + route_of(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + route_of(entry.pattern), entry.name, entry


def route_of(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return str(pattern)
    assert isinstance(pattern, RegexPattern)
    regex = str(pattern).removeprefix("^").removesuffix("$").removesuffix("\\Z")
    # A named group becomes a parameter; an alternation of names gives its first name.
    regex = re.sub(r"\(\?P<(\w+)>([\w|]+)\)", lambda m: m.group(2).split("|")[0], regex)
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<path:\1>", regex).replace("\\", "")


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def paths_of(route: str, archive) -> list[str]:
    """The route with every parameter filled by each value its converter lets through."""
    slots = PARAMETER.findall(route)
    if not slots:
        return ["/" + route]
    choices = []
    for converter, _name in slots:
        if converter == "int":
            choices.append([*archive["ids"], *INTS])
        elif converter == "slug":
            choices.append([*archive["slugs"], *SLUGS])
        else:
            choices.append([*archive["ids"], *PATHS])
    paths = []
    # Each parameter in turn takes every value while the others keep a real one.
    for position, values in enumerate(choices):
        for value in values:
            filled = [value if i == position else options[0] for i, options in enumerate(choices)]
            paths.append(fill(route, iter(filled)))
    return sorted(set(paths))


def fill(route: str, values: Iterator[str]) -> str:
    return "/" + PARAMETER.sub(lambda _match: next(values), route)


def all_paths(archive) -> list[tuple[str, str | None]]:
    return [(path, name) for route, name, _entry in patterns() for path in paths_of(route, archive)]


def ask(client: Client, method: str, path: str, **extra):
    return getattr(client, method)(path, **extra)


def server_errors(responses) -> list[str]:
    return [f"{status} {what}" for status, what in responses if status >= 500]


def pages_read(archive) -> dict[str, str]:
    """A real page for every pattern (by its name): its parameters filled with real rows."""
    pages = {}
    for route, name, _entry in patterns():
        row = archive["rows"].get(name)
        values = (
            real_value(converter, row, archive) for converter, _name in PARAMETER.findall(route)
        )
        pages[name or route] = fill(route, values)
    return pages


def real_value(converter: str | None, row: int | None, archive) -> str:
    if converter == "slug":
        return archive["slugs"][0]
    if converter == "int" and row is not None:
        return str(row)
    return archive["ids"][0]


def site_pages(archive) -> dict[str, str]:
    return {
        name: page for name, page in pages_read(archive).items() if not page.startswith("/admin/")
    }


def one_at_a_time(archive) -> list[str]:
    """Each page with each parameter it reads hostile in turn, the others real."""
    valid = archive["valid"]
    cases = []
    for name, page in site_pages(archive).items():
        for parameter in READS.get(name, ()):
            for value in OF_KIND[KIND_OF[parameter]]:
                cases.append(f"{page}?{urlencode({**valid, parameter: value})}")
    return cases


def all_at_once(archive) -> list[str]:
    """Every page with every parameter hostile at once."""
    return [
        f"{page}?{urlencode(dict.fromkeys(QUERY, value))}"
        for page in site_pages(archive).values()
        for value in SAMPLE
    ]


def form_cases(name: str) -> list[dict[str, str]]:
    cases = [dict.fromkeys(FORM, value) for value in SAMPLE]
    if name in ACTED_ON:
        cases += [
            {**dict.fromkeys(FORM, value), "action": action}
            for action in ACTIONS
            for value in SAMPLE[:6]
        ]
    return cases
