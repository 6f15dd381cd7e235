"""Editing over HTTP: who may do what, CSRF, HTMX fragments, conflicts and messages."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from articles.editing import entities, mentions
from articles.editing.rejecting import reject
from articles.models import Correction, DateMention, Entity, Mention, Quote
from articles.permissions import editors_group

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def users():
    reader = User.objects.create_user("reader", password="pw")
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(editors_group())
    admin = User.objects.create_user("admin", password="pw", is_staff=True)
    return {"reader": reader, "editor": editor, "admin": admin}


def client_for(user, **options):
    client = Client(**options)
    if user is not None:
        client.force_login(user)
    return client


def editing_urls():
    mention = Mention.objects.get(text="Torkham")
    quote = Quote.objects.order_by("pk")[0]
    entity = Entity.objects.get(name="Kabul")
    date = DateMention.objects.order_by("pk")[0]
    correction = Correction.objects.all()[0]
    post_only = [
        (
            reverse("articles:edit-mention", args=[mention.pk]),
            {"action": "relabel", "kind": "ORG", "version": mention.version},
        ),
        (
            reverse("articles:add-mention", args=["pakistan-military-backs-afghan-peace-talks"]),
            {"start": 0, "end": 3, "kind": "PLACE"},
        ),
        (reverse("articles:edit-quote", args=[quote.pk]), {"action": "remove", "version": 1}),
        (
            reverse("articles:add-quote", args=["pakistan-military-backs-afghan-peace-talks"]),
            {"start": 0, "end": 10, "kind": "direct"},
        ),
        (reverse("articles:edit-date", args=[date.pk]), {"action": "reject", "version": 1}),
        (
            reverse("articles:add-date", args=["pakistan-military-backs-afghan-peace-talks"]),
            {"start": 0, "end": 8},
        ),
        (
            reverse("articles:edit-entity", args=[entity.slug]),
            {"action": "rename", "name": "Kabul city", "version": entity.version},
        ),
        (reverse("articles:undo", args=[correction.pk]), {}),
        (reverse("articles:redo", args=[correction.pk]), {}),
    ]
    get_and_post = [
        (
            reverse("articles:merge-entity", args=[entity.slug]),
            {"into": "islamabad", "version": entity.version},
        ),
        (reverse("articles:elsewhere", args=[correction.pk]), {}),
    ]
    get_only = [(reverse("articles:entity-search") + "?q=ka", None)]
    return post_only, get_and_post, get_only


@pytest.fixture
def urls(seed, users):
    torkham = Mention.objects.get(text="Torkham")
    mentions.relabel_mention(
        mention_id=torkham.pk, version=torkham.version, kind="ORG", editor=users["editor"]
    )
    return editing_urls()


def outcome(response) -> str:
    """Where a request ended: the login page, or a status code."""
    to_login = response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    return "login" if to_login else str(response.status_code)


@pytest.mark.parametrize(
    ("who", "change", "page", "page_post"),
    [
        # A change is posted; a page (merge, elsewhere, search) is read, and some take a post.
        ("anonymous", "login", "login", "login"),
        ("reader", "403", "403", "403"),
        ("editor", "302", "200", "302"),
        ("admin", "302", "200", "302"),
    ],
)
def test_permission_matrix(urls, users, who, change, page, page_post):
    post_only, get_and_post, get_only = urls
    client = client_for(users.get(who))
    for url, data in post_only:
        assert client.get(url).status_code == 405, url
        assert outcome(client.post(url, data)) == change, url
    for url, data in get_and_post:
        assert outcome(client.get(url, data)) == page, url
        assert outcome(client.post(url, data)) == page_post, url
    for url, _ in get_only:
        assert outcome(client.get(url)) == page, url


def test_posts_without_a_csrf_token_are_refused(urls, users):
    post_only, get_and_post, _ = urls
    client = client_for(users["editor"], enforce_csrf_checks=True)
    for url, data in post_only + get_and_post:
        assert client.post(url, data).status_code == 403, url


def test_htmx_correction_returns_a_result_and_an_event(seed, users):
    client = client_for(users["editor"])
    torkham = Mention.objects.get(text="Torkham")
    url = reverse("articles:edit-mention", args=[torkham.pk])
    response = client.post(
        url, {"action": "relabel", "kind": "ORG", "version": torkham.version}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "annotationsChanged" in response["HX-Trigger"]
    assert "“Torkham”: Place → Organisation" in html
    assert "Undo</button>" in html

    stale = client.post(
        url, {"action": "relabel", "kind": "PERSON", "version": torkham.version}, **HTMX
    )
    assert stale.status_code == 409
    assert "Someone else changed this mention" in stale.content.decode()
    assert stale["HX-Retarget"] == "#edit-result"


def test_editor_sees_controls_and_history_readers_do_not(seed, users):
    torkham = Mention.objects.get(text="Torkham")
    url = (
        reverse("articles:article", args=["pakistan-military-backs-afghan-peace-talks"])
        + f"?entity={torkham.entity.slug}&mention={torkham.pk}"
    )
    mentions.relabel_mention(
        mention_id=torkham.pk, version=torkham.version, kind="ORG", editor=users["editor"]
    )
    editor_html = client_for(users["editor"]).get(url).content.decode()
    reader_html = client_for(users["reader"]).get(url).content.decode()
    assert "Correct “Torkham”" in editor_html
    assert "History" in editor_html
    assert "Mark what the pipeline missed" in editor_html
    assert "Correct “Torkham”" not in reader_html
    assert "Mark what the pipeline missed" not in reader_html


def test_recent_changes_page_lists_corrections(seed, users):
    torkham = Mention.objects.get(text="Torkham")
    mentions.relabel_mention(
        mention_id=torkham.pk, version=torkham.version, kind="ORG", editor=users["editor"]
    )
    html = client_for(None).get(reverse("articles:changes")).content.decode()
    assert "“Torkham”: Place → Organisation" in html
    assert "editor" in html
    assert "Undo</button>" not in html  # readers see the history, not the controls


def test_merge_preview_then_merge(seed, users):
    client = client_for(users["editor"])
    url = reverse("articles:merge-entity", args=["islamabad"])
    preview = client.get(url, {"into": "kabul"})
    assert "1 mention in 1 article" in preview.content.decode()
    islamabad = Entity.objects.get(slug="islamabad")
    response = client.post(url, {"into": "kabul", "version": islamabad.version})
    assert response.status_code == 302
    assert not Entity.objects.filter(slug="islamabad").exists()
    assert "Islamabad" in set(
        Entity.objects.get(slug="kabul").aliases.values_list("name", flat=True)
    )


def test_create_editor_command(monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("NEWSDESK_EDITOR_PASSWORD", "a long and good passphrase")
    call_command("create_editor", "amina", "--no-input")
    amina = User.objects.get(username="amina")
    assert amina.check_password("a long and good passphrase")
    assert amina.has_perm("articles.correct_annotations")


def test_undo_returns_only_to_pages_of_this_site(urls, users):
    client = client_for(users["editor"])
    correction = Correction.objects.all()[0]
    response = client.post(
        reverse("articles:undo", args=[correction.pk]), {"next": "//evil.example.org/"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:changes")


def test_a_rejected_mention_leaves_every_list(seed, users):
    torkham = Mention.objects.get(text="Torkham")
    entity = torkham.entity
    reject(Mention, pk=torkham.pk, version=torkham.version, editor=users["editor"])
    client = client_for(None)
    article = client.get(reverse("articles:article", args=[torkham.article.slug]))
    assert entity not in list(article.context["entities"])
    index = client.get(reverse("articles:places"), {"q": "Torkham"})
    assert list(index.context["page"]) == []
    page = client.get(entity.get_absolute_url())
    assert page.context["stats"].article_count == 0
    assert list(page.context["entity_articles"]) == []


def test_dates_are_listed_and_editors_correct_them_in_place(seed, users):
    url = reverse("articles:article", args=["pakistan-military-backs-afghan-peace-talks"])
    spring = DateMention.objects.get(text="the spring and summer of 2020")
    reader_html = client_for(users["reader"]).get(url).content.decode()
    assert 'id="dates-heading"' in reader_html
    assert "1 Mar 2020" in reader_html
    assert reverse("articles:date-month", args=[2020, 3]) in reader_html
    assert "Not a date" not in reader_html
    assert "Mark as date" not in reader_html

    client = client_for(users["editor"])
    assert "Not a date" in client.get(url).content.decode()
    edit = reverse("articles:edit-date", args=[spring.pk])
    response = client.post(
        edit,
        {
            "action": "change",
            "version": spring.version,
            "value_start": "2020-04-01",
            "value_end": "2020-09-30",
            "granularity": "season",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert "annotationsChanged" in response["HX-Trigger"]
    assert "means 1 April 2020 to 30 September 2020" in response.content.decode()
    bad = client.post(
        edit, {"version": spring.version + 1, "value_start": "2020-09-30", "value_end": "2020"}
    )
    assert bad.status_code == 302
    messages = client.get(bad["Location"]).content.decode()
    assert "Give the days as year-month-day." in messages

    spring.refresh_from_db()
    assert (str(spring.value_start), spring.origin) == ("2020-04-01", "editor")
    client.post(edit, {"action": "reject", "version": spring.version}, **HTMX)
    html = client.get(url).content.decode()
    assert "the spring and summer of 2020</span>" not in html.split('id="dates-heading"')[1]
    september = reverse("articles:date-month", args=[2020, 9])
    assert "Pakistan military backs" not in client.get(september).content.decode()


def test_editors_see_namesakes_of_another_kind_one_merge_away(seed, users):
    torkham = Mention.objects.get(text="Torkham")
    # A later article made a second "Torkham", an organisation.
    other = Entity.objects.create(name="Torkham", kind="ORG", slug="torkham-org")
    url = reverse("articles:entity", args=[torkham.entity.slug])
    merge = reverse("articles:merge-entity", args=[torkham.entity.slug]) + "?into=torkham-org"

    assert merge in client_for(users["editor"]).get(url).content.decode()
    assert merge not in client_for(users["reader"]).get(url).content.decode()
    entities.mark_distinct(first_id=torkham.entity.pk, second_id=other.pk, editor=users["editor"])
    assert merge not in client_for(users["editor"]).get(url).content.decode()


def test_the_panel_follows_its_mention_after_a_correction(seed, users):
    client = client_for(users["editor"])
    kabul = Mention.objects.filter(text="Kabul").order_by("start")[0]
    panel = reverse("articles:entity", args=["kabul"])
    opened = {"article": "pakistan-military-backs-afghan-peace-talks", "mention": kabul.pk}
    mentions.relabel_mention(
        mention_id=kabul.pk, version=kabul.version, kind="ORG", editor=users["editor"]
    )
    moved = client.get(panel, opened, **HTMX).content.decode()
    assert '<p class="panel__kind"><span class="mention mention--org">Organisation' in moved
    kabul.refresh_from_db()
    reject(Mention, pk=kabul.pk, version=kabul.version, editor=users["editor"])
    gone = client.get(panel, opened, **HTMX).content.decode()
    assert "That name is no longer marked in this article." in gone
    assert 'class="panel panel--empty"' in gone
