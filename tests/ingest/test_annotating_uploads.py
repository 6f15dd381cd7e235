"""What a task makes of an accepted file: the verdict, progress, failures, retries, running twice.

Where a test needs the queue itself, tasks wait in the database until the test runs them, as a
worker would; elsewhere they run inside the request.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.ingest import annotating_uploads, service, tasks
from articles.ingest.service import CREATED, UNCHANGED, IngestReport, Outcome, ingest_paths
from articles.models import Article, UploadFile, UploadStatus
from tests.conftest import SEED
from tests.uploading import FERRY, FERRY_HEADLINE, HTMX, JSON_LINES, uploaded

pytestmark = pytest.mark.django_db

NOTHING_TO_DO = "nothing to do: finished already, or retried since"


def a_while_ago(settings) -> dt.datetime:
    """Longer ago than a file may go without a sign of life."""
    return timezone.now() - dt.timedelta(seconds=settings.NEWSDESK_UPLOAD_STALLED_AFTER + 1)


@pytest.mark.usefixtures("immediate_tasks")
def test_the_same_piece_again_is_reported_as_already_in_the_archive(admin_client):
    (first,) = uploaded(admin_client, ("seed.txt", SEED.read_bytes()))
    (again,) = uploaded(admin_client, ("copy-of-seed.txt", SEED.read_bytes()))

    assert first.status == "done"
    assert again.status == "unchanged"
    assert again.reason == "1 already in the archive"
    stored = Article.objects.get()
    assert list(first.articles.all()) == [stored]
    assert list(again.articles.all()) == [stored]
    page = admin_client.get(again.batch.get_absolute_url()).content.decode()
    assert "Already in the archive" in page
    assert "Pakistan Military Backs Afghan Peace Talks" in page


@pytest.mark.usefixtures("database_queue")
def test_the_batch_page_polls_until_every_file_is_finished(admin_client):
    (queued,) = uploaded(admin_client, ("ferry.txt", FERRY))

    assert queued.status == "queued"
    assert DBTaskResult.objects.get(id=queued.task_id).status == "READY"
    url = queued.batch.get_absolute_url()
    fragment = admin_client.get(url, **HTMX).content.decode()
    assert "<html" not in fragment
    assert fragment.lstrip().startswith('<div id="upload-files"')
    assert 'hx-trigger="every 2s"' in fragment
    assert "0 of 1 file finished" in fragment

    tasks.annotate_upload_file.call(queued.pk, queued.attempt)  # what a worker does

    finished = admin_client.get(url, **HTMX).content.decode()
    assert "hx-trigger" not in finished
    assert 'data-finished="true"' in finished
    assert FERRY_HEADLINE in finished
    full = admin_client.get(url).content.decode()
    assert "<html" in full
    assert "hx-trigger" not in full


@pytest.mark.usefixtures("immediate_tasks")
def test_a_failed_task_is_shown_failed_and_succeeds_on_retry(admin_client, monkeypatch):
    real_ingest = service.ingest_pieces
    calls = []

    def flaky_ingest(pieces, **options):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the database went away")
        return real_ingest(pieces, **options)

    monkeypatch.setattr(annotating_uploads, "ingest_pieces", flaky_ingest)
    (failed,) = uploaded(admin_client, ("ferry.txt", FERRY))

    assert failed.status == "failed"
    assert failed.reason == "Annotation stopped: the database went away"
    assert not Article.objects.exists()
    page = admin_client.get(failed.batch.get_absolute_url()).content.decode()
    retry_url = reverse("articles:upload-retry", args=[failed.pk])
    assert f'action="{retry_url}"' in page
    assert f'hx-post="{retry_url}"' in page

    response = admin_client.post(retry_url, **HTMX)

    failed.refresh_from_db()
    assert (failed.status, failed.attempt, failed.reason) == ("done", 2, "1 article added")
    assert failed.articles.get().headline == FERRY_HEADLINE
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<div id="upload-files"')
    assert "Retry" not in fragment
    # Only failed files can be retried; without HTMX the answer is a redirect with a message.
    again = admin_client.post(retry_url, follow=True)
    assert "cannot be retried" in again.content.decode()
    assert UploadFile.objects.get(pk=failed.pk).attempt == 2


@pytest.mark.usefixtures("database_queue")
def test_a_task_run_twice_or_late_changes_nothing(admin_client):
    (queued,) = uploaded(admin_client, ("ferry.txt", FERRY))

    first = annotating_uploads.annotate_upload(file_id=queued.pk, attempt=1)
    second = annotating_uploads.annotate_upload(file_id=queued.pk, attempt=1)
    stale = annotating_uploads.annotate_upload(file_id=queued.pk, attempt=0)

    assert first.startswith("1 piece: 1 created")
    assert second == NOTHING_TO_DO
    assert stale == NOTHING_TO_DO
    queued.refresh_from_db()
    assert queued.status == "done"
    assert Article.objects.count() == 1


@pytest.mark.usefixtures("database_queue")
def test_an_interrupted_run_can_be_run_again(admin_client):
    (queued,) = uploaded(admin_client, ("ferry.txt", FERRY))
    UploadFile.objects.filter(pk=queued.pk).update(status=UploadStatus.ANNOTATING)

    annotating_uploads.annotate_upload(file_id=queued.pk, attempt=1)

    queued.refresh_from_db()
    assert queued.status == "done"
    assert Article.objects.count() == 1


@pytest.mark.usefixtures("database_queue")
def test_a_file_whose_worker_died_is_shown_stalled_and_can_be_retried(admin_client, settings):
    (stuck,) = uploaded(admin_client, ("ferry.txt", FERRY))
    url = stuck.batch.get_absolute_url()
    retry_url = reverse("articles:upload-retry", args=[stuck.pk])
    # A worker took the file and was killed: the row says annotating, and nothing moves.
    UploadFile.objects.filter(pk=stuck.pk).update(status=UploadStatus.ANNOTATING)

    fresh = admin_client.get(url).content.decode()
    assert "Stalled" not in fresh
    assert retry_url not in fresh
    assert admin_client.post(retry_url).status_code == 302  # refused: it may still be running
    assert UploadFile.objects.get(pk=stuck.pk).attempt == 1

    UploadFile.objects.filter(pk=stuck.pk).update(updated_at=a_while_ago(settings))
    page = admin_client.get(url).content.decode()
    assert "Stalled" in page
    assert "its worker may have stopped" in page
    assert f'hx-post="{retry_url}"' in page

    admin_client.post(retry_url, **HTMX)
    tasks.annotate_upload_file.call(stuck.pk, 2)  # what a worker does
    # The dead run's attempt is outdated: were it alive after all, it would record nothing.
    late = annotating_uploads.annotate_upload(file_id=stuck.pk, attempt=1)
    assert late == NOTHING_TO_DO

    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempt) == ("done", 2)
    assert Article.objects.count() == 1


@pytest.mark.usefixtures("database_queue")
def test_a_file_no_worker_takes_asks_whether_one_is_running(admin_client, settings):
    (queued,) = uploaded(admin_client, ("ferry.txt", FERRY))
    assert "db_worker" not in admin_client.get(queued.batch.get_absolute_url()).content.decode()

    UploadFile.objects.filter(pk=queued.pk).update(updated_at=a_while_ago(settings))

    page = admin_client.get(queued.batch.get_absolute_url()).content.decode()
    assert "No worker has taken this file" in page
    assert "manage.py db_worker" in page


@pytest.mark.usefixtures("database_queue")
def test_a_long_annotation_shows_signs_of_life(admin_client, monkeypatch):
    (queued,) = uploaded(admin_client, ("news.jsonl", JSON_LINES))
    long_ago = timezone.now() - dt.timedelta(hours=1)
    beats = []
    real_beat = annotating_uploads.heartbeat

    def beat_every_piece(**ids):
        beat = real_beat(**ids)

        def record(outcome):
            UploadFile.objects.filter(pk=queued.pk).update(updated_at=long_ago)
            beat(outcome)
            beats.append(UploadFile.objects.values_list("updated_at", "reason").get(pk=queued.pk))

        return record

    monkeypatch.setattr(annotating_uploads, "HEARTBEAT_SECONDS", 0)
    monkeypatch.setattr(annotating_uploads, "heartbeat", beat_every_piece)
    annotating_uploads.annotate_upload(file_id=queued.pk, attempt=1)

    assert [when > long_ago for when, _ in beats] == [True, True]
    assert [reason for _, reason in beats] == ["1 piece done so far", "2 pieces done so far"]
    queued.refresh_from_db()
    assert queued.reason == "2 articles added"


@pytest.mark.usefixtures("database_queue")
def test_of_two_runs_at_once_the_better_verdict_stands(admin_client):
    (queued,) = uploaded(admin_client, ("ferry.txt", FERRY))
    article = ingest_paths([str(SEED)]).outcomes[0].article
    created = IngestReport([Outcome("ferry.txt", CREATED, "Ferry", article)])
    # The other run saw the piece stored meanwhile, so for it the piece was unchanged.
    unchanged = IngestReport([Outcome("ferry.txt", UNCHANGED, "Ferry")])

    annotating_uploads.record_verdict(file_id=queued.pk, attempt=1, report=created)
    annotating_uploads.record_verdict(file_id=queued.pk, attempt=1, report=unchanged)

    queued.refresh_from_db()
    assert queued.status == "done"
    assert list(queued.articles.all()) == [article]
