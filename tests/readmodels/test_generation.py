"""The archive's generation moves once a write has committed, so that no page rendered before the
commit stays kept under it (on a read replica too, which applies the move after the write); once
per write, however many tables it touched. The writes here commit for real."""

import pytest

from articles.editing.entities import rename_entity
from articles.readmodels.generation import archive_generation
from tests.factories import UserFactory, make_article, make_entity, mention

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def entity():
    kabul = make_entity(name="Kabul")
    mention(make_article(headline="Kabul talks", body="Kabul is the capital."), kabul, "Kabul")
    return kabul


def committed() -> int:
    value, _ = archive_generation()
    return value


def test_a_correction_moves_it_once_it_commits(entity):
    before = committed()
    rename_entity(
        entity_id=entity.pk, version=entity.version, name="Kabul city", editor=UserFactory.create()
    )

    assert committed() == before + 1


def test_a_headline_changed_by_hand_moves_it(entity):
    article = entity.mentions.get().article
    before = committed()
    article.headline = "Kabul talks resume"
    article.save()

    assert committed() == before + 1
