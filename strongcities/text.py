"""Small wording helpers shared by Python code and templates."""

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import pgettext


def direction(language: str) -> str:
    """How text in `language` runs, "rtl" or "ltr" (the page's dir, or a passage's)."""
    return "rtl" if language in settings.RTL_LANGUAGES else "ltr"


def list_separator() -> str:
    """The active language's list separator: "، " in Arabic, ", " otherwise. Templates
    use the `comma_join` filter, or {% translate ", " context "list separator" %}."""
    return pgettext("list separator", ", ")


def comma_join(items: Iterable) -> str:
    return list_separator().join(str(item) for item in items)


def colon_mark() -> str:
    """What follows a label: ":" in Arabic and English, " :" (a no-break space first) in
    French. Templates use the `colon` filter."""
    return pgettext("label colon", ":")


def absolute_url(url: str) -> str:
    """A link for use outside the page (emails, calendar files, shared previews,
    hreflang): on SITE_URL, never on the Host a request happened to name, because public
    pages are cached and served to everyone. A URL that is already absolute (a file in an
    S3 bucket) stays as it is."""
    if url.startswith(("https://", "http://", "//")):
        return url
    return f"{settings.SITE_URL}{url}"
