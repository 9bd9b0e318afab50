"""Email preferences: reminders are non-essential, so a person may stop them with one
click (the link in the message, or the mail program's List-Unsubscribe button).
Survey requests, hub-lead notices and account emails are essential and always go."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import translation

from strongcities.text import absolute_url
from surveys.models import ReminderOptOut

UNSUBSCRIBE_SALT = "surveys.unsubscribe"


def opted_out():
    """A subquery of the people who stopped reminders."""
    return ReminderOptOut.objects.values("user_id")


def opted_out_among(user_ids) -> set[int]:
    return set(
        ReminderOptOut.objects.filter(user_id__in=list(user_ids)).values_list("user_id", flat=True)
    )


def unsubscribe_url(user, language: str) -> str:
    token = signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)
    with translation.override(language):
        path = reverse("surveys:unsubscribe", kwargs={"token": token})
    return absolute_url(path)


def user_from_unsubscribe_token(token: str):
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def opt_out_of_reminders(user) -> ReminderOptOut:
    return ReminderOptOut.objects.get_or_create(user=user)[0]


def opt_back_in_to_reminders(user) -> None:
    ReminderOptOut.objects.filter(user=user).delete()


def has_opted_out(user) -> bool:
    return ReminderOptOut.objects.filter(user=user).exists()
