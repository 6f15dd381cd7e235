import pytest
from django.urls import reverse

from articles.ingest.service import ingest_paths
from articles.models import Alias, Article, Correction, DateMention, Entity, Mention, Quote
from tests.conftest import SEED

pytestmark = pytest.mark.django_db

MODELS = [Article, Entity, Alias, Mention, DateMention, Quote, Correction]


@pytest.fixture
def seeded(admin_client):
    ingest_paths([str(SEED)])
    entity = Entity.objects.get(name="Kabul")
    Alias.objects.create(entity=entity, name="Kabul city")
    return admin_client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_lists_searches_and_opens_in_the_admin(seeded, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert seeded.get(changelist).status_code == 200
    assert seeded.get(changelist, {"q": "Kabul"}).status_code == 200
    assert seeded.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200
    if obj := model.objects.first():
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert seeded.get(change).status_code == 200


def test_admin_search_finds_entities_by_alias(seeded):
    response = seeded.get(reverse("admin:articles_entity_changelist"), {"q": "Kabul city"})
    assert [entity.name for entity in response.context["cl"].result_list] == ["Kabul"]


def test_admin_edits_an_entity_role(seeded):
    entity = Entity.objects.get(name="Ashraf Ghani")
    url = reverse("admin:articles_entity_change", args=[entity.pk])
    response = seeded.post(
        url,
        {
            "name": entity.name,
            "kind": "PERSON",
            "slug": entity.slug,
            "role": "Afghan President",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "Ghani",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    entity.refresh_from_db()
    assert entity.role == "Afghan President"
    assert list(entity.aliases.values_list("name", flat=True)) == ["Ghani"]
