"""Fill the archive with synthetic articles, entities, dates and quotes, for benchmarks.

    python manage.py generate_archive                      # 20,000 articles
    python manage.py generate_archive --articles 500 --seed 7

Articles are invented from sentence templates (headlines start with "[Synthetic]"), with mentions
of a pool of a few thousand invented entities, dates and quotes; no NLP runs. The command refuses
to write into an archive that holds real articles unless `--force` is given.
"""

from django.core.management.base import BaseCommand, CommandError

from bench.synthetic import RealArticlesPresent, generate_archive


class Command(BaseCommand):
    help = "Generate a synthetic archive of invented articles, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, default=20000, help="How many articles (default 20000)."
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="Random seed; the same seed gives the same text."
        )
        parser.add_argument(
            "--entities",
            type=int,
            default=3000,
            help="Size of the pool of invented entities (default 3000).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Write even when the archive holds real (non-synthetic) articles.",
        )

    def handle(self, *args, articles, seed, entities, force=False, verbosity=1, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if entities < 30:
            raise CommandError("--entities must be at least 30.")

        def report(done: int, total: int) -> None:
            if verbosity > 0:
                self.stdout.write(f"  {done}/{total} articles")

        try:
            result = generate_archive(
                articles=articles, seed=seed, entities=entities, force=force, on_batch=report
            )
        except RealArticlesPresent as error:
            raise CommandError(
                f"{error} Use another database (DATABASE_URL), or pass --force to add synthetic "
                "articles anyway."
            ) from error
        if verbosity > 0:
            self.stdout.write(f"Generated {result.summary()}.")
