"""Storage and checks for meeting papers.

Papers live outside MEDIA_ROOT (which DEBUG serves under /media/) in a storage with no
base URL, and a paper's `.url` is the permission-checked download view, so no public
URL for a paper exists anywhere.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.functional import cached_property

from strongcities.uploads import UploadValidator


def papers_root() -> Path:
    default = Path(settings.BASE_DIR) / "var" / "private" / "steering-papers"
    return Path(getattr(settings, "STEERING_PAPERS_ROOT", default))


class PapersStorage(FileSystemStorage):
    """A file system storage without a URL, rooted at papers_root() (read when used)."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(papers_root())

    @property
    def location(self):
        return str(papers_root().resolve())

    @cached_property
    def base_url(self):
        return None

    def deconstruct(self):
        return ("steering.papers.PapersStorage", [], {})


def papers_storage():
    return PapersStorage()


def paper_upload_to(instance, filename: str) -> str:
    # A random name: the uploader's file name never reaches the file system.
    extension = Path(filename).suffix.lower().lstrip(".")
    return f"meetings/{uuid.uuid4().hex}.{extension}"


def validate_paper(upload) -> None:
    """PDF and office documents up to STEERING_PAPER_MAX_BYTES, checked by content
    (strongcities.uploads, policy "meeting_paper")."""
    UploadValidator("meeting_paper")(upload)


class PaperFieldFile(FieldFile):
    @property
    def url(self):
        # The permission-checked download view; there is no public URL.
        return self.instance.get_absolute_url() if self.instance.pk else ""


class PaperFileField(models.FileField):
    attr_class = PaperFieldFile


def delete_paper_file(sender, instance, **kwargs) -> None:
    """Remove a deleted paper's file once the deletion is committed."""
    from django.db import transaction

    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
