"""`manage.py export --format jsonl|docbin|csv`, with its filters: a DocBin of the corrected
annotations loads in spaCy, a CSV lists every span with its entity and who made it."""

import csv
import datetime as dt
import io
import json

import pytest
import spacy
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from spacy.tokens import DocBin

from articles.editing.mentions import relabel_mention
from tests.factories import (
    MentionFactory,
    date_mention,
    make_article,
    make_entity,
    mention,
    quote,
)

pytestmark = pytest.mark.django_db
BODY = "Lisa Curtis met officials in Kabul in June 2020. The talks will go on, Curtis said."


@pytest.fixture
def archive(db):
    curtis = make_entity(name="Lisa Curtis", kind="PERSON", slug="lisa-curtis")
    kabul = make_entity(name="Kabul", kind="ORG", slug="kabul")
    corrected = make_article(body=BODY, slug="corrected", published=dt.date(2020, 6, 15))
    MentionFactory.create(article=corrected, entity=curtis, label="PERSON")
    wrong = MentionFactory.create(article=corrected, entity=kabul, label="ORG")
    date_mention(corrected, "June 2020", "2020-06-01", "2020-06-30", "month")
    quote(corrected, "The talks will go on", curtis)
    untouched = make_article(
        body="Kabul was quiet.", slug="untouched", published=dt.date(2019, 1, 1)
    )
    mention(untouched, kabul, "Kabul")
    editor = User.objects.create_user("amina")
    relabel_mention(mention_id=wrong.pk, version=wrong.version, kind="PLACE", editor=editor)
    return {"curtis": curtis}


def export(capsys, *args) -> str:
    call_command("export", *args)
    return capsys.readouterr().out


def slugs(jsonl: str) -> list[str]:
    return [json.loads(line)["id"] for line in jsonl.splitlines()]


def test_jsonl_is_the_default(capsys, archive):
    assert slugs(export(capsys)) == ["corrected", "untouched"]


def test_since_keeps_articles_published_from_that_day(capsys, archive):
    assert slugs(export(capsys, "--since", "2020-01-01")) == ["corrected"]


def test_entity_keeps_the_articles_naming_it(capsys, archive):
    assert slugs(export(capsys, "--entity", "Lisa Curtis")) == ["corrected"]


def test_corrected_only_keeps_what_editors_corrected(capsys, archive):
    assert slugs(export(capsys, "--corrected-only")) == ["corrected"]


def csv_rows(capsys) -> list[dict[str, str]]:
    return list(
        csv.DictReader(io.StringIO(export(capsys, "--format", "csv", "--slug", "corrected")))
    )


def test_csv_lists_every_span_with_its_entity(capsys, archive):
    rows = csv_rows(capsys)

    assert [(row["record"], row["text"], row["entity_name"]) for row in rows] == [
        ("mention", "Lisa Curtis", "Lisa Curtis"),
        ("mention", "Kabul", "Kabul"),
        ("date", "June 2020", ""),
        ("quote", "The talks will go on", "Lisa Curtis"),
    ]


def test_csv_marks_what_editors_corrected(capsys, archive):
    rows = csv_rows(capsys)

    assert [(row["text"], row["entity_kind"]) for row in rows if row["origin"] == "editor"] == [
        ("Kabul", "PLACE")
    ]


def docs(path) -> list:
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


@pytest.fixture
def first_doc(tmp_path, archive):
    path = tmp_path / "archive.spacy"
    call_command("export", "--format", "docbin", "--output", str(path), verbosity=0)
    return docs(path)[0]


def test_a_docbin_holds_the_corrected_entities(first_doc):
    assert [(ent.text, ent.label_) for ent in first_doc.ents] == [
        ("Lisa Curtis", "PERSON"),
        ("Kabul", "GPE"),
    ]


def test_a_docbin_marks_what_editors_corrected(first_doc):
    assert [(span.text, span.label_) for span in first_doc.spans["corrected"]] == [
        ("Kabul", "mention")
    ]


def test_a_docbin_holds_dates_and_quotes(first_doc):
    assert [
        (span.text, span.label_) for group in ("dates", "quotes") for span in first_doc.spans[group]
    ] == [("June 2020", "month"), ("The talks will go on", "direct")]


def test_a_docbin_says_which_article_each_doc_is(first_doc):
    assert first_doc.user_data["id"] == "corrected"


def test_a_docbin_needs_a_file(archive):
    with pytest.raises(CommandError, match="--output"):
        call_command("export", "--format", "docbin")


def test_an_unknown_entity_is_refused(archive):
    with pytest.raises(CommandError, match="No entity"):
        call_command("export", "--entity", "nobody at all")
