"""Show how far queued ingests have got: `ingest --queue` batches and uploads alike.

    python manage.py ingest_status             # every batch with work left, else the latest
    python manage.py ingest_status 12          # one batch: its files, and why any failed
    python manage.py ingest_status 12 --wait   # block until no task is waiting or annotating

Counts files, pieces and tasks (a task is a whole file or a part of a large JSON Lines file):
done, already in the archive, waiting, annotating, stalled (no sign of life for
NEWSDESK_UPLOAD_STALLED_AFTER seconds: its worker most likely died), failed and refused, then the
reason for each failure. With --wait the exit status is 1 when any task failed, stalled or was
refused, so a script can tell.
"""

import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from articles.ingest.progress import (
    REFUSED,
    STALLED,
    STATE_NAMES,
    TASK_STATES,
    BatchProgress,
    batch_progress,
    unfinished_batches,
)
from articles.management.arguments import add_switch
from articles.models import UploadBatch

POLL_SECONDS = 2


class Command(BaseCommand):
    help = "Show the progress of queued ingests and uploads; --wait blocks until they finish."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "batch_id",
            nargs="?",
            type=int,
            metavar="BATCH_ID",
            help="The batch (upload) to show, as `ingest --queue` prints it; by default every "
            "batch with tasks waiting or annotating, else the latest.",
        )
        add_switch(
            parser,
            "--wait",
            "Block until no task is waiting or annotating, printing progress as it changes.",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            metavar="SECONDS",
            help="With --wait: give up after this long, with exit status 1.",
        )

    def handle(
        self,
        *args: object,
        batch_id: int | None = None,
        wait: bool = False,
        timeout: float | None = None,
        **options: object,
    ) -> None:
        batches = self.chosen_batches(batch_id)
        if not batches:
            self.stdout.write("Nothing has been queued yet.")
            return
        if wait:
            self.wait_for(batches, timeout)
        progresses = [batch_progress(batch) for batch in batches]
        for progress in progresses:
            self.show(progress)
        if wait and any(progress.in_trouble for progress in progresses):
            raise CommandError("Some files failed, stalled or were refused; see the reasons above.")

    def chosen_batches(self, batch_id: int | None) -> list[UploadBatch]:
        if batch_id is not None:
            try:
                return [UploadBatch.objects.select_related("uploader").get(pk=batch_id)]
            except UploadBatch.DoesNotExist:
                raise CommandError(f"There is no batch {batch_id}.") from None
        latest = UploadBatch.objects.select_related("uploader").first()
        return unfinished_batches() or ([latest] if latest else [])

    def wait_for(self, batches: list[UploadBatch], timeout: float | None) -> None:
        deadline = None if timeout is None else time.monotonic() + timeout
        shown: dict[int, str] = {}
        while True:
            progresses = [batch_progress(batch) for batch in batches]
            for progress in progresses:
                line = f"{heading(progress)}: {counts(progress)}; {states_text(progress.states)}"
                if shown.get(progress.batch.pk) != line:
                    shown[progress.batch.pk] = line
                    self.stdout.write(f"{timezone.localtime():%H:%M:%S} {line}")
            if all(progress.at_rest for progress in progresses):
                return
            if deadline is not None and time.monotonic() > deadline:
                raise CommandError(f"Not finished after {timeout:g} s.")
            time.sleep(POLL_SECONDS)

    def show(self, progress: BatchProgress) -> None:
        batch = progress.batch
        self.stdout.write(
            f"{heading(progress)}, {timezone.localtime(batch.created_at):%Y-%m-%d %H:%M}"
        )
        self.stdout.write(f"  {counts(progress)}")
        self.stdout.write(f"  tasks: {states_text(progress.states, every=True)}")
        for file in progress.files:
            if file.state == REFUSED:
                self.stdout.write(f"    {file.name}: refused")
                continue
            self.stdout.write(
                f"    {file.name}: {file.pieces_done} of {file.pieces} pieces done, "
                f"{file.tasks} task{'s' if file.tasks != 1 else ''}: {states_text(file.states)}"
            )
        for problem in progress.problems:
            reason = problem.reason
            if problem.state == STALLED:
                reason = (
                    f"no sign of life for a while ({reason or 'no pieces done'}); retry it at "
                    f"{batch.get_absolute_url()}"
                )
            self.stdout.write(
                self.style.ERROR(f"  {STATE_NAMES[problem.state]}: {problem.where}: {reason}")
            )
        if progress.waiting_long:
            self.stdout.write(
                self.style.WARNING(
                    "  No worker has taken a task for a while: is `manage.py db_worker` running?"
                )
            )
        self.stdout.write(f"  {batch.get_absolute_url()}")


def heading(progress: BatchProgress) -> str:
    return f"Upload {progress.batch.pk} by {progress.batch.sender}"


def counts(progress: BatchProgress) -> str:
    refused = f" ({progress.files_refused} refused)" if progress.files_refused else ""
    return (
        f"files: {progress.files_finished} of {len(progress.files)} finished{refused}; "
        f"pieces: {progress.pieces_done} of {progress.pieces} done"
    )


def states_text(states: Counter[str], *, every: bool = False) -> str:
    """`12 done, 3 waiting`: the tasks' states in a fixed order, those at nought left out unless
    every."""
    return (
        ", ".join(
            f"{states[state]} {STATE_NAMES[state]}"
            for state in TASK_STATES
            if every or states[state]
        )
        or "none"
    )
