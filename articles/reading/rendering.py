"""Article body as HTML with its mentions, dates and quotes marked, built from escaped pieces.

Mentions and dates are marks that do not overlap each other; quotes are an outer layer that may
hold marks. Every piece goes through `format_html`, so article text is always escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles.models import DateMention, Mention, Quote
from articles.reading.permalinks import date_anchor, mention_anchor, quote_anchor

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    template: str  # a format_html template whose last placeholder takes the marked content
    args: tuple[object, ...]

    def render(self, content: SafeString | str) -> SafeString:
        return format_html(self.template, *self.args, content)


def mention_mark(mention: Mention, article_url: str | None) -> Mark:
    entity = mention.entity
    panel_url = reverse("articles:entity", kwargs={"slug": entity.slug})
    if article_url is None:
        return Mark(
            mention.start,
            mention.end,
            '<a class="mention mention--{}" href="{}" title="{}: {}">{}</a>',
            (entity.kind.lower(), panel_url, entity.get_kind_display(), entity.name),
        )
    here = f"{article_url}?entity={entity.slug}&mention={mention.pk}"
    article_slug = article_url.rstrip("/").rsplit("/", 1)[-1]
    panel_url = f"{panel_url}?article={article_slug}&mention={mention.pk}"
    return Mark(
        mention.start,
        mention.end,
        '<a id="{}" class="mention mention--{}" href="{}#entity-panel" hx-get="{}" '
        'hx-push-url="{}" data-entity="{}" data-mention="{}" data-version="{}" '
        'title="{}: {}">{}</a>',
        (
            mention_anchor(mention.pk),
            entity.kind.lower(),
            here,
            panel_url,
            here,
            entity.slug,
            mention.pk,
            mention.version,
            entity.get_kind_display(),
            entity.name,
        ),
    )


def date_url(date: DateMention) -> str | None:
    """The calendar page a date mention leads to: its day, its month, or its year."""
    start = date.value_start
    if start is None:
        return None
    if date.granularity == "day" or (date.granularity == "week" and start == date.value_end):
        return reverse("articles:date-day", args=[start.year, start.month, start.day])
    if date.granularity in ("week", "month", "season", "quarter"):
        return reverse("articles:date-month", args=[start.year, start.month])
    return reverse("articles:date-year", args=[start.year])


def date_mark(date: DateMention) -> Mark:
    url = date_url(date)
    if url and date.value_start is not None:
        span = f"{date.value_start:%Y-%m-%d} to {date.value_end:%Y-%m-%d}"
        return Mark(
            date.start,
            date.end,
            '<a id="{}" class="mention mention--date" href="{}" title="Date: {}">'
            '<time datetime="{}">{}</time></a>',
            (date_anchor(date.pk), url, span, date.value_start.isoformat()),
        )
    return Mark(
        date.start,
        date.end,
        '<span id="{}" class="mention mention--date" title="Date">{}</span>',
        (date_anchor(date.pk),),
    )


def quote_mark(quote: Quote) -> Mark:
    speaker = quote.speaker.name if quote.speaker is not None else "unknown speaker"
    return Mark(
        quote.start,
        quote.end,
        '<span id="{}" class="quote quote--{}" title="Quote: {}">{}</span>',
        (quote_anchor(quote.pk), quote.kind, speaker),
    )


def marked_body(
    body: str,
    mentions: Iterable[Mention] = (),
    dates: Iterable[DateMention] = (),
    quotes: Iterable[Quote] = (),
    *,
    article_url: str | None = None,
) -> SafeString:
    """Paragraphs of the body with marks; overlapping marks keep the earlier, longer one."""
    marks = without_overlaps(
        [*(mention_mark(m, article_url) for m in mentions), *map(date_mark, dates)]
    )
    outer = without_overlaps([quote_mark(q) for q in quotes if q.kind != "indirect"])
    paragraphs = []
    position = 0
    for match in [*PARAGRAPH_BREAK.finditer(body), None]:
        end = match.start() if match else len(body)
        # data-start: where the paragraph starts in the body, so that the editing script can
        # turn a selection into body offsets.
        paragraphs.append(
            format_html(
                '<p data-start="{}">{}</p>', position, layered(body, position, end, outer, marks)
            )
        )
        position = match.end() if match else end
    return format_html_join("\n", "{}", ((paragraph,) for paragraph in paragraphs))


def without_overlaps(marks: list[Mark]) -> list[Mark]:
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda mark: (mark.start, -mark.end)):
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


def layered(body: str, start: int, end: int, outer: list[Mark], inner: list[Mark]) -> SafeString:
    """Text from start to end: outer marks (clipped to the paragraph) around inner marks."""
    pieces: list[SafeString] = []
    cursor = start
    for mark in outer:
        mark_start, mark_end = max(mark.start, start), min(mark.end, end)
        if mark_end <= mark_start or mark_start < cursor:
            continue
        pieces.append(marked_text(body, cursor, mark_start, inner))
        pieces.append(mark.render(marked_text(body, mark_start, mark_end, inner)))
        cursor = mark_end
    pieces.append(marked_text(body, cursor, end, inner))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def marked_text(body: str, start: int, end: int, marks: list[Mark]) -> SafeString:
    pieces: list[SafeString] = []
    cursor = start
    for mark in marks:
        if mark.start < cursor or mark.end > end:
            continue
        pieces.append(format_html("{}", body[cursor : mark.start]))
        pieces.append(mark.render(body[mark.start : mark.end]))
        cursor = mark.end
    pieces.append(format_html("{}", body[cursor:end]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
