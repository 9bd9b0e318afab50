"""The neutral words that replace a person's name or text.

They are stored in the database, where one value is read by people in every language:
the label says the same thing in each of the portal's languages at once, so an Arabic,
English or French reader each understands it.
"""

import re

from django.utils import translation
from django.utils.translation import gettext_lazy as _

ERASED_DOMAIN = "erased.invalid"  # .invalid never delivers (RFC 2606)

ERASED_PERSON = _("Former participant")
REMOVED_TEXT = _("[removed after the retention period]")

# English first: the label is read in left-to-right pages and tables too.
LABEL_LANGUAGES = ("en", "fr", "ar")


def in_every_language(text) -> str:
    """ "Former participant · Ancien participant · مشارك سابق" (each once if a catalogue
    lacks the translation)."""
    words = []
    for code in LABEL_LANGUAGES:
        with translation.override(code):
            word = str(text)
        if word not in words:
            words.append(word)
    return " · ".join(words)


def erased_person_label() -> str:
    return in_every_language(ERASED_PERSON)


def removed_text_label(language: str) -> str:
    with translation.override(language or "en"):
        return str(REMOVED_TEXT)


def erased_address(kind: str, pk) -> str:
    return f"{kind}-{pk}@{ERASED_DOMAIN}"


def is_erased_address(email: str) -> bool:
    return (email or "").lower().endswith("@" + ERASED_DOMAIN)


class Scrubber:
    """Replaces a person's name and addresses inside free text with the label.

    Names shorter than four characters are left alone: they would match inside
    other words."""

    def __init__(self, *, names=(), emails=(), label: str):
        needles = {e.strip() for e in emails if e and e.strip()}
        needles |= {n.strip() for n in names if n and len(n.strip()) >= 4}
        self.needles = sorted(needles, key=len, reverse=True)
        self.label = label
        self.pattern = (
            re.compile("|".join(re.escape(n) for n in self.needles), re.IGNORECASE)
            if self.needles
            else None
        )

    def __bool__(self):
        return self.pattern is not None

    def text(self, value):
        if not value or self.pattern is None or not isinstance(value, str):
            return value
        return self.pattern.sub(self.label, value)

    def json(self, value):
        """Every string inside a JSON value (answers, audit diffs)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(v) for v in value]
        if isinstance(value, dict):
            return {k: self.json(v) for k, v in value.items()}
        return value


ROLE_LABELS = {
    "focal_point": _("Focal point"),
    "hub_staff": _("Regional hub staff"),
    "management_unit": _("Management Unit staff"),
    "committee_member": _("Steering Committee member"),
    "administrator": _("Administrator"),
}


def role_names(roles) -> list[str]:
    return sorted(str(ROLE_LABELS.get(str(role), role)) for role in roles)
