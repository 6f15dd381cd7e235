"""What makes a piece, or a file of pieces, unfit for the archive: judged before anything is stored.

The command, the upload check in the request and the task after it all judge by these rules, so
a file is refused whole, with every reason, before any of its pieces is written; whatever passes
them is something the database can store. A piece too long for the archive, a headline too long,
a character PostgreSQL cannot hold (NUL, or half of a surrogate pair from a JSON escape) are
found here, not when a write fails halfway through a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings

from articles.ingest.formats import Failure, Piece
from articles.ingest.storable import unstorable
from articles.models import Article
from articles.models.limits import max_length

HEADLINE_MAX = max_length(Article, "headline")
URL_MAX = max_length(Article, "source_url")
PROBLEMS_SHOWN = 3


def problem_with(piece: Piece) -> str | None:
    """Why this piece cannot be stored, or None."""
    if not piece.headline:
        return "no headline"
    if len(piece.headline) > HEADLINE_MAX:
        return f"the headline is longer than {HEADLINE_MAX} characters"
    if not piece.body.strip():
        return "no body text"
    limit = settings.NEWSDESK_PIECE_MAX_CHARS
    if len(piece.body) > limit:
        return (
            f"the text is {len(piece.body):,} characters long; the archive takes pieces of up to "
            f"{limit:,} (NEWSDESK_PIECE_MAX_CHARS)"
        )
    if len(piece.url) > URL_MAX:
        return f"the URL is longer than {URL_MAX} characters"
    fields = {"headline": piece.headline, "body": piece.body, "byline": piece.byline}
    fields |= {"URL": piece.url, "id": piece.external_id}
    fields |= {"sources": " ".join(piece.sources)}
    for field, text in fields.items():
        if found := unstorable(text):
            return f"the {field} holds {found}, which cannot be stored"
    return None


def file_refusal(name: str, pieces: Iterable[Piece | Failure]) -> str | None:
    """Why a whole file is refused (every problem of its pieces, the first few said), or None."""
    problems = []
    for piece in pieces:
        if isinstance(piece, Failure):
            problems.append(where(name, piece.name) + piece.reason)
        elif problem := problem_with(piece):
            problems.append(where(name, piece.name) + problem)
    if not problems:
        return None
    shown = "; ".join(problems[:PROBLEMS_SHOWN])
    more = len(problems) - PROBLEMS_SHOWN
    return shown + (f"; and {more} more problem{'s' if more > 1 else ''}" if more > 0 else "")


def where(name: str, piece_name: str) -> str:
    """Which piece of the file a problem is about: "line 3: ", "article 2: " or nothing."""
    if piece_name == name:
        return ""
    suffix = piece_name.removeprefix(name)
    if re.fullmatch(r":\d+", suffix):
        return f"line {suffix[1:]}: "
    if re.fullmatch(r"#\d+", suffix):
        return f"article {suffix[1:]}: "
    return f"{piece_name}: "
