"""A .zip archive's table of contents, checked before anything in it is extracted.

An uploaded archive (and a Word document, which is one) could hold a zip bomb, paths that climb
out of a folder, symbolic links, or archives inside archives. Every entry is judged from the table
of contents first; members are then read one at a time, each no further than its stated size.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator

from django.conf import settings

from articles.ingest.refusals import ZIP, Refused, size_text, upload_kind

# Ordinary text compresses at most about ten times; only members that would expand beyond this
# are held to the ratio limit, so a short file of repeated lines is never taken for a bomb.
RATIO_FLOOR_BYTES = 2**20
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


def open_archive(data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """Open an archive and check its table of contents; nothing is extracted yet.

    Refused: too many entries, absolute paths or `..`, symbolic links, encryption, or what would
    expand beyond the size or compression-ratio limits (a zip bomb).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as error:
        raise Refused("not a readable .zip archive") from error
    entries = archive.infolist()
    if len(entries) > settings.NEWSDESK_ARCHIVE_MAX_MEMBERS:
        raise Refused(
            f"the archive holds {len(entries)} entries; the limit is "
            f"{settings.NEWSDESK_ARCHIVE_MAX_MEMBERS}"
        )
    ratio_limit = settings.NEWSDESK_ARCHIVE_MAX_RATIO
    for entry in entries:
        if unsafe_path(entry.filename):
            raise Refused(f"{entry.filename}: an unsafe path (absolute, or with ..)")
        if stat.S_ISLNK(entry.external_attr >> 16):
            raise Refused(f"{entry.filename}: a symbolic link")
        if entry.flag_bits & 0x1:
            raise Refused(f"{entry.filename}: password-protected")
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size > ratio_limit * max(
            entry.compress_size, 1
        ):
            raise Refused(
                f"{entry.filename} would expand {entry.file_size // max(entry.compress_size, 1)} "
                f"times (the limit is {ratio_limit}): it looks like a zip bomb"
            )
    expanded = sum(entry.file_size for entry in entries)
    limit = settings.NEWSDESK_ARCHIVE_MAX_UNCOMPRESSED_BYTES
    if expanded > limit:
        raise Refused(
            f"the archive would expand to {size_text(expanded)}; the limit is {size_text(limit)}"
        )
    return archive, entries


def unsafe_path(path: str) -> bool:
    parts = re.split(r"[/\\]", path)
    return path.startswith(("/", "\\")) or bool(WINDOWS_DRIVE.match(path)) or ".." in parts


def archive_members(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """The files in a checked archive, one at a time, each read no further than its stated size."""
    archive, entries = open_archive(data)
    for entry in entries:
        parts = [part for part in re.split(r"[/\\]", entry.filename) if part not in ("", ".")]
        # Folders, and what macOS and editors leave beside files, are no articles.
        if entry.is_dir() or not parts or parts[0] == "__MACOSX" or parts[-1].startswith("."):
            continue
        member = f"{name}/{'/'.join(parts)}"
        if upload_kind(parts[-1]) == ZIP:
            raise Refused(f"{member}: archives inside archives are not read")
        try:
            with archive.open(entry) as stream:
                content = stream.read(entry.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
            raise Refused(f"{member}: cannot be extracted ({error})") from error
        if len(content) != entry.file_size:
            raise Refused(f"{member}: its size in the archive is wrong")
        yield member, content
