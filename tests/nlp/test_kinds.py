"""Kinds and the model labels that stand for them."""

import pytest

from articles.nlp.kinds import KINDS, LABEL_OF_KIND, kind_for_label


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_label_an_editors_kind_is_written_as_reads_back_as_that_kind(kind):
    # A mention an editor relabels keeps its kind when the pipeline reads the label again.
    assert kind_for_label(LABEL_OF_KIND[kind]) == kind
