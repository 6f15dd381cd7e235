"""A task whose worker was killed mid-run does not stay RUNNING in the task table for ever: its
result is marked failed once its file is found stalled or retried, and pruning can take it."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import UploadFile, UploadStatus
from tests.uploading import FERRY, uploaded

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


@pytest.fixture
def killed(admin_client):
    """A file a worker took, then died on: the file annotating, its task RUNNING."""
    (stuck,) = uploaded(admin_client, ("ferry.txt", FERRY))
    UploadFile.objects.filter(pk=stuck.pk).update(status=UploadStatus.ANNOTATING)
    DBTaskResult.objects.filter(id=stuck.task_id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )
    return stuck


def long_ago(settings) -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.NEWSDESK_UPLOAD_STALLED_AFTER + 1)


def task_status(upload: UploadFile) -> str:
    return DBTaskResult.objects.get(id=upload.task_id).status


def test_a_running_task_stays_running_while_its_file_shows_signs_of_life(admin_client, killed):
    admin_client.get(killed.batch.get_absolute_url())

    assert task_status(killed) == TaskResultStatus.RUNNING


def test_the_task_of_a_file_found_stalled_is_marked_failed(admin_client, killed, settings):
    UploadFile.objects.filter(pk=killed.pk).update(updated_at=long_ago(settings))

    admin_client.get(killed.batch.get_absolute_url())

    result = DBTaskResult.objects.get(id=killed.task_id)
    assert result.status == TaskResultStatus.FAILED
    assert "found stalled" in result.traceback


def test_the_task_of_a_retried_file_is_marked_failed(admin_client, killed, settings):
    old_task = killed.task_id
    UploadFile.objects.filter(pk=killed.pk).update(
        status=UploadStatus.FAILED, updated_at=long_ago(settings)
    )

    admin_client.post(f"/uploads/files/{killed.pk}/retry/")

    assert DBTaskResult.objects.get(id=old_task).status == TaskResultStatus.FAILED


def test_pruning_removes_an_abandoned_task_once_it_is_old(admin_client, killed, settings):
    UploadFile.objects.filter(pk=killed.pk).update(updated_at=long_ago(settings))
    admin_client.get(killed.batch.get_absolute_url())
    DBTaskResult.objects.filter(id=killed.task_id).update(
        finished_at=timezone.now() - dt.timedelta(days=30)
    )

    call_command("prune_db_task_results", "--min-age-days", "14", verbosity=0)

    assert not DBTaskResult.objects.filter(id=killed.task_id).exists()
