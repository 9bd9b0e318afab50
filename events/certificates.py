"""Certificates of attendance: a one-page PDF in the participant's own language.

The certificate is rendered to one standalone HTML page and printed by headless
Chromium (strongcities.pdf), which shapes Arabic and lays it out right to left.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from events.models import Registration
from strongcities import pdf
from strongcities.permissions import can


def may_download(user, registration: Registration) -> bool:
    """Only the participant themself and the event's organisers; a colleague of the same
    city is not the person certified."""
    if registration.status != Registration.Status.ATTENDED:
        return False
    if user is None or not user.is_authenticated:
        return False
    if registration.user_id is not None and registration.user_id == user.pk:
        return True
    return can(user, "events.manage", registration.event)


def language_of(registration: Registration) -> str:
    language = registration.language
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def standalone_html(registration: Registration) -> str:
    language = language_of(registration)
    event = registration.event
    with translation.override(language):
        return render_to_string(
            "events/certificate.html",
            {
                "registration": registration,
                "event": event,
                "city": registration.city,
                "language": language,
                "direction": "rtl" if language in settings.RTL_LANGUAGES else "ltr",
                "same_day": _same_day(event),
                "issued_on": timezone.localdate(),
            },
        )


def _same_day(event) -> bool:
    zone = event.zone
    return event.starts_at.astimezone(zone).date() == event.ends_at.astimezone(zone).date()


def certificate_pdf(registration: Registration) -> bytes:
    """The PDF's bytes; pdf.PdfUnavailable (translated reason) when it cannot be printed."""
    return pdf.print_pdf(standalone_html(registration), purpose="certificate of attendance")


def file_name(registration: Registration) -> str:
    person = slugify(registration.person_name) or f"participant-{registration.pk}"
    return f"certificate-{registration.event.slug}-{person}.pdf"
