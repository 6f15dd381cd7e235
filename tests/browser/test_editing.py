"""An editor's corrections in a real browser: relabel, undo, redo, lasting, teaching, merging."""

import re

import pytest
from playwright.sync_api import expect

from articles.ingest.service import ingest_bytes, ingest_paths
from articles.models import Entity, Mention, Quote
from tests.browser.conftest import SEED_PATH, SELECT_ACROSS, make_editor, screenshot, sign_in
from tests.conftest import SEED

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def editor_page(page, live_server):
    ingest_paths([str(SEED)])
    # As the raw model had it: the border crossing tagged as an organisation.
    Entity.objects.filter(name="Torkham").update(kind="ORG")
    make_editor()
    sign_in(page, live_server, SEED_PATH)
    page.wait_for_load_state("networkidle")  # the editing script is loaded and listening
    page.base = live_server.url
    return page


def places(page):
    page.goto(page.base + "/places/?q=Torkham")
    return page.locator("#index-results .entity-grid")


def test_relabel_undo_redo_reannotate_teach_and_merge(editor_page):
    page = editor_page
    page.locator("#article-body a.mention", has_text=re.compile("^Torkham$")).click()
    box = page.locator("#entity-panel .editor-box")
    expect(box.locator("h3")).to_have_text("Correct “Torkham”")
    box.locator("select[name=kind]").select_option("PLACE")
    box.get_by_role("button", name="Change kind").click()
    result = page.locator("#edit-result")
    expect(result).to_contain_text("“Torkham”: Organisation → Place")
    expect(page.locator("#article-body a.mention--place", has_text="Torkham")).to_be_visible()
    expect(page.locator("#entity-panel .panel__kind")).to_have_text("Place")
    screenshot(page, "editor-relabel")

    result.get_by_role("button", name="Undo").click()
    expect(page.locator("#article-body a.mention--org", has_text="Torkham")).to_be_visible()
    expect(places(page)).not_to_contain_text("Torkham")

    page.goto(page.base + "/changes/")
    page.get_by_role("button", name="Redo").first.click()
    expect(places(page)).to_contain_text("Torkham")

    ingest_paths([str(SEED)], reannotate=True)
    page.goto(page.base + SEED_PATH)
    expect(page.locator("#article-body a.mention--place", has_text="Torkham")).to_be_visible()

    report = ingest_bytes("new.txt", b"Traders return\n\nTrucks queued at Torkham again on Monday.")
    new = report.outcomes[0].article
    assert new is not None
    assert new.mentions.get(text="Torkham").entity.kind == "PLACE"

    # Merge two people who are one: the merged page lists both articles.
    ingest_bytes("a.txt", b"Envoy one\n\nLisa Curtis met officials in Doha on Monday.")
    ingest_bytes("b.txt", b"Envoy two\n\nElizabeth Curtis spoke in Kabul on Tuesday.")
    source = Entity.objects.get(name="Elizabeth Curtis")
    page.goto(page.base + source.get_absolute_url())
    page.locator("input[name=into]").fill("lisa-curtis")
    page.get_by_role("button", name="Preview merge").click()
    expect(page.locator("main")).to_contain_text("1 mention in 1 article")
    page.get_by_role("button", name=re.compile("^Merge Elizabeth Curtis into")).click()
    expect(page).to_have_url(re.compile(r"/entities/lisa-curtis/$"))
    articles = page.locator(".mentions-list")
    expect(articles).to_contain_text("Envoy one")
    expect(articles).to_contain_text("Envoy two")
    merged = Mention.objects.filter(entity__name="Lisa Curtis")
    assert {"Envoy one", "Envoy two"} <= set(merged.values_list("article__headline", flat=True))
    assert not Entity.objects.filter(name="Elizabeth Curtis").exists()


def test_keyboard_shortcuts_and_help(editor_page):
    page = editor_page
    page.keyboard.press("?")
    expect(page.locator("#shortcuts-help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#shortcuts-help")).to_be_hidden()
    page.locator("#article-body a.mention", has_text=re.compile("^Torkham$")).focus()
    page.keyboard.press("l")
    expect(page.locator("#edit-result")).to_contain_text("Organisation → Place")
    page.keyboard.press("u")
    expect(page.locator("#article-body a.mention--org", has_text="Torkham")).to_be_visible()


# Select the first occurrence of some words in the article body, as a reader dragging would.
SELECT_WORDS = """words => {
  const body = document.querySelector("#article-body");
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const at = walker.currentNode.textContent.indexOf(words);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(walker.currentNode, at);
      range.setEnd(walker.currentNode, at + words.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.dispatchEvent(new MouseEvent("mouseup"));  // as when the mouse lets go
      return true;
    }
  }
  return false;
}"""


def test_reject_a_date_then_mark_it_again_from_a_selection(editor_page):
    page = editor_page
    dates = page.locator("#article-dates")
    february = dates.locator("li", has_text="February 2020")
    expect(february).to_contain_text("1 Feb 2020 to 29 Feb 2020")
    february.get_by_role("button", name="Not a date").click()
    expect(page.locator("#edit-result")).to_contain_text("“February 2020” is not a date")
    expect(dates).not_to_contain_text("February 2020")
    body = page.locator("#article-body")
    expect(body.locator(".mention--date", has_text="February 2020")).to_have_count(0)

    assert page.evaluate(SELECT_WORDS, "February 2020")
    page.keyboard.press("d")
    expect(page.locator("#edit-result")).to_contain_text("Marked “February 2020” as a date")
    expect(dates.locator("li", has_text="February 2020")).to_contain_text("29 Feb 2020")
    expect(body.locator(".mention--date", has_text="February 2020")).to_have_count(1)
    screenshot(page, "editor-dates")


def test_move_a_mention_to_the_selected_words(editor_page):
    page = editor_page
    page.locator("#article-body a.mention", has_text=re.compile("^Lisa Curtis$")).click()
    box = page.locator("#entity-panel .editor-box")
    expect(box.locator("h3")).to_have_text("Correct “Lisa Curtis”")
    assert page.evaluate(SELECT_WORDS, "Curtis")  # inside the mark: the surname alone
    box.get_by_role("button", name="Move boundaries").click()
    expect(page.locator("#edit-result")).to_contain_text("“Lisa Curtis” → “Curtis”")
    expect(page.locator("#article-body a.mention", has_text=re.compile("^Curtis$"))).to_have_count(
        2
    )


def test_a_speaker_named_in_the_article_is_chosen_with_two_keys(editor_page):
    page = editor_page
    quote = Quote.objects.get(text__startswith="So there has to be a midway")
    speaker = page.locator(f"#quote-{quote.pk} select[name=speaker]")
    speaker.focus()
    page.keyboard.press("l")  # the first name offered that starts with L: Lisa Curtis
    page.keyboard.press("Enter")
    expect(page.locator("#edit-result")).to_contain_text("speaker Asif Ghafoor → Lisa Curtis")
    expect(page.locator(f"#quote-{quote.pk} .attribution")).to_contain_text("Lisa Curtis")
    assert Quote.objects.get(pk=quote.pk).kind == "direct"


def test_q_marks_the_selected_words_as_a_quote(editor_page):
    page = editor_page
    words = "The growing effectiveness of Afghan Soldiers and pilots has stymied Taliban attempts"
    assert page.evaluate(SELECT_ACROSS, words)
    page.keyboard.press("q")
    expect(page.locator("#edit-result")).to_contain_text("Added quote “The growing effectiveness")
    expect(page.locator("#article-quotes")).to_contain_text(words)
    assert Quote.objects.filter(text=words, origin="editor").exists()
