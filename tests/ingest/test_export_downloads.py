"""Admins download exports from the browser; nobody else may."""

import csv
import io
import json

import pytest
import spacy
from django.contrib.auth.models import User
from django.urls import reverse
from spacy.tokens import DocBin

from tests.factories import make_article, make_entity, mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    kabul = make_entity(name="Kabul", kind="PLACE", slug="kabul")
    mention(make_article(slug="in-kabul", published="2020-06-01"), kabul, "Kabul")
    make_article(slug="elsewhere", body="Doha.", published="2019-06-01")


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    return client


def download(client, **query) -> bytes:
    response = client.get(reverse("articles:export"), query)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_an_admin_downloads_json_lines(admin_client, archive):
    lines = download(admin_client, format="jsonl").decode().splitlines()

    assert [json.loads(line)["id"] for line in lines] == ["in-kabul", "elsewhere"]


def test_the_download_is_an_attachment(admin_client, archive):
    response = admin_client.get(reverse("articles:export"), {"format": "csv"})

    assert response.headers["Content-Disposition"].startswith('attachment; filename="newsdesk-')


def test_an_admin_downloads_csv_filtered_by_entity(admin_client, archive):
    text = download(admin_client, format="csv", entity="kabul").decode()

    assert [(row["article"], row["text"]) for row in csv.DictReader(io.StringIO(text))] == [
        ("in-kabul", "Kabul")
    ]


def test_an_admin_downloads_a_docbin(admin_client, archive):
    docbin = DocBin().from_bytes(download(admin_client, format="docbin", since="2020-01-01"))

    assert [doc.user_data["id"] for doc in docbin.get_docs(spacy.blank("en").vocab)] == ["in-kabul"]


def test_an_unknown_entity_is_said_so(admin_client, archive):
    response = admin_client.get(reverse("articles:export"), {"format": "csv", "entity": "nobody"})

    assert response.status_code == 400
    assert "No entity answers to “nobody”." in response.content.decode()


def test_the_page_offers_each_format(admin_client, archive):
    html = admin_client.get(reverse("articles:export")).content.decode()

    assert html.count('name="format"') == 3


def test_an_editor_may_not_export(client, archive):
    client.force_login(User.objects.create_user("amina", password="pw"))

    response = client.get(reverse("articles:export"), {"format": "jsonl"})

    assert response.status_code == 403


def test_a_reader_is_sent_to_log_in(client, archive):
    response = client.get(reverse("articles:export"), {"format": "jsonl"})

    assert response.status_code == 302
