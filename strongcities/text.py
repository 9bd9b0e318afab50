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
