"""The upload pages: the form, the recent uploads; anonymous visitors sent to log in, 403 for
everyone else but admins."""

import pytest
from django.urls import reverse

from articles.models import UploadBatch, UploadFile, UploadStatus
from tests.uploading import FERRY, uploaded

pytestmark = pytest.mark.django_db


def test_the_upload_page_takes_many_files_and_lists_recent_uploads(admin_client):
    (stored,) = uploaded(admin_client, ("ferry.txt", FERRY))
    html = admin_client.get(reverse("articles:uploads")).content.decode()

    assert 'type="file" id="id_files" name="files" multiple' in html
    assert 'enctype="multipart/form-data"' in html
    assert "newsdesk/uploads.js" in html
    assert "<script>" not in html
    assert "hx-on" not in html
    batch = stored.batch
    assert f'<a href="{batch.get_absolute_url()}">Upload {batch.pk}</a>' in html
    assert "admin · 1 file" in html


@pytest.fixture
def failed_upload(admin_client) -> UploadFile:
    """A stored file that failed: one an admin could retry and download."""
    (stored,) = uploaded(admin_client, ("ferry.txt", FERRY))
    UploadFile.objects.filter(pk=stored.pk).update(status=UploadStatus.FAILED)
    return stored


def assert_every_upload_url_is_refused(client, stored: UploadFile, outcome: str) -> None:
    requests = [
        ("get", reverse("articles:uploads")),
        ("post", reverse("articles:uploads")),
        ("get", stored.batch.get_absolute_url()),
        ("post", reverse("articles:upload-retry", args=[stored.pk])),
        ("get", reverse("articles:upload-original", args=[stored.pk])),
    ]
    outcomes = [(method, url, outcome_of(getattr(client, method)(url))) for method, url in requests]

    assert outcomes == [(method, url, outcome) for method, url in requests]
    assert UploadFile.objects.get(pk=stored.pk).status == "failed"
    assert UploadBatch.objects.count() == 1


def outcome_of(response) -> str:
    """The log-in page with a way back, or a status code."""
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/?next="):
        return "log in"
    return str(response.status_code)


def test_anonymous_visitors_are_sent_to_log_in_from_every_upload_url(client, failed_upload):
    assert_every_upload_url_is_refused(client, failed_upload, "log in")


def test_readers_get_403_on_every_upload_url(client, django_user_model, failed_upload):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))

    assert_every_upload_url_is_refused(client, failed_upload, "403")
