"""Corrections as an editor sees them on a desktop and on a phone: every result and refusal in
view, one key to mark selected words, focus kept on the corrected name, and the quote editor."""

import re

import pytest
from playwright.sync_api import expect

from articles.editing import mentions
from articles.editing.rejecting import reject
from articles.ingest.service import ingest_paths
from articles.models import Entity, Mention, Quote
from tests.browser.conftest import (
    SEED_PATH,
    SELECT_ACROSS,
    in_view,
    make_editor,
    screenshot,
    sign_in,
)
from tests.conftest import SEED
from tests.factories import make_article, make_entity, mention

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def editing(screen, live_server, editor):
    ingest_paths([str(SEED)])
    sign_in(screen, live_server, SEED_PATH)
    screen.wait_for_load_state("networkidle")  # the editing script is loaded and listening
    screen.base = live_server.url
    return screen


def name(page, text):
    return page.locator("#article-body a.mention", has_text=re.compile(f"^{text}$")).first


def notice(page):
    return page.locator("#edit-result .result-box")


def test_a_conflict_shows_its_message_in_view(editing, editor):
    page = editing
    torkham = name(page, "Torkham")
    torkham.scroll_into_view_if_needed()
    torkham.click()
    box = page.locator("#entity-panel .editor-box")
    expect(box.locator("h3")).to_have_text("Correct “Torkham”")
    # Another editor changes the same mention meanwhile.
    row = Mention.objects.get(text="Torkham")
    mentions.relabel_mention(mention_id=row.pk, version=row.version, kind="ORG", editor=editor)
    box.locator("select[name=kind]").select_option("PERSON")
    box.get_by_role("button", name="Change kind").click()
    expect(notice(page)).to_contain_text("Someone else changed this mention meanwhile by editor")
    assert in_view(page, notice(page)), page.screen
    screenshot(page, f"refusal-409-{page.screen}")
    assert Entity.objects.get(mentions=row).kind == "ORG"


def select_unmarked(page, editor, words: str, *, rejecting: str) -> None:
    """Select `words` in the page once the mention `rejecting` is rejected (unmarked)."""
    found = Mention.objects.get(text=rejecting)
    reject(Mention, pk=found.pk, version=found.version, editor=editor)
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.evaluate(SELECT_ACROSS, words)


def test_an_overlap_shows_its_offer_in_view_and_one_key_replaces(editing, editor):
    page = editing
    select_unmarked(page, editor, "South and Central Asia", rejecting="South")
    page.keyboard.press("l")
    message = "“South and Central Asia” runs into “Central Asia”, already marked"
    expect(notice(page)).to_contain_text(message)
    assert in_view(page, notice(page)), page.screen
    offer = notice(page).get_by_role("button", name="Replace “Central Asia”")
    expect(offer).to_be_focused()
    screenshot(page, f"refusal-422-overlap-{page.screen}")

    page.keyboard.press("Enter")
    expect(notice(page)).to_contain_text("Marked “South and Central Asia” as place")
    marked = name(page, "South and Central Asia")
    expect(marked).to_be_focused()
    assert in_view(page, notice(page)), page.screen
    screenshot(page, f"overlap-replaced-{page.screen}")
    assert in_view(page, marked), page.screen


def test_one_key_marks_selected_words_and_focus_stays_on_the_name(editing, editor):
    page = editing
    select_unmarked(page, editor, "Chaman", rejecting="Chaman")
    page.keyboard.press("l")  # one key: a place
    expect(notice(page)).to_contain_text("Marked “Chaman” as place Chaman")
    marked = name(page, "Chaman")
    expect(marked).to_have_class(re.compile("mention--place"))
    expect(marked).to_be_focused()
    assert in_view(page, notice(page)), page.screen
    screenshot(page, f"one-key-mark-{page.screen}")

    page.keyboard.press("o")  # the focused name: an organisation after all
    expect(notice(page)).to_contain_text("“Chaman”: Place → Organisation")
    expect(name(page, "Chaman")).to_have_class(re.compile("mention--org"))
    expect(name(page, "Chaman")).to_be_focused()
    page.keyboard.press("x")  # not an entity at all: focus moves on to the next name
    expect(notice(page)).to_contain_text("“Chaman” is not an entity")
    expect(name(page, "Pakistani Army")).to_be_focused()
    page.keyboard.press("u")
    expect(name(page, "Chaman")).to_be_focused()
    assert in_view(page, notice(page).get_by_role("button", name="Redo")), page.screen


def test_the_quote_editor_offers_three_kinds_and_a_speaker_from_the_archive(editing):
    page = editing
    # Someone named elsewhere in the archive, not in this article.
    khan = make_entity(name="Imran Khan", kind="PERSON")
    mention(make_article(body="Imran Khan spoke in Islamabad."), khan, "Imran Khan")
    quote = Quote.objects.get(text__startswith="peace talks were necessary")
    item = page.locator(f"#quote-{quote.pk}")
    item.scroll_into_view_if_needed()
    kinds = item.locator("select[name=kind] option")
    expect(kinds).to_have_text(["direct", "partial", "reported"])
    expect(item.locator("select[name=kind]")).to_have_value("indirect")
    expect(item.locator(".attribution")).to_have_text("— Asif Ghafoor, noted · reported")

    speaker = item.locator("input[name=speaker_name]")
    speaker.fill("Imran")
    expect(page.locator("#archive-speakers option")).to_have_count(1)
    speaker.fill("Imran Khan")
    speaker.press("Enter")
    expect(notice(page)).to_contain_text("speaker Asif Ghafoor → Imran Khan")
    item = page.locator(f"#quote-{quote.pk}")
    expect(item.locator(".attribution")).to_contain_text("Imran Khan")
    expect(item.locator("select[name=kind]")).to_have_value("indirect")
    screenshot(page, f"quote-editor-{page.screen}")

    item.locator("select[name=kind]").select_option("partial")
    item.get_by_role("button", name="Save").click()
    expect(notice(page)).to_contain_text("indirect → partial")
    attribution = page.locator(f"#quote-{quote.pk} .attribution")
    expect(attribution).to_have_text("— Imran Khan, noted · partial")
    assert in_view(page, notice(page)), page.screen
