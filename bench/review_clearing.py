"""The review queue cleared as an editor would, on the sample articles and the demo corpus: the
checks' counts before and after, and what the clearing cost in keys and time.

    DATABASE_URL=postgres://user@host/scratch DEBUG=1 .venv/bin/python bench/review_clearing.py

The database named must be a scratch one: the script migrates it and empties it first. The
articles are read at run time from `articles/samples/` and `../shared/corpus/demo/`. Every open
item is cleared through the same fix service the queue's keys post to (`apply_fix`), taking the
item's outlined (suggested) fix, one key, or else dismissing it (`d`, one key too); a fix
refused (an entity merged away meanwhile, say) costs a second key, a dismissal. The checks run
again after each pass, since a fix can bring new findings (a merge may make a name a surname
only), until the queue stays empty or `--passes` is reached. Times are the services' own wall
time, an editor's reading aside.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
# The checks run here in the open, not from tasks the ingest and the fixes queue.
os.environ.setdefault("NEWSDESK_TASKS_BACKEND", "django.tasks.backends.dummy.DummyBackend")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402

from articles.editing.errors import Conflict, Invalid  # noqa: E402
from articles.ingest.service import ingest_paths  # noqa: E402
from articles.models import ItemStatus, LessonUse, ReviewItem, Topic  # noqa: E402
from articles.permissions import editors_group  # noqa: E402
from articles.review.checks import run_checks  # noqa: E402
from articles.review.fixing import apply_fix  # noqa: E402
from articles.review.queue import fixes_of, open_items  # noqa: E402

SAMPLES = PROJECT / "articles" / "samples"
DEMO = PROJECT.parent / "shared" / "corpus" / "demo"
VERSIONED = ("mention", "quote", "date", "entity", "other")


def open_counts() -> Counter[str]:
    topics = ReviewItem.objects.filter(status=ItemStatus.OPEN).values_list("topic", flat=True)
    return Counter(topics)


def print_counts(title: str, counts: Counter[str]) -> None:
    print(f"\n{title}: {counts.total()} open items")
    for topic in Topic:
        if counts[topic.value]:
            print(f"  {topic.label:<50} {counts[topic.value]:>5}")


def clear_queue(editor: User) -> tuple[int, int, Counter[str]]:
    """Clear every open item once; (items, keys pressed, how each was cleared)."""
    items = keys = 0
    outcomes: Counter[str] = Counter()
    while True:
        batch = list(open_items()[:20])
        if not batch:
            return items, keys, outcomes
        for item in batch:
            fixes = fixes_of(item)
            chosen = next((fix for fix in fixes if fix.suggested), fixes[-1])
            versions = {row: target.version for row in VERSIONED if (target := getattr(item, row))}
            items, keys = items + 1, keys + 1
            try:
                apply_fix(item_id=item.pk, fix=chosen.action, versions=versions, editor=editor)
                outcomes[chosen.action] += 1
            except (Conflict, Invalid):
                keys += 1
                outcomes["refused, then dismissed"] += 1
                # Closed meanwhile, perhaps, by the correction of another item.
                with contextlib.suppress(Conflict):
                    apply_fix(item_id=item.pk, fix="dismiss", versions={}, editor=editor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3, help="Rounds of checks and clearing.")
    parser.add_argument(
        "--reannotate",
        action="store_true",
        help="Then annotate every article again, with the lessons the clearing taught, and check.",
    )
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    began = time.monotonic()
    report = ingest_paths([str(SAMPLES), str(DEMO)])
    print(f"Ingested: {report.summary()} in {time.monotonic() - began:.1f} s")

    began = time.monotonic()
    tallies = run_checks()
    print(f"Checks of the whole archive: {time.monotonic() - began:.2f} s")
    before = open_counts()
    print_counts("Before clearing", before)
    for topic, tally in tallies.items():
        if tally.items:
            print(f"    {topic.value}: {tally.items} items touching {tally.articles} articles")

    editor = User.objects.create_user("bench-editor")
    editor.groups.add(editors_group())
    total_items = total_keys = 0
    total_seconds = 0.0
    for number in range(1, options.passes + 1):
        began = time.monotonic()
        items, keys, outcomes = clear_queue(editor)
        seconds = time.monotonic() - began
        total_items, total_keys, total_seconds = (
            total_items + items,
            total_keys + keys,
            total_seconds + seconds,
        )
        print(f"\nPass {number}: cleared {items} items with {keys} keys in {seconds:.2f} s")
        for action, count in outcomes.most_common():
            print(f"  {action:<30} {count:>5}")
        run_checks()
        after = open_counts()
        print_counts(f"After pass {number}, checked again", after)
        if not after:
            break
    if total_items:
        print(
            f"\nIn all: {total_items} items, {total_keys} keys "
            f"({total_keys / total_items:.2f} an item), {total_seconds:.2f} s "
            f"({1000 * total_seconds / total_items:.0f} ms an item)"
        )
    if options.reannotate:
        began = time.monotonic()
        report = ingest_paths([str(SAMPLES), str(DEMO)], reannotate=True)
        print(f"\nAnnotated again: {report.summary()} in {time.monotonic() - began:.1f} s")
        uses = LessonUse.objects.all()
        print(
            f"Mentions the lessons decided: {uses.filter(rejected=False).count()} given their "
            f"kind, {uses.filter(rejected=True).count()} dropped as no name"
        )
        run_checks()
        print_counts("After annotating again, checked", open_counts())


if __name__ == "__main__":
    main()
