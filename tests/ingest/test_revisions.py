"""A piece ingested again under its URL with other text updates its article: the pipeline's rows
are made afresh, editors' rows follow their words to the new offsets, and those whose words are
gone are dropped and reported."""

import json

import pytest

from articles.editing import dates, mentions, quotes
from articles.editing.rejecting import reject
from articles.ingest.service import ingest_bytes
from articles.models import Article, DateMention, Entity, Mention, Origin, Quote
from articles.readmodels.rebuild import drift
from tests.factories import UserFactory
from tests.uploading import uploaded

pytestmark = pytest.mark.django_db

URL = "https://news.example.org/talks"
FIRST = (
    '"We will keep talking," Ashraf Ghani said in Kabul on Monday.\n\n'
    "Delegates from Doha arrived on June 9, 2020, with a plan drawn up in Quetta."
)
INSERTED = "Markets in Peshawar closed early as the news spread.\n\n"


def ingest(body: str):
    record = {"title": "Talks go on", "body": body, "url": URL, "published": "2020-06-15"}
    return ingest_bytes("talks.jsonl", json.dumps(record).encode())


@pytest.fixture
def editor():
    return UserFactory.create(username="editor")


@pytest.fixture
def article():
    ingest(FIRST)
    return Article.objects.get()


def at(article: Article, text: str) -> tuple[int, int]:
    start = article.body.index(text)
    return start, start + len(text)


def test_an_article_with_an_attributed_quote_takes_its_revision(article):
    assert Quote.objects.filter(article=article, speaker_mention__isnull=False).exists()

    report = ingest(INSERTED + FIRST)

    assert report.counts["updated"] == 1, report.outcomes
    assert Article.objects.get().body.startswith("Markets in Peshawar")
    quote = Quote.objects.get(article=article, text__startswith="We will keep talking")
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "Ashraf Ghani"


def test_an_editors_mention_moves_with_its_words(article, editor):
    start, end = at(article, "Quetta")
    quetta = Mention.objects.get(article=article, start=start)
    mentions.relabel_mention(
        mention_id=quetta.pk, version=quetta.version, kind="ORG", editor=editor
    )

    ingest(INSERTED + FIRST)

    moved = Mention.objects.get(pk=quetta.pk)
    assert (moved.start, moved.end) == (start + len(INSERTED), end + len(INSERTED))
    assert moved.entity.kind == "ORG"
    assert moved.origin == Origin.EDITOR


def test_an_editors_rejection_moves_with_its_words(article, editor):
    start, _end = at(article, "Doha")
    doha = Mention.objects.get(article=article, start=start)
    reject(Mention, pk=doha.pk, version=doha.version, editor=editor)

    ingest(INSERTED + FIRST)

    assert Mention.all_objects.get(pk=doha.pk).start == start + len(INSERTED)
    assert not Mention.objects.filter(article=article, text="Doha").exists()


def test_an_editors_date_and_quote_move_with_their_words(article, editor):
    DateMention.all_objects.filter(article=article, text="Monday").delete()
    start, end = at(article, "Monday")
    dates.add_date(article_id=article.pk, start=start, end=end, editor=editor)
    quoted_start, quoted_end = at(article, "a plan drawn up in Quetta")
    ghani = Entity.objects.get(name="Ashraf Ghani")
    quotes.add_quote(
        article_id=article.pk,
        start=quoted_start,
        end=quoted_end,
        speaker_id=ghani.pk,
        kind="partial",
        editor=editor,
    )

    ingest(INSERTED + FIRST)

    body = Article.objects.get().body
    date = DateMention.objects.get(article=article, origin=Origin.EDITOR)
    quote = Quote.objects.get(article=article, origin=Origin.EDITOR)
    assert body[date.start : date.end] == "Monday"
    assert date.start == start + len(INSERTED)
    assert body[quote.start : quote.end] == "a plan drawn up in Quetta"
    assert quote.speaker == ghani


def test_editors_rows_whose_words_are_gone_are_dropped_and_reported(article, editor):
    start, _end = at(article, "Quetta")
    quetta = Mention.objects.get(article=article, start=start)
    mentions.relabel_mention(
        mention_id=quetta.pk, version=quetta.version, kind="ORG", editor=editor
    )

    (outcome,) = ingest(FIRST.replace("Quetta", "Lahore")).outcomes

    assert outcome.status == "updated"
    assert outcome.reason == (
        "editors' rows whose words the new text lacks, dropped: mention “Quetta”"
    )
    assert not Mention.all_objects.filter(pk=quetta.pk).exists()


def test_a_revision_keeps_the_read_models_true(article, editor):
    start, _end = at(article, "Quetta")
    quetta = Mention.objects.get(article=article, start=start)
    mentions.relabel_mention(
        mention_id=quetta.pk, version=quetta.version, kind="ORG", editor=editor
    )

    ingest(INSERTED + FIRST.replace("Doha", "Muscat"))

    assert drift() == []


def test_the_same_words_twice_keep_their_order(editor):
    body = "Kabul met Kabul.\n\nThen Doha."
    ingest(body)
    article = Article.objects.get()
    for occurrence in (0, 1):
        start = article.body.index("Kabul", occurrence * 6)
        Mention.all_objects.filter(article=article, start=start).delete()
        mentions.add_mention(
            article_id=article.pk, start=start, end=start + 5, kind="PLACE", editor=editor
        )

    ingest("Kabul, Kabul.\n\n" + body)

    starts = sorted(
        Mention.objects.filter(article=article, origin=Origin.EDITOR).values_list(
            "start", flat=True
        )
    )
    assert starts == [15, 25]


@pytest.mark.usefixtures("immediate_tasks")
def test_an_uploaded_revision_says_which_editors_rows_it_dropped(article, editor, admin_client):
    start, _end = at(article, "Quetta")
    quetta = Mention.objects.get(article=article, start=start)
    mentions.relabel_mention(
        mention_id=quetta.pk, version=quetta.version, kind="ORG", editor=editor
    )
    record = {"title": "Talks go on", "body": FIRST.replace("Quetta", "Lahore"), "url": URL}

    (revised,) = uploaded(admin_client, ("talks.jsonl", json.dumps(record).encode()))

    assert revised.reason == (
        "1 updated, editors' rows whose words the new text lacks, dropped: mention “Quetta”"
    )
