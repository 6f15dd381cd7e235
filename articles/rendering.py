"""Article body as HTML with its mentions and dates marked, built only from escaped pieces."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from articles.models import DateMention, Mention

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    template: str  # a format_html template whose last placeholder takes the marked text
    args: tuple

    def render(self, text: str) -> SafeString:
        return format_html(self.template, *self.args, text)


def mention_mark(mention: Mention) -> Mark:
    entity = mention.entity
    return Mark(
        mention.start,
        mention.end,
        '<a class="mention mention--{}" href="{}" data-kind="{}" title="{}: {}">{}</a>',
        (
            entity.kind.lower(),
            entity.get_absolute_url(),
            entity.kind,
            entity.get_kind_display(),
            entity.name,
        ),
    )


def date_mark(date: DateMention) -> Mark:
    if date.value_start and date.value_end:
        span = f"{date.value_start:%Y-%m-%d} to {date.value_end:%Y-%m-%d}"
        return Mark(
            date.start,
            date.end,
            '<time class="mention mention--date" datetime="{}" title="Date: {}">{}</time>',
            (date.value_start.isoformat(), span),
        )
    return Mark(
        date.start, date.end, '<span class="mention mention--date" title="Date">{}</span>', ()
    )


def marked_body(
    body: str, mentions: Iterable[Mention] = (), dates: Iterable[DateMention] = ()
) -> SafeString:
    """Paragraphs of the body with marks; overlapping marks keep the earlier, longer one."""
    marks = sorted(
        [*map(mention_mark, mentions), *map(date_mark, dates)],
        key=lambda mark: (mark.start, -mark.end),
    )
    paragraphs = []
    position = 0
    for match in [*PARAGRAPH_BREAK.finditer(body), None]:
        end = match.start() if match else len(body)
        inside = [mark for mark in marks if position <= mark.start and mark.end <= end]
        paragraphs.append(format_html("<p>{}</p>", marked_text(body, position, end, inside)))
        position = match.end() if match else end
    return format_html_join("\n", "{}", ((paragraph,) for paragraph in paragraphs))


def marked_text(body: str, start: int, end: int, marks: list[Mark]) -> SafeString:
    pieces: list[SafeString] = []
    cursor = start
    for mark in marks:
        if mark.start < cursor:
            continue  # overlaps the previous mark
        pieces.append(escape(body[cursor : mark.start]))
        pieces.append(mark.render(body[mark.start : mark.end]))
        cursor = mark.end
    pieces.append(escape(body[cursor:end]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
