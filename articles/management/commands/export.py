"""Write stored articles and their annotations: interchange JSON Lines (the default), a spaCy
DocBin of the corrected annotations for training a model, or CSV of mentions, dates and quotes.

    python manage.py export > archive.jsonl
    python manage.py export --slug pakistan-military-backs-afghan-peace-talks
    python manage.py export --output archive.jsonl
    python manage.py export --format csv --entity zalmay-khalilzad --since 2020-01-01 > spans.csv
    python manage.py export --format docbin --corrected-only --output corrected.spacy

Articles are read in chunks and written as they are read (JSON Lines and CSV), so an export of
the whole archive holds a chunk in memory at a time; a DocBin is one file, written at the end.
Editors' corrections are included as stored; each span says its origin (model, rule, editor).
"""

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.ingest.csv_rows import COLUMNS, rows_of
from articles.ingest.docbin import write_docbin
from articles.ingest.export import export_documents, selected_articles
from articles.management.arguments import add_switch, iso_date
from articles.reading.pickers import entity_named_by

FORMATS = ("jsonl", "docbin", "csv")


class Command(BaseCommand):
    help = "Export stored articles with their annotations (JSON Lines, DocBin or CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--format", choices=FORMATS, default="jsonl", help="jsonl (default), docbin or csv."
        )
        parser.add_argument(
            "--slug", action="append", default=[], help="Only this article (repeatable)."
        )
        parser.add_argument("--since", help="Only articles published on or after YYYY-MM-DD.")
        parser.add_argument("--entity", help="Only articles naming this entity (slug or name).")
        add_switch(parser, "--corrected-only", "Only articles an editor corrected.")
        parser.add_argument(
            "--output", help="Write to this file instead of standard output (docbin needs it)."
        )

    def handle(self, *args: str, **options: object) -> None:
        fmt = str(options["format"])
        output = options.get("output")
        if fmt == "docbin" and not output:
            raise CommandError("--format docbin writes a binary file: give --output PATH.")
        entity = None
        if options.get("entity"):
            entity = entity_named_by(str(options["entity"]))
            if entity is None:
                raise CommandError(f"No entity answers to {options['entity']!r}.")
        articles = selected_articles(
            slugs=options["slug"],  # type: ignore[arg-type]
            since=iso_date("--since")(str(options["since"])) if options.get("since") else None,
            entity=entity,
            corrected_only=bool(options.get("corrected_only")),
        )
        documents = export_documents(articles)
        if fmt == "docbin":
            count = write_docbin(documents, Path(str(output)))
        else:
            out = open(str(output), "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
            try:
                count = self.write_text(fmt, documents, out)
            finally:
                if output:
                    out.close()
        if output:
            self.stderr.write(f"Exported {count} article(s) to {output}.")

    def write_text(self, fmt: str, documents: Iterable[dict[str, Any]], out: TextIO) -> int:
        count = 0
        if fmt == "csv":
            writer = csv.DictWriter(out, fieldnames=COLUMNS)
            writer.writeheader()
        for document in documents:
            if fmt == "csv":
                writer.writerows(rows_of([document]))
            else:
                out.write(json.dumps(document, ensure_ascii=False) + "\n")
            count += 1
        return count
