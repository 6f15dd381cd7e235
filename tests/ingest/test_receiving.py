"""Receiving uploads over HTTP: every kind of file, and the checks that refuse a file or an upload.

Uploads are annotated inside the request here (the immediate task backend), so a test sees what
became of each file at once.
"""

import pytest
from django.urls import reverse

from articles.models import Article, Mention, UploadBatch
from tests.conftest import SEED
from tests.uploading import (
    FERRY,
    JSON_LINES,
    RAIL_PAGE,
    WORD_PARAGRAPHS,
    assert_refused_alone,
    docx_bytes,
    upload,
    uploaded,
    zip_bytes,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


def test_each_format_and_a_zip_of_them_become_articles(admin_client):
    bundle = zip_bytes(
        {
            "bundle/ferry.txt": FERRY,
            "bundle/rail.html": RAIL_PAGE,
            "bundle/glacier.docx": docx_bytes(),
            "__MACOSX/._ferry.txt": b"\x00",
        }
    )
    files = uploaded(
        admin_client,
        ("seed.txt", SEED.read_bytes()),
        ("rail.html", RAIL_PAGE.replace(b"Lyon", b"Lille")),
        ("news.jsonl", JSON_LINES),
        (
            "glacier.docx",
            docx_bytes([*WORD_PARAGRAPHS[:2], "Snow fell early in Zermatt.", *WORD_PARAGRAPHS[2:]]),
        ),
        ("bundle.zip", bundle),
    )

    assert [(f.name, f.status) for f in files] == [
        ("seed.txt", "done"),
        ("rail.html", "done"),
        ("news.jsonl", "done"),
        ("glacier.docx", "done"),
        ("bundle.zip", "done"),
    ], [f.reason for f in files]
    assert Article.objects.count() == 8
    assert [f.pieces for f in files] == [1, 1, 2, 1, 3]
    assert files[2].reason == "2 articles added"
    assert {a.headline for a in files[2].articles.all()} == {
        "Drought Cuts Harvest in Kenya",
        "Museum Reopens in Oslo",
    }
    word = files[3].articles.get()
    assert word.headline == "Glacier Retreat Alarms Swiss Scientists"
    assert word.byline == "Lukas Meier"
    assert word.body.startswith("Snow fell early in Zermatt.")
    assert Mention.objects.filter(article=word, entity__name="ETH Zurich").exists()
    assert sorted(a.origin_name for a in files[4].articles.all()) == [
        "bundle.zip/bundle/ferry.txt",
        "bundle.zip/bundle/glacier.docx",
        "bundle.zip/bundle/rail.html",
    ]
    # The original is kept, byte for byte, and an admin can download it.
    response = admin_client.get(reverse("articles:upload-original", args=[files[4].pk]))
    assert response.content == bundle
    assert "bundle.zip" in response["Content-Disposition"]


REFUSED = {
    "empty": ("empty.txt", b"", "the file is empty"),
    "blank": ("blank.txt", b" \n\n ", "the file is empty"),
    "binary": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary, not text"),
    "wrong-encoding": (
        "latin1.txt",
        "Café Owners Protest\n\nThe café owners of Málaga protested on Monday.".encode("latin-1"),
        "not UTF-8 text",
    ),
    "unsupported": ("report.pdf", b"%PDF-1.7", "not a kind of file Newsdesk reads"),
    "bad-json-line": (
        "feed.jsonl",
        JSON_LINES + b'{"title": "Cut off\n',
        "feed.jsonl:3: malformed",
    ),
}


@pytest.mark.parametrize("refused", REFUSED.values(), ids=REFUSED.keys())
def test_bad_files_are_refused_with_a_clear_message_and_leave_nothing(admin_client, refused):
    assert_refused_alone(admin_client, *refused)


def test_oversized_files_are_refused_before_they_are_read(admin_client, settings):
    settings.NEWSDESK_UPLOAD_MAX_FILE_BYTES = 1000
    (refused,) = uploaded(admin_client, ("long.txt", FERRY * 10))

    assert refused.status == "failed"
    assert refused.original is None
    assert refused.reason == "Refused: the file is 2.6 KB; the limit is 1000 bytes a file"
    assert not Article.objects.exists()


def test_an_upload_over_the_total_limit_stores_nothing(admin_client, settings):
    settings.NEWSDESK_UPLOAD_MAX_TOTAL_BYTES = 500
    response = upload(admin_client, ("a.txt", FERRY), ("b.txt", FERRY))

    assert response.status_code == 400
    assert "the limit is 500 bytes for one upload" in response.content.decode()
    assert not UploadBatch.objects.exists()
    assert not Article.objects.exists()


def test_an_upload_without_files_is_refused(admin_client):
    response = admin_client.post(reverse("articles:uploads"), {})

    assert response.status_code == 400
    assert "Choose at least one file." in response.content.decode()
