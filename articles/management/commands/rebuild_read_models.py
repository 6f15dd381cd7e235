"""Recompute the read models (entity and period counts and orderings) from the annotations.

    python manage.py rebuild_read_models            # rebuild them all, in one transaction
    python manage.py rebuild_read_models --check    # report drift, change nothing

Every write keeps the read models true as it goes, so this is for after a bulk load that wrote
annotations directly, or to check that nothing drifted: `--check` exits with status 1 and lists
the differing rows when the stored tables and the annotations disagree.
"""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.management.arguments import add_switch
from articles.readmodels.rebuild import drift, rebuild_read_models, vacuum_read_models


class Command(BaseCommand):
    help = "Rebuild the read models from the annotations, or check them for drift."

    def add_arguments(self, parser: CommandParser) -> None:
        add_switch(
            parser,
            "--check",
            "Compare the stored read models with the annotations; exit 1 on any drift.",
        )

    def handle(
        self, *args: str, check: bool = False, verbosity: int = 1, **options: object
    ) -> None:
        started = time.perf_counter()
        if check:
            found = drift()
            for report in found:
                self.stderr.write(report.describe())
            if found:
                raise CommandError(f"The read models drifted in {len(found)} table(s).")
            if verbosity:
                self.stdout.write(
                    f"The read models agree with the annotations "
                    f"({time.perf_counter() - started:.1f} s)."
                )
            return
        written = rebuild_read_models()
        vacuum_read_models()
        if verbosity:
            rows = ", ".join(f"{table}: {count}" for table, count in written.items())
            self.stdout.write(
                f"Rebuilt the read models in {time.perf_counter() - started:.1f} s ({rows})."
            )
