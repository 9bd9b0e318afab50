"""Small wording helpers shared by Python code and templates."""

from collections.abc import Iterable

from django.utils.translation import pgettext


def list_separator() -> str:
    """The active language's list separator: "، " in Arabic, ", " otherwise. Templates
    use the `comma_join` filter, or {% translate ", " context "list separator" %}."""
    return pgettext("list separator", ", ")


def comma_join(items: Iterable) -> str:
    return list_separator().join(str(item) for item in items)
