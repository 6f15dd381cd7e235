"""Article structure: split a plain-text piece into headline, byline, dateline, body and sources.

The layout is the one newsroom copy and the seed article use: the headline on the first line, then
optionally a byline and a dateline (each on a line of its own), the body paragraphs separated by
blank lines, an optional `Sources:` line, and page boilerplate ("Comments are closed.") to drop.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dateutil import parser as date_parser

# Whole lines that are page furniture, not reporting. Matched case-insensitively.
BOILERPLATE_LINES = [
    r"comments are closed\.?",
    r"leave a (comment|reply)\.?",
    r"share (this|on \w+)( article)?:?",
    r"(print|email) this (page|article)\.?",
    r"related (posts|articles|stories):?",
    r"(click|tap) here to .*",
    r"(advertisement|sponsored content)",
    r"(copyright|©).{0,80}",
    r"all rights reserved\.?",
    r"(subscribe|sign up) (to|for) our newsletter.*",
    r"tags?:.*",
]
BOILERPLATE = re.compile(r"^\s*(?:" + "|".join(BOILERPLATE_LINES) + r")\s*$", re.IGNORECASE)
SOURCES = re.compile(r"^\s*sources?\s*:\s*(?P<value>.+?)\s*$", re.IGNORECASE)
BYLINE_PREFIX = re.compile(r"^\s*by\s+(?P<name>.+?)\s*$", re.IGNORECASE)
URL = re.compile(r"^https?://\S+$")

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+"
DATELINE = re.compile(
    rf"^\s*(?:{WEEKDAY})?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\s*$",
    re.IGNORECASE,
)
MAX_BYLINE_WORDS = 8


@dataclass
class Structure:
    headline: str
    body: str
    byline: str = ""
    published: dt.date | None = None
    sources: list[str] = field(default_factory=list)
    url: str = ""


def parse_date(text: str) -> dt.date | None:
    """A calendar date from a dateline such as "March 19, 2007" or "2020-06-15", else None."""
    if not DATELINE.match(text):
        return None
    try:
        return date_parser.parse(text.strip().rstrip("."), fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def split_sources(value: str) -> tuple[list[str], str]:
    """A `Sources:` value as (named sources, URL): URLs go to the URL, names to the list."""
    names, url = [], ""
    # Commas inside a URL are not separators: split on ";" or on a comma followed by a space.
    for item in re.split(r";\s*|,\s+", value):
        item = item.strip().rstrip(".")
        if not item:
            continue
        if URL.match(item):
            url = url or item
        else:
            names.append(item)
    return names, url


def blocks_of(text: str) -> list[list[str]]:
    """Paragraph blocks (lists of non-blank, right-stripped lines), boilerplate lines removed."""
    blocks: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.rstrip()
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
        elif not BOILERPLATE.match(line):
            blocks[-1].append(line.strip())
    return [block for block in blocks if block]


def looks_like_byline(line: str) -> bool:
    if BYLINE_PREFIX.match(line):
        return True
    words = line.split()
    return (
        0 < len(words) <= MAX_BYLINE_WORDS
        and not line.endswith((".", "!", "?", '"', "”", ":"))
        and not any(char.isdigit() for char in line)
    )


def parse_plain_text(text: str) -> Structure:
    """Structure of a plain-text piece. Raises ValueError when there is no headline or body."""
    text = text.lstrip("\ufeff")
    blocks = blocks_of(text)
    if not blocks:
        raise ValueError("the file holds no text")
    headline, *rest_of_first = blocks[0]
    blocks = ([rest_of_first] if rest_of_first else []) + blocks[1:]
    structure = Structure(headline=headline, body="")

    # Byline and dateline, in either order, each a one-line block right after the headline.
    for _ in range(2):
        if not blocks or len(blocks[0]) != 1 or len(blocks) < 2:
            break
        line = blocks[0][0]
        if structure.published is None and (date := parse_date(line)):
            structure.published = date
        elif not structure.byline and looks_like_byline(line):
            match = BYLINE_PREFIX.match(line)
            structure.byline = match["name"] if match else line
        else:
            break
        blocks = blocks[1:]

    paragraphs = []
    for block in blocks:
        kept = []
        for line in block:
            if match := SOURCES.match(line):
                names, url = split_sources(match["value"])
                structure.sources.extend(names)
                structure.url = structure.url or url
            else:
                kept.append(line)
        if kept:
            paragraphs.append("\n".join(kept))
    structure.body = "\n\n".join(paragraphs)
    if not structure.body:
        raise ValueError("no body text after the headline")
    return structure
