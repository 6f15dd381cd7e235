"""A .zip's table of contents is checked before anything in it is extracted; so is a Word
document's, which is an archive too. A refused archive leaves nothing in the archive."""

import io
import stat
import zipfile

import pytest

from articles.models import Article
from tests.uploading import FERRY, assert_refused_alone, uploaded, zip_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


def bomb(size: int = 8 * 2**20) -> bytes:
    return zip_bytes({"zeros.txt": b"0" * size})


def symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


REFUSED = {
    "not-a-word-document": ("fake.docx", b"just text", "not a readable .zip archive"),
    "zip-bomb": ("bomb.zip", bomb(), "looks like a zip bomb"),
    "dot-dot": ("evil.zip", zip_bytes({"../../etc/cron.d/x.txt": FERRY}), "an unsafe path"),
    "absolute": ("abs.zip", zip_bytes({"/etc/x.txt": FERRY}), "an unsafe path"),
    "backslashes": ("win.zip", zip_bytes({"a\\..\\..\\x.txt": FERRY}), "an unsafe path"),
    "symlink": ("link.zip", symlink_zip(), "a symbolic link"),
    "nested-zip": (
        "outer.zip",
        zip_bytes({"inner.zip": zip_bytes({"a.txt": FERRY})}),
        "archives inside archives",
    ),
    "one-bad-member": (
        "mixed.zip",
        zip_bytes({"good.txt": FERRY, "bad.txt": b"\x00\x01" * 9}),
        "mixed.zip/bad.txt: the file is binary",
    ),
    "empty-zip": ("nothing.zip", zip_bytes({"folder/": b""}), "no articles found"),
}


@pytest.mark.parametrize("refused", REFUSED.values(), ids=REFUSED.keys())
def test_unsafe_or_bad_archives_are_refused_with_a_clear_message_and_leave_nothing(
    admin_client, refused
):
    assert_refused_alone(admin_client, *refused)


def test_an_archive_that_would_expand_too_far_is_refused(admin_client, settings):
    settings.NEWSDESK_ARCHIVE_MAX_UNCOMPRESSED_BYTES = 500
    (refused,) = uploaded(admin_client, ("many.zip", zip_bytes({"a.txt": FERRY, "b.txt": FERRY})))

    assert "the archive would expand to" in refused.reason
    assert not Article.objects.exists()


def test_an_archive_with_too_many_entries_is_refused(admin_client, settings):
    settings.NEWSDESK_ARCHIVE_MAX_MEMBERS = 2
    content = zip_bytes({f"{n}.txt": FERRY for n in range(3)})
    (refused,) = uploaded(admin_client, ("many.zip", content))

    assert refused.reason == "Refused: the archive holds 3 entries; the limit is 2"
