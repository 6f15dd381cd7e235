"""`manage.py ingest_status`: how far queued files have got, and the upload page for them."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import UploadBatch, UploadStatus
from tests.uploading import feed_lines, queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(write_file):
    lines = feed_lines()
    return write_file("feed.jsonl", "\n".join([lines[0], lines[1], "", *lines[2:]]) + "\n")


def status(*args) -> str:
    out = StringIO()
    call_command("ingest_status", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.mark.usefixtures("database_queue")
def test_tasks_no_worker_has_taken_show_as_waiting(feed):
    queue(feed, pieces_per_task=2)
    batch = UploadBatch.objects.get()

    out = status(batch.pk)

    assert f"Upload {batch.pk} by manage.py ingest --queue" in out
    assert "files: 0 of 1 finished; pieces: 0 of 5 done" in out
    assert "tasks: 0 done, 0 already in the archive, 3 waiting, 0 annotating, 0 stalled" in out
    assert f"{feed}: 0 of 5 pieces done, 3 tasks: 3 waiting" in out


@pytest.mark.usefixtures("database_queue")
def test_stalled_and_failed_tasks_are_shown_with_where_and_why(feed):
    queue(feed, pieces_per_task=2)
    batch = UploadBatch.objects.get()
    first, second, third = batch.files.order_by("pk")
    long_ago = timezone.now() - dt.timedelta(hours=1)
    batch.files.filter(pk=first.pk).update(status=UploadStatus.DONE)
    batch.files.filter(pk=second.pk).update(
        status=UploadStatus.ANNOTATING, updated_at=long_ago, reason="1 piece done so far"
    )
    batch.files.filter(pk=third.pk).update(
        status=UploadStatus.FAILED, reason="Annotation stopped: the database went away"
    )

    out = status(batch.pk)

    assert "pieces: 2 of 5 done" in out
    assert "0 waiting, 0 annotating, 1 stalled, 1 failed" in out
    assert f"stalled: {feed} from line 4: no sign of life for a while (1 piece done so far)" in out
    assert f"failed: {feed} from line 6: Annotation stopped: the database went away" in out


@pytest.mark.usefixtures("immediate_tasks")
def test_finished_and_refused_files_are_counted_and_the_refusal_explained(feed, write_file):
    empty = write_file("empty.txt", "")
    with pytest.raises(CommandError):
        queue(feed, empty)
    batch = UploadBatch.objects.get()

    out = status(batch.pk)

    assert "files: 2 of 2 finished (1 refused); pieces: 5 of 5 done" in out
    assert f"{feed}: 5 of 5 pieces done, 1 task: 1 done" in out
    assert f"refused: {empty}: the file is empty" in out


@pytest.mark.usefixtures("immediate_tasks")
def test_waiting_ends_when_every_task_has_finished(feed):
    queue(feed)

    out = status("--wait", UploadBatch.objects.get().pk)

    assert "pieces: 5 of 5 done" in out


@pytest.mark.usefixtures("immediate_tasks")
def test_waiting_ends_with_exit_status_1_when_a_file_was_refused(feed, write_file):
    with pytest.raises(CommandError):
        queue(feed, write_file("empty.txt", ""))

    with pytest.raises(CommandError, match="failed, stalled or were refused"):
        status("--wait", UploadBatch.objects.get().pk)


@pytest.mark.usefixtures("database_queue")
def test_waiting_gives_up_after_the_timeout_when_no_worker_runs(feed):
    queue(feed)

    with pytest.raises(CommandError, match="Not finished after 0 s"):
        status("--wait", "--timeout", "0")


@pytest.mark.usefixtures("database_queue")
def test_without_an_id_it_shows_every_batch_with_work_left(feed, write_file):
    queue(feed)
    queue(write_file("other.jsonl", feed_lines(["Tallinn"])[0]))
    first, second = UploadBatch.objects.order_by("pk")

    out = status()

    assert f"Upload {first.pk} by" in out
    assert f"Upload {second.pk} by" in out


def test_an_unknown_batch_is_an_error():
    with pytest.raises(CommandError, match="There is no batch 404"):
        status(404)


@pytest.mark.usefixtures("database_queue")
def test_the_upload_page_shows_a_queued_batch_and_where_each_part_starts(feed, admin_client):
    queue(feed, pieces_per_task=2)
    batch = UploadBatch.objects.get()

    html = admin_client.get(batch.get_absolute_url()).content.decode()

    assert "By manage.py ingest --queue," in html
    assert "from line 4" in html
    assert "from line 6" in html


@pytest.mark.usefixtures("database_queue")
def test_tasks_left_waiting_long_ask_whether_a_worker_runs(feed):
    queue(feed, pieces_per_task=2)
    batch = UploadBatch.objects.get()
    batch.files.update(updated_at=timezone.now() - dt.timedelta(hours=1))

    assert "is `manage.py db_worker` running?" in status(batch.pk)


@pytest.mark.usefixtures("database_queue")
def test_tasks_waiting_their_turn_while_a_worker_annotates_raise_no_alarm(feed):
    queue(feed, pieces_per_task=2)
    batch = UploadBatch.objects.get()
    first = batch.files.order_by("pk")[0]
    batch.files.exclude(pk=first.pk).update(updated_at=timezone.now() - dt.timedelta(hours=1))
    batch.files.filter(pk=first.pk).update(status=UploadStatus.ANNOTATING)

    assert "db_worker" not in status(batch.pk)
