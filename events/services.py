"""Verbs that change the events' world: registering, cancelling, the waiting list,
approvals, attendance (which reports engagement to members) and event emails.

Every change to who holds a seat happens under a lock on the event row, so two people
taking the last seat at the same moment get one seat and one place in the waiting list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import Event, EventNotice, Registration
from members.models import EngagementRecord, FocalPoint
from strongcities.permissions import can
from strongcities.queue import enqueue_after_commit

Status = Registration.Status


@dataclass(frozen=True)
class Answers:
    """The event's questions to each participant."""

    accessibility_needs: str = ""
    dietary_needs: str = ""
    interpretation_language: str = ""


def _lock_event(event: Event) -> Event:
    # The lock that serialises seat changes (a no-op on SQLite, which locks the whole file).
    return Event.objects.select_for_update().get(pk=event.pk)


def seats_taken(event: Event) -> int:
    return event.registrations.filter(status__in=Registration.SEAT_STATUSES).count()


def _has_free_seat(event: Event) -> bool:
    return event.capacity is None or seats_taken(event) < event.capacity


def city_for(person, *, registered_by=None):
    """The member city a person registers for: the one they share with the registrant."""
    cities = FocalPoint.objects.filter(user=person, is_active=True).values_list("city", flat=True)
    if registered_by is not None and registered_by != person:
        shared = FocalPoint.objects.filter(
            user=registered_by, is_active=True, city__in=cities
        ).values_list("city", flat=True)
        city_id = shared.order_by("city").first()
    else:
        city_id = cities.order_by("-is_primary", "city").first()
    if city_id is None:
        return None
    from members.models import City

    return City.objects.get(pk=city_id)


def colleagues_of(user):
    """Other active focal points of the cities this user is a focal point of."""
    from django.contrib.auth import get_user_model

    cities = FocalPoint.objects.filter(user=user, is_active=True).values("city")
    return (
        get_user_model()
        .objects.filter(focal_points__city__in=cities, focal_points__is_active=True, is_active=True)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("display_name")
    )


def register(
    *, event: Event, person, registered_by, answers: Answers = Answers(), now=None
) -> Registration:
    """Register `person` (the registrant or a colleague of their city) for `event`.

    Confirmed while seats last, then the waiting list; invitation-only events wait for
    staff approval. Raises ValidationError with a translated message on bad input.
    """
    now = now or timezone.now()
    if not can(registered_by, "events.register", event):
        raise PermissionDenied
    if person != registered_by and not colleagues_of(registered_by).filter(pk=person.pk).exists():
        raise ValidationError(_("You can register only yourself and colleagues of your city."))
    if answers.interpretation_language and (
        answers.interpretation_language not in event.interpretation_languages
    ):
        raise ValidationError(_("This event does not offer interpretation into that language."))
    if not can(person, "events.register", event):
        raise ValidationError(_("This event is open to member cities only."))
    city = city_for(person, registered_by=registered_by)
    with transaction.atomic():
        event = _lock_event(event)
        if not event.registration_is_open(now):
            raise ValidationError(_("Registration for this event is closed."))
        registration = Registration.objects.filter(event=event, user=person).first()
        if registration and registration.status != Status.CANCELLED:
            raise ValidationError(
                _("%(name)s is already registered for this event.") % {"name": person}
            )
        if event.audience == Event.Audience.INVITATION and not can(
            registered_by, "events.manage", event
        ):
            status = Status.PENDING
        elif _has_free_seat(event):
            status = Status.CONFIRMED
        else:
            status = Status.WAITING
        fields = {
            "city": city,
            "status": status,
            "registered_by": registered_by,
            "accessibility_needs": answers.accessibility_needs,
            "dietary_needs": answers.dietary_needs,
            "interpretation_language": answers.interpretation_language,
            "created_at": now,
            "queued_at": now if status == Status.WAITING else None,
        }
        if registration is None:
            registration = Registration.objects.create(event=event, user=person, **fields)
        else:
            for name, value in fields.items():
                setattr(registration, name, value)
            registration.save()
        queue_notice(registration, _notice_for(status), replace=True)
    return registration


# --- guests ---------------------------------------------------------------------------

GUEST_SALT = "events.guest-invitation"


def guest_invitation_token(event: Event) -> str:
    """The secret part of the event's invitation link for guests without an account."""
    return signing.dumps(event.pk, salt=GUEST_SALT)


def event_for_guest_token(token: str) -> Event | None:
    try:
        pk = signing.loads(token, salt=GUEST_SALT)
    except signing.BadSignature:
        return None
    return Event.objects.filter(pk=pk, is_published=True).select_related("hub", "city").first()


def register_guest(
    *,
    event: Event,
    name: str,
    email: str,
    organisation: str = "",
    language: str = "en",
    answers: Answers = Answers(),
    now=None,
) -> Registration:
    """A guest registers with the invitation link: the link is the organisers' invitation,
    so no approval is needed; seats and the waiting list work as for everyone."""
    from django.contrib.auth import get_user_model

    now = now or timezone.now()
    email = email.strip().lower()
    if answers.interpretation_language and (
        answers.interpretation_language not in event.interpretation_languages
    ):
        raise ValidationError(_("This event does not offer interpretation into that language."))
    with transaction.atomic():
        event = _lock_event(event)
        if not event.registration_is_open(now):
            raise ValidationError(_("Registration for this event is closed."))
        account = get_user_model().objects.filter(email__iexact=email).first()
        taken = Registration.objects.filter(event=event).exclude(status=Status.CANCELLED)
        if taken.filter(
            Q(guest_email__iexact=email) | Q(user=account, user__isnull=False)
        ).exists():
            raise ValidationError(
                _("%(email)s is already registered for this event.") % {"email": email}
            )
        status = Status.CONFIRMED if _has_free_seat(event) else Status.WAITING
        fields = {
            "guest_name": name.strip(),
            "guest_organisation": organisation.strip(),
            "guest_language": language,
            "status": status,
            "accessibility_needs": answers.accessibility_needs,
            "dietary_needs": answers.dietary_needs,
            "interpretation_language": answers.interpretation_language,
            "created_at": now,
            "queued_at": now if status == Status.WAITING else None,
        }
        registration, _created = Registration.objects.update_or_create(
            event=event, user=None, guest_email=email, defaults=fields
        )
        queue_notice(registration, _notice_for(status), replace=True)
    return registration


GUEST_REGISTRATION_SALT = "events.guest-registration"


def guest_registration_token(registration: Registration) -> str:
    """The secret part of a guest's own link (in their emails): see and cancel their
    registration, download their certificate. Signed, so it cannot be guessed."""
    return signing.dumps(registration.pk, salt=GUEST_REGISTRATION_SALT)


def registration_for_guest_token(token: str) -> Registration | None:
    try:
        pk = signing.loads(token, salt=GUEST_REGISTRATION_SALT)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("event__city", "event__hub", "city")
        .filter(pk=pk, user__isnull=True)
        .first()
    )


def _notice_for(status: str) -> str:
    return {
        Status.CONFIRMED: EventNotice.Kind.CONFIRMED,
        Status.WAITING: EventNotice.Kind.WAITING,
        Status.PENDING: EventNotice.Kind.PENDING,
    }[status]


def may_change_registration(user, registration: Registration) -> bool:
    """The person, a focal point of the same city, or the event's organisers."""
    if user is None or not user.is_authenticated:
        return False
    if registration.user_id == user.pk:
        return True
    if registration.city_id and (
        FocalPoint.objects.filter(user=user, city_id=registration.city_id, is_active=True).exists()
    ):
        return True
    return can(user, "events.manage", registration.event)


def may_be_cancelled(registration: Registration, now=None) -> bool:
    """Still open to cancelling: not yet cancelled or checked in, and the event not over."""
    now = now or timezone.now()
    finished = {Status.CANCELLED, Status.ATTENDED, Status.NO_SHOW}
    return registration.status not in finished and registration.event.ends_at >= now


def cancel_registration(*, registration: Registration, cancelled_by, now=None) -> list:
    """Cancel; a freed seat goes to the first person on the waiting list.

    Returns the registrations promoted from the waiting list.
    """
    if not may_change_registration(cancelled_by, registration):
        raise PermissionDenied
    return _cancel(registration, now or timezone.now())


def cancel_guest_registration(*, registration: Registration, now=None) -> list:
    """A guest cancels with the signed link of their emails (the link is the proof: the
    caller found `registration` with registration_for_guest_token)."""
    if not registration.is_guest:
        raise PermissionDenied
    return _cancel(registration, now or timezone.now())


def _cancel(registration: Registration, now) -> list:
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status in {Status.CANCELLED, Status.ATTENDED, Status.NO_SHOW}:
            raise ValidationError(_("This registration can no longer be cancelled."))
        if event.ends_at < now:
            raise ValidationError(_("This event is over."))
        registration.status = Status.CANCELLED
        registration.queued_at = None
        registration.save(update_fields=["status", "queued_at", "updated_at"])
        return _fill_free_seats(event)


def _fill_free_seats(event: Event) -> list:
    """Promote from the waiting list, in the order people joined it. Call under the lock."""
    promoted = []
    waiting = event.registrations.filter(status=Status.WAITING).order_by("queued_at", "pk")
    free = None if event.capacity is None else event.capacity - seats_taken(event)
    for registration in waiting if free is None else waiting[: max(free, 0)]:
        registration.status = Status.CONFIRMED
        registration.queued_at = None
        registration.save(update_fields=["status", "queued_at", "updated_at"])
        queue_notice(registration, EventNotice.Kind.PROMOTED)
        promoted.append(registration)
    return promoted


def promote_from_waiting_list(event: Event) -> list:
    """After the capacity was raised: fill the new seats."""
    with transaction.atomic():
        return _fill_free_seats(_lock_event(event))


def set_capacity(*, event: Event, capacity: int | None) -> list:
    """Change the capacity: never below the seats already taken; new seats are filled."""
    with transaction.atomic():
        event = _lock_event(event)
        if capacity is not None and capacity < seats_taken(event):
            raise ValidationError(
                _("%(count)s people are already confirmed; the capacity cannot be lower.")
                % {"count": seats_taken(event)}
            )
        event.capacity = capacity
        event.save(update_fields=["capacity"])
        return _fill_free_seats(event)


def decide_registration(*, registration: Registration, approve: bool, decided_by) -> Registration:
    """Staff approve (a seat, or the waiting list when full) or decline an invitation request."""
    if not can(decided_by, "events.manage", registration.event):
        raise PermissionDenied
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status != Status.PENDING:
            raise ValidationError(_("This registration is not waiting for approval."))
        if not approve:
            registration.status = Status.CANCELLED
        elif _has_free_seat(event):
            registration.status = Status.CONFIRMED
        else:
            registration.status = Status.WAITING
            registration.queued_at = timezone.now()
        registration.save(update_fields=["status", "queued_at", "updated_at"])
        if registration.status != Status.CANCELLED:
            queue_notice(registration, _notice_for(registration.status))
    return registration


# --- attendance ---------------------------------------------------------------------


def mark_attendance(*, registration: Registration, attended: bool, marked_by) -> Registration:
    """Check a participant in (or correct to no-show) and report it to members.

    The engagement fact is recorded per city and event (the source is the event), so two
    people of one city at one event count once; it is withdrawn only when no one of the
    city is left marked as attended.
    """
    from members.services import record_engagement, withdraw_engagement

    event = registration.event
    if not can(marked_by, "events.manage", event):
        raise PermissionDenied
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in {Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW}:
            raise ValidationError(_("Only confirmed participants can be checked in."))
        if event.starts_at > timezone.now():
            raise ValidationError(_("Attendance can be marked once the event has started."))
        registration.status = Status.ATTENDED if attended else Status.NO_SHOW
        registration.attendance_marked_by = marked_by
        registration.save(update_fields=["status", "attendance_marked_by", "updated_at"])
        if registration.city_id:
            if attended:
                record_engagement(
                    city=registration.city,
                    kind=EngagementRecord.Kind.EVENT_ATTENDED,
                    occurred_on=event.starts_at.astimezone(event.zone).date(),
                    source=event,
                    title=event.title_en or event.title,
                    recorded_by=marked_by,
                )
            elif not event.registrations.filter(
                city_id=registration.city_id, status=Status.ATTENDED
            ).exists():
                withdraw_engagement(
                    city=registration.city, kind=EngagementRecord.Kind.EVENT_ATTENDED, source=event
                )
    return registration


# --- emails ---------------------------------------------------------------------------


def queue_notice(registration: Registration, kind: str, *, replace: bool = False) -> EventNotice:
    """Record that an email is owed and hand it to a worker after the commit.

    With `replace`, an earlier notice of the kind (e.g. a confirmation before a
    cancellation and a new registration) is owed again.
    """
    notice, created = EventNotice.objects.get_or_create(registration=registration, kind=kind)
    if not created and replace and notice.sent_at:
        notice.sent_at = notice.skipped_at = None
        notice.created_at = timezone.now()
        notice.save(update_fields=["sent_at", "skipped_at", "created_at"])
    if notice.sent_at is None:
        from events.tasks import send_event_notice

        enqueue_after_commit(send_event_notice, notice.pk)
    return notice


# Which registrations each kind of notice still applies to when it is sent.
NOTICE_APPLIES_TO = {
    EventNotice.Kind.CONFIRMED: {Status.CONFIRMED},
    EventNotice.Kind.PROMOTED: {Status.CONFIRMED},
    EventNotice.Kind.WAITING: {Status.WAITING},
    EventNotice.Kind.PENDING: {Status.PENDING},
    EventNotice.Kind.REMINDER_7D: {Status.CONFIRMED},
    EventNotice.Kind.REMINDER_1D: {Status.CONFIRMED},
    EventNotice.Kind.THANK_YOU: {Status.ATTENDED},
    EventNotice.Kind.NO_SHOW: {Status.NO_SHOW},
}


def send_notice(notice_id: int) -> bool:
    """Send one event email unless it went out already. Returns True if sent.

    The row lock makes two workers running the same task send one email; if sending
    fails the transaction rolls back, sent_at stays empty and the sweep retries.
    """
    from strongcities.mail import send_templated_mail

    with transaction.atomic():
        notice = (
            EventNotice.objects.select_for_update(of=("self",))
            .select_related("registration__event", "registration__user")
            .filter(pk=notice_id, sent_at__isnull=True, skipped_at__isnull=True)
            .first()
        )
        if notice is None:
            return False
        registration, event = notice.registration, notice.registration.event
        person = registration.user
        inactive = person is not None and not person.is_active
        if registration.status not in NOTICE_APPLIES_TO[notice.kind] or inactive:
            notice.skipped_at = timezone.now()
            notice.save(update_fields=["skipped_at"])
            return False
        language = registration.language
        with translation.override(language):
            links = _notice_links(registration, notice.kind)
            send_templated_mail(
                template="events/emails/notice",
                to=registration.email,
                language=language,
                context={
                    "kind": notice.kind,
                    "event": event,
                    "registration": registration,
                    "person_name": registration.person_name,
                    "event_url": event.get_absolute_url(),
                    "show_online_link": bool(
                        event.online_url and event.is_online and registration.sees_online_link
                    ),
                    **links,
                },
            )
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    return True


# Notices sent while the person may still cancel: they carry the way to do it.
CANCELLABLE_NOTICES = {
    EventNotice.Kind.CONFIRMED,
    EventNotice.Kind.WAITING,
    EventNotice.Kind.PENDING,
    EventNotice.Kind.PROMOTED,
    EventNotice.Kind.REMINDER_7D,
    EventNotice.Kind.REMINDER_1D,
}


def _notice_links(registration: Registration, kind: str) -> dict:
    """Paths (in the active language) to cancel and to the certificate of attendance.

    Guests have no account, so theirs go through their signed link; people with an
    account cancel on the event page and download from it."""
    event = registration.event
    links = {}
    if registration.is_guest:
        own = {"slug": event.slug, "token": guest_registration_token(registration)}
        if kind in CANCELLABLE_NOTICES:
            links["cancel_url"] = reverse("events:guest-registration", kwargs=own)
        if kind == EventNotice.Kind.THANK_YOU:
            links["certificate_url"] = reverse("events:guest-certificate", kwargs=own)
    else:
        if kind in CANCELLABLE_NOTICES:
            links["cancel_url"] = event.get_absolute_url()
        if kind == EventNotice.Kind.THANK_YOU:
            links["certificate_url"] = reverse("events:certificate", kwargs={"slug": event.slug})
    return links


# (kind, how long before the start it is due, how long before the start one must have
# registered for it to make sense: nobody registered 3 days ahead needs "in a week").
REMINDERS = (
    (EventNotice.Kind.REMINDER_7D, datetime.timedelta(days=7), datetime.timedelta(days=6)),
    (EventNotice.Kind.REMINDER_1D, datetime.timedelta(days=1), datetime.timedelta(hours=12)),
)
# Thank-you notes go out for events that ended within this window (attendance is
# usually marked on the day, but may come later).
FOLLOW_UP_WINDOW = datetime.timedelta(days=14)


def create_due_notices(now=None) -> int:
    """Owe the reminders and follow-ups that are due; each (registration, kind) once."""
    now = now or timezone.now()
    owed = []
    for kind, before, registered_ahead in REMINDERS:
        # Only the most urgent reminder: the 7-day one is not sent a day before the event.
        later = now + datetime.timedelta(days=1) if kind == EventNotice.Kind.REMINDER_7D else now
        due = Registration.objects.filter(
            status=Status.CONFIRMED,
            event__is_published=True,
            event__starts_at__gt=later,
            event__starts_at__lte=now + before,
            created_at__lte=F("event__starts_at") - registered_ahead,
        ).exclude(notices__kind=kind)
        owed += [
            EventNotice(registration_id=pk, kind=kind) for pk in due.values_list("pk", flat=True)
        ]
    ended = Q(event__ends_at__lte=now, event__ends_at__gt=now - FOLLOW_UP_WINDOW)
    for kind, status in (
        (EventNotice.Kind.THANK_YOU, Status.ATTENDED),
        (EventNotice.Kind.NO_SHOW, Status.NO_SHOW),
    ):
        due = Registration.objects.filter(ended, status=status).exclude(notices__kind=kind)
        owed += [
            EventNotice(registration_id=pk, kind=kind) for pk in due.values_list("pk", flat=True)
        ]
    try:
        created = EventNotice.objects.bulk_create(owed, ignore_conflicts=True)
    except IntegrityError:  # pragma: no cover - ignore_conflicts covers the race
        created = []
    return len(created)


def unsent_notice_ids(now=None) -> list[int]:
    now = now or timezone.now()
    return list(
        EventNotice.objects.filter(
            sent_at__isnull=True,
            skipped_at__isnull=True,
            created_at__gt=now - FOLLOW_UP_WINDOW,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
