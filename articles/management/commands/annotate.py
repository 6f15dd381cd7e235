"""Print the annotations of any input as JSON Lines, without writing to the database.

    python manage.py annotate articles/samples/seed/pakistan-military-backs-afghan-peace-talks.txt
    python manage.py annotate --plain --published 2020-06-15 notes.txt
    python manage.py annotate corpus.input.jsonl > predictions.jsonl

The format is the annotation interchange format (ANNOTATION_FORMAT.md): one object per document
with its body and the entities, mentions, dates and quotes found in it, offsets into the body.
"""

import datetime as dt
import json
import sys
from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.ingest.annotating import annotate_pieces
from articles.ingest.formats import (
    BadInput,
    Failure,
    Piece,
    input_files,
    pieces_for_annotation,
    read_input,
)
from articles.management.arguments import add_paths, add_switch, iso_date


class Command(BaseCommand):
    help = "Print annotations as JSON Lines (interchange format); writes nothing to the database."

    def add_arguments(self, parser: CommandParser) -> None:
        add_paths(parser)
        add_switch(parser, "--plain", "Each file is a body, verbatim: no headline or byline.")
        parser.add_argument(
            "--published",
            type=iso_date("--published"),
            help="Publication date (YYYY-MM-DD) for inputs that give none; resolves 'last Friday'.",
        )

    def handle(
        self,
        *args: str,
        paths: list[str],
        plain: bool = False,
        published: dt.date | None = None,
        **options: object,
    ) -> None:
        failures = 0

        def pieces() -> Iterator[Piece]:
            nonlocal failures
            for item in input_files(paths):
                if isinstance(item, Failure):
                    failures += 1
                    self.stderr.write(f"FAILED {item.name}: {item.reason}")
                    continue
                name, path = item
                try:
                    data = read_input(name, path)
                except BadInput as error:
                    failures += 1
                    self.stderr.write(f"FAILED {name}: {error}")
                    continue
                for piece in pieces_for_annotation(name, data, plain=plain):
                    if isinstance(piece, Failure):
                        failures += 1
                        self.stderr.write(f"FAILED {piece.name}: {piece.reason}")
                    else:
                        piece.published = piece.published or published
                        yield piece

        for document in annotate_pieces(pieces()):
            sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        if failures:
            raise CommandError(f"{failures} input(s) failed; see the reasons above.")
