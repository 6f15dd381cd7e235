"""Pages kept for readers never hide a correction: a reader who opened a panel and searched
before an editor renamed the entity sees the new name on their next click, in view, on a desktop
and on a phone."""

import pytest
from playwright.sync_api import expect

from articles.editing.entities import rename_entity
from articles.models import Entity
from tests.browser.conftest import in_view, last_curtis, make_editor, screenshot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def open_curtis(page):
    name = last_curtis(page)
    name.scroll_into_view_if_needed()
    name.click()
    return page.locator("#entity-panel #entity-name")


def test_a_rename_shows_in_a_panel_opened_before_it(seed_page):
    page = seed_page
    expect(open_curtis(page)).to_have_text("Lisa Curtis")
    page.keyboard.press("Escape")
    curtis = Entity.objects.get(name="Lisa Curtis")
    rename_entity(
        entity_id=curtis.pk, version=curtis.version, name="Lisa M. Curtis", editor=make_editor()
    )

    heading = open_curtis(page)

    expect(heading).to_have_text("Lisa M. Curtis")
    assert in_view(page, heading), page.screen
    screenshot(page, f"kept-panel-after-rename-{page.screen}")


def test_a_rename_shows_in_a_search_made_before_it(seed_page, live_server):
    page = seed_page
    page.goto(f"{live_server.url}/?q=Curtis")
    expect(page.locator("main")).to_contain_text("Lisa Curtis")
    curtis = Entity.objects.get(name="Lisa Curtis")
    rename_entity(
        entity_id=curtis.pk, version=curtis.version, name="Lisa M. Curtis", editor=make_editor()
    )

    page.goto(f"{live_server.url}/?q=Curtis")

    expect(page.locator("main")).to_contain_text("Lisa M. Curtis")
    screenshot(page, f"kept-search-after-rename-{page.screen}")
