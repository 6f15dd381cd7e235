"""The API describes itself: an OpenAPI 3 schema naming every operation, and a docs page that
works offline, from the site's own files."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
OPERATIONS = {
    "/api/articles",
    "/api/articles/{slug}",
    "/api/entities",
    "/api/entities/{slug}",
    "/api/quotes",
    "/api/quotes/{quote_id}/appearances",
    "/api/dates/{period}",
}


def test_the_schema_is_openapi_3(client):
    schema = client.get(reverse("api:openapi-json")).json()

    assert schema["openapi"].startswith("3.")


def test_the_schema_names_every_operation(client):
    schema = client.get(reverse("api:openapi-json")).json()

    assert set(schema["paths"]) == OPERATIONS


def test_every_operation_only_reads(client):
    schema = client.get(reverse("api:openapi-json")).json()

    assert {method for path in schema["paths"].values() for method in path} == {"get", "head"}


def test_every_answer_is_described(client):
    schema = client.get(reverse("api:openapi-json")).json()
    described = [
        "$ref" in operation["responses"]["200"]["content"]["application/json"]["schema"]
        for path in schema["paths"].values()
        for operation in path.values()
    ]

    assert all(described)


def test_every_list_is_paged(client):
    schema = client.get(reverse("api:openapi-json")).json()
    components = schema["components"]["schemas"]
    lists = [
        components[ref.rsplit("/", 1)[-1]]
        for path, item in schema["paths"].items()
        if "{slug}" not in path
        for ref in [
            item["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        ]
    ]

    assert all("next" in component["properties"] for component in lists)


def test_the_docs_load_nothing_from_elsewhere(client):
    page = client.get(reverse("api:openapi-view")).content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)

    assert [address for address in addresses if not address.startswith("/static/")] == []
