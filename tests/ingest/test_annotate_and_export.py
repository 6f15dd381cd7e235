"""`manage.py annotate` and `export`: the interchange format of ANNOTATION_FORMAT.md."""

import io
import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from articles.editing.quotes import change_quote
from articles.ingest.service import ingest_paths
from articles.models import Article, Entity, Quote
from articles.nlp.kinds import KINDS
from tests.conftest import SEED

pytestmark = pytest.mark.django_db

GRANULARITIES = {"day", "week", "month", "season", "quarter", "year", "decade", "century", None}


def run(command, *args, stdin=None, monkeypatch=None):
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    monkeypatch.setattr("sys.stdout", out)
    call_command(command, *args)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def assert_interchange(document):
    body = document["body"]
    ids = {entity["id"] for entity in document["entities"]}
    assert {entity["kind"] for entity in document["entities"]} <= KINDS
    for spans in (document["mentions"], document["dates"], document["quotes"]):
        assert [body[span["start"] : span["end"]] for span in spans] == [s["text"] for s in spans]
    assert {mention["entity"] for mention in document["mentions"]} <= ids
    assert {date["granularity"] for date in document["dates"]} <= GRANULARITIES
    # A date is placed at both ends of its interval, or not at all.
    ends = {(date["value_start"] is None, date["value_end"] is None) for date in document["dates"]}
    assert ends <= {(True, True), (False, False)}
    assert {quote["kind"] for quote in document["quotes"]} <= {"direct", "partial", "indirect"}
    speakers = {quote["speaker"] for quote in document["quotes"]} - {None}
    assert speakers <= ids
    used = {mention["entity"] for mention in document["mentions"]}
    assert used | speakers == ids  # every entity named or speaking
    assert all(isinstance(entity["aliases"], list) for entity in document["entities"])


def test_annotate_the_seed_article_writes_nothing(monkeypatch):
    (document,) = run("annotate", str(SEED), monkeypatch=monkeypatch)

    assert_interchange(document)
    assert document["id"] == SEED.name
    assert document["title"] == "Pakistan Military Backs Afghan Peace Talks"
    assert document["sources"] == ["Voice of America", "Hilal", "Gandhara"]
    bajwa = next(e for e in document["entities"] if e["name"] == "Qamar Javed Bajwa")
    assert bajwa["kind"] == "PERSON"
    assert "Bajwa" in bajwa["aliases"]
    bajwa_texts = [m["text"] for m in document["mentions"] if m["entity"] == bajwa["id"]]
    assert bajwa_texts.count("Bajwa") == 2
    assert Article.objects.count() == 0


def test_plain_and_published_keep_the_file_verbatim(monkeypatch, write_file):
    text = "\n  Talks resumed in Doha last Friday.\n\nComments are closed.\n"
    path = write_file("raw.txt", text)
    (document,) = run(
        "annotate", "--plain", "--published", "2020-06-15", str(path), monkeypatch=monkeypatch
    )
    assert document["body"] == text
    assert document["published"] == "2020-06-15"
    assert_interchange(document)


def test_json_lines_input_uses_text_verbatim_and_its_ids(monkeypatch):
    lines = "\n".join(
        json.dumps({"id": f"doc-{n}", "text": text, "published": "2020-06-15"})
        for n, text in enumerate(["\n\nKABUL (AP) _ Talks began.\n", "Bajwa visited Kabul."])
    )
    documents = run("annotate", "-", stdin=lines, monkeypatch=monkeypatch)
    assert [d["id"] for d in documents] == ["doc-0", "doc-1"]
    assert documents[0]["body"] == "\n\nKABUL (AP) _ Talks began.\n"
    for document in documents:
        assert_interchange(document)


def test_export_writes_stored_articles_in_the_same_format(monkeypatch):
    ingest_paths([str(SEED)])
    (document,) = run("export", monkeypatch=monkeypatch)
    assert_interchange(document)
    assert document["id"] == "pakistan-military-backs-afghan-peace-talks"
    assert document["body"] == Article.objects.get().body
    assert {e["name"] for e in document["entities"]} >= {"Kabul", "Qamar Javed Bajwa"}


def test_export_lists_aliases_and_a_speaker_named_elsewhere_in_the_archive(monkeypatch):
    ingest_paths([str(SEED)])
    editor = User.objects.create_user("editor")
    # A speaker an editor chose who is not named in this article.
    khan = Entity.objects.create(name="Imran Khan", kind="PERSON", slug="imran-khan")
    khan.aliases.create(name="PM Khan")
    quote = Quote.objects.filter(kind="direct").order_by("start")[0]
    change_quote(quote_id=quote.pk, version=quote.version, speaker_id=khan.pk, editor=editor)

    (document,) = run("export", monkeypatch=monkeypatch)

    entities = {entity["name"]: entity for entity in document["entities"]}
    assert "Bajwa" in entities["Qamar Javed Bajwa"]["aliases"]
    assert entities["Imran Khan"]["aliases"] == ["PM Khan"]
    exported = next(q for q in document["quotes"] if q["start"] == quote.start)
    assert exported["speaker"] == entities["Imran Khan"]["id"]
