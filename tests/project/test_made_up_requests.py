"""No URL answers 5xx for strings Hypothesis makes up, in a path, a query string or a form."""

from urllib.parse import quote as url_quoted

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.project.hostile import FORM, QUERY, ROLES, client_as

pytestmark = pytest.mark.django_db

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
