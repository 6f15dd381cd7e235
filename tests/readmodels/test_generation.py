"""The archive's generation moves once a write has committed, so that no page rendered before the
commit stays kept under it (on a read replica too, which applies the move after the write)."""

import pytest

from articles.editing.entities import rename_entity
from articles.readmodels.generation import archive_generation
from tests.factories import UserFactory, make_article, make_entity, mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def entity():
    kabul = make_entity(name="Kabul")
    mention(make_article(headline="Kabul talks", body="Kabul is the capital."), kabul, "Kabul")
    return kabul


def test_a_correction_moves_it_after_its_commit(entity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as after_commit:
        rename_entity(
            entity_id=entity.pk,
            version=entity.version,
            name="Kabul city",
            editor=UserFactory.create(),
        )
    committed_before, _ = archive_generation()
    for callback in after_commit:
        callback()

    assert archive_generation()[0] > committed_before


def test_a_headline_changed_by_hand_moves_it_after_its_commit(
    entity, django_capture_on_commit_callbacks
):
    article = entity.mentions.get().article
    committed_before, _ = archive_generation()
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "Kabul talks resume"
        article.save()

    assert archive_generation()[0] > committed_before
