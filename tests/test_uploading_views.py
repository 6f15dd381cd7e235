"""The upload pages: the form, the recent uploads, and 403 for everyone but admins."""

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


def assert_every_upload_url_is_forbidden(client, stored: UploadFile) -> None:
    requests = [
        ("get", reverse("articles:uploads")),
        ("post", reverse("articles:uploads")),
        ("get", stored.batch.get_absolute_url()),
        ("post", reverse("articles:upload-retry", args=[stored.pk])),
        ("get", reverse("articles:upload-original", args=[stored.pk])),
    ]
    statuses = [(method, url, getattr(client, method)(url).status_code) for method, url in requests]

    assert statuses == [(method, url, 403) for method, url in requests]
    assert UploadFile.objects.get(pk=stored.pk).status == "failed"
    assert UploadBatch.objects.count() == 1


def test_anonymous_visitors_get_403_on_every_upload_url(client, failed_upload):
    assert_every_upload_url_is_forbidden(client, failed_upload)


def test_readers_get_403_on_every_upload_url(client, django_user_model, failed_upload):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))

    assert_every_upload_url_is_forbidden(client, failed_upload)
