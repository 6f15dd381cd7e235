"""No URL answers 5xx, whatever is put in its path, query string or form, by whoever asks.

Every URL pattern the site has (the admin's included) is asked for with hostile values in each
path parameter, each query parameter a page reads and each field a form posts: NUL characters,
digits `str.isdigit()` takes and `int()` refuses, numbers past PostgreSQL's integers, years
outside 1..9999, malformed cursors and dates, markup, very long strings; then with strings
Hypothesis makes up. Each is asked as a reader (no account), an editor and an admin. Reading
pages answer only GET and HEAD.
"""

from __future__ import annotations

import base64
import itertools
import re
from collections.abc import Iterator
from urllib.parse import quote as url_quoted
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.editing import mentions as mention_corrections
from articles.models import Alias, UploadBatch, UploadFile, UploadStatus
from articles.permissions import editors_group
from tests.factories import date_mention, make_article, make_entity, mention, quote

pytestmark = pytest.mark.django_db

BODY = "Ashraf Ghani said talks in Kabul would resume in June 2020. Kabul agreed."

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
    "o",
    "p",
    "e",
    "_changelist_filters",
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
    "entity": ["cursor", "mention", "article"],
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
}
KIND_OF = {"mention": "number", "page": "number", "cursor": "cursor", "from": "date", "to": "date"}
KIND_OF |= {name: "text" for name in QUERY if name not in KIND_OF}
# The pages whose form says what to do in an `action` field.
ACTED_ON = {"edit-mention", "edit-quote", "edit-date", "edit-entity"}
READING = {"article-list", "article", "entity", "people", "places", "organisations", "changes"}
READING |= {"timeline", "date-year", "date-month", "date-day"}
ROLES = ("reader", "editor", "admin")


@pytest.fixture
def archive():
    article = make_article(headline="Talks resume in Kabul", body=BODY, slug="talks-resume")
    kabul = make_entity(name="Kabul", kind="PLACE", slug="kabul")
    ghani = make_entity(name="Ashraf Ghani", kind="PERSON", slug="ashraf-ghani")
    Alias.objects.create(entity=ghani, name="Ghani")
    speaker = mention(article, ghani, "Ashraf Ghani")
    kabul_mention = mention(article, kabul, "Kabul")
    mention(article, kabul, "Kabul", occurrence=1)
    date_mention(article, "June 2020", "2020-06-01", "2020-06-30", "month")
    said = quote(article, "talks in Kabul would resume in June 2020", ghani, kind="indirect")
    said.speaker_mention = speaker
    said.save()
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(editors_group())
    admin = User.objects.create_superuser("admin", password="pw")
    correction = mention_corrections.relabel_mention(
        mention_id=kabul_mention.pk, version=kabul_mention.version, kind="ORG", editor=editor
    )
    batch = UploadBatch.objects.create(uploader=admin)
    upload = UploadFile.objects.create(
        batch=batch, name="a.txt", size=3, original=b"abc", status=UploadStatus.FAILED
    )
    return {
        "users": {"editor": editor, "admin": admin},
        "ids": [str(row.pk) for row in (speaker, said, correction, batch, upload)],
        # The real row each page of the site is about.
        "rows": {
            "edit-mention": speaker.pk,
            "edit-quote": said.pk,
            "edit-date": article.dates.get().pk,
            "undo": correction.pk,
            "redo": correction.pk,
            "elsewhere": correction.pk,
            "upload-batch": batch.pk,
            "upload-retry": upload.pk,
            "upload-original": upload.pk,
        },
        "slugs": [article.slug, kabul.slug, ghani.slug],
        "valid": {
            "entity": ghani.slug,
            "mention": str(speaker.pk),
            "article": article.slug,
            "into": kabul.slug,
        },
    }


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
        return str(pattern._route)
    assert isinstance(pattern, RegexPattern)
    regex = str(pattern._regex).removeprefix("^").removesuffix("$").removesuffix("\\Z")
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


@pytest.mark.parametrize("role", ROLES)
def test_no_path_parameter_gives_a_server_error(archive, role):
    client = client_as(role, archive)
    # The admin's pages send anyone but an admin to its log-in page, as a reader.
    paths = [
        path
        for path, _name in all_paths(archive)
        if role != "editor" or not path.startswith("/admin/")
    ]
    responses = [(ask(client, "get", path).status_code, f"GET {path}") for path in paths]

    assert server_errors(responses) == []


def pages_read(archive) -> dict[str | None, str]:
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


@pytest.mark.parametrize("role", ["reader", "editor"])
def test_no_query_parameter_gives_a_server_error(archive, role):
    """An admin sees these pages as an editor does (and the admin's own lists, below)."""
    client = client_as(role, archive)
    responses = [
        (ask(client, "get", url).status_code, f"GET {url[:200]}") for url in one_at_a_time(archive)
    ]

    assert server_errors(responses) == []


@pytest.mark.parametrize(
    ("role", "method"), [("reader", "get"), ("editor", "get"), ("admin", "get"), ("reader", "head")]
)
def test_no_page_gives_a_server_error_with_every_parameter_hostile(archive, role, method):
    client = client_as(role, archive)
    responses = [
        (ask(client, method, url).status_code, f"{method.upper()} {url[:200]}")
        for url in all_at_once(archive)
    ]

    assert server_errors(responses) == []


def test_no_query_parameter_of_the_admin_gives_a_server_error(archive):
    client = client_as("admin", archive)
    lists = [
        page
        for name, page in pages_read(archive).items()
        if page.startswith("/admin/") and (name or "").endswith("_changelist")
    ]
    responses = []
    for page, value in itertools.product(lists, SAMPLE):
        response = ask(client, "get", f"{page}?{urlencode(dict.fromkeys(QUERY, value))}")
        responses.append((response.status_code, f"GET {page} {value[:40]!r}"))

    assert len(lists) >= 15
    assert server_errors(responses) == []


def form_cases(name: str) -> list[dict[str, str]]:
    cases = [dict.fromkeys(FORM, value) for value in SAMPLE]
    if name in ACTED_ON:
        cases += [
            {**dict.fromkeys(FORM, value), "action": action}
            for action in ACTIONS
            for value in SAMPLE[:6]
        ]
    return cases


@pytest.mark.parametrize("role", ROLES)
def test_no_form_field_gives_a_server_error(archive, role):
    client = client_as(role, archive)
    responses = []
    for name, page in site_pages(archive).items():
        if name in READING:
            continue  # they refuse POST, see below
        for form in form_cases(name):
            response = client.post(page, form)
            responses.append((response.status_code, f"POST {page} {str(form)[:120]}"))

    assert server_errors(responses) == []


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_reading_pages_answer_only_get_and_head(archive, method):
    client = client_as("editor", archive)
    reading = [page for name, page in pages_read(archive).items() if name in READING]

    statuses = {path: ask(client, method, path).status_code for path in reading}

    assert len(statuses) == len(READING)
    assert set(statuses.values()) == {405}


def test_a_nul_anywhere_is_refused_with_a_page_that_says_why(archive):
    response = Client().get("/", {"q": "\x00"})

    assert response.status_code == 400
    assert "NUL character" in response.text


def test_a_date_past_what_a_calendar_holds_is_not_found(archive):
    client = client_as("reader", archive)
    statuses = [
        client.get(path).status_code
        for path in ("/dates/9999/12/31/", "/dates/1/1/1/", "/dates/99999999999999999999/")
    ]
    calendar_edges = [client.get(path).status_code for path in ("/dates/9999/", "/dates/1/1/")]

    assert statuses[2] == 404
    assert statuses[:2] == [200, 200]
    assert calendar_edges == [200, 200]


# -- made-up strings -------------------------------------------------------------------------------
# Any character a URL can carry (surrogates cannot be encoded in one).
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
GENERATED = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@GENERATED
@given(
    role=st.sampled_from(ROLES),
    page=st.sampled_from(["/", "/articles/talks-resume/", "/entities/ashraf-ghani/", "/people/"]),
    name=st.sampled_from(QUERY),
    value=ANY_TEXT,
)
def test_made_up_query_values_give_no_server_error(archive, role, page, name, value):
    response = client_as(role, archive).get(page, {**archive["valid"], name: value})

    assert response.status_code < 500


@GENERATED
@given(
    role=st.sampled_from(ROLES),
    route=st.sampled_from(
        ["/admin/articles/article/{}/change/", "/entities/{}/", "/dates/{}/", "/edit/entities/{}/"]
    ),
    value=ANY_TEXT.filter(bool),
)
def test_made_up_path_values_give_no_server_error(archive, role, route, value):
    response = client_as(role, archive).get(route.format(url_quoted(value, safe="")))

    assert response.status_code < 500


@GENERATED
@given(
    page=st.sampled_from(
        [
            "/edit/entities/ashraf-ghani/",
            "/edit/articles/talks-resume/mentions/",
            "/edit/articles/talks-resume/dates/",
            "/edit/articles/talks-resume/quotes/",
        ]
    ),
    form=st.dictionaries(st.sampled_from(FORM), ANY_TEXT, max_size=6),
)
def test_made_up_form_values_give_no_server_error(archive, page, form):
    response = client_as("editor", archive).post(page, form)

    assert response.status_code < 500
