"""The entity panel where the reader is, on a desktop and on a phone: opened in view from the
last paragraph, closed by Esc and by Back, and reached and left with one key."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import in_view, last_curtis, screenshot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def expect_closed(page):
    expect(page.locator("#entity-panel")).to_have_class(re.compile("panel--empty"))


def test_a_name_in_the_last_paragraph_opens_its_panel_in_view(seed_page):
    page = seed_page
    name = last_curtis(page)
    name.scroll_into_view_if_needed()
    name.click()
    heading = page.locator("#entity-panel #entity-name")
    expect(heading).to_have_text("Lisa Curtis")
    expect(heading).to_be_focused()  # the panel has settled where the reader is
    expect(page).to_have_url(re.compile(r"\?entity=lisa-curtis&mention=\d+$"))
    assert in_view(page, heading), page.screen
    assert in_view(page, page.locator("#entity-panel [data-close-panel]")), page.screen
    # The name read stays in sight beside (or above) the panel.
    assert in_view(page, name), page.screen
    screenshot(page, f"panel-last-paragraph-{page.screen}")

    page.keyboard.press("Escape")
    expect_closed(page)
    expect(page).not_to_have_url(re.compile("entity="))
    expect(name).to_be_focused()
    assert in_view(page, name), page.screen

    name.click()
    expect(heading).to_have_text("Lisa Curtis")
    page.go_back()
    expect_closed(page)
    expect(page).not_to_have_url(re.compile("entity="))
    screenshot(page, f"panel-closed-by-back-{page.screen}")


def test_one_key_to_the_panel_and_one_back(seed_page):
    page = seed_page
    name = last_curtis(page)
    name.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#entity-panel #entity-name")).to_be_focused()
    page.keyboard.press("Escape")
    expect_closed(page)
    expect(name).to_be_focused()
    assert page.console_errors == []
