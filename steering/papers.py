"""Storage and checks for meeting papers.

Papers live outside MEDIA_ROOT (which DEBUG serves under /media/) in a storage with no
base URL, and a paper's `.url` is the permission-checked download view, so no public
URL for a paper exists anywhere.
"""

import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_BYTES = 15 * 1024 * 1024

# extension -> (content type, how to recognise the content)
PAPER_TYPES = {
    "pdf": ("application/pdf", "pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "ooxml",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ooxml",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", "odf"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "odf"),
    "odp": ("application/vnd.oasis.opendocument.presentation", "odf"),
}


def papers_root() -> Path:
    default = Path(settings.BASE_DIR) / "var" / "private" / "steering-papers"
    return Path(getattr(settings, "STEERING_PAPERS_ROOT", default))


def max_paper_bytes() -> int:
    return int(getattr(settings, "STEERING_PAPER_MAX_BYTES", DEFAULT_MAX_BYTES))


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


def content_type_for(name: str) -> str:
    extension = Path(name).suffix.lower().lstrip(".")
    return PAPER_TYPES.get(extension, ("application/octet-stream", ""))[0]


def _looks_like(kind: str, upload) -> bool:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    if kind == "ooxml":
        return "[Content_Types].xml" in names
    return "mimetype" in names


def validate_paper(upload) -> None:
    """Accept PDF and office documents up to the size limit, checking their content."""
    if upload.size > max_paper_bytes():
        raise ValidationError(
            _("This file is %(size)s; papers may be at most %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_paper_bytes()),
            },
        )
    extension = Path(upload.name).suffix.lower().lstrip(".")
    if extension not in PAPER_TYPES:
        raise ValidationError(
            _("Papers must be PDF or office documents (%(types)s)."),
            code="bad_type",
            params={"types": ", ".join(sorted(PAPER_TYPES))},
        )
    # A file that is already stored was checked when it was uploaded.
    if getattr(upload, "_committed", False):
        return
    if not _looks_like(PAPER_TYPES[extension][1], upload):
        raise ValidationError(
            _("The content of this file does not match its .%(extension)s extension."),
            code="bad_content",
            params={"extension": extension},
        )


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
