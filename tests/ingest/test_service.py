import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from articles.ingest import pipeline_rows
from articles.ingest import service as ingest
from articles.ingest.service import ingest_bytes, ingest_paths
from articles.models import Article, DateMention, Entity, Mention, Origin
from articles.nlp.pipeline import ANNOTATION_VERSION
from tests.conftest import SAMPLES, SEED

pytestmark = pytest.mark.django_db


def entity_names(article, kind):
    return set(
        Entity.objects.filter(mentions__article=article, kind=kind).values_list("name", flat=True)
    )


def test_seed_article_is_stored_with_structure_and_entities():
    report = ingest_paths([str(SEED)])

    assert report.counts["created"] == 1
    article = Article.objects.get()
    assert article.headline == "Pakistan Military Backs Afghan Peace Talks"
    assert article.slug == "pakistan-military-backs-afghan-peace-talks"
    assert article.byline == "UNIPATH STAFF"
    assert article.sources == ["Voice of America", "Hilal", "Gandhara"]
    assert "Comments are closed" not in article.body
    assert article.annotated_at is not None
    assert article.pipeline_version.startswith(f"{ANNOTATION_VERSION}/")
    assert {"Pakistan", "Kabul", "Islamabad", "Qatar"} <= entity_names(article, "PLACE")
    assert {"Ashraf Ghani", "Zalmay Khalilzad"} <= entity_names(article, "PERSON")
    # Nothing from the headline, byline or sources is a body mention.
    assert not Mention.objects.filter(text__in=["UNIPATH", "Hilal", "Gandhara"]).exists()
    mentions = Mention.objects.all()
    assert [article.body[m.start : m.end] for m in mentions] == [m.text for m in mentions]
    june = DateMention.objects.get(text="June 2020")
    assert (str(june.value_start), str(june.value_end), june.granularity) == (
        "2020-06-01",
        "2020-06-30",
        "month",
    )


def test_same_name_and_kind_share_one_entity_across_articles(write_file):
    write_file("a.txt", "Talks in Kabul\n\nDelegates met in Kabul on Monday to discuss trade.")
    write_file("b.txt", "Kabul markets reopen\n\nShops in Kabul opened again after the holiday.")
    ingest_paths([str(write_file("c.txt", "x\n\ny").parent)])
    kabul = Entity.objects.get(name="Kabul", kind="PLACE")
    assert kabul.mentions.values("article").distinct().count() == 2


def test_ingesting_twice_stores_once_and_reports_unchanged():
    first = ingest_paths([str(SEED)])
    second = ingest_paths([str(SEED), str(SEED)])

    assert first.counts["created"] == 1
    assert second.counts == {"created": 0, "updated": 0, "unchanged": 2, "failed": 0}
    assert Article.objects.count() == 1


def test_reannotate_redoes_annotations_without_duplicates_and_keeps_editor_rows():
    ingest_paths([str(SEED)])
    article = Article.objects.get()
    model_mentions = article.mentions.count()
    kabul = article.mentions.filter(text="Kabul")[0]
    kabul.origin = Origin.EDITOR
    kabul.label = "EDITOR_PLACE"
    kabul.save()

    report = ingest_paths([str(SEED)], reannotate=True)

    assert report.counts["updated"] == 1
    assert Article.objects.count() == 1
    assert article.mentions.count() == model_mentions
    assert article.mentions.get(pk=kabul.pk).label == "EDITOR_PLACE"


def test_a_revised_piece_with_the_same_url_updates_its_article():
    line = {"title": "Talks resume", "body": "Talks resumed in Doha.", "url": "https://x.org/a"}
    ingest_bytes("a.jsonl", json.dumps(line).encode())
    line["body"] = "Talks resumed in Doha on Saturday after a pause."
    report = ingest_bytes("a.jsonl", json.dumps(line).encode())

    assert report.counts["updated"] == 1
    article = Article.objects.get()
    assert article.body.endswith("after a pause.")
    assert article.mentions.filter(text="Doha").count() == 1


def test_each_format_is_ingested(write_file):
    write_file("one.txt", "Aid reaches Chaman\n\nConvoys arrived in Chaman on Friday morning.")
    write_file(
        "two.html",
        "<html><head><title>Rain in Peshawar</title></head><body><article><h1>Rain in Peshawar"
        "</h1><p>Heavy rain fell across Peshawar on Sunday, closing several roads into the city "
        "for most of the day while crews cleared the drains.</p></article></body></html>",
    )
    write_file(
        "three.jsonl",
        json.dumps(
            {"title": "Match in Sharjah", "body": "Pakistan played Afghanistan in Sharjah."}
        ),
    )
    report = ingest_paths([str(write_file("x.md", "ignored").parent)])

    assert report.counts["created"] == 3, report.outcomes
    assert set(Article.objects.values_list("headline", flat=True)) == {
        "Aid reaches Chaman",
        "Rain in Peshawar",
        "Match in Sharjah",
    }
    assert Entity.objects.filter(name="Peshawar").exists()


def test_a_bad_file_in_a_batch_is_refused_whole_and_the_rest_go_on(write_file):
    write_file("good.txt", "Good piece\n\nA good body about Islamabad.")
    write_file("empty.txt", "")
    write_file("binary.txt", b"\x00\x01\x02\x03garbage")
    write_file("latin1.txt", "Caf\u00e9\n\nUn caf\u00e9.".encode("latin-1"))
    write_file("nobody.txt", "Just a headline")
    write_file("lines.jsonl", '{"title": "Fine", "body": "Fine body."}\n{broken\n')

    report = ingest_paths([str(write_file("also-good.txt", "Also good\n\nBody two.").parent)])

    reasons = {outcome.name.rsplit("/", 1)[-1]: outcome.reason for outcome in report.failed}
    assert reasons == {
        "binary.txt": "the file is binary, not text",
        "empty.txt": "the file is empty",
        "latin1.txt": "the file is not UTF-8 text (undecodable byte at position 3)",
        "lines.jsonl": reasons["lines.jsonl"],
        "nobody.txt": "no body text after the headline",
    }
    assert reasons["lines.jsonl"].startswith("line 2: malformed JSON")
    # The good line of lines.jsonl is not stored without the other.
    assert set(Article.objects.values_list("headline", flat=True)) == {"Good piece", "Also good"}


def test_a_failure_while_writing_leaves_nothing_partial(monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline_rows, "resolve_entities_and_rivals", lambda names: explode())
    with pytest.raises(RuntimeError):
        ingest_paths([str(SEED)])
    assert Article.objects.count() == 0
    assert Entity.objects.count() == 0


def test_a_database_refusal_fails_that_piece_only(monkeypatch, write_file):
    real = pipeline_rows.replace_annotations

    def refuse_one(*, article, annotation, fresh):
        real(article=article, annotation=annotation, fresh=fresh)
        if article.headline == "Doomed":
            Mention.objects.create(
                article=article,
                entity=Entity.objects.all()[0],
                start=0,
                end=1000,
                text="out of range",
                label="X",
            )

    monkeypatch.setattr(ingest, "replace_annotations", refuse_one)
    write_file("a.txt", "Doomed\n\nTalks in Kabul stalled.")
    write_file("b.txt", "Fine\n\nTalks in Doha resumed.")
    report = ingest_paths([str(write_file("c.txt", "Also fine\n\nMore talks.").parent)])

    assert report.counts["failed"] == 1
    assert "outside the body" in report.failed[0].reason
    assert set(Article.objects.values_list("headline", flat=True)) == {"Fine", "Also fine"}
    assert not Mention.objects.filter(article__headline="Doomed").exists()


def test_command_summary_exit_status_and_stdin(write_file, capsys, monkeypatch):
    good = write_file("good.txt", "Good\n\nTalks in Kabul.")
    bad = write_file("bad.txt", "")
    with pytest.raises(CommandError, match="1 piece"):
        call_command("ingest", str(good), str(bad))
    out, err = capsys.readouterr()
    assert "Ingested 2 pieces: 1 created, 0 updated, 0 unchanged, 1 failed." in out
    assert "bad.txt: the file is empty" in err

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Piped\n\nFrom a pipe.")))
    call_command("ingest", "-")
    assert "1 created" in capsys.readouterr().out
    assert Article.objects.filter(headline="Piped").exists()


def test_sample_articles_ingest_cleanly_and_share_entities():
    report = ingest_paths([str(SAMPLES)])

    assert report.counts["failed"] == 0, report.failed
    assert report.counts["created"] >= 11
    shared = [
        entity.name
        for entity in Entity.objects.all()
        if entity.mentions.values("article").distinct().count() >= 3
    ]
    assert {"Kabul", "Pakistan", "Islamabad"} <= set(shared)


@pytest.mark.django_db(transaction=True)
def test_overlapped_writing_stores_every_batch_in_order(write_file):
    for number in range(7):
        write_file(f"p{number}.txt", f"Piece {number}\n\nTalks in Kabul, round {number}.")
    write_file("bad.txt", "")
    write_file("p0-again.txt", "Piece 0\n\nTalks in Kabul, round 0.")
    folder = write_file("p7.txt", "Piece 7\n\nTalks in Doha.").parent

    report = ingest_paths([str(folder)], batch_size=3, overlap=True)

    names = [outcome.name.rsplit("/", 1)[-1] for outcome in report.outcomes]
    assert names == sorted(names)  # the order of the input, batch after batch
    assert report.counts == {"created": 8, "updated": 0, "unchanged": 1, "failed": 1}
    assert Article.objects.count() == 8
    kabul = Entity.objects.get(name="Kabul")
    assert kabul.mentions.values("article").distinct().count() == 7


WIRE_COPY = (
    "FERRY CREWS END STRIKE.\n\n"
    "TRONDHEIM 1997-03-14\n\n"
    "Ferry crews in Norway went back to work on Friday after a week-long strike.\n"
)


def test_a_wire_dateline_gives_the_publication_date(write_file):
    ingest_paths([str(write_file("ferry.txt", WIRE_COPY))])
    assert Article.objects.get().published == dt.date(1997, 3, 14)


def test_a_wire_dateline_place_is_a_place_of_the_article(write_file):
    ingest_paths([str(write_file("ferry.txt", WIRE_COPY))])
    assert "Trondheim" in entity_names(Article.objects.get(), "PLACE")
