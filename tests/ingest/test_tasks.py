"""The queue's workers: uploads and queued ingests annotated by `manage.py db_worker`, and
re-annotation in the background, queued from the admin."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from articles.ingest.service import ingest_paths
from articles.models import Article, Mention, Origin, UploadFile
from tests.conftest import SEED
from tests.uploading import FERRY, HEADLINES, JSON_LINES, feed_lines, queue, uploaded


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue")
def test_the_database_worker_runs_queued_uploads(admin_client):
    files = uploaded(admin_client, ("ferry.txt", FERRY), ("news.jsonl", JSON_LINES))
    assert [f.status for f in files] == ["queued", "queued"]

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    assert [f.status for f in UploadFile.objects.order_by("pk")] == ["done", "done"]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert Article.objects.count() == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue")
def test_a_queued_feed_waits_as_one_task_a_part_until_a_worker_stores_it(write_file):
    feed = write_file("feed.jsonl", "\n".join(feed_lines()) + "\n")
    queue(feed, pieces_per_task=2)

    # Three tasks any worker may take, so that workers on several machines share one file.
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["READY"] * 3
    assert not Article.objects.exists()

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert sorted(Article.objects.values_list("headline", flat=True)) == sorted(HEADLINES)


@pytest.mark.django_db
@pytest.mark.usefixtures("immediate_tasks")
def test_reannotation_queued_from_the_admin_keeps_editors_mentions(admin_client):
    ingest_paths([str(SEED)])
    article = Article.objects.get()
    kept = Mention.objects.filter(article=article)[0]
    Mention.objects.filter(pk=kept.pk).update(origin=Origin.EDITOR)
    before = article.annotated_at

    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "reannotate", "_selected_action": [article.pk]},
        follow=True,
    )

    assert "Queued re-annotation of 1 article." in response.content.decode()
    article.refresh_from_db()
    assert before is not None
    assert article.annotated_at is not None
    assert article.annotated_at > before
    assert Article.objects.count() == 1
    assert Mention.objects.filter(pk=kept.pk, origin=Origin.EDITOR).exists()
