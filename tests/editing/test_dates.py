"""Corrections to dates: another interval or none, not a date, and dates the pipeline missed."""

import datetime as dt

import pytest

from articles.editing import dates, history
from articles.editing.errors import Invalid
from articles.editing.rejecting import reject
from articles.models import DateMention
from articles.models.corrections import CorrectionAction
from tests.factories import ArticleFactory, DateMentionFactory, MentionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def june():
    article = ArticleFactory.create(
        body="Talks began in June 2020 in Doha.", published=dt.date(2020, 7, 1)
    )
    return DateMentionFactory.create(
        article=article,
        text="June 2020",
        value_start=dt.date(2020, 6, 1),
        value_end=dt.date(2020, 6, 30),
        granularity="month",
    )


def change(date, value_start, value_end, granularity, editor):
    return dates.change_date(
        date_id=date.pk,
        version=date.version,
        value_start=value_start,
        value_end=value_end,
        granularity=granularity,
        editor=editor,
    )


def test_a_date_means_another_interval_then_none_and_undo_puts_it_back(editor, june):
    changed = change(june, dt.date(2020, 6, 20), dt.date(2020, 6, 21), "day", editor)
    assert changed.action == CorrectionAction.CHANGE_DATE
    assert changed.after["summary"] == "“June 2020” means 20 June 2020 to 21 June 2020"
    june.refresh_from_db()
    assert (june.value_start, june.value_end, june.origin) == (
        dt.date(2020, 6, 20),
        dt.date(2020, 6, 21),
        "editor",
    )

    unplaced = change(june, None, None, "", editor)
    assert unplaced.after["summary"] == "“June 2020” means not placed on the calendar"
    june.refresh_from_db()
    assert (june.value_start, june.granularity) == (None, "")

    history.undo(correction_id=unplaced.pk, editor=editor)
    history.undo(correction_id=changed.pk, editor=editor)
    june.refresh_from_db()
    assert (june.value_start, june.value_end) == (dt.date(2020, 6, 1), dt.date(2020, 6, 30))
    history.redo(correction_id=changed.pk, editor=editor)
    june.refresh_from_db()
    assert june.value_start == dt.date(2020, 6, 20)


@pytest.mark.parametrize(
    ("value_start", "value_end", "granularity", "why"),
    [
        (dt.date(2020, 7, 1), dt.date(2020, 6, 1), "day", "first day comes after the last"),
        (dt.date(2020, 7, 1), None, "day", "both the first and the last day"),
        (dt.date(2020, 7, 1), dt.date(2020, 7, 2), "fortnight", "Unknown granularity"),
    ],
)
def test_a_date_that_makes_no_sense_is_refused(
    editor, june, value_start, value_end, granularity, why
):
    with pytest.raises(Invalid, match=why):
        change(june, value_start, value_end, granularity, editor)
    june.refresh_from_db()
    assert june.value_start == dt.date(2020, 6, 1)


def test_a_rejected_date_leaves_the_pages_and_marking_it_brings_it_back(editor, june):
    rejected = reject(DateMention, pk=june.pk, version=june.version, editor=editor)
    assert rejected.after["summary"] == "“June 2020” is not a date"
    assert not DateMention.objects.filter(pk=june.pk).exists()
    dates.add_date(article_id=june.article_id, start=june.start, end=june.end, editor=editor)
    back = DateMention.objects.get(pk=june.pk)
    assert (back.value_start, back.value_end) == (dt.date(2020, 6, 1), dt.date(2020, 6, 30))


def test_a_date_the_pipeline_missed_is_read_from_the_words(editor):
    article = ArticleFactory.create(
        body="The council met in Doha. Work begins next spring, it said.",
        published=dt.date(2021, 5, 10),
    )
    MentionFactory.create(article=article, entity__name="Doha")
    start = article.body.index("next spring")
    added = dates.add_date(
        article_id=article.pk, start=start, end=start + len("next spring"), editor=editor
    )
    date = DateMention.objects.get(text="next spring")
    assert date.origin == "editor"
    assert added.action == CorrectionAction.ADD_DATE
    assert (date.granularity, date.value_start, date.value_end) == (
        "season",
        dt.date(2022, 3, 1),
        dt.date(2022, 5, 31),
    )
    with pytest.raises(Invalid, match="overlaps the date “next spring”"):
        dates.add_date(article_id=article.pk, start=start + 5, end=start + 11, editor=editor)
    doha = article.body.index("Doha")
    with pytest.raises(Invalid, match="overlaps the mention “Doha”"):
        dates.add_date(article_id=article.pk, start=doha, end=doha + 4, editor=editor)


def test_words_the_calendar_cannot_place_are_marked_off_the_calendar(editor):
    article = ArticleFactory.create(body="It happened in the two countries.")
    start = article.body.index("the two")
    added = dates.add_date(
        article_id=article.pk, start=start, end=start + len("the two"), editor=editor
    )
    assert added.after["summary"] == "Marked “the two” as a date: not placed on the calendar"
    assert DateMention.objects.get(text="the two").value_start is None


def test_a_rejected_date_does_not_stand_in_the_way_of_a_longer_one(editor):
    article = ArticleFactory.create(
        body="Talks resume in the spring of 2021.", published=dt.date(2021, 1, 4)
    )
    spring = DateMentionFactory.create(
        article=article,
        text="spring",
        value_start=dt.date(2021, 3, 1),
        value_end=dt.date(2021, 5, 31),
        granularity="season",
    )
    reject(DateMention, pk=spring.pk, version=spring.version, editor=editor)
    start = article.body.index("the spring of 2021")
    dates.add_date(article_id=article.pk, start=start, end=start + 18, editor=editor)
    assert [date.text for date in DateMention.objects.filter(article=article)] == [
        "the spring of 2021"
    ]
