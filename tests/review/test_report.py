"""What editors taught, per ISO week, from a planted history: corrections by kind, lessons
learned, later mentions the lessons decided, and the share of new mentions corrected since."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.ingest.service import ingest_bytes
from articles.models import Article, Correction, LessonUse, LexiconEntry, Mention
from articles.review.report import monday_of, report_page
from tests.factories import make_article, make_entity, mention

pytestmark = pytest.mark.django_db
REPORT = "/review/report/"
TODAY = timezone.localdate()
THIS_WEEK = monday_of(TODAY)


def at(weeks_ago: int) -> dt.datetime:
    """Tuesday noon, `weeks_ago` weeks back."""
    day = THIS_WEEK - dt.timedelta(weeks=weeks_ago) + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def stored_article(weeks_ago: int, mentions: int = 4) -> Article:
    names = [f"Place{n}" for n in range(mentions)]
    article = make_article(body=" ".join(f"{name} grew." for name in names))
    for name in names:
        mention(article, make_entity(name=name, kind="PLACE"), name)
    Article.objects.filter(pk=article.pk).update(created_at=at(weeks_ago))
    return article


def corrections(weeks_ago: int, *actions: str) -> None:
    for action in actions:
        correction = Correction.objects.create(action=action)
        Correction.objects.filter(pk=correction.pk).update(created_at=at(weeks_ago))


@pytest.fixture
def history():
    """Two weeks ago four new mentions, one corrected since; last week three corrections and a
    lesson learned; this week three later mentions the lesson decided."""
    article = stored_article(2)
    Mention.objects.filter(pk=article.mentions.order_by("pk")[0].pk).update(version=2)
    corrections(1, "relabel", "relabel", "reject")
    lesson = LexiconEntry.objects.create(text="Place0", kind="ORG")
    LexiconEntry.objects.filter(pk=lesson.pk).update(created_at=at(1))
    for _ in range(3):
        LessonUse.objects.create(article=article, text="Place0")
    return article


def week(weeks_ago: int):
    wanted = THIS_WEEK - dt.timedelta(weeks=weeks_ago)
    return next(w for w in report_page(1).weeks if w.monday == wanted)


def test_corrections_are_counted_by_kind_in_their_week(history):
    assert dict(week(1).corrections) == {"Mention relabelled": 2, "Mention rejected": 1}


def test_lessons_learned_are_counted_in_their_week(history):
    assert week(1).lessons == 1


def test_later_mentions_the_lessons_decided_are_counted_in_their_week(history):
    assert week(0).lessons_applied == 3


def test_the_share_of_new_mentions_corrected_since(history):
    assert (week(2).corrected, week(2).new_mentions, week(2).error_percent) == (1, 4, "25.0 %")


def test_a_week_with_no_new_mentions_has_no_rate(history):
    assert week(1).error_rate is None


def test_weeks_come_eight_a_page_newest_first():
    stored_article(10)
    first, second = report_page(1), report_page(2)
    assert (len(first.weeks), first.weeks[0].monday, first.has_next) == (8, THIS_WEEK, True)
    assert second.weeks[-1].monday == THIS_WEEK - dt.timedelta(weeks=10)


def queries_for_report(articles: int) -> int:
    for number in range(articles):
        stored_article(number % 8, mentions=3)
        corrections(number % 8, "relabel")
    with CaptureQueriesContext(connection) as captured:
        report_page(1)
    return len(captured)


def test_a_page_of_weeks_costs_the_same_whatever_the_history():
    small = queries_for_report(3)
    assert small == queries_for_report(20)


def test_the_command_prints_each_week(history, capsys):
    call_command("review_report")
    out = capsys.readouterr().out
    name = "{}-W{:02d}".format(*(THIS_WEEK - dt.timedelta(weeks=2)).isocalendar()[:2])
    assert f"{name}: 0 corrections" in out
    assert "new mentions corrected since: 1 of 4 (25.0 %)" in out


def test_editors_read_the_page_and_readers_do_not(history, editor_client):
    reader = User.objects.create_user("reader", password="pw")
    client = Client()
    client.force_login(reader)
    assert client.get(REPORT).status_code == 403
    assert "1 of 4 (25.0 %)" in editor_client.get(REPORT).content.decode()


def test_the_queue_links_to_the_report(editor_client):
    assert f'href="{REPORT}"' in editor_client.get("/review/").content.decode()


def test_a_lesson_that_decides_a_mention_at_ingest_is_recorded():
    LexiconEntry.objects.create(text="Torkham", kind="ORG")
    ingest_bytes("torkham.txt", b"Border\n\nTrucks queued at Torkham on Monday.")
    use = LessonUse.objects.get()
    assert (use.text, use.mention.text if use.mention else None) == ("Torkham", "Torkham")
