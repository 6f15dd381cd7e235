"""Run the archive's checks and store their findings in the review queue (/review/).

    python manage.py review_checks                       # every check, here and now
    python manage.py review_checks --check two-kinds     # one check (repeat for more)
    python manage.py review_checks --queue               # leave it to a db_worker

Each check prints how many items it found and how many articles they touch. Findings seen again
keep their item; dismissed ones stay dismissed; open ones no longer found are marked resolved.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from articles.management.arguments import add_switch
from articles.models import Topic
from articles.review.checks import ALSO_REPORTS, CHECKS, run_checks
from articles.review.tasks import run_review_checks


class Command(BaseCommand):
    help = "Run the archive's checks and store their findings in the review queue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            choices=[topic.value for topic in CHECKS],
            action="append",
            help="Run only this check (repeatable); every check by default.",
        )
        add_switch(
            parser,
            "--queue",
            "Queue the checks as a background task for manage.py db_worker instead.",
        )

    def handle(self, *args: str, **options: object) -> None:
        names = options.get("check")
        chosen = [Topic(name) for name in names] if isinstance(names, list) else None
        if options.get("queue"):
            result = run_review_checks.enqueue([topic.value for topic in chosen or []] or None)
            self.stdout.write(f"Queued the checks as task {result.id}.")
            return
        tallies = run_checks(chosen)
        for topic, tally in tallies.items():
            timing = (
                ""
                if topic in {t for ts in ALSO_REPORTS.values() for t in ts}
                else (f" ({tally.seconds:.2f} s)")
            )
            self.stdout.write(
                f"{topic.label}: {tally.items} item{'s' if tally.items != 1 else ''}, "
                f"{tally.articles} article{'s' if tally.articles != 1 else ''}{timing}"
            )
