"""The API's article is the pipeline's annotation, row for row: `manage.py annotate` of the seed
file scored against the API's document of the same file once ingested gives perfect entity and
linking figures (../shared/tools/score.py, the project's scorer, which knows only the
interchange format), and the same dates and quotes."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import PROJECT, SEED

pytestmark = pytest.mark.django_db
SCORER = PROJECT.parent / "shared" / "tools" / "score.py"


@pytest.fixture
def documents(client, seed, monkeypatch):
    """(what `annotate` prints for the seed file, what the API gives of it once ingested)."""
    annotated = io.StringIO()
    monkeypatch.setattr("sys.stdout", annotated)
    call_command("annotate", str(SEED))
    monkeypatch.undo()
    gold = json.loads(annotated.getvalue())
    document = client.get(reverse("api:article-json", args=[seed.slug])).json()
    document["id"] = gold["id"]
    return gold, document


@pytest.fixture
def scores(documents, tmp_path):
    if not SCORER.exists():
        pytest.skip("the shared scorer is absent")
    for name, document in zip(("gold", "api"), documents, strict=True):
        (tmp_path / f"{name}.jsonl").write_text(json.dumps(document) + "\n")
    scored = subprocess.run(
        [sys.executable, str(SCORER), tmp_path / "gold.jsonl", tmp_path / "api.jsonl", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(scored.stdout)


def test_the_api_document_is_aligned_with_the_annotation(scores):
    assert scores["misaligned"] == 0


def test_every_entity_is_given_back(scores):
    assert scores["entities_exact"]["micro"]["f1"] == 1.0


def test_every_entity_is_linked_as_annotated(scores):
    assert scores["linking"]["f1"] == 1.0


DATE_FIELDS = ("start", "end", "text", "value_start", "value_end", "granularity")
QUOTE_FIELDS = ("start", "end", "text", "kind", "cue")


def test_every_date_is_given_back(documents):
    annotated, given = documents

    assert [[date[f] for f in DATE_FIELDS] for date in given["dates"]] == [
        [date[f] for f in DATE_FIELDS] for date in annotated["dates"]
    ]


def test_every_quote_is_given_back(documents):
    annotated, given = documents

    assert [[quote[f] for f in QUOTE_FIELDS] for quote in given["quotes"]] == [
        [quote[f] for f in QUOTE_FIELDS] for quote in annotated["quotes"]
    ]


def speakers(document) -> list[str | None]:
    names = {entity["id"]: entity["name"] for entity in document["entities"]}
    return [names.get(quote["speaker"]) for quote in document["quotes"]]


def test_every_quote_keeps_its_speaker(documents):
    annotated, given = documents

    assert speakers(given) == speakers(annotated)
