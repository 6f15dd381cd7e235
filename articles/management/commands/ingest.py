"""Ingest articles from files, folders, globs or standard input, annotating them on the way.

    python manage.py ingest articles/samples/ news/*.html feed.jsonl
    cat piece.txt | python manage.py ingest -
    python manage.py ingest --reannotate articles/samples/

Plain text (headline, optional byline and dateline, paragraphs, optional `Sources:` line), HTML
pages and JSON Lines are read. A file with any bad piece is refused whole, with the reasons, and
the other files go on; each article is stored atomically; the exit status is 1 when any failed.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.ingest.checks import file_refusal
from articles.ingest.formats import input_files, pieces_from_files
from articles.ingest.service import FAILED, ingest_pieces


class Command(BaseCommand):
    help = "Ingest and annotate articles from files, folders, globs or '-' (standard input)."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="A file, a folder (read recursively), a glob, or '-'.",
        )
        parser.add_argument(
            "--reannotate",
            action="store_true",
            help="Annotate again the pieces already stored (editors' corrections are kept).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Never show the progress bar."
        )

    def handle(self, *args, paths, reannotate=False, no_progress=False, verbosity=1, **options):
        files = list(input_files(paths))
        show_bar = not no_progress and sys.stderr.isatty() and verbosity > 0
        bar = tqdm(total=len(files), unit="file", disable=not show_bar, file=sys.stderr)

        def report(outcome):
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
        result = ingest_pieces(pieces, reannotate=reannotate, on_outcome=report)
        bar.close()
        if verbosity > 0:
            self.stdout.write(f"Ingested {result.summary()}.")
        if result.failed:
            raise CommandError(f"{len(result.failed)} piece(s) failed; see the reasons above.")
