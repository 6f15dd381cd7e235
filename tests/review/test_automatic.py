"""The checks run by themselves: an ingest or a correction queues the checks of what it touched
once it commits, a worker runs them (here, the immediate backend), and they read only that."""

import pytest
from django.tasks import task_backends
from django.tasks.backends.dummy import DummyBackend

from articles.editing.rejecting import reject
from articles.ingest.service import ingest_bytes
from articles.models import Mention, ReviewItem, Topic
from articles.review.checks import run_checks
from articles.review.tasks import check_touched
from tests.factories import make_article
from tests.review.conftest import uncertain_jalalabad, unplaced

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_a_correction_queues_the_checks_of_what_it_touched_not_of_the_archive(
    settings, editor, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY
    article, _jalalabad, spoke = uncertain_jalalabad()
    elsewhere = make_article(body="It reopened recently.")
    unplaced(elsewhere, "recently")
    with django_capture_on_commit_callbacks(execute=True):
        reject(Mention, pk=spoke.pk, version=spoke.version, editor=editor)
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    (queued,) = backend.results
    assert (queued.args[0], elsewhere.pk in queued.args[0]) == ([article.pk], False)


def test_a_correction_that_answers_a_finding_closes_it_by_itself(
    settings, editor, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    _article, _jalalabad, spoke = uncertain_jalalabad()
    run_checks([Topic.KIND_DISAGREES])
    with django_capture_on_commit_callbacks(execute=True):
        reject(Mention, pk=spoke.pk, version=spoke.version, editor=editor)
    assert ReviewItem.objects.get(topic=Topic.MODEL_DISAGREES).status == "resolved"


def test_checking_the_same_article_again_keeps_one_item():
    article = make_article(body="It reopened recently.")
    unplaced(article, "recently")
    check_touched.call([article.pk], [])
    check_touched.call([article.pk], [])
    assert ReviewItem.objects.filter(topic=Topic.DATE_UNPLACED).count() == 1


def test_checking_one_article_leaves_the_others_items_as_they_are():
    first, second = (make_article(body="It reopened recently.") for _ in range(2))
    unplaced(first, "recently")
    unplaced(second, "recently")
    run_checks([Topic.DATE_UNPLACED])
    first.dates.all().update(value_start="2020-06-01", value_end="2020-06-01")
    check_touched.call([first.pk], [])
    statuses = dict(ReviewItem.objects.values_list("article_id", "status"))
    assert statuses == {first.pk: "resolved", second.pk: "open"}


def test_an_ingest_checks_the_articles_it_stored(settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        report = ingest_bytes(
            "traders.txt", "Border reopens\n\n“We are open again,” a trader said.".encode()
        )
    (outcome,) = report.outcomes
    item = ReviewItem.objects.get(topic=Topic.QUOTE_NO_SPEAKER)
    assert outcome.article is not None
    assert item.article_id == outcome.article.pk


def test_an_article_annotated_again_keeps_its_dismissed_items_dismissed():
    text = "Border reopens\n\n“We are open again,” a trader said.".encode()
    ingest_bytes("traders.txt", text)
    run_checks([Topic.QUOTE_NO_SPEAKER])
    ReviewItem.objects.update(status="dismissed")
    ingest_bytes("traders.txt", text, reannotate=True)
    run_checks([Topic.QUOTE_NO_SPEAKER])
    assert list(ReviewItem.objects.values_list("status", flat=True)) == ["dismissed"]
