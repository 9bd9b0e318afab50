"""Checks every uploaded file passes: size, extension and what the bytes really are."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

IMAGE_FORMATS = {"PNG": {".png"}, "JPEG": {".jpg", ".jpeg"}, "WEBP": {".webp"}}
MAX_IMAGE_BYTES = 2 * 1024 * 1024


def validate_size(upload, max_bytes: int) -> None:
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )


def validate_image_upload(upload, *, max_bytes: int = MAX_IMAGE_BYTES) -> None:
    """A PNG, JPEG or WebP image whose content matches its name, within the size limit."""
    from PIL import Image, UnidentifiedImageError

    validate_size(upload, max_bytes)
    extension = PurePath(upload.name).suffix.lower()
    allowed = sorted({ext for exts in IMAGE_FORMATS.values() for ext in exts})
    wrong_type = ValidationError(
        _("Upload an image in one of these formats: %(types)s.") % {"types": ", ".join(allowed)},
        code="wrong_type",
    )
    if extension not in allowed:
        raise wrong_type
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise wrong_type from None
    finally:
        upload.seek(0)
    if extension not in IMAGE_FORMATS.get(image_format, set()):
        raise wrong_type
