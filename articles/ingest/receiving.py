"""Receiving an upload: the checks run in the request, and storing the accepted files of a batch.

The checks are cheap (no NLP): sizes, the kind of file, a .zip's table of contents before anything
in it is extracted (`archives`), then every piece read as `ingest` reads it. A file failing any
check is refused whole, so nothing of it reaches the archive, and the rest of the upload goes on.
Annotation runs later, in a task (`annotating_uploads`), which reads the stored file the same way:
through `pieces_from_upload` and the ingest service, the code path of `manage.py ingest`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from articles.ingest.archives import archive_members, open_archive
from articles.ingest.checks import problem_with
from articles.ingest.docx import pieces_from_docx
from articles.ingest.formats import Failure, Piece, pieces_from_bytes
from articles.ingest.refusals import DOCX, ZIP, Refused, size_text, upload_kind
from articles.ingest.service import content_hash
from articles.models import UploadBatch, UploadFile, UploadStatus
from articles.models.limits import max_length

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NAME_MAX = max_length(UploadFile, "name")
PROBLEMS_SHOWN = 3


@dataclass
class Checked:
    name: str
    size: int
    original: bytes | None
    reason: str = ""
    pieces: int | None = None


def receive_upload(*, files: Sequence[UploadedFile[Any]], uploader: User | None) -> UploadBatch:
    """Check every file and store the batch: accepted files queued, refused ones with the reason.

    Raises Refused, storing nothing, when the upload as a whole is over the limits.
    """
    if not files:
        raise Refused("Choose at least one file.")
    if len(files) > settings.NEWSDESK_UPLOAD_MAX_FILES:
        raise Refused(
            f"That is {len(files)} files; upload at most {settings.NEWSDESK_UPLOAD_MAX_FILES} "
            "at once, or put them in a .zip archive."
        )
    total = sum(file.size or 0 for file in files)
    if total > settings.NEWSDESK_UPLOAD_MAX_TOTAL_BYTES:
        raise Refused(
            f"The files come to {size_text(total)}; the limit is "
            f"{size_text(settings.NEWSDESK_UPLOAD_MAX_TOTAL_BYTES)} for one upload."
        )
    # Checked outside the transaction; the total limit bounds what is held in memory meanwhile.
    checked = [check_file(file) for file in files]
    now = timezone.now()
    with transaction.atomic():
        batch = UploadBatch.objects.create(uploader=uploader)
        UploadFile.objects.bulk_create(
            UploadFile(
                batch=batch,
                name=item.name,
                size=item.size,
                original=item.original,
                pieces=item.pieces,
                status=UploadStatus.QUEUED if item.original is not None else UploadStatus.FAILED,
                reason=item.reason,
                finished_at=None if item.original is not None else now,
            )
            for item in checked
        )
    return batch


def check_file(file: UploadedFile[Any]) -> Checked:
    name = (file.name or "unnamed")[-NAME_MAX:]
    size = file.size or 0
    try:
        data, pieces = checked_upload(name=name, size=size, read=file.read)
    except Refused as refusal:
        return Checked(name, size, None, f"Refused: {refusal}")
    return Checked(name, len(data), data, pieces=pieces)


def checked_upload(*, name: str, size: int, read: Callable[[int], bytes]) -> tuple[bytes, int]:
    """The file's bytes and how many pieces it holds, when it passes every check; else Refused,
    saying why."""
    limit = settings.NEWSDESK_UPLOAD_MAX_FILE_BYTES
    if size > limit:
        raise Refused(f"the file is {size_text(size)}; the limit is {size_text(limit)} a file")
    upload_kind(name)
    data = read(limit + 1)
    if len(data) > limit:  # the declared size was wrong
        raise Refused(f"the file is over the limit of {size_text(limit)} a file")
    return data, len(checked_pieces(name, data))


def checked_pieces(name: str, data: bytes) -> list[str]:
    """The content hash of every piece in the file, in order, when every piece can be stored;
    else Refused, saying why. The hashes tell which pieces the archive holds already."""
    problems, hashes = [], []
    for piece in pieces_from_upload(name, data):
        if isinstance(piece, Failure):
            problems.append(problem_text(name, piece.name, piece.reason))
        elif problem := problem_with(piece):
            problems.append(problem_text(name, piece.name, problem))
        else:
            hashes.append(content_hash(piece.headline, piece.body))
    if problems:
        shown = "; ".join(problems[:PROBLEMS_SHOWN])
        more = len(problems) - PROBLEMS_SHOWN
        raise Refused(
            shown + (f"; and {more} more problem{'s' if more > 1 else ''}" if more > 0 else "")
        )
    if not hashes:
        raise Refused("no articles found in it")
    return hashes


def problem_text(name: str, piece_name: str, reason: str) -> str:
    return reason if piece_name == name else f"{piece_name}: {reason}"


def pieces_from_upload(name: str, data: bytes, *, first_line: int = 1) -> Iterator[Piece | Failure]:
    """Every piece in an uploaded file: a .zip's members, a Word document, or a text format.

    `first_line` is where a part of a JSON Lines file starts in that file (`queueing`).
    """
    try:
        kind = upload_kind(name)
        if kind == ZIP:
            for member_name, member_data in archive_members(name, data):
                yield from pieces_from_member(member_name, member_data)
        else:
            yield from pieces_from_member(name, data, first_line=first_line)
    except Refused as refusal:
        yield Failure(name, str(refusal))


def pieces_from_member(name: str, data: bytes, *, first_line: int = 1) -> Iterator[Piece | Failure]:
    if upload_kind(name) == DOCX:
        # A Word document is itself a zip archive: the same checks before python-docx opens it.
        open_archive(data)
        yield from pieces_from_docx(name, data)
    else:
        yield from pieces_from_bytes(name, data, first_line=first_line)
