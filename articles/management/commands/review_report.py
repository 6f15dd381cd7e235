"""Report what editors taught, per ISO week, newest first: corrections by kind, lessons learned,
later mentions the lessons decided at ingest, and the share of each week's new mentions editors
corrected since (the archive's own error rate). The same figures as /review/report/.

    python manage.py review_report               # the latest eight weeks
    python manage.py review_report --page 2      # the eight before those
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from articles.review.report import WEEKS_PER_PAGE, report_page


class Command(BaseCommand):
    help = "Report what editors taught, per ISO week."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--page",
            type=int,
            default=1,
            help=f"Which {WEEKS_PER_PAGE} weeks: 1 (default) the latest, 2 the ones before...",
        )

    def handle(self, *args: str, **options: object) -> None:
        number = options["page"]
        page = report_page(number if isinstance(number, int) else 1)
        if not page.weeks:
            self.stdout.write("Nothing to report for these weeks.")
        for week in page.weeks:
            rate = (
                f"{week.corrected} of {week.new_mentions} ({week.error_percent})"
                if week.new_mentions
                else "no new mentions"
            )
            self.stdout.write(
                f"{week.name}: {week.corrections_total} corrections, {week.lessons} lessons "
                f"learned, {week.lessons_applied} later mentions decided by lessons, "
                f"new mentions corrected since: {rate}"
            )
            for kind, count in week.corrections.most_common():
                self.stdout.write(f"    {kind}: {count}")
        if page.has_next:
            self.stdout.write(f"Earlier weeks: --page {page.number + 1}")
