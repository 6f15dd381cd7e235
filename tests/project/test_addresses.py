"""The site's addresses come from its URL configuration: templates reverse them with {% url %},
scripts read them from the page, so no address is written out by hand to go stale."""

import re
from pathlib import Path

from tests.conftest import PROJECT

# A quoted path of this site ("/edit/...", '/changes/'), as opposed to a relative or external one.
SITE_PATH = re.compile(r"""["'](/[a-z][a-z0-9_-]*/)""")
# Attributes that lead somewhere, given a literal path instead of a {% url %}.
LITERAL_ADDRESS = re.compile(r"""(?:href|action|hx-get|hx-post|hx-push-url)="(/[a-z][^"{]*)""")


def test_scripts_write_out_no_address_of_the_site():
    for script in (PROJECT / "static" / "newsdesk").glob("*.js"):
        assert SITE_PATH.findall(script.read_text()) == [], script.name


def test_templates_write_out_no_address_of_the_site():
    for template in Path(PROJECT / "templates").rglob("*.html"):
        assert LITERAL_ADDRESS.findall(template.read_text()) == [], template.name


def test_views_write_out_no_address_of_the_site():
    for module in (PROJECT / "articles" / "views").glob("*.py"):
        assert SITE_PATH.findall(module.read_text()) == [], module.name
