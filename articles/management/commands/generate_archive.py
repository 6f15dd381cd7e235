"""Fill the archive with synthetic articles, entities, dates and quotes, for benchmarks.

    python manage.py generate_archive                      # 20,000 articles
    python manage.py generate_archive --articles 500 --seed 7
    python manage.py generate_archive --articles 1000000 --processes 2

Articles are invented from sentence templates (headlines start with "[Synthetic]"), with mentions
of a pool of a few thousand invented entities, dates and quotes; no NLP runs. A few "house"
entities (the country, its prime minister...) are each in a set share of the articles, the rest
follow Zipf's law; the run ends by printing the most mentioned entities' shares. A second run
appends. The command refuses to write into an archive that holds real articles unless `--force`.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.management.arguments import add_switch
from bench.synthetic import RealArticlesPresent, generate_archive


class Command(BaseCommand):
    help = "Generate a synthetic archive of invented articles, for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
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
            "--processes",
            type=int,
            default=None,
            help="Processes composing and writing articles side by side (default: one per core).",
        )
        add_switch(
            parser, "--force", "Write even when the archive holds real (non-synthetic) articles."
        )

    def handle(
        self,
        *args: object,
        articles: int,
        seed: int,
        entities: int,
        processes: int | None = None,
        force: bool = False,
        verbosity: int = 1,
        **options: object,
    ) -> None:
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if entities < 30:
            raise CommandError("--entities must be at least 30.")
        if processes is not None and processes < 1:
            raise CommandError("--processes must be at least 1.")

        def report(done: int, total: int) -> None:
            if verbosity > 1 or (verbosity > 0 and (done == total or done % 10_000 == 0)):
                self.stdout.write(f"  {done}/{total} articles")

        try:
            result = generate_archive(
                articles=articles,
                seed=seed,
                entities=entities,
                force=force,
                processes=processes,
                on_batch=report,
            )
        except RealArticlesPresent as error:
            raise CommandError(
                f"{error} Use another database (DATABASE_URL), or pass --force to add synthetic "
                "articles anyway."
            ) from error
        if verbosity > 0:
            self.stdout.write(f"Generated {result.summary()}.")
            self.stdout.write(f"Read models rebuilt in {result.read_models_seconds:.1f} s.")
            if result.indexes_seconds >= 0.1:
                self.stdout.write(
                    f"Indexes set aside and built again in {result.indexes_seconds:.1f} s."
                )
            self.stdout.write("Most mentioned entities, by share of the articles generated:")
            for line in result.shares():
                self.stdout.write(f"  {line}")
