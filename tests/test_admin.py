"""The admin: every model lists, searches, adds and opens a row; entities by alias; metadata."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from articles.ingest import tasks
from articles.ingest.service import content_hash
from articles.models import (
    Alias,
    Article,
    Correction,
    DateMention,
    Entity,
    EntityDistinction,
    LexiconEntry,
    Quote,
    QuoteKind,
    UploadBatch,
    UploadFile,
    UploadStatus,
)
from tests.factories import make_article, make_entity, mention

pytestmark = pytest.mark.django_db

ADMIN_MODELS = [
    model
    for model in apps.get_app_config("articles").get_models()
    if admin.site.is_registered(model)
]
# Upload files come only from the upload page, never from the admin's add form.
ADDABLE_MODELS = [model for model in ADMIN_MODELS if model is not UploadFile]
BODY = "Ashraf Ghani said talks in Kabul would resume in June."


@pytest.fixture
def archive(admin_user):
    """A row of every model the admin shows, so that every change page renders a real row."""
    article = make_article(headline="Talks resume in Kabul", body=BODY)
    kabul = make_entity(name="Kabul", kind="PLACE")
    ghani = make_entity(name="Ashraf Ghani", kind="PERSON")
    Alias.objects.create(entity=kabul, name="Kabul city")
    mention(article, kabul, "Kabul")
    speaker = mention(article, ghani, "Ashraf Ghani")
    quoted = "talks in Kabul would resume in June"
    Quote.objects.create(
        article=article,
        start=BODY.index(quoted),
        end=BODY.index(quoted) + len(quoted),
        text=quoted,
        kind=QuoteKind.INDIRECT,
        speaker=ghani,
        speaker_mention=speaker,
        cue="said",
    )
    DateMention.objects.create(
        article=article,
        start=BODY.index("June"),
        end=BODY.index("June") + 4,
        text="June",
        value_start=dt.date(2020, 6, 1),
        value_end=dt.date(2020, 6, 30),
        granularity="month",
    )
    correction = Correction.objects.create(
        editor=admin_user, action="relabel", article=article, entity=kabul
    )
    LexiconEntry.objects.create(text="Kabul city", kind="PLACE", correction=correction)
    first, second = sorted([kabul, ghani], key=lambda entity: entity.pk)
    EntityDistinction.objects.create(first=first, second=second, editor=admin_user)
    batch = UploadBatch.objects.create(uploader=admin_user)
    upload = UploadFile.objects.create(
        batch=batch,
        name="talks.txt",
        size=len(BODY),
        original=BODY.encode(),
        status=UploadStatus.DONE,
        reason="1 article added",
    )
    upload.articles.add(article)


def admin_url(model, page: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m.__name__)
def test_every_model_lists_in_the_admin(admin_client, archive, model):
    response = admin_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m.__name__)
def test_every_model_searches_in_the_admin(admin_client, archive, model):
    assert admin_client.get(admin_url(model, "changelist"), {"q": "Kabul"}).status_code == 200


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda m: m.__name__)
def test_every_model_opens_a_row_in_the_admin(admin_client, archive, model):
    row = model._base_manager.earliest("pk")

    response = admin_client.get(admin_url(model, "change", row.pk))

    assert response.status_code == 200
    assert response.context["original"] == row


@pytest.mark.parametrize("model", ADDABLE_MODELS, ids=lambda m: m.__name__)
def test_every_model_but_upload_files_has_an_add_form(admin_client, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


def test_upload_files_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get(admin_url(UploadFile, "add")).status_code == 403


def test_admin_search_finds_entities_by_alias(admin_client, archive):
    response = admin_client.get(reverse("admin:articles_entity_changelist"), {"q": "Kabul city"})
    assert [entity.name for entity in response.context["cl"].result_list] == ["Kabul"]


def saved_in_admin(client, row, form: dict[str, str]) -> None:
    """Post `form` to the row's change page, which saves it and goes back to the list; the row
    is read again."""
    response = client.post(admin_url(type(row), "change", row.pk), form)
    assert response.status_code == 302, response.content[:3000]
    row.refresh_from_db()


def test_admin_edits_an_entity_role(admin_client, archive):
    entity = Entity.objects.get(name="Ashraf Ghani")
    saved_in_admin(
        admin_client,
        entity,
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
    assert entity.role == "Afghan President"
    assert list(entity.aliases.values_list("name", flat=True)) == ["Ghani"]


def test_the_admin_edits_metadata_but_not_the_body(admin_client):
    article = make_article(headline="Talks resume in Kabul", body=BODY)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert 'name="body"' not in admin_client.get(url).content.decode()

    saved_in_admin(
        admin_client,
        article,
        {
            "headline": "Talks to resume in Kabul in June",
            "slug": article.slug,
            "byline": "Unipath",
            "published": "2020-06-16",
            "source_url": "https://unipath.example.org/talks",
            "sources": "Voice of America,Hilal",
            "body": "Replaced text",
        },
    )

    assert article.headline == "Talks to resume in Kabul in June"
    assert (article.byline, str(article.published)) == ("Unipath", "2020-06-16")
    assert article.sources == ["Voice of America", "Hilal"]
    assert article.source_url == "https://unipath.example.org/talks"
    assert article.body == BODY
    # The hash follows the headline, so re-annotation finds the same article.
    assert article.content_hash == content_hash("Talks to resume in Kabul in June", BODY)
    tasks.reannotate_stored(article_ids=[article.pk])
    assert Article.objects.count() == 1
