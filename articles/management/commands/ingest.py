"""Ingest articles from files, folders, globs or standard input, annotating them on the way, or
queue them for `db_worker` processes to annotate.

    python manage.py ingest articles/samples/ news/*.html feed.jsonl
    cat piece.txt | python manage.py ingest -
    python manage.py ingest --reannotate articles/samples/
    python manage.py ingest --queue feeds/big.jsonl news/     # then: manage.py ingest_status --wait

Plain text (headline, optional byline and dateline, paragraphs, optional `Sources:` line), HTML
pages and JSON Lines are read. A file with any bad piece is refused whole, with the reasons, and
the other files go on; each article is stored atomically; the exit status is 1 when any failed.

With --queue nothing is annotated here: the files are checked as the upload page checks them and
stored as one upload batch, a large JSON Lines file cut into tasks of --pieces-per-task pieces
(`articles.ingest.queueing`), for `manage.py db_worker` processes on any machine sharing the
database. A refused file is reported with its reason and the rest go on; the exit status is 1 when
any file was refused.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Never

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles.ingest.checks import file_refusal
from articles.ingest.formats import Failure, input_files, pieces_from_files
from articles.ingest.queueing import PIECES_PER_TASK, QueuedFile, queue_files
from articles.ingest.service import FAILED, Outcome, ingest_pieces
from articles.management.arguments import add_paths, add_switch

type Inputs = list[tuple[str, Path | None] | Failure]


def positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


class Command(BaseCommand):
    help = "Ingest and annotate articles from files, folders, globs or '-' (standard input)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_paths(parser)
        add_switch(
            parser,
            "--reannotate",
            "Annotate again the pieces already stored (editors' corrections are kept).",
        )
        add_switch(
            parser,
            "--queue",
            "Check and store the files as an upload batch for `manage.py db_worker` "
            "processes to annotate, instead of annotating them here.",
        )
        parser.add_argument(
            "--pieces-per-task",
            type=positive,
            default=PIECES_PER_TASK,
            metavar="N",
            help=f"With --queue: cut JSON Lines files into tasks of at most N pieces, so that "
            f"workers share a large file (default {PIECES_PER_TASK}).",
        )
        add_switch(parser, "--no-progress", "Never show the progress bar.")

    def handle(
        self,
        *args: object,
        paths: list[str],
        reannotate: bool = False,
        queue: bool = False,
        pieces_per_task: int = PIECES_PER_TASK,
        no_progress: bool = False,
        verbosity: int = 1,
        **options: object,
    ) -> None:
        if queue and reannotate:
            raise CommandError(
                "--reannotate annotates stored articles here; it cannot be queued with --queue."
            )
        files = list(input_files(paths))
        show_bar = not no_progress and sys.stderr.isatty() and verbosity > 0
        bar = tqdm(total=len(files), unit="file", disable=not show_bar, file=sys.stderr)
        if queue:
            self.queue(files, bar, verbosity, pieces_per_task)
        else:
            self.ingest(files, bar, verbosity, reannotate)

    def ingest(self, files: Inputs, bar: tqdm[Never], verbosity: int, reannotate: bool) -> None:
        def report(outcome: Outcome) -> None:
            if outcome.status == FAILED:
                bar.write(
                    self.style.ERROR(f"FAILED {outcome.name}: {outcome.reason}"), file=sys.stderr
                )
            elif outcome.reason:  # kept, with something to say (editors' rows dropped)
                bar.write(
                    self.style.WARNING(f"{outcome.status} {outcome.name}: {outcome.reason}"),
                    file=sys.stderr,
                )
            elif verbosity >= 2:
                bar.write(f"{outcome.status:9} {outcome.name}: {outcome.headline}")

        pieces = pieces_from_files(
            files, on_file_done=lambda: bar.update(1), refuse_whole=file_refusal
        )
        # A bulk load stores in a process of its own (articles.ingest.writers).
        result = ingest_pieces(pieces, reannotate=reannotate, on_outcome=report, in_process=True)
        bar.close()
        if verbosity > 0:
            self.stdout.write(f"Ingested {result.summary()}.")
        if result.failed:
            raise CommandError(f"{len(result.failed)} piece(s) failed; see the reasons above.")

    def queue(self, files: Inputs, bar: tqdm[Never], verbosity: int, pieces_per_task: int) -> None:
        def report(queued: QueuedFile) -> None:
            bar.update(1)
            if queued.refused:
                bar.write(
                    self.style.ERROR(f"REFUSED {queued.name}: {queued.reason}"), file=sys.stderr
                )
            elif verbosity >= 2:
                known = f"; {queued.known} already in the archive" if queued.known else ""
                bar.write(
                    f"{'queued' if queued.tasks else 'unchanged':9} {queued.name}: "
                    f"{plural(queued.pieces - queued.known, 'piece')} in "
                    f"{plural(queued.tasks, 'task')}{known}"
                )

        batch, queued = queue_files(inputs=files, pieces_per_task=pieces_per_task, on_file=report)
        bar.close()
        refused = [item for item in queued if item.refused]
        accepted = [item for item in queued if not item.refused]
        if verbosity > 0:
            tasks = sum(item.tasks for item in accepted)
            pieces = sum(item.pieces - item.known for item in accepted)
            known = sum(item.known for item in accepted)
            self.stdout.write(
                f"Queued {plural(pieces, 'piece')} in {plural(tasks, 'task')} as upload "
                f"{batch.pk}; {known} already in the archive; {plural(len(refused), 'file')} "
                f"refused. Follow it with `manage.py ingest_status {batch.pk}` or at "
                f"{batch.get_absolute_url()}."
            )
        if refused:
            raise CommandError(f"{plural(len(refused), 'file')} refused; see the reasons above.")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
