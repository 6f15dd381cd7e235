"""Queueing files from the command line (`manage.py ingest --queue`) through the upload machinery.

The files become one upload batch, each checked as the upload page checks a file: a file failing
a check is refused whole, saying why, and the rest go on. Accepted files are stored with their
bytes and queued with `tasks.queue_batch`, so `manage.py db_worker` processes on any machine
sharing the database annotate them, exactly as they annotate uploads.

The unit of a task is a run of pieces rather than a file: one task per file would leave a single
large feed to a single worker. A JSON Lines file is cut between lines into parts of at most
`pieces_per_task` pieces, and before a part would pass the upload page's limit for one file; each
part is an UploadFile of its own (its bytes, the line it starts at, its number of pieces) and so a
task of its own, with its own status, verdict and retry. Pieces keep the names they have without
--queue (`feed.jsonl:1207`). Every other file (text, HTML, Word, .zip, a JSON document) is one
task, and over that limit it is refused as the upload page would refuse it.

A file or part whose pieces are all in the archive already is recorded as such, without its bytes,
and not queued: queueing the same files again stores nothing twice and costs no worker time.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.ingest import tasks
from articles.ingest.formats import (
    HTML,
    JSONL,
    SUFFIXES,
    TEXT,
    BadInput,
    Failure,
    detect_format,
    read_input,
)
from articles.ingest.receiving import NAME_MAX, checked_pieces
from articles.ingest.refusals import Refused, size_text, upload_kind
from articles.models import Article, UploadBatch, UploadFile, UploadOrigin, UploadStatus

# About a minute of one worker's time: small enough for workers to share a feed evenly (the last
# task is the most one waits for another) and for a failed part to be cheap to retry; large enough
# that spaCy's batches fill and a 100 MB feed makes a few hundred rows, not tens of thousands.
PIECES_PER_TASK = 100
# Standard input has no name to tell its kind by; it is named for what it holds.
STDIN_NAMES = {TEXT: "stdin.txt", HTML: "stdin.html", JSONL: "stdin.jsonl"}
HASHES_PER_QUERY = 5000
ROWS_PER_QUERY = 8


@dataclass
class Part:
    first_line: int
    original: bytes
    hashes: list[str]


@dataclass
class QueuedFile:
    """What became of one input file: its pieces, the tasks they were queued in, how many of
    them (`known`) the archive holds already, or the reason it was refused."""

    name: str
    pieces: int = 0
    tasks: int = 0
    known: int = 0
    reason: str = ""

    @property
    def refused(self) -> bool:
        return bool(self.reason)


def queue_files(
    *,
    inputs: Iterable[tuple[str, Path | None] | Failure],
    pieces_per_task: int = PIECES_PER_TASK,
    on_file: Callable[[QueuedFile], None] | None = None,
) -> tuple[UploadBatch, list[QueuedFile]]:
    """Record the inputs (as `formats.input_files` finds them) as one batch from the command and
    queue a task for each accepted part; the batch, and what became of each input."""
    queued = []
    # One transaction: an interrupted run leaves no batch behind whose files no task will take.
    with transaction.atomic():
        batch = UploadBatch.objects.create(uploader=None, origin=UploadOrigin.INGEST_COMMAND)
        for item in inputs:
            outcome = store_input(batch=batch, item=item, pieces_per_task=pieces_per_task)
            queued.append(outcome)
            if on_file:
                on_file(outcome)
    tasks.queue_batch(batch=batch)
    return batch, queued


def store_input(
    *, batch: UploadBatch, item: tuple[str, Path | None] | Failure, pieces_per_task: int
) -> QueuedFile:
    if isinstance(item, Failure):
        return refuse(batch=batch, name=item.name, size=0, reason=item.reason)
    name, path = item
    size = path.stat().st_size if path is not None else 0
    try:
        name, data = read_named(name, path)
        size = len(data)
        parts = checked_parts(name, data, pieces_per_task=pieces_per_task)
    except (BadInput, Refused) as refusal:
        return refuse(batch=batch, name=name, size=size, reason=str(refusal))
    del data  # a large feed is now held once, in its parts
    archived = archived_articles(digest for part in parts for digest in part.hashes)
    now = timezone.now()
    queued = QueuedFile(name=name)
    rows, known_articles = [], []
    for part in parts:
        in_archive = [archived.get(digest) for digest in part.hashes]
        known = all(in_archive)
        rows.append(
            UploadFile(
                batch=batch,
                name=name,
                size=len(part.original),
                original=None if known else part.original,
                first_line=part.first_line,
                pieces=len(part.hashes),
                status=UploadStatus.UNCHANGED if known else UploadStatus.QUEUED,
                reason=f"{len(part.hashes)} already in the archive; not queued" if known else "",
                finished_at=now if known else None,
            )
        )
        known_articles.append(set(in_archive) if known else set())
        queued.pieces += len(part.hashes)
        queued.known += len(part.hashes) if known else 0
        queued.tasks += 0 if known else 1
    # A few megabytes a query, rather than a whole feed's bytes in one.
    rows = UploadFile.objects.bulk_create(rows, batch_size=ROWS_PER_QUERY)
    UploadFile.articles.through.objects.bulk_create(
        UploadFile.articles.through(uploadfile_id=row.pk, article_id=article_id)
        for row, article_ids in zip(rows, known_articles, strict=True)
        for article_id in article_ids
    )
    return queued


def refuse(*, batch: UploadBatch, name: str, size: int, reason: str) -> QueuedFile:
    """Recorded as the upload page records a refused file: failed, no bytes, the reason."""
    row = UploadFile.objects.create(
        batch=batch,
        name=name[-NAME_MAX:],
        size=size,
        original=None,
        status=UploadStatus.FAILED,
        reason=f"Refused: {reason}",
        finished_at=timezone.now(),
    )
    return QueuedFile(name=row.name, reason=reason)


def read_named(name: str, path: Path | None) -> tuple[str, bytes]:
    """The file's bytes, and the name it is stored under; BadInput or Refused, saying why."""
    if path is not None:
        # What the upload page refuses before reading a file: a kind it does not take, a size
        # over the limit (unless the file can be cut into tasks under it).
        upload_kind(name)
        if not json_lines_name(name):
            check_size(path.stat().st_size)
    data = read_input(name, path)
    if path is None:
        name = STDIN_NAMES[detect_format(name, data)]
    return name[-NAME_MAX:], data


def checked_parts(name: str, data: bytes, *, pieces_per_task: int) -> list[Part]:
    """The file as parts of at most `pieces_per_task` pieces, every piece checked; else Refused."""
    limit = settings.NEWSDESK_UPLOAD_MAX_FILE_BYTES
    hashes = checked_pieces(name, data)
    # Only now read into lines: a large feed's text is then held once at a time, not twice.
    lines = json_lines(name, data)
    if lines is None:
        check_size(len(data))
        return [Part(first_line=1, original=data, hashes=hashes)]
    parts = list(cut_json_lines(lines, hashes, pieces_per_task=pieces_per_task, limit=limit))
    for part in parts:
        if len(part.original) > limit:
            raise Refused(
                f"line {part.first_line} alone is over the limit of {size_text(limit)} a task"
            )
    return parts


def check_size(size: int) -> None:
    limit = settings.NEWSDESK_UPLOAD_MAX_FILE_BYTES
    if size > limit:
        raise Refused(f"the file is {size_text(size)}; the limit is {size_text(limit)} a file")


def json_lines_name(name: str) -> bool:
    return SUFFIXES.get(PurePosixPath(name).suffix.lower()) == JSONL


def json_lines(name: str, data: bytes) -> list[str] | None:
    """The file's lines, ends kept, when `formats` reads it as JSON Lines; None otherwise (a JSON
    document cannot be cut between lines, and other kinds are one piece or an archive)."""
    if not json_lines_name(name):
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None  # refused by the checks
    # str.splitlines, as `formats` splits them, so that line numbers agree.
    lines = text.splitlines(keepends=True)
    first = next((line for line in lines if line.strip()), "")
    try:
        json.loads(first)
    except json.JSONDecodeError:
        return None
    return lines


def cut_json_lines(
    lines: list[str], hashes: list[str], *, pieces_per_task: int, limit: int
) -> Iterator[Part]:
    """Parts starting at a line holding a piece. The file passed the checks, so each line that
    is not blank is one piece, in the order of `hashes`."""
    kept: list[str] = []
    first_line, pieces, size = 1, 0, 0
    digests = iter(hashes)
    for number, line in enumerate(lines, start=1):
        length = len(line.encode("utf-8"))
        if line.strip():
            if pieces and (pieces == pieces_per_task or size + length > limit):
                yield Part(
                    first_line, "".join(kept).encode(), list(itertools.islice(digests, pieces))
                )
                first_line, kept, pieces, size = number, [], 0, 0
            pieces += 1
        kept.append(line)
        size += length
    yield Part(first_line, "".join(kept).encode(), list(digests))


def archived_articles(hashes: Iterable[str]) -> dict[str, int]:
    """The stored article of each of these content hashes that the archive holds."""
    found: dict[str, int] = {}
    for chunk in itertools.batched(set(hashes), HASHES_PER_QUERY):
        found.update(
            Article.objects.filter(content_hash__in=chunk).values_list("content_hash", "pk")
        )
    return found
