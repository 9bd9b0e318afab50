"""Every uploaded file passes here: what its bytes really are (never what its name or the
browser says), whether that kind is allowed for the field, its size, and a safe name.

Each upload field names a policy (POLICIES): forms use `UploadField` /
`MultipleUploadField`, models `UploadValidator("policy")`, so the admin, the API and the
pages refuse the same files with the same translated messages. Private files (ticket
attachments, resource attachments) live in `PrivateStorage`, outside MEDIA_ROOT, and are
served only by views that ask strongcities.permissions (see `file_response`).
"""

from __future__ import annotations

import io
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property, lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from strongcities.text import comma_join

MB = 1024 * 1024
HEAD_BYTES = 4096


@dataclass(frozen=True)
class Kind:
    """A kind of file the portal accepts somewhere, recognised by its content."""

    name: str
    extensions: tuple[str, ...]  # the first one is given to a file that has none
    content_type: str
    label: str
    family: str = ""  # what sniff() answers for it; its own name when empty

    @property
    def sniffed_as(self) -> str:
        return self.family or self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("pdf", (".pdf",), "application/pdf", _("PDF")),
        Kind("docx", (".docx",), f"{_OOXML}.wordprocessingml.document", _("Word")),
        Kind("xlsx", (".xlsx",), f"{_OOXML}.spreadsheetml.sheet", _("Excel")),
        Kind("pptx", (".pptx",), f"{_OOXML}.presentationml.presentation", _("PowerPoint")),
        Kind("doc", (".doc",), "application/msword", _("Word 97–2003")),
        Kind("xls", (".xls",), "application/vnd.ms-excel", _("Excel 97–2003")),
        Kind("ppt", (".ppt",), "application/vnd.ms-powerpoint", _("PowerPoint 97–2003")),
        Kind("odt", (".odt",), f"{_ODF}.text", _("OpenDocument text")),
        Kind("ods", (".ods",), f"{_ODF}.spreadsheet", _("OpenDocument spreadsheet")),
        Kind("odp", (".odp",), f"{_ODF}.presentation", _("OpenDocument presentation")),
        Kind("epub", (".epub",), "application/epub+zip", _("EPUB")),
        Kind("png", (".png",), "image/png", _("PNG")),
        Kind("jpeg", (".jpg", ".jpeg"), "image/jpeg", _("JPEG")),
        Kind("gif", (".gif",), "image/gif", _("GIF")),
        Kind("webp", (".webp",), "image/webp", _("WebP")),
        Kind("txt", (".txt",), "text/plain; charset=utf-8", _("plain text"), family="text"),
        Kind("csv", (".csv",), "text/csv; charset=utf-8", _("CSV"), family="text"),
    )
}
OFFICE = ("docx", "xlsx", "pptx", "doc", "xls", "ppt", "odt", "ods", "odp")
DOCUMENTS = ("pdf", *OFFICE)
WEB_IMAGES = ("png", "jpeg", "webp")
IMAGES = ("png", "jpeg", "gif", "webp")
EXTENSION_KINDS = {ext: kind for kind in KINDS.values() for ext in kind.extensions}

# What sniff() answers for content refused everywhere, with its own message.
SVG, MACROS = "svg", "macros"

_OOXML_MAIN = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_OOXML_MACRO_MAIN = (
    b"application/vnd.ms-word.document.macroenabled.main+xml",
    b"application/vnd.ms-excel.sheet.macroenabled.main+xml",
    b"application/vnd.ms-powerpoint.presentation.macroenabled.main+xml",
)
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
    b"application/epub+zip": "epub",
}
# Streams that name the application of a legacy (OLE2 compound) Office file.
_OLE_STREAMS = (("worddocument", "doc"), ("powerpoint document", "ppt"), ("workbook", "xls"),
                ("book", "xls"))  # fmt: skip
_OLE_MACRO_STREAMS = {"macros", "_vba_project_cur", "vba"}


# --- what the bytes are ------------------------------------------------------------


def _read_all(upload) -> bytes:
    upload.seek(0)
    try:
        return upload.read()
    finally:
        upload.seek(0)


def _zip_kind(upload) -> str | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            if any(name.lower().endswith("vbaproject.bin") for name in infos):
                return MACROS
            types = infos.get("[Content_Types].xml")
            if types is not None and types.file_size <= MB:
                declared = archive.read(types).lower()
                if any(main in declared for main in _OOXML_MACRO_MAIN):
                    return MACROS
                for main, kind in _OOXML_MAIN.items():
                    if main in declared:
                        return kind
                return None
            mimetype = infos.get("mimetype")
            if mimetype is not None and mimetype.file_size <= 200:
                return _ODF_MIMETYPES.get(archive.read(mimetype).strip())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError):
        return None
    finally:
        upload.seek(0)
    return None


def _ole_kind(upload) -> str | None:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(_read_all(upload))) as ole:
            entries = {"/".join(path).lower() for path in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, TypeError):
        return None
    top_level = {entry.split("/", 1)[0] for entry in entries}
    if top_level & _OLE_MACRO_STREAMS:
        return MACROS
    for stream, kind in _OLE_STREAMS:
        if stream in top_level:
            return kind
    return None  # another compound file (e.g. an installer): refused


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") and b"<svg" in text


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    # Tabs, line ends and form feeds only: other control characters mean a binary file.
    return not re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", text)


def _image_is_readable(upload) -> bool:
    """Pillow decodes the header and checks the structure; huge pixel counts are refused."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            OSError, SyntaxError, ValueError):  # fmt: skip
        return False
    finally:
        upload.seek(0)
    return True


def sniff(upload) -> str | None:
    """The kind of file the bytes are (a KINDS family, SVG or MACROS), or None."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png" if _image_is_readable(upload) else None
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg" if _image_is_readable(upload) else None
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif" if _image_is_readable(upload) else None
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp" if _image_is_readable(upload) else None
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_kind(upload)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    if _looks_like_svg(head):
        return SVG
    if _is_text(_read_all(upload)):
        return "text"
    return None


# --- names -------------------------------------------------------------------------

# Kept: zero-width non-joiner and joiner, which Persian and Arabic script spelling needs.
_KEEP_FORMAT = {"\u200c", "\u200d"}
_RESERVED = re.compile(r'[<>:"|?*\\/]')
MAX_NAME_LENGTH = 120


def safe_filename(name: str, *, max_length: int = MAX_NAME_LENGTH, default: str = "file") -> str:
    """A name fit to show and to send back in Content-Disposition: no folder part, no
    control or bidirectional-override characters, no reserved characters, bounded length."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = re.sub(r"\s+", " ", name)  # tabs and line breaks read as spaces
    name = "".join(
        ch
        for ch in name
        if ch in _KEEP_FORMAT or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
    )
    name = _RESERVED.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        stem, extension = name, ""
    extension = extension.lower()[:10] if re.fullmatch(r"\w{1,10}", extension) else ""
    stem = (stem or default).strip(" .") or default
    suffix = f".{extension}" if extension else ""
    stem = stem[: max(1, max_length - len(suffix))].rstrip(" .") or default
    return f"{stem}{suffix}"


def _with_extension(name: str, kind: Kind) -> str:
    extension = PurePath(name).suffix.lower()
    if extension in kind.extensions:
        return name
    return safe_filename(f"{name}{kind.extensions[0]}")


# --- policies ------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadPolicy:
    """What one upload field accepts: kinds of content and a size limit in bytes."""

    kinds: tuple[str, ...]
    max_bytes: int | Callable[[], int]

    @property
    def limit(self) -> int:
        return self.max_bytes() if callable(self.max_bytes) else self.max_bytes

    @property
    def types_label(self) -> str:
        labels = []
        for name in self.kinds:
            label = str(KINDS[name].label)
            if label not in labels:
                labels.append(label)
        return comma_join(labels)

    @property
    def accept(self) -> str:
        """For the file input's accept attribute: the extensions of the accepted kinds."""
        values = [ext for name in self.kinds for ext in KINDS[name].extensions]
        return ",".join(values)

    def _help_text(self) -> str:
        return gettext("{types}; at most {size}.").format(
            types=self.types_label, size=filesizeformat(self.limit)
        )

    @property
    def help_text(self):
        """Translated when shown, not when the form class is defined."""
        return lazy(self._help_text, str)()

    def check(self, upload) -> CheckedUpload:
        """The kind and a safe name for the upload, or a ValidationError saying why not."""
        name = safe_filename(getattr(upload, "name", "") or "")
        size = upload.size
        if size > self.limit:
            raise ValidationError(
                _("“%(name)s” is larger than %(max)s, the largest file accepted here."),
                code="too_large",
                params={"name": name, "max": filesizeformat(self.limit)},
            )
        if size == 0:
            raise ValidationError(_("“%(name)s” is empty."), code="empty", params={"name": name})
        extension = PurePath(name).suffix.lower()
        found = SVG if extension in {".svg", ".svgz"} else sniff(upload)
        if found == SVG:
            raise ValidationError(
                _(
                    "“%(name)s” is an SVG image, which can carry scripts and is not accepted. "
                    "Export it as PNG or JPEG."
                ),
                code="svg",
                params={"name": name},
            )
        if found == MACROS:
            raise ValidationError(
                _("“%(name)s” contains macros, which are not accepted. Save it without macros."),
                code="macros",
                params={"name": name},
            )
        candidates = [KINDS[k] for k in self.kinds if KINDS[k].sniffed_as == found]
        matching = [kind for kind in candidates if extension in kind.extensions]
        if matching:
            return CheckedUpload(kind=matching[0], name=name)
        named_as = EXTENSION_KINDS.get(extension)
        if (
            named_as is not None
            and named_as.sniffed_as != found
            and (candidates or named_as.name in self.kinds)
        ):
            # The name says one kind, the content is another (or nothing we know): a
            # renamed or damaged file, whose name would mislead whoever opens it.
            raise ValidationError(
                _("The content of “%(name)s” is not what its name says (%(extension)s)."),
                code="mismatch",
                params={"name": name, "extension": extension},
            )
        if candidates and not extension and found != "text":
            # No extension at all: the content decides, and the name gets the right one.
            return CheckedUpload(kind=candidates[0], name=_with_extension(name, candidates[0]))
        raise ValidationError(
            _("“%(name)s” is not a file of an accepted type (%(types)s)."),
            code="wrong_type",
            params={"name": name, "types": self.types_label},
        )

    def clean(self, upload):
        """Check, then give the upload its safe name and the content type of its content."""
        checked = self.check(upload)
        upload.name = checked.name
        upload.content_type = checked.kind.content_type
        upload.checked_kind = checked.kind
        return upload


@dataclass(frozen=True)
class CheckedUpload:
    kind: Kind
    name: str


def _steering_paper_max_bytes() -> int:
    return int(getattr(settings, "STEERING_PAPER_MAX_BYTES", 15 * MB))


POLICIES: dict[str, UploadPolicy] = {
    "city_logo": UploadPolicy(kinds=WEB_IMAGES, max_bytes=2 * MB),
    "resource_cover": UploadPolicy(kinds=WEB_IMAGES, max_bytes=5 * MB),
    "resource_attachment": UploadPolicy(kinds=(*DOCUMENTS, "epub", "txt"), max_bytes=20 * MB),
    "ticket_attachment": UploadPolicy(kinds=(*DOCUMENTS, *IMAGES, "txt"), max_bytes=10 * MB),
    "meeting_paper": UploadPolicy(kinds=DOCUMENTS, max_bytes=_steering_paper_max_bytes),
    "member_import": UploadPolicy(kinds=("csv", "xlsx"), max_bytes=5 * MB),
    "attendance_import": UploadPolicy(kinds=("csv",), max_bytes=2 * MB),
}


def policy(name: str) -> UploadPolicy:
    return POLICIES[name]


@deconstructible(path="strongcities.uploads.UploadValidator")
class UploadValidator:
    """A model field validator: `validators=[UploadValidator("ticket_attachment")]`."""

    def __init__(self, policy_name: str):
        self.policy_name = policy_name

    def __call__(self, value) -> None:
        # A file already stored was checked when it was uploaded.
        if getattr(value, "_committed", False):
            return
        POLICIES[self.policy_name].check(value)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and other.policy_name == self.policy_name

    def __hash__(self):
        return hash(self.policy_name)


# --- form fields -------------------------------------------------------------------


class UploadField(forms.FileField):
    """A file input checked against a policy; the cleaned file carries a safe name."""

    def __init__(self, *args, policy: str, **kwargs):
        self.policy = POLICIES[policy]
        kwargs.setdefault("help_text", self.policy.help_text)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", self.policy.accept)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if isinstance(upload, UploadedFile):  # not the file already stored (initial)
            self.policy.clean(upload)
        return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleUploadField(forms.FileField):
    """Several files, each checked against the policy; all errors are shown at once."""

    widget = MultipleFileInput

    def __init__(self, *args, policy: str, max_files: int = 5, **kwargs):
        self.policy = POLICIES[policy]
        self.max_files = max_files
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            format_lazy(
                _("Up to {count} files. {rules}"), count=max_files, rules=self.policy.help_text
            ),
        )
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", self.policy.accept)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        files = [super(MultipleUploadField, self).clean(item, initial) for item in items if item]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > self.max_files:
            raise ValidationError(
                ngettext(
                    "Attach at most %(count)d file.",
                    "Attach at most %(count)d files.",
                    self.max_files,
                ),
                code="too_many",
                params={"count": self.max_files},
            )
        errors = []
        for upload in files:
            try:
                self.policy.clean(upload)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return files


# --- private files -------------------------------------------------------------------


def private_root() -> Path:
    return Path(getattr(settings, "PRIVATE_MEDIA_ROOT", settings.BASE_DIR / "var" / "private"))


@deconstructible(path="strongcities.uploads.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT with no URL: only a permission-checked view serves them.
    The root is read from the settings when used, so tests and deployments can move it."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return str(private_root().resolve())

    @cached_property
    def base_url(self):
        return None


def private_storage() -> PrivateStorage:
    return PrivateStorage()


@deconstructible(path="strongcities.uploads.RandomName")
class RandomName:
    """upload_to that stores a file under a random name in `folder` (with strftime codes):
    the uploader's name never reaches the file system or a URL."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        from django.utils import timezone

        kind = EXTENSION_KINDS.get(PurePath(filename).suffix.lower())
        extension = kind.extensions[0] if kind else ".bin"
        folder = timezone.now().strftime(self.folder)
        return f"{folder}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)


class PrivateFieldFile(FieldFile):
    @property
    def url(self):
        # The permission-checked view of the owning object; there is no public URL.
        return self.instance.get_download_url() if self.instance.pk else ""


class PrivateFileField(models.FileField):
    """A FileField in PrivateStorage whose `.url` is the model's `get_download_url()`."""

    attr_class = PrivateFieldFile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("storage", private_storage)
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)


def kind_of_stored(name: str) -> Kind | None:
    return EXTENSION_KINDS.get(PurePath(name).suffix.lower())


def file_response(field_file, *, filename: str) -> FileResponse:
    """Send a stored file: as a download unless it is an image, never sniffed by the
    browser, never cached by a shared cache. 404 when the file is gone."""
    from django.http import Http404

    kind = kind_of_stored(field_file.name)
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("The stored file is missing") from None
    inline = bool(kind and kind.is_image)
    name = safe_filename(filename)
    if kind:
        name = _with_extension(name, kind)
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # An image opened on its own must not run anything, whatever it turns out to hold.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def move_to_private_storage(names) -> int:
    """For data migrations: move files written under MEDIA_ROOT before a field became
    private into the private root, keeping their names. Returns how many moved."""
    import shutil

    public_root = Path(settings.MEDIA_ROOT).resolve()
    target_root = private_root().resolve()
    moved = 0
    for name in names:
        if not name:
            continue
        source, target = (public_root / name).resolve(), (target_root / name).resolve()
        if not source.is_relative_to(public_root) or not target.is_relative_to(target_root):
            continue
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)
            moved += 1
    return moved
