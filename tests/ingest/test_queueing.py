"""`manage.py ingest --queue`: files checked as uploads are, stored as a batch, run as tasks.

Tasks run on the immediate backend here (inside the command), so a test sees the archive as the
workers would leave it; test_tasks.py runs the database queue with a worker.
"""

import io

import pytest
from django.core.management import CommandError

from articles.models import Article, UploadBatch
from tests.uploading import FERRY, FERRY_HEADLINE, HEADLINES, feed_lines, queue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


@pytest.fixture
def feed(write_file):
    return write_file("feed.jsonl", "\n".join(feed_lines()) + "\n")


def test_queued_files_are_stored_once_each(feed, write_file):
    ferry = write_file("ferry.txt", FERRY)

    out = queue(feed, ferry)

    assert sorted(Article.objects.values_list("headline", flat=True)) == sorted(
        [*HEADLINES, FERRY_HEADLINE]
    )
    batch = UploadBatch.objects.get()
    assert f"Queued 6 pieces in 2 tasks as upload {batch.pk};" in out


def test_queueing_the_same_files_again_stores_nothing_twice(feed):
    queue(feed, pieces_per_task=2)
    stored = set(Article.objects.values_list("pk", flat=True))

    out = queue(feed, pieces_per_task=2)

    assert set(Article.objects.values_list("pk", flat=True)) == stored
    again = UploadBatch.objects.all()[0]
    # Recorded as found in the archive, without a second copy of the bytes and without a task.
    assert list(again.files.values_list("status", "original", "task_id")) == [
        ("unchanged", None, ""),
        ("unchanged", None, ""),
        ("unchanged", None, ""),
    ]
    assert "Queued 0 pieces in 0 tasks" in out
    assert "; 5 already in the archive;" in out


def test_a_json_lines_file_is_cut_into_tasks_of_n_pieces_that_keep_its_line_numbers(write_file):
    lines = feed_lines()
    feed = write_file("feed.jsonl", "\n".join([lines[0], lines[1], "", *lines[2:]]) + "\n")

    queue(feed, pieces_per_task=2)

    batch = UploadBatch.objects.get()
    assert list(batch.files.values_list("first_line", "pieces", "status")) == [
        (1, 2, "done"),
        (4, 2, "done"),
        (6, 1, "done"),
    ]
    assert sorted(Article.objects.values_list("origin_name", flat=True)) == [
        f"{feed}:{line}" for line in (1, 2, 4, 5, 6)
    ]


def test_a_bad_file_is_refused_with_its_reason_and_the_others_go_on(feed, write_file, capsys):
    bad = write_file("bad.jsonl", '{"title": "No body here"}\n')

    with pytest.raises(CommandError, match="1 file refused"):
        queue(bad, feed)

    assert f'REFUSED {bad}: {bad}:1: no "body" or "text"' in capsys.readouterr().err
    assert sorted(Article.objects.values_list("headline", flat=True)) == sorted(HEADLINES)
    refused = UploadBatch.objects.get().files.get(name=str(bad))
    assert refused.status == "failed"
    assert refused.reason == f'Refused: {bad}:1: no "body" or "text"'
    assert refused.original is None


def test_a_path_matching_nothing_is_refused_and_the_others_go_on(feed, tmp_path, capsys):
    missing = tmp_path / "missing.txt"

    with pytest.raises(CommandError, match="1 file refused"):
        queue(missing, feed)

    assert f"REFUSED {missing}: no such file or folder" in capsys.readouterr().err
    assert Article.objects.count() == len(HEADLINES)


def test_a_file_over_the_size_limit_is_refused_while_a_feed_is_cut_under_it(
    feed, write_file, settings, capsys
):
    settings.NEWSDESK_UPLOAD_MAX_FILE_BYTES = 300
    long_text = write_file("long.txt", FERRY * 2)

    with pytest.raises(CommandError, match="1 file refused"):
        queue(long_text, feed)

    assert "long.txt: the file is 524 bytes; the limit is 300 bytes a file" in (
        capsys.readouterr().err
    )
    sizes = list(UploadBatch.objects.get().files.exclude(name=str(long_text)).values_list("size"))
    assert len(sizes) == 3
    assert max(size for (size,) in sizes) <= 300
    assert Article.objects.count() == len(HEADLINES)


def test_standard_input_is_queued_under_a_name_for_its_kind(monkeypatch):
    piped = ("\n".join(feed_lines()) + "\n").encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(piped)))

    queue("-")

    assert list(UploadBatch.objects.get().files.values_list("name", flat=True)) == ["stdin.jsonl"]
    assert Article.objects.count() == len(HEADLINES)


def test_reannotating_cannot_be_queued(feed):
    with pytest.raises(CommandError, match="cannot be queued"):
        queue(feed, reannotate=True)

    assert not UploadBatch.objects.exists()


def test_a_feed_line_over_the_size_limit_alone_is_refused(write_file, settings, capsys):
    settings.NEWSDESK_UPLOAD_MAX_FILE_BYTES = 100
    feed = write_file("feed.jsonl", "\n".join(feed_lines()) + "\n")

    with pytest.raises(CommandError, match="1 file refused"):
        queue(feed)

    assert f"{feed}: line 1 alone is over the limit of 100 bytes a task" in capsys.readouterr().err
    assert not Article.objects.exists()
