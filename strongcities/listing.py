"""For pages that list many rows: the work a template repeats in every cell, done once a page.

A row's link, its labels and its dates are simple values here, so the page template only
prints them: looking attributes up on model instances, translating the same label and
reversing a URL for each of 50 or 100 rows was most of these pages' time.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial

from django.conf import settings
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.timesince import TIME_STRINGS, timesince
from django.utils.translation import get_language
from modeltranslation.utils import resolution_order

# Values reverse() puts in a URL as they are (no quoting, accepted by str, slug and int
# converters alike when they match): the others go through reverse() itself.
_PLAIN = re.compile(r"[-A-Za-z0-9_]+")
_SLOT = "7319024681357"  # digits, so that int converters accept it too


def choice_labels(choices: Iterable) -> dict:
    """{value: label} for model choices, each label translated once."""
    return {value: str(label) for value, label in choices}


def url_filler(viewname: str, *varying: str, **fixed) -> Callable[..., str]:
    """A function of the `varying` arguments' values (in that order) giving
    reverse(viewname, kwargs={...}): reversed once for the page, the values filled in."""
    slots = {name: f"{_SLOT}{i}" for i, name in enumerate(varying)}
    pattern = reverse(viewname, kwargs={**fixed, **slots}).replace("{", "{{").replace("}", "}}")
    usable = all(pattern.count(slot) == 1 for slot in slots.values())
    for i, slot in enumerate(slots.values()):
        pattern = pattern.replace(slot, "{%d}" % i)  # noqa: UP031

    def url(*values) -> str:
        values = [str(value) for value in values]
        if usable and all(_PLAIN.fullmatch(value) for value in values):
            return pattern.format(*values)
        return reverse(viewname, kwargs={**fixed, **dict(zip(varying, values, strict=True))})

    return url


def translation_columns(field: str) -> list[str]:
    """The `<field>_<language>` columns a row of `.values()` needs for `translated()`."""
    return [f"{field}_{language}" for language in settings.MODELTRANSLATION_LANGUAGES]


def translated(field: str) -> Callable[[dict], str]:
    """A function reading a translated field from a row of `.values()` holding its
    `<field>_<language>` columns, as modeltranslation reads it on an instance: the page's
    language, then the fallback languages, the first that is not empty."""
    columns = [f"{field}_{language}" for language in resolution_order(get_language())]

    def value(row: dict) -> str:
        for column in columns:
            if row[column]:
                return row[column]
        return ""

    return value


def shown_language(instance, field: str, language: str | None = None) -> str:
    """The language `instance.<field>` is shown in for a page in `language` (the current
    one by default): that language, or the first fallback with text, as modeltranslation
    reads it. `instance` may also be a row of `.values()` with the field's columns."""
    language = language or get_language()
    read = instance.get if isinstance(instance, dict) else partial(getattr, instance)
    for code in resolution_order(language):
        if read(f"{field}_{code}", None):
            return code
    return language


def translated_order(field: str) -> Coalesce:
    """An expression to order by a translated field as the page shows it: the page's
    language, then the fallbacks (see `translated`). A bare "city__name" through a model
    modeltranslation does not manage is the English column whatever the page's language."""
    columns = [f"{field}_{language}" for language in resolution_order(get_language())]
    return Coalesce(
        *(NullIf(F(column), Value("")) for column in columns), Value(""), output_field=CharField()
    )


def iso_datetimes() -> Callable[[datetime | None], str]:
    """{{ value|date:'c' }} for the rows of a page: the current time zone looked up once."""
    zone = timezone.get_current_timezone()

    def iso(value: datetime | None) -> str:
        if not value:
            return ""
        return (value.astimezone(zone) if timezone.is_aware(value) else value).isoformat()

    return iso


class _TimeString:
    """One of timesince()'s time strings ("%(num)d day"...), translated once per number
    for a page instead of once per row."""

    def __init__(self, lazy_string):
        self.lazy_string = lazy_string
        self.translated = {}

    def __mod__(self, values: dict) -> str:
        number = values["num"]
        if number not in self.translated:
            self.translated[number] = self.lazy_string % values
        return self.translated[number]


def ages(now: datetime) -> Callable[[datetime | None], str]:
    """{{ value|timesince }} as of `now` (the same moment for every row of the page)."""
    time_strings = {name: _TimeString(string) for name, string in TIME_STRINGS.items()}

    def age(value: datetime | None) -> str:
        if not value:
            return ""
        try:
            return timesince(value, now, time_strings=time_strings)
        except (ValueError, TypeError):
            return ""

    return age


def fill(template: str, **values) -> SafeString:
    """format_html() for the rows of a long table: every value HTML-escaped (as {{ value }}
    and format_html() escape it) unless it is already safe HTML, such as another fill();
    without format_html()'s per-call overhead, which showed in tables of 50 to 100 rows."""
    return SafeString(
        template.format_map(
            {
                name: value.__html__() if hasattr(value, "__html__") else html.escape(str(value))
                for name, value in values.items()
            }
        )
    )
