"""Write stored articles and their annotations as JSON Lines in the interchange format.

    python manage.py export > archive.jsonl
    python manage.py export --slug pakistan-military-backs-afghan-peace-talks
    python manage.py export --output archive.jsonl

Editors' corrections are included as stored; each mention says its origin (model, rule, editor).
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandParser

from articles.ingest.export import export_documents
from articles.models import Article


class Command(BaseCommand):
    help = "Export stored articles with their annotations as JSON Lines (interchange format)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--slug", action="append", default=[], help="Only this article (repeatable)."
        )
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(
        self, *args: str, slug: list[str], output: str | None = None, **options: object
    ) -> None:
        articles = Article.objects.filter(slug__in=slug) if slug else None
        out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            count = 0
            for document in export_documents(articles):
                out.write(json.dumps(document, ensure_ascii=False) + "\n")
                count += 1
        finally:
            if output:
                out.close()
        if output:
            self.stderr.write(f"Exported {count} article(s) to {output}.")
