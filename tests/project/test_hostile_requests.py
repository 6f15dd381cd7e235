"""No URL answers 5xx, whatever is put in its path, query string or form, by whoever asks.

Every URL pattern the site has (the admin's included) is asked for with hostile values in each
path parameter, each query parameter a page reads and each field a form posts: NUL characters,
digits `str.isdigit()` takes and `int()` refuses, numbers past PostgreSQL's integers, years
outside 1..9999, malformed cursors and dates, markup, very long strings (test_made_up_requests
adds strings Hypothesis makes up). Each is asked as a reader (no account), an editor and an
admin. Reading pages answer only GET and HEAD.
"""

import itertools
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.project.hostile import (
    QUERY,
    READING,
    ROLES,
    SAMPLE,
    all_at_once,
    all_paths,
    ask,
    client_as,
    form_cases,
    one_at_a_time,
    pages_read,
    server_errors,
    site_pages,
)

pytestmark = pytest.mark.django_db


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
