"""What an upload may be, and the refusal that tells an admin why a file or an upload is not taken.

Shared by the checks in the request (`receiving`), the checks of a .zip's contents (`archives`)
and the task that reads an accepted file again (`annotating_uploads`), so that a file is judged
by one rule wherever it is read.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.template.defaultfilters import filesizeformat

from articles.ingest.formats import SUFFIXES

ZIP, DOCX = ".zip", ".docx"
ACCEPTED = (*SUFFIXES, DOCX, ZIP)


class Refused(ValueError):
    """An upload or a file that is not accepted; the message says why, for a newsroom reader."""


def size_text(size: int) -> str:
    return str(filesizeformat(size)).replace("\xa0", " ")


def upload_kind(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise Refused(f"not a kind of file Newsdesk reads (use {', '.join(ACCEPTED)})")
    return suffix
