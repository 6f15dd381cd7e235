"""Uploads: check the files admins send, keep them, and annotate them through the ingest service.

The checks run in the request and are cheap (no NLP): sizes, the kind of file, a .zip's table of
contents before anything in it is extracted, then every piece read as `ingest` reads it. A file
failing any check is refused whole, so nothing of it reaches the archive, and the rest of the
upload goes on. Annotation runs later, in a task (`articles/tasks.py`), through `ingest_pieces`:
the same code path as `manage.py ingest`.
"""

from __future__ import annotations

import io
import re
import stat
import time
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from articles.ingest.docx import pieces_from_docx
from articles.ingest.formats import SUFFIXES, Failure, Piece, pieces_from_bytes
from articles.ingest.service import (
    CREATED,
    UNCHANGED,
    UPDATED,
    IngestReport,
    ingest_pieces,
    problem_with,
)
from articles.models import (
    FINISHED_UPLOAD_STATUSES,
    UploadBatch,
    UploadFile,
    UploadStatus,
    stall_cutoff,
)

ZIP, DOCX = ".zip", ".docx"
ACCEPTED = (*SUFFIXES, DOCX, ZIP)
NAME_MAX = UploadFile._meta.get_field("name").max_length
PROBLEMS_SHOWN = 3
HEARTBEAT_SECONDS = 2  # the batch page polls every 2 s
# Ordinary text compresses at most about ten times; only members that would expand beyond this
# are held to the ratio limit, so a short file of repeated lines is never taken for a bomb.
RATIO_FLOOR_BYTES = 2**20
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")
# When two runs of one attempt finish (a task delivered twice), the better verdict stands.
VERDICT_RANK = {UploadStatus.FAILED: 0, UploadStatus.UNCHANGED: 1, UploadStatus.DONE: 2}


class Refused(ValueError):
    """An upload or a file that is not accepted; the message says why, for a newsroom reader."""


@dataclass
class Checked:
    name: str
    size: int
    original: bytes | None
    reason: str = ""


def size_text(size: int) -> str:
    return str(filesizeformat(size)).replace("\xa0", " ")


def receive_upload(*, files: Sequence[UploadedFile], uploader) -> UploadBatch:
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
                status=UploadStatus.QUEUED if item.original is not None else UploadStatus.FAILED,
                reason=item.reason,
                finished_at=None if item.original is not None else now,
            )
            for item in checked
        )
    return batch


def check_file(file: UploadedFile) -> Checked:
    name = (file.name or "unnamed")[-NAME_MAX:]
    size = file.size or 0
    try:
        data = checked_upload(name=name, size=size, read=file.read)
    except Refused as refusal:
        return Checked(name, size, None, f"Refused: {refusal}")
    return Checked(name, len(data), data)


def checked_upload(*, name: str, size: int, read) -> bytes:
    """The file's bytes, when it passes every check; else Refused, saying why."""
    limit = settings.NEWSDESK_UPLOAD_MAX_FILE_BYTES
    if size > limit:
        raise Refused(f"the file is {size_text(size)}; the limit is {size_text(limit)} a file")
    upload_kind(name)
    data = read(limit + 1)
    if len(data) > limit:  # the declared size was wrong
        raise Refused(f"the file is over the limit of {size_text(limit)} a file")
    problems, pieces = [], 0
    for piece in pieces_from_upload(name, data):
        if isinstance(piece, Failure):
            problems.append(problem_text(name, piece.name, piece.reason))
        elif problem := problem_with(piece):
            problems.append(problem_text(name, piece.name, problem))
        else:
            pieces += 1
    if problems:
        shown = "; ".join(problems[:PROBLEMS_SHOWN])
        more = len(problems) - PROBLEMS_SHOWN
        raise Refused(
            shown + (f"; and {more} more problem{'s' if more > 1 else ''}" if more > 0 else "")
        )
    if not pieces:
        raise Refused("no articles found in it")
    return data


def problem_text(name: str, piece_name: str, reason: str) -> str:
    return reason if piece_name == name else f"{piece_name}: {reason}"


def upload_kind(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise Refused(f"not a kind of file Newsdesk reads (use {', '.join(ACCEPTED)})")
    return suffix


def pieces_from_upload(name: str, data: bytes) -> Iterator[Piece | Failure]:
    """Every piece in an uploaded file: a .zip's members, a Word document, or a text format."""
    try:
        kind = upload_kind(name)
        if kind == ZIP:
            for member_name, member_data in archive_members(name, data):
                yield from pieces_from_member(member_name, member_data)
        else:
            yield from pieces_from_member(name, data)
    except Refused as refusal:
        yield Failure(name, str(refusal))


def pieces_from_member(name: str, data: bytes) -> Iterator[Piece | Failure]:
    if upload_kind(name) == DOCX:
        # A Word document is itself a zip archive: the same checks before python-docx opens it.
        open_archive(data)
        yield from pieces_from_docx(name, data)
    else:
        yield from pieces_from_bytes(name, data)


def open_archive(data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """Open an archive and check its table of contents; nothing is extracted yet.

    Refused: too many entries, absolute paths or `..`, symbolic links, encryption, or what would
    expand beyond the size or compression-ratio limits (a zip bomb).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as error:
        raise Refused("not a readable .zip archive") from error
    entries = archive.infolist()
    if len(entries) > settings.NEWSDESK_ARCHIVE_MAX_MEMBERS:
        raise Refused(
            f"the archive holds {len(entries)} entries; the limit is "
            f"{settings.NEWSDESK_ARCHIVE_MAX_MEMBERS}"
        )
    ratio_limit = settings.NEWSDESK_ARCHIVE_MAX_RATIO
    for entry in entries:
        if unsafe_path(entry.filename):
            raise Refused(f"{entry.filename}: an unsafe path (absolute, or with ..)")
        if stat.S_ISLNK(entry.external_attr >> 16):
            raise Refused(f"{entry.filename}: a symbolic link")
        if entry.flag_bits & 0x1:
            raise Refused(f"{entry.filename}: password-protected")
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size > ratio_limit * max(
            entry.compress_size, 1
        ):
            raise Refused(
                f"{entry.filename} would expand {entry.file_size // max(entry.compress_size, 1)} "
                f"times (the limit is {ratio_limit}): it looks like a zip bomb"
            )
    expanded = sum(entry.file_size for entry in entries)
    limit = settings.NEWSDESK_ARCHIVE_MAX_UNCOMPRESSED_BYTES
    if expanded > limit:
        raise Refused(
            f"the archive would expand to {size_text(expanded)}; the limit is {size_text(limit)}"
        )
    return archive, entries


def unsafe_path(path: str) -> bool:
    parts = re.split(r"[/\\]", path)
    return path.startswith(("/", "\\")) or bool(WINDOWS_DRIVE.match(path)) or ".." in parts


def archive_members(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """The files in a checked archive, one at a time, each read no further than its stated size."""
    archive, entries = open_archive(data)
    for entry in entries:
        parts = [part for part in re.split(r"[/\\]", entry.filename) if part not in ("", ".")]
        # Folders, and what macOS and editors leave beside files, are no articles.
        if entry.is_dir() or not parts or parts[0] == "__MACOSX" or parts[-1].startswith("."):
            continue
        member = f"{name}/{'/'.join(parts)}"
        if upload_kind(parts[-1]) == ZIP:
            raise Refused(f"{member}: archives inside archives are not read")
        try:
            with archive.open(entry) as stream:
                content = stream.read(entry.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
            raise Refused(f"{member}: cannot be extracted ({error})") from error
        if len(content) != entry.file_size:
            raise Refused(f"{member}: its size in the archive is wrong")
        yield member, content


def annotate_upload(*, file_id: int, attempt: int) -> str:
    """Annotate one stored file: the work of a task. Safe to run twice, or on two machines at once.

    Only a queued (or interrupted) run of the current attempt goes ahead; the ingest service stores
    a piece once whoever gets there first; the verdict is recorded under a row lock and never
    downgrades what a concurrent run of the same attempt recorded.
    """
    claimed = (
        UploadFile.objects.filter(pk=file_id, attempt=attempt)
        .exclude(status__in=FINISHED_UPLOAD_STATUSES)
        .update(status=UploadStatus.ANNOTATING, updated_at=timezone.now())
    )
    if not claimed:
        return "nothing to do: finished already, or retried since"
    upload = UploadFile.objects.only("name", "original").get(pk=file_id)
    try:
        report = ingest_pieces(
            pieces_from_upload(upload.name, bytes(upload.original or b"")),
            on_outcome=heartbeat(file_id=file_id, attempt=attempt),
        )
    except Exception as error:
        UploadFile.objects.filter(pk=file_id, attempt=attempt).exclude(
            status__in=(UploadStatus.DONE, UploadStatus.UNCHANGED)
        ).update(
            status=UploadStatus.FAILED,
            reason=f"Annotation stopped: {error}"[:1000],
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        raise
    record_verdict(file_id=file_id, attempt=attempt, report=report)
    return report.summary()


def heartbeat(*, file_id: int, attempt: int):
    """An ingest callback that shows the run is alive and how far it got, at most every
    HEARTBEAT_SECONDS: a file annotating with no sign of life for NEWSDESK_UPLOAD_STALLED_AFTER
    is stalled. The verdict replaces the progress line at the end."""
    last = time.monotonic()
    done = 0

    def beat(outcome) -> None:
        nonlocal last, done
        done += 1
        if time.monotonic() - last >= HEARTBEAT_SECONDS:
            last = time.monotonic()
            UploadFile.objects.filter(
                pk=file_id, attempt=attempt, status=UploadStatus.ANNOTATING
            ).update(
                updated_at=timezone.now(),
                reason=f"{done} piece{'s' if done != 1 else ''} done so far",
            )

    return beat


def verdict(report: IngestReport) -> tuple[str, str]:
    """The file's status and a line saying what became of its pieces."""
    counts = report.counts
    parts = []
    if counts[CREATED]:
        parts.append(f"{counts[CREATED]} article{'s' if counts[CREATED] > 1 else ''} added")
    if counts[UPDATED]:
        parts.append(f"{counts[UPDATED]} updated")
    if counts[UNCHANGED]:
        parts.append(f"{counts[UNCHANGED]} already in the archive")
    if failed := report.failed:
        problems = "; ".join(f"{o.name}: {o.reason}" for o in failed[:PROBLEMS_SHOWN])
        parts.append(f"{len(failed)} failed ({problems})")
    if counts[CREATED] or counts[UPDATED]:
        status = UploadStatus.DONE
    elif failed or not report.outcomes:
        status = UploadStatus.FAILED
    else:
        status = UploadStatus.UNCHANGED
    return status, ", ".join(parts) or "no articles found in it"


def record_verdict(*, file_id: int, attempt: int, report: IngestReport) -> None:
    status, reason = verdict(report)
    articles = [outcome.article for outcome in report.outcomes if outcome.article is not None]
    with transaction.atomic():
        row = UploadFile.objects.select_for_update().only("status", "attempt").get(pk=file_id)
        if row.attempt != attempt:
            return  # retried meanwhile: the newer attempt records its own verdict
        row.articles.add(*articles)
        if row.finished and VERDICT_RANK[row.status] >= VERDICT_RANK[status]:
            return
        row.status, row.reason, row.finished_at = status, reason, timezone.now()
        row.save(update_fields=["status", "reason", "finished_at", "updated_at"])


def reopen_upload(*, file_id: int) -> int | None:
    """Queue a failed or stalled stored file again; its new attempt number, or None if it cannot
    be. A stalled run that is alive after all finds its attempt outdated and records nothing."""
    retriable = Q(status=UploadStatus.FAILED) | Q(
        status=UploadStatus.ANNOTATING, updated_at__lt=stall_cutoff()
    )
    with transaction.atomic():
        row = (
            UploadFile.objects.select_for_update()
            .defer("original")
            .filter(retriable, pk=file_id, original__isnull=False)
            .first()
        )
        if row is None:
            return None
        row.attempt += 1
        row.status, row.reason, row.task_id, row.finished_at = UploadStatus.QUEUED, "", "", None
        row.save(
            update_fields=["attempt", "status", "reason", "task_id", "finished_at", "updated_at"]
        )
    return row.attempt
