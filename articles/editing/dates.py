"""Corrections to dates: another interval (or none), not a date, a date the pipeline missed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from articles.editing.errors import Invalid
from articles.editing.recording import (
    correcting,
    marked_span,
    save_edited,
    save_marked,
    selected_words,
)
from articles.models import Article, Correction, DateMention, Granularity, Mention
from articles.models.corrections import CorrectionAction
from articles.nlp.dates import interval_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def describe_interval(date: DateMention) -> str:
    if date.value_start is None or date.value_end is None:
        return "not placed on the calendar"
    first, last = (f"{day.day} {day:%B %Y}" for day in (date.value_start, date.value_end))
    return first if first == last else f"{first} to {last}"


def change_date(
    *,
    date_id: int,
    version: int,
    value_start: dt.date | None,
    value_end: dt.date | None,
    granularity: str,
    editor: User,
) -> Correction:
    """The date means another interval ("a year ago" is 2019, not the last quarter); with no
    interval at all it stays marked but off the calendar."""
    if (value_start is None) != (value_end is None):
        raise Invalid("Give both the first and the last day, or neither.")
    if value_start is not None and value_end is not None and value_start > value_end:
        raise Invalid("The first day comes after the last one.")
    if granularity not in Granularity.values and not (value_start is None and granularity == ""):
        raise Invalid(f"Unknown granularity {granularity!r}.")
    with correcting(editor=editor, action=CorrectionAction.CHANGE_DATE) as draft:
        date = draft.lock(DateMention, date_id, version)
        date.value_start, date.value_end = value_start, value_end
        date.granularity = granularity if value_start is not None else ""
        save_edited(date)
        draft.describe_span(f"“{date.text}” means {describe_interval(date)}", date)
    return draft.correction


def add_date(*, article_id: int, start: int, end: int, editor: User) -> Correction:
    """Mark a date the pipeline missed; its interval is read from the words, relative to the
    publication date, and can then be corrected."""
    with correcting(editor=editor, action=CorrectionAction.ADD_DATE) as draft:
        article = Article.objects.select_for_update().get(pk=article_id)
        text = selected_words(article, start, end, what="date")
        mentions = Mention.objects.filter(article=article, start__lt=end, end__gt=start)
        if mention := mentions.first():
            raise Invalid(f"That overlaps the mention “{mention.text}”.")
        if live := DateMention.objects.filter(
            article=article, start__lt=end, end__gt=start
        ).first():
            raise Invalid(f"That overlaps the date “{live.text}”; correct that one instead.")
        # Rejected dates do not stand in the way; one of exactly these words is brought back.
        date = marked_span(draft, DateMention, article, start, end, text)
        found = interval_of(text, article.published)
        if found is not None and found.value_start is not None:
            date.value_start, date.value_end = found.value_start, found.value_end
            date.granularity = found.granularity
        save_marked(draft, date)
        draft.describe(
            summary=f"Marked “{text}” as a date: {describe_interval(date)}", article=article
        )
    return draft.correction
