"""How far a batch of queued files has got, read from the rows the upload page reads.

Each UploadFile row is one task (or a file refused, or found in the archive, before any task):
a whole file, or a part of a large JSON Lines file that `queueing` cut up. Parts of one file are
consecutive rows of the batch with its name, the first starting at line 1, so a file's progress
is the sum of its parts'.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, Q

from articles.models import UploadBatch, UploadFile, UploadStatus, stall_cutoff

WAITING, ANNOTATING, STALLED = "waiting", "annotating", "stalled"
DONE, UNCHANGED, FAILED, REFUSED = "done", "unchanged", "failed", "refused"
# Display order, and what each state is called when counted. A refused file never became a task.
TASK_STATES = (DONE, UNCHANGED, WAITING, ANNOTATING, STALLED, FAILED)
STATE_NAMES = {
    DONE: "done",
    UNCHANGED: "already in the archive",
    WAITING: "waiting",
    ANNOTATING: "annotating",
    STALLED: "stalled",
    FAILED: "failed",
    REFUSED: "refused",
}
FINISHED = {DONE, UNCHANGED, FAILED, REFUSED}
# A stalled task will not finish by itself: waiting for it would never end; it needs a retry.
AT_REST = FINISHED | {STALLED}
TROUBLE = {STALLED, FAILED, REFUSED}


@dataclass
class Problem:
    """A failed, refused or stalled task: where, and why."""

    name: str
    first_line: int
    state: str
    reason: str

    @property
    def where(self) -> str:
        return f"{self.name} from line {self.first_line}" if self.first_line > 1 else self.name


@dataclass
class FileProgress:
    name: str
    states: Counter[str] = field(default_factory=Counter)
    pieces: int = 0
    pieces_done: int = 0

    @property
    def tasks(self) -> int:
        return self.states.total()

    @property
    def state(self) -> str:
        """The file's state as a whole: the least advanced of its parts, trouble first."""
        for state in (STALLED, ANNOTATING, WAITING, REFUSED, FAILED, DONE):
            if self.states[state]:
                return state
        return UNCHANGED


@dataclass
class BatchProgress:
    batch: UploadBatch
    files: list[FileProgress] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    waiting_long: bool = False  # no worker has taken a task for a while, nor is one annotating

    @property
    def states(self) -> Counter[str]:
        return sum((file.states for file in self.files), Counter())

    @property
    def pieces(self) -> int:
        return sum(file.pieces for file in self.files)

    @property
    def pieces_done(self) -> int:
        return sum(file.pieces_done for file in self.files)

    @property
    def files_finished(self) -> int:
        return sum(file.state in FINISHED for file in self.files)

    @property
    def files_refused(self) -> int:
        return sum(file.state == REFUSED for file in self.files)

    @property
    def at_rest(self) -> bool:
        """Nothing waiting or annotating: every task finished, or stalled until retried."""
        return all(state in AT_REST for state in +self.states)

    @property
    def in_trouble(self) -> bool:
        return any(self.states[state] for state in TROUBLE)


def batch_progress(batch: UploadBatch) -> BatchProgress:
    rows = (
        batch.files.only(
            "name", "status", "reason", "first_line", "pieces", "updated_at", "batch_id"
        )
        .annotate(
            has_original=ExpressionWrapper(Q(original__isnull=False), output_field=BooleanField())
        )
        .order_by("pk")
    )
    progress = BatchProgress(batch=batch)
    for row in rows:
        if row.first_line == 1 or not progress.files or progress.files[-1].name != row.name:
            progress.files.append(FileProgress(name=row.name))
        file = progress.files[-1]
        state = state_of(row)
        file.states[state] += 1
        file.pieces += row.pieces or 0
        if state in (DONE, UNCHANGED):
            file.pieces_done += row.pieces or 0
        if state in TROUBLE:
            reason = row.reason.removeprefix("Refused: ") if state == REFUSED else row.reason
            progress.problems.append(Problem(row.name, row.first_line, state, reason))
        progress.waiting_long |= row.waiting_long
    if progress.waiting_long:
        # Tasks wait their turn behind a long queue while workers are busy: no cause for alarm.
        progress.waiting_long = not UploadFile.objects.filter(
            status=UploadStatus.ANNOTATING, updated_at__gte=stall_cutoff()
        ).exists()
    return progress


def state_of(row: UploadFile) -> str:
    if row.status == UploadStatus.QUEUED:
        return WAITING
    if row.status == UploadStatus.ANNOTATING:
        return STALLED if row.stalled else ANNOTATING
    # `has_original` is annotated by the query (the bytes themselves are left unread).
    if row.status == UploadStatus.FAILED and not getattr(row, "has_original", True):
        return REFUSED  # never stored, so never a task
    finished: dict[str, str] = {UploadStatus.DONE: DONE, UploadStatus.UNCHANGED: UNCHANGED}
    return finished.get(row.status, FAILED)


def unfinished_batches() -> list[UploadBatch]:
    """Batches with a task waiting or annotating, oldest first."""
    busy = UploadFile.objects.filter(status__in=[UploadStatus.QUEUED, UploadStatus.ANNOTATING])
    return list(
        UploadBatch.objects.filter(pk__in=busy.values("batch_id"))
        .select_related("uploader")
        .order_by("created_at", "pk")
    )
