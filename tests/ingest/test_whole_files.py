"""A file is stored whole or refused whole, in the command and in uploads alike, and the other
files go on: pieces too long for the archive, NUL characters anywhere in a file, and characters
PostgreSQL cannot store in a JSON string are found before anything is stored. Pieces longer than
spaCy takes at once are annotated in chunks."""

import json

import pytest
from django.core.management import CommandError, call_command

from articles.ingest.service import ingest_paths
from articles.models import Article, Mention
from articles.nlp.pipeline import load_pipeline
from articles.readmodels.rebuild import drift
from tests.uploading import FERRY, JSON_LINES, assert_refused_alone

pytestmark = pytest.mark.django_db

PARAGRAPH = "Delegates from Kabul and Islamabad met in Doha to discuss the border crossings."


def lines(*records: dict) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def long_piece(headline: str, paragraphs: int) -> str:
    return headline + "\n\n" + "\n\n".join([PARAGRAPH] * paragraphs) + "\n"


@pytest.fixture
def folder(write_file):
    write_file("a-good.txt", "Talks in Doha\n\nDelegates met in Doha on Monday.")
    write_file("c-good.txt", "Rain in Quetta\n\nHeavy rain fell on Quetta on Sunday.")
    return write_file("b-long.txt", long_piece("A very long piece", 60)).parent


def test_a_piece_over_the_limit_is_refused_and_the_other_files_go_on(folder, settings, capsys):
    settings.NEWSDESK_PIECE_MAX_CHARS = 3000

    with pytest.raises(CommandError, match="1 piece"):
        call_command("ingest", str(folder))

    assert set(Article.objects.values_list("headline", flat=True)) == {
        "Talks in Doha",
        "Rain in Quetta",
    }
    assert "b-long.txt: the text is 4," in capsys.readouterr().err


def test_a_json_lines_file_with_one_piece_over_the_limit_stores_none_of_it(settings, write_file):
    settings.NEWSDESK_PIECE_MAX_CHARS = 3000
    records = [{"title": f"Piece {n}", "body": f"Talks in Doha, round {n}."} for n in range(5)]
    records.insert(3, {"title": "Too long", "body": "\n\n".join([PARAGRAPH] * 60)})
    feed = write_file("feed.jsonl", lines(*records))

    report = ingest_paths([str(feed)])

    assert [(outcome.status, outcome.reason[:31]) for outcome in report.outcomes] == [
        ("failed", "line 4: the text is 4,858 chara")
    ]
    assert not Article.objects.exists()


def test_a_piece_longer_than_spacy_takes_is_annotated_in_chunks(monkeypatch, write_file):
    monkeypatch.setattr(load_pipeline(), "max_length", 1000)
    path = write_file("long.txt", long_piece("A long piece", 40))

    report = ingest_paths([str(path)])

    article = Article.objects.get()
    mentions = list(Mention.objects.filter(article=article))
    assert report.counts["created"] == 1
    assert len(article.body) > 3000
    assert [article.body[m.start : m.end] for m in mentions] == [m.text for m in mentions]
    assert max(m.start for m in mentions) > 3000
    assert drift() == []


def test_a_nul_past_the_first_8_kb_refuses_the_file_in_the_command(write_file):
    text = long_piece("Late NUL", 120)
    path = write_file("late.txt", (text + "\x00 trailing\n").encode())

    report = ingest_paths([str(path)])

    assert report.failed[0].reason.startswith("the file holds a NUL character (at byte 9,")
    assert not Article.objects.exists()


def test_a_nul_escape_in_a_json_string_refuses_the_file_in_the_command(write_file):
    feed = write_file(
        "feed.jsonl",
        lines(
            {"title": "Fine", "body": "Talks in Doha."},
            {"title": "Hostile", "body": "Talks in\u0000 Doha."},
        ),
    )

    (outcome,) = ingest_paths([str(feed)]).outcomes

    assert outcome.reason == (
        'line 2: "body" holds a NUL character (at character 8), which cannot be stored'
    )
    assert not Article.objects.exists()


UNSTORABLE = {
    "nul-past-8-kb": (
        "late.txt",
        FERRY + b"x" * 9000 + b"\x00\n",
        "the file holds a NUL character (at byte 9,",
    ),
    "nul-escape-in-json": (
        "feed.jsonl",
        JSON_LINES + lines({"title": "Hostile", "body": "Talks\u0000 resumed."}).encode(),
        'feed.jsonl:3: "body" holds a NUL character',
    ),
    "surrogate-escape-in-json": (
        "feed.jsonl",
        JSON_LINES + b'{"title": "Half \\ud800 a pair", "body": "Talks resumed."}\n',
        'feed.jsonl:3: "title" holds half of a surrogate pair, \\ud800',
    ),
}


@pytest.mark.usefixtures("immediate_tasks")
@pytest.mark.parametrize(("name", "content", "message"), UNSTORABLE.values(), ids=UNSTORABLE)
def test_unstorable_characters_refuse_an_upload_at_the_check(admin_client, name, content, message):
    assert_refused_alone(admin_client, name, content, message)


@pytest.mark.usefixtures("immediate_tasks")
def test_an_upload_with_a_piece_over_the_limit_is_refused_at_the_check(admin_client, settings):
    settings.NEWSDESK_PIECE_MAX_CHARS = 200

    assert_refused_alone(
        admin_client,
        "feed.jsonl",
        lines(
            {"title": "Short", "body": "Talks."}, {"title": "Long", "body": PARAGRAPH * 5}
        ).encode(),
        "feed.jsonl:2: the text is 395 characters long",
    )
