"""The seed article against its hand-made gold file: every item must hold."""

import pytest

from bench.seed_check import check_seed

pytestmark = pytest.mark.django_db  # annotate reads the editors' lexicon (empty here)


def test_every_gold_item_of_the_seed_article():
    passed, failed = check_seed()
    assert failed == [], "\n".join(failed)
    assert len(passed) >= 70
