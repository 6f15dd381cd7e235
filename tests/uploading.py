"""What the upload tests share: sample files of every kind, sending them, and the task backend.

Tasks run on Django's immediate backend (inside the request) where a test wants uploads annotated
at once, and on the database queue where it needs the queue itself.
"""

import io
import json
import zipfile

import docx
from asgiref.local import Local
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.tasks import task_backends
from django.urls import reverse

from articles.models import Article, UploadBatch, UploadFile

HTMX = {"HTTP_HX_REQUEST": "true"}
IMMEDIATE = "django.tasks.backends.immediate.ImmediateBackend"
DATABASE = "django_tasks_db.DatabaseBackend"

FERRY = b"""Harbour Authority Opens New Ferry Terminal

By Ana Sousa

March 3, 2021

The Harbour Authority of Lisbon opened a new ferry terminal on Wednesday, officials said.

Mayor Carlos Moedas said the terminal would carry ten thousand passengers a day across the Tagus.
"""
FERRY_HEADLINE = "Harbour Authority Opens New Ferry Terminal"
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
    forget_task_backends()


def forget_task_backends() -> None:
    # Django caches task backends and, unlike databases or caches, does not drop them when the
    # setting changes in a test.
    task_backends.__dict__.pop("settings", None)
    # A private cache, which the type stubs do not declare.
    task_backends._connections = Local(task_backends.thread_critical)  # type: ignore[attr-defined]


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


def assert_refused_alone(client, name: str, content: bytes, message: str) -> None:
    """Uploaded beside a good file, the file is refused saying why, and nothing of it is kept;
    the good file goes on into the archive."""
    refused, good = uploaded(client, (name, content), ("ferry.txt", FERRY))

    assert refused.status == "failed"
    assert refused.reason.startswith("Refused: ")
    assert message in refused.reason
    assert refused.original is None
    assert refused.task_id == ""
    assert not refused.articles.exists()
    assert good.status == "done"
    assert list(Article.objects.values_list("headline", flat=True)) == [FERRY_HEADLINE]
    page = client.get(refused.batch.get_absolute_url()).content.decode()
    assert name in page
    assert "Retry" not in page


# A feed for `ingest --queue`: one short article a line.
PLACES = ["Lisbon", "Nairobi", "Oslo", "Lyon", "Zurich"]
HEADLINES = [f"Council of {place} Approves Budget" for place in PLACES]


def feed_lines(places=PLACES) -> list[str]:
    return [
        json.dumps(
            {
                "title": f"Council of {place} Approves Budget",
                "body": f"The city council of {place} approved its budget on Monday, the mayor "
                "said.",
            }
        )
        for place in places
    ]


def queue(*paths, **options) -> str:
    """`manage.py ingest --queue PATH...`; what it printed."""
    out = io.StringIO()
    call_command("ingest", "--queue", *map(str, paths), stdout=out, **options)
    return out.getvalue()
