"""Uploads over HTTP: every format, the checks that refuse a file, the queue, retries, permissions.

Tasks run on Django's immediate backend here (inside the request), except where a test needs the
database queue itself.
"""

import datetime as dt
import io
import json
import stat
import zipfile

import docx
import pytest
from asgiref.local import Local
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.tasks import task_backends
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.ingest import annotating_uploads, tasks
from articles.ingest.service import CREATED, UNCHANGED, IngestReport, Outcome, ingest_paths
from articles.models import Article, Mention, Origin, UploadBatch, UploadFile, UploadStatus
from tests.conftest import SEED

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
IMMEDIATE = "django.tasks.backends.immediate.ImmediateBackend"
DATABASE = "django_tasks_db.DatabaseBackend"

FERRY = b"""Harbour Authority Opens New Ferry Terminal

By Ana Sousa

March 3, 2021

The Harbour Authority of Lisbon opened a new ferry terminal on Wednesday, officials said.

Mayor Carlos Moedas said the terminal would carry ten thousand passengers a day across the Tagus.
"""
RAIL_PAGE = b"""<!doctype html><html><head><title>Rail strike ends in Lyon</title>
<meta name="author" content="Claire Martin"></head>
<body><nav>Home | World</nav><article><h1>Rail strike ends in Lyon</h1>
<p>Train drivers in Lyon went back to work on Monday after a week-long strike over pay ended
with an agreement between the unions and the national rail company SNCF.</p>
<p>Commuters in the Rhone valley had faced cancelled trains and crowded buses, and the regional
council said services would return to normal by Wednesday.</p>
</article></body></html>"""
JSON_LINES = (
    json.dumps(
        {
            "title": "Drought Cuts Harvest in Kenya",
            "body": "Farmers near Nakuru lost half "
            "their maize to drought this year, the Kenyan agriculture ministry said.",
        }
    )
    + "\n"
    + json.dumps(
        {
            "title": "Museum Reopens in Oslo",
            "body": "The National Museum in Oslo "
            "reopened on Saturday after a two-year renovation, its director said.",
        }
    )
    + "\n"
).encode()
WORD_PARAGRAPHS = [
    "Glacier Retreat Alarms Swiss Scientists",
    "By Lukas Meier",
    "Researchers at ETH Zurich said on Tuesday that the Rhone Glacier lost more ice this summer "
    "than in any year since measurements began.",
    "The Swiss government will fund a new monitoring station near Gletsch, officials said.",
]


def use_task_backend(settings, backend: str) -> None:
    settings.TASKS = {"default": {"BACKEND": backend, "QUEUES": ["default"]}}
    # Django caches task backends and, unlike databases or caches, does not drop them when the
    # setting changes in a test.
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    use_task_backend(settings, IMMEDIATE)
    yield
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


def docx_bytes(paragraphs=WORD_PARAGRAPHS) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def upload(client, *files: tuple[str, bytes], **extra):
    return client.post(
        reverse("articles:uploads"),
        {"files": [SimpleUploadedFile(name, content) for name, content in files]},
        **extra,
    )


def uploaded(client, *files: tuple[str, bytes]) -> list[UploadFile]:
    response = upload(client, *files)
    assert response.status_code == 302, response.content[:2000]
    batch = UploadBatch.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
    return list(batch.files.order_by("pk"))


# Every format, and a zip of them


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


def test_the_same_piece_again_is_reported_as_already_in_the_archive(admin_client):
    (first,) = uploaded(admin_client, ("seed.txt", SEED.read_bytes()))
    (again,) = uploaded(admin_client, ("copy-of-seed.txt", SEED.read_bytes()))

    assert first.status == "done" and again.status == "unchanged"
    assert again.reason == "1 already in the archive"
    assert list(again.articles.all()) == list(first.articles.all()) == [Article.objects.get()]
    page = admin_client.get(again.batch.get_absolute_url()).content.decode()
    assert "Already in the archive" in page
    assert "Pakistan Military Backs Afghan Peace Talks" in page


# Files that are refused, and leave nothing behind


def bomb(size: int = 8 * 2**20) -> bytes:
    return zip_bytes({"zeros.txt": b"0" * size})


def symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


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
    "not-a-word-document": ("fake.docx", b"just text", "not a readable .zip archive"),
    "bad-json-line": (
        "feed.jsonl",
        JSON_LINES + b'{"title": "Cut off\n',
        "feed.jsonl:3: malformed",
    ),
    "zip-bomb": ("bomb.zip", bomb(), "looks like a zip bomb"),
    "dot-dot": ("evil.zip", zip_bytes({"../../etc/cron.d/x.txt": FERRY}), "an unsafe path"),
    "absolute": ("abs.zip", zip_bytes({"/etc/x.txt": FERRY}), "an unsafe path"),
    "backslashes": ("win.zip", zip_bytes({"a\\..\\..\\x.txt": FERRY}), "an unsafe path"),
    "symlink": ("link.zip", symlink_zip(), "a symbolic link"),
    "nested-zip": (
        "outer.zip",
        zip_bytes({"inner.zip": zip_bytes({"a.txt": FERRY})}),
        "archives inside archives",
    ),
    "one-bad-member": (
        "mixed.zip",
        zip_bytes({"good.txt": FERRY, "bad.txt": b"\x00\x01" * 9}),
        "mixed.zip/bad.txt: the file is binary",
    ),
    "empty-zip": ("nothing.zip", zip_bytes({"folder/": b""}), "no articles found"),
}


@pytest.mark.parametrize(("name", "content", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_bad_files_are_refused_with_a_clear_message_and_leave_nothing(
    admin_client, name, content, message
):
    files = uploaded(admin_client, (name, content), ("ferry.txt", FERRY))

    refused, good = files
    assert refused.status == "failed"
    assert refused.reason.startswith("Refused: ") and message in refused.reason, refused.reason
    assert refused.original is None and refused.task_id == "" and not refused.articles.exists()
    # The rest of the upload goes on; nothing of the refused file reaches the archive.
    assert good.status == "done"
    assert list(Article.objects.values_list("headline", flat=True)) == [
        "Harbour Authority Opens New Ferry Terminal"
    ]
    page = admin_client.get(refused.batch.get_absolute_url()).content.decode()
    assert name in page and "Retry" not in page


def test_oversized_files_are_refused_before_they_are_read(admin_client, settings):
    settings.NEWSDESK_UPLOAD_MAX_FILE_BYTES = 1000
    (refused,) = uploaded(admin_client, ("long.txt", FERRY * 10))

    assert refused.status == "failed" and refused.original is None
    assert refused.reason == "Refused: the file is 2.6 KB; the limit is 1000 bytes a file"
    assert not Article.objects.exists()


def test_an_archive_that_would_expand_too_far_is_refused(admin_client, settings):
    settings.NEWSDESK_ARCHIVE_MAX_UNCOMPRESSED_BYTES = 500
    (refused,) = uploaded(admin_client, ("many.zip", zip_bytes({"a.txt": FERRY, "b.txt": FERRY})))

    assert "the archive would expand to" in refused.reason
    assert not Article.objects.exists()


def test_an_archive_with_too_many_entries_is_refused(admin_client, settings):
    settings.NEWSDESK_ARCHIVE_MAX_MEMBERS = 2
    content = zip_bytes({f"{n}.txt": FERRY for n in range(3)})
    (refused,) = uploaded(admin_client, ("many.zip", content))

    assert refused.reason == "Refused: the archive holds 3 entries; the limit is 2"


def test_an_upload_over_the_total_limit_stores_nothing(admin_client, settings):
    settings.NEWSDESK_UPLOAD_MAX_TOTAL_BYTES = 500
    response = upload(admin_client, ("a.txt", FERRY), ("b.txt", FERRY))

    assert response.status_code == 400
    assert "the limit is 500 bytes for one upload" in response.content.decode()
    assert not UploadBatch.objects.exists() and not Article.objects.exists()


def test_an_upload_without_files_is_refused(admin_client):
    response = admin_client.post(reverse("articles:uploads"), {})
    assert response.status_code == 400
    assert "Choose at least one file." in response.content.decode()


# The queue: progress, failures, retries, running twice


def test_the_batch_page_polls_until_every_file_is_finished(admin_client, settings):
    use_task_backend(settings, DATABASE)
    (queued,) = uploaded(admin_client, ("ferry.txt", FERRY))

    assert queued.status == "queued"
    assert DBTaskResult.objects.get(id=queued.task_id).status == "READY"
    url = queued.batch.get_absolute_url()
    polling = admin_client.get(url, **HTMX)
    fragment = polling.content.decode()
    assert "<html" not in fragment and fragment.lstrip().startswith('<div id="upload-files"')
    assert 'hx-trigger="every 2s"' in fragment and "0 of 1 file finished" in fragment

    tasks.annotate_upload_file.call(queued.pk, queued.attempt)  # what a worker does

    finished = admin_client.get(url, **HTMX).content.decode()
    assert "hx-trigger" not in finished and 'data-finished="true"' in finished
    assert "Harbour Authority Opens New Ferry Terminal" in finished
    full = admin_client.get(url).content.decode()
    assert "<html" in full and "hx-trigger" not in full


def test_a_failed_task_is_shown_failed_and_succeeds_on_retry(admin_client, monkeypatch):
    real_ingest = annotating_uploads.ingest_pieces
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
    assert f'action="{retry_url}"' in page and f'hx-post="{retry_url}"' in page

    response = admin_client.post(retry_url, **HTMX)

    failed.refresh_from_db()
    assert (failed.status, failed.attempt, failed.reason) == ("done", 2, "1 article added")
    assert failed.articles.get().headline == "Harbour Authority Opens New Ferry Terminal"
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<div id="upload-files"') and "Retry" not in fragment
    # Only failed files can be retried; without HTMX the answer is a redirect with a message.
    again = admin_client.post(retry_url, follow=True)
    assert "cannot be retried" in again.content.decode()
    assert failed.attempt == UploadFile.objects.get(pk=failed.pk).attempt


def test_a_task_run_twice_or_late_changes_nothing(admin_client, settings):
    use_task_backend(settings, DATABASE)
    (queued,) = uploaded(admin_client, ("ferry.txt", FERRY))

    first = annotating_uploads.annotate_upload(file_id=queued.pk, attempt=1)
    second = annotating_uploads.annotate_upload(file_id=queued.pk, attempt=1)
    stale = annotating_uploads.annotate_upload(file_id=queued.pk, attempt=0)

    assert first.startswith("1 piece: 1 created")
    assert second == stale == "nothing to do: finished already, or retried since"
    queued.refresh_from_db()
    assert queued.status == "done" and Article.objects.count() == 1


def test_an_interrupted_run_can_be_run_again(admin_client, settings):
    use_task_backend(settings, DATABASE)
    (queued,) = uploaded(admin_client, ("ferry.txt", FERRY))
    UploadFile.objects.filter(pk=queued.pk).update(status=UploadStatus.ANNOTATING)

    annotating_uploads.annotate_upload(file_id=queued.pk, attempt=1)

    queued.refresh_from_db()
    assert queued.status == "done" and Article.objects.count() == 1


def test_a_file_whose_worker_died_is_shown_stalled_and_can_be_retried(admin_client, settings):
    use_task_backend(settings, DATABASE)
    (stuck,) = uploaded(admin_client, ("ferry.txt", FERRY))
    url = stuck.batch.get_absolute_url()
    retry_url = reverse("articles:upload-retry", args=[stuck.pk])
    # A worker took the file and was killed: the row says annotating, and nothing moves.
    UploadFile.objects.filter(pk=stuck.pk).update(status=UploadStatus.ANNOTATING)

    fresh = admin_client.get(url).content.decode()
    assert "Stalled" not in fresh and retry_url not in fresh
    assert admin_client.post(retry_url).status_code == 302  # refused: it may still be running
    assert UploadFile.objects.get(pk=stuck.pk).attempt == 1

    long_ago = timezone.now() - dt.timedelta(seconds=settings.NEWSDESK_UPLOAD_STALLED_AFTER + 1)
    UploadFile.objects.filter(pk=stuck.pk).update(updated_at=long_ago)
    page = admin_client.get(url).content.decode()
    assert "Stalled" in page and "its worker may have stopped" in page
    assert f'hx-post="{retry_url}"' in page

    admin_client.post(retry_url, **HTMX)
    tasks.annotate_upload_file.call(stuck.pk, 2)  # what a worker does
    # The dead run's attempt is outdated: were it alive after all, it would record nothing.
    late = annotating_uploads.annotate_upload(file_id=stuck.pk, attempt=1)
    assert late.startswith("nothing to do")

    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempt) == ("done", 2)
    assert Article.objects.count() == 1


def test_a_file_no_worker_takes_asks_whether_one_is_running(admin_client, settings):
    use_task_backend(settings, DATABASE)
    (queued,) = uploaded(admin_client, ("ferry.txt", FERRY))
    assert "db_worker" not in admin_client.get(queued.batch.get_absolute_url()).content.decode()

    long_ago = timezone.now() - dt.timedelta(seconds=settings.NEWSDESK_UPLOAD_STALLED_AFTER + 1)
    UploadFile.objects.filter(pk=queued.pk).update(updated_at=long_ago)

    page = admin_client.get(queued.batch.get_absolute_url()).content.decode()
    assert "No worker has taken this file" in page and "manage.py db_worker" in page


def test_a_long_annotation_shows_signs_of_life(admin_client, settings, monkeypatch):
    use_task_backend(settings, DATABASE)
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

    assert all(when > long_ago for when, _ in beats)
    assert [reason for _, reason in beats] == ["1 piece done so far", "2 pieces done so far"]
    queued.refresh_from_db()
    assert queued.reason == "2 articles added"


def test_of_two_runs_at_once_the_better_verdict_stands(admin_client, settings):
    use_task_backend(settings, DATABASE)
    (queued,) = uploaded(admin_client, ("ferry.txt", FERRY))
    article = ingest_paths([str(SEED)]).outcomes[0].article
    created = IngestReport([Outcome("ferry.txt", CREATED, "Ferry", article)])
    # The other run saw the piece stored meanwhile, so for it the piece was unchanged.
    unchanged = IngestReport([Outcome("ferry.txt", UNCHANGED, "Ferry")])

    annotating_uploads.record_verdict(file_id=queued.pk, attempt=1, report=created)
    annotating_uploads.record_verdict(file_id=queued.pk, attempt=1, report=unchanged)

    queued.refresh_from_db()
    assert queued.status == "done" and list(queued.articles.all()) == [article]


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_queued_uploads(admin_client, settings):
    use_task_backend(settings, DATABASE)
    files = uploaded(admin_client, ("ferry.txt", FERRY), ("news.jsonl", JSON_LINES))
    assert {f.status for f in files} == {"queued"}

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    assert [f.status for f in UploadFile.objects.order_by("pk")] == ["done", "done"]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert Article.objects.count() == 3


# Pages and permissions


def test_the_upload_page_takes_many_files_and_lists_recent_uploads(admin_client):
    uploaded(admin_client, ("ferry.txt", FERRY))
    html = admin_client.get(reverse("articles:uploads")).content.decode()

    assert 'type="file" id="id_files" name="files" multiple' in html
    assert 'enctype="multipart/form-data"' in html
    assert "newsdesk/uploads.js" in html and "<script>" not in html and "hx-on" not in html
    assert "Upload 1" in html or "1 file" in html


def test_non_admins_get_403_on_every_upload_url(client, django_user_model, admin_client):
    (stored,) = uploaded(admin_client, ("ferry.txt", FERRY))
    UploadFile.objects.filter(pk=stored.pk).update(status=UploadStatus.FAILED)
    requests = [
        ("get", reverse("articles:uploads")),
        ("post", reverse("articles:uploads")),
        ("get", stored.batch.get_absolute_url()),
        ("post", reverse("articles:upload-retry", args=[stored.pk])),
        ("get", reverse("articles:upload-original", args=[stored.pk])),
    ]
    reader = django_user_model.objects.create_user("reader", password="x")
    for user in (None, reader):
        client.logout()
        if user:
            client.force_login(user)
        for method, url in requests:
            assert getattr(client, method)(url).status_code == 403, (user, method, url)
    assert UploadFile.objects.get(pk=stored.pk).status == "failed"
    assert UploadBatch.objects.count() == 1


# The admin: re-annotation in the background, metadata edits


def test_the_admin_queues_reannotation_of_selected_articles(admin_client):
    ingest_paths([str(SEED)])
    article = Article.objects.get()
    kept = Mention.objects.filter(article=article).first()
    Mention.objects.filter(pk=kept.pk).update(origin=Origin.EDITOR)
    before = article.annotated_at

    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "reannotate", "_selected_action": [article.pk]},
        follow=True,
    )

    assert "Queued re-annotation of 1 article." in response.content.decode()
    article.refresh_from_db()
    assert article.annotated_at > before and Article.objects.count() == 1
    assert Mention.objects.filter(pk=kept.pk, origin=Origin.EDITOR).exists()


def test_the_admin_edits_metadata_but_not_the_body(admin_client):
    ingest_paths([str(SEED)])
    article = Article.objects.get()
    body, old_hash = article.body, article.content_hash
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert 'name="body"' not in admin_client.get(url).content.decode()

    response = admin_client.post(
        url,
        {
            "headline": "Pakistan Army Backs Afghan Peace Talks",
            "slug": article.slug,
            "byline": "Unipath",
            "published": "2020-06-16",
            "source_url": "https://unipath.example.org/talks",
            "sources": "Voice of America,Hilal",
            "body": "Replaced text",
        },
    )

    assert response.status_code == 302, response.content[:3000]
    article.refresh_from_db()
    assert article.headline == "Pakistan Army Backs Afghan Peace Talks"
    assert (article.byline, str(article.published)) == ("Unipath", "2020-06-16")
    assert article.sources == ["Voice of America", "Hilal"]
    assert article.source_url == "https://unipath.example.org/talks"
    assert article.body == body and article.content_hash != old_hash
    # The hash follows the headline, so re-annotation finds the same article.
    tasks.reannotate_stored(article_ids=[article.pk])
    assert Article.objects.count() == 1
