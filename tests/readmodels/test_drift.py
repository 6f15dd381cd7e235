"""The read models stay true through every kind of write, and drift is reported."""

import contextlib
import datetime as dt
import random

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.editing import dates, entities, history, mentions, quotes
from articles.editing.errors import Conflict, Invalid
from articles.editing.rejecting import reject
from articles.ingest.service import ingest_bytes, ingest_paths
from articles.models import (
    Article,
    Correction,
    DateMention,
    Entity,
    EntityArticle,
    EntityStats,
    Mention,
    PeriodStats,
    Quote,
)
from articles.readmodels.rebuild import drift, rebuild_read_models
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    ingest_paths([str(SAMPLES)])


def test_ingest_leaves_no_drift(archive):
    assert drift() == []
    assert EntityArticle.objects.count() > 100


def test_a_corrupted_counter_is_reported_and_the_rebuild_mends_it(archive, capsys):
    stats = EntityStats.objects.order_by("-article_count")[0]
    stats.article_count += 1
    stats.save()
    with pytest.raises(CommandError, match="drifted in 1 table"):
        call_command("rebuild_read_models", "--check")
    report = capsys.readouterr().err
    assert f"missing: ({stats.entity_id}, " in report
    call_command("rebuild_read_models")
    call_command("rebuild_read_models", "--check")
    assert "agree with the annotations" in capsys.readouterr().out


def test_a_missing_row_and_a_stray_row_are_both_reported(archive):
    row = EntityArticle.objects.order_by("entity_id", "article_id")[0]
    EntityArticle.objects.filter(entity_id=row.entity_id, article_id=row.article_id).delete()
    PeriodStats.objects.create(granularity="day", period_start=dt.date(1901, 1, 1), article_count=3)
    found = {report.table: report for report in drift()}
    assert found["articles_entityarticle"].missing == 1
    assert found["articles_periodstats"].unexpected == 1


def test_a_rebuild_writes_what_the_writes_kept(archive):
    before = sorted(EntityStats.objects.values_list("entity_id", "article_count", "mention_count"))
    rebuild_read_models()
    after = sorted(EntityStats.objects.values_list("entity_id", "article_count", "mention_count"))
    assert after == before


def random_correction(rng: random.Random, editor) -> None:
    """One correction of a randomly chosen kind on a random row; refusals are fine."""

    def pick(rows):
        rows = list(rows.order_by("pk"))
        return rng.choice(rows) if rows else None

    mention = pick(Mention.objects.all())
    quote = pick(Quote.objects.all())
    date = pick(DateMention.objects.exclude(value_start=None))
    named = rng.sample(
        list(Entity.objects.filter(mentions__isnull=False).distinct().order_by("pk")), 2
    )
    article = pick(Article.objects.all())
    correction = pick(Correction.objects.all())
    actions = [
        lambda: mentions.relabel_mention(
            mention_id=mention.pk,
            version=mention.version,
            kind=rng.choice(["PERSON", "PLACE", "ORG"]),
            editor=editor,
        ),
        lambda: reject(Mention, pk=mention.pk, version=mention.version, editor=editor),
        lambda: mentions.detach_mention(
            mention_id=mention.pk, version=mention.version, editor=editor
        ),
        lambda: mentions.link_mention(
            mention_id=mention.pk,
            version=mention.version,
            entity_id=named[0].pk,
            editor=editor,
        ),
        lambda: entities.merge_entities(
            source_id=named[0].pk,
            source_version=named[0].version,
            target_id=named[1].pk,
            editor=editor,
        ),
        lambda: quotes.change_quote(
            quote_id=quote.pk, version=quote.version, speaker_id=named[0].pk, editor=editor
        ),
        lambda: reject(Quote, pk=quote.pk, version=quote.version, editor=editor),
        lambda: reject(DateMention, pk=date.pk, version=date.version, editor=editor),
        lambda: dates.change_date(
            date_id=date.pk,
            version=date.version,
            value_start=dt.date(2019, 1, 1),
            value_end=dt.date(2019, 12, 31),
            granularity="year",
            editor=editor,
        ),
        lambda: mentions.add_mention(
            article_id=article.pk, start=0, end=article.body.index(" "), kind="ORG", editor=editor
        ),
        lambda: history.undo(correction_id=correction.pk, editor=editor),
        lambda: history.redo(correction_id=correction.pk, editor=editor),
    ]
    # A refused or impossible correction (no quote to change, say) changes nothing.
    with contextlib.suppress(Conflict, Invalid, AttributeError, IndexError):
        rng.choice(actions)()


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_a_random_sequence_of_ingests_and_corrections_leaves_no_drift(
    archive, django_user_model, seed
):
    rng = random.Random(seed)
    editor = django_user_model.objects.create(username=f"editor-{seed}")
    for step in range(40):
        if step % 10 == 5:
            ingest_bytes(
                f"extra-{step}.txt",
                f"Extra piece {step}\n\nKabul and Doha met on June 3, 2020 in Quetta.".encode(),
            )
        random_correction(rng, editor)
    assert drift() == []


def test_admin_edits_and_deletions_keep_the_read_models_true(archive, admin_client):
    article = Article.objects.order_by("pk")[0]
    change = reverse("admin:articles_article_change", args=[article.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(published="1999-12-31", sources="")
    assert admin_client.post(change, data).status_code == 302
    assert drift() == []
    delete = reverse("admin:articles_article_delete", args=[article.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert drift() == []


def counters() -> dict[str, list[tuple]]:
    return {
        "entities": sorted(
            EntityStats.objects.values_list("entity_id", "article_count", "mention_count")
        ),
        "periods": sorted(
            PeriodStats.objects.values_list("granularity", "period_start", "article_count")
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_an_offline_rebuild_in_two_lanes_writes_what_the_writes_kept():
    ingest_paths([str(SAMPLES)])
    before = counters()
    written = rebuild_read_models(offline=True)

    assert counters() == before
    assert written["articles_quotearticle"] > 0
    assert drift() == []
