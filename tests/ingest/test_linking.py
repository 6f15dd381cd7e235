"""Entities across articles: joining by name, alias and near spelling, and when not to."""

import pytest

from articles.ingest.linking import resolve_entities
from articles.ingest.service import ingest_bytes
from articles.models import Entity
from articles.nlp.clusters import FoundEntity

pytestmark = pytest.mark.django_db


def ingest_text(name, headline, body):
    report = ingest_bytes(name, f"{headline}\n\n{body}".encode())
    assert report.counts["failed"] == 0, report.failed
    return report.outcomes[0].article


def people(article):
    return {
        (m.text, m.entity.name)
        for m in article.mentions.select_related("entity")
        if m.entity.kind == "PERSON"
    }


def test_a_full_name_in_a_later_article_joins_the_same_person():
    first = ingest_text(
        "a.txt",
        "Envoy visits",
        "Zalmay Khalilzad met officials in Doha. Khalilzad said talks would resume.",
    )
    second = ingest_text("b.txt", "Envoy returns", "Zalmay Khalilzad arrived in Kabul on Friday.")
    khalilzad = Entity.objects.get(name="Zalmay Khalilzad")
    assert khalilzad.mentions.values("article").distinct().count() == 2
    assert {first.pk, second.pk} == set(khalilzad.mentions.values_list("article", flat=True))
    assert "Khalilzad" in set(khalilzad.aliases.values_list("name", flat=True))


def test_a_bare_surname_alone_does_not_join_a_person_from_another_article():
    ingest_text("a.txt", "Envoy visits", "Zalmay Khalilzad met officials in Doha on Monday.")
    later = ingest_text("b.txt", "A different story", "Khalilzad, a shopkeeper, said prices rose.")
    assert ("Khalilzad", "Zalmay Khalilzad") not in people(later)


def test_a_near_spelling_of_a_full_name_joins_the_person():
    ingest_text("a.txt", "Army chief", "Gen. Qamar Javed Bajwa visited Kabul on Monday.")
    later = ingest_text("b.txt", "Army chief again", "Gen. Qamar Jawed Bajwa returned to Kabul.")
    assert ("Qamar Jawed Bajwa", "Qamar Javed Bajwa") in people(later)
    assert Entity.objects.filter(kind="PERSON", name__contains="Bajwa").count() == 1


def test_roles_are_recorded_once_and_kept():
    ingest_text("a.txt", "Talks", "Afghan President Ashraf Ghani met envoys in Kabul on Monday.")
    ingest_text("b.txt", "More talks", "Ashraf Ghani spoke to reporters in Kabul.")
    assert Entity.objects.get(name="Ashraf Ghani").role == "Afghan President"


def test_a_name_the_model_took_for_a_person_joins_the_place_or_organisation():
    toulouse = Entity.objects.create(name="Toulouse", kind="PLACE", slug="toulouse")
    best_buy = Entity.objects.create(name="Best Buy", kind="ORG", slug="best-buy")
    Entity.objects.create(name="Walt Disney", kind="ORG", slug="walt-disney-org")
    walt = Entity.objects.create(name="Walt Disney", kind="PERSON", slug="walt-disney")

    found = resolve_entities(
        [
            FoundEntity(name="Toulouse", kind="PERSON"),
            FoundEntity(name="Best Buy", kind="PERSON"),
            FoundEntity(name="Walt Disney", kind="PERSON"),  # the archive knows the person
        ]
    )
    assert found == [toulouse, best_buy, walt]
    # When the article showed it is a person (an editor's lesson, say), it stays one.
    (certain,) = resolve_entities([FoundEntity(name="Toulouse", kind="PERSON", certain=True)])
    assert (certain.kind, certain.name) == ("PERSON", "Toulouse")
    assert certain != toulouse


def test_each_mention_keeps_the_role_its_article_gave():
    first = ingest_text(
        "a.txt", "Talks", "Afghan President Ashraf Ghani met envoys in Kabul on Monday."
    )
    later = ingest_text("b.txt", "Years on", "Former President Ashraf Ghani spoke in Abu Dhabi.")
    ghani = Entity.objects.get(name="Ashraf Ghani")

    assert set(ghani.mentions.values_list("article", "role")) == {
        (first.pk, "Afghan President"),
        (later.pk, "Former President"),
    }
