"""The archive the hostile requests are asked of: a row of every kind a URL can name."""

import pytest
from django.contrib.auth.models import User

from articles.editing import mentions as mention_corrections
from articles.models import Alias, UploadBatch, UploadFile, UploadStatus
from articles.permissions import editors_group
from tests.factories import date_mention, make_article, make_entity, mention, quote

BODY = "Ashraf Ghani said talks in Kabul would resume in June 2020. Kabul agreed."


@pytest.fixture
def archive():
    article = make_article(headline="Talks resume in Kabul", body=BODY, slug="talks-resume")
    kabul = make_entity(name="Kabul", kind="PLACE", slug="kabul")
    ghani = make_entity(name="Ashraf Ghani", kind="PERSON", slug="ashraf-ghani")
    Alias.objects.create(entity=ghani, name="Ghani")
    speaker = mention(article, ghani, "Ashraf Ghani")
    kabul_mention = mention(article, kabul, "Kabul")
    mention(article, kabul, "Kabul", occurrence=1)
    date_mention(article, "June 2020", "2020-06-01", "2020-06-30", "month")
    said = quote(article, "talks in Kabul would resume in June 2020", ghani, kind="indirect")
    said.speaker_mention = speaker
    said.save()
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(editors_group())
    admin = User.objects.create_superuser("admin", password="pw")
    correction = mention_corrections.relabel_mention(
        mention_id=kabul_mention.pk, version=kabul_mention.version, kind="ORG", editor=editor
    )
    batch = UploadBatch.objects.create(uploader=admin)
    upload = UploadFile.objects.create(
        batch=batch, name="a.txt", size=3, original=b"abc", status=UploadStatus.FAILED
    )
    return {
        "users": {"editor": editor, "admin": admin},
        "ids": [str(row.pk) for row in (speaker, said, correction, batch, upload)],
        # The real row each page of the site is about.
        "rows": {
            "edit-mention": speaker.pk,
            "edit-quote": said.pk,
            "edit-date": article.dates.get().pk,
            "undo": correction.pk,
            "redo": correction.pk,
            "elsewhere": correction.pk,
            "upload-batch": batch.pk,
            "upload-retry": upload.pk,
            "upload-original": upload.pk,
        },
        "slugs": [article.slug, kabul.slug, ghani.slug],
        "valid": {
            "entity": ghani.slug,
            "mention": str(speaker.pk),
            "article": article.slug,
            "into": kabul.slug,
        },
    }
