"""Event emails: each kind once per registration, in the recipient's language."""

import datetime
import re
import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from events import services, tasks
from events.models import Event, EventNotice, Registration
from tests.events.conftest import make_event
from tests.factories import UserFactory

Kind = EventNotice.Kind


def _far_event(**fields):
    now = timezone.now()
    return make_event(
        starts_at=now + datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=30, hours=2),
        **fields,
    )


def _register(event, person, capture):
    with capture(execute=True):
        return services.register(event=event, person=person, registered_by=person)


def test_confirmation_goes_out_once_in_the_recipients_language(
    db, django_capture_on_commit_callbacks
):
    person = UserFactory(preferred_language="fr")
    event = _far_event()
    registration = _register(event, person, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert event.title_fr in message.subject  # the event's French title
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    notice = registration.notices.get(kind=Kind.CONFIRMED)
    assert notice.sent_at is not None
    # A retried task or a second worker finds it sent.
    assert services.send_notice(notice.pk) is False
    tasks.send_due_event_notices()
    assert len(mail.outbox) == 1


def test_waiting_list_people_are_told_they_wait(db, django_capture_on_commit_callbacks):
    event = make_event(capacity=0)
    person = UserFactory()
    _register(event, person, django_capture_on_commit_callbacks)
    assert "Waiting list" in mail.outbox[0].subject


def test_an_email_left_unsent_by_a_broker_outage_is_sent_by_the_sweep(db):
    # No on-commit hook runs here, as if the broker had been unreachable.
    person = UserFactory()
    event = _far_event()
    registration = services.register(event=event, person=person, registered_by=person)
    assert mail.outbox == []
    assert tasks.send_due_event_notices() == 1
    assert len(mail.outbox) == 1
    assert registration.notices.get().sent_at is not None
    assert tasks.send_due_event_notices() == 0
    assert len(mail.outbox) == 1


def _confirmed(event, **fields):
    fields.setdefault("created_at", timezone.now() - datetime.timedelta(days=30))
    return Registration.objects.create(
        event=event, user=UserFactory(), status=Registration.Status.CONFIRMED, **fields
    )


def test_reminders_a_week_and_a_day_before_each_go_out_once(db):
    now = timezone.now()
    in_five_days = make_event(
        starts_at=now + datetime.timedelta(days=5),
        ends_at=now + datetime.timedelta(days=5, hours=2),
        format=Event.Format.ONLINE,
        online_url="https://meet.example.org/strong-cities-webinar",
    )
    tomorrow = make_event(
        starts_at=now + datetime.timedelta(hours=20),
        ends_at=now + datetime.timedelta(hours=22),
    )
    far = make_event(
        starts_at=now + datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=30, hours=2),
    )
    week = _confirmed(in_five_days)
    day = _confirmed(tomorrow)
    _confirmed(far)
    _confirmed(in_five_days, created_at=now - datetime.timedelta(hours=2))  # too late for "a week"
    cancelled = _confirmed(in_five_days)
    cancelled.status = Registration.Status.CANCELLED
    cancelled.save()

    for _ in range(2):  # a re-run sends nothing more
        tasks.send_due_event_notices()
    kinds = sorted(EventNotice.objects.values_list("registration_id", "kind"))
    assert kinds == sorted([(week.pk, Kind.REMINDER_7D), (day.pk, Kind.REMINDER_1D)])
    assert len(mail.outbox) == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    week_mail = by_recipient[week.user.email]
    assert "In a week" in week_mail.subject
    assert "https://meet.example.org/strong-cities-webinar" in week_mail.body
    assert "Tomorrow" in by_recipient[day.user.email].subject


def test_a_reminder_for_a_registration_cancelled_meanwhile_is_skipped(db):
    now = timezone.now()
    event = make_event(
        starts_at=now + datetime.timedelta(days=2),
        ends_at=now + datetime.timedelta(days=2, hours=1),
    )
    registration = _confirmed(event)
    services.create_due_notices()
    registration.status = Registration.Status.CANCELLED
    registration.save()
    tasks.send_due_event_notices()
    assert mail.outbox == []
    assert registration.notices.get().skipped_at is not None


def test_thank_you_only_to_attendees_and_a_different_note_to_no_shows(db):
    now = timezone.now()
    event = make_event(
        starts_at=now - datetime.timedelta(days=1, hours=3),
        ends_at=now - datetime.timedelta(days=1),
        feedback_url="https://survey.example.org/summit-feedback",
    )
    attended = _confirmed(event)
    attended.status = Registration.Status.ATTENDED
    attended.save()
    absent = _confirmed(event)
    absent.status = Registration.Status.NO_SHOW
    absent.save()
    _confirmed(event)  # attendance never marked: nothing is sent
    tasks.send_due_event_notices()
    tasks.send_due_event_notices()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {attended.user.email, absent.user.email}
    assert "Thank you" in by_recipient[attended.user.email].subject
    assert "survey.example.org" in by_recipient[attended.user.email].body
    assert "We missed you" in by_recipient[absent.user.email].subject
    assert "survey.example.org" not in by_recipient[absent.user.email].body


def test_the_online_link_is_not_in_a_waiting_list_email(db, django_capture_on_commit_callbacks):
    event = make_event(
        capacity=0, format=Event.Format.ONLINE, online_url="https://meet.example.org/secret-room"
    )
    _register(event, UserFactory(), django_capture_on_commit_callbacks)
    assert "secret-room" not in mail.outbox[0].body


@pytest.mark.parametrize("language,phrase", [("ar", 'dir="rtl"'), ("en", 'dir="ltr"')])
def test_html_email_follows_the_recipients_direction(
    db, django_capture_on_commit_callbacks, language, phrase
):
    _register(
        make_event(), UserFactory(preferred_language=language), django_capture_on_commit_callbacks
    )
    assert phrase in mail.outbox[0].alternatives[0][0]


def test_the_reminder_sweep_is_scheduled_by_a_migration(db):
    task = PeriodicTask.objects.get(task="events.tasks.send_due_event_notices")
    assert task.enabled and task.interval.every == 15


def test_plain_text_email_is_not_html_escaped(db, django_capture_on_commit_callbacks):
    event = _far_event(title_en="Mayors' roundtable & briefing")
    _register(event, UserFactory(), django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert "Mayors' roundtable & briefing" in message.subject
    assert "Mayors' roundtable & briefing" in message.body
    assert "Mayors&#x27; roundtable &amp; briefing" in message.alternatives[0][0]


def test_the_outbox_holds_one_row_per_registration_and_kind(db):
    registration = _confirmed(_far_event())
    EventNotice.objects.create(registration=registration, kind=Kind.REMINDER_7D)
    with pytest.raises(IntegrityError), transaction.atomic():
        EventNotice.objects.create(registration=registration, kind=Kind.REMINDER_7D)
    # owing it again (a second sweep racing the first) adds nothing
    services.queue_notice(registration, Kind.REMINDER_7D)
    assert registration.notices.filter(kind=Kind.REMINDER_7D).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_workers_sending_the_same_reminder_send_it_once():
    now = timezone.now()
    event = make_event(
        starts_at=now + datetime.timedelta(hours=20), ends_at=now + datetime.timedelta(hours=22)
    )
    _confirmed(event)
    services.create_due_notices()
    notice = EventNotice.objects.get(kind=Kind.REMINDER_1D)
    start = threading.Barrier(2)
    results = []

    def worker():
        try:
            start.wait(5)
            results.append(services.send_notice(notice.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(results) == [False, True]
    assert len(mail.outbox) == 1


def test_thank_you_carries_the_certificate_link_and_the_no_show_note_does_not(db):
    now = timezone.now()
    event = make_event(
        starts_at=now - datetime.timedelta(hours=3), ends_at=now - datetime.timedelta(hours=1)
    )
    attended, absent = _confirmed(event), _confirmed(event)
    attended.status, absent.status = Registration.Status.ATTENDED, Registration.Status.NO_SHOW
    attended.save()
    absent.save()
    guest = Registration.objects.create(
        event=event,
        guest_name="Guest Speaker",
        guest_email="speaker@partner.example",
        guest_language="fr",
        status=Registration.Status.ATTENDED,
    )
    tasks.send_due_event_notices()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert f"/en/events/{event.slug}/certificate/" in by_recipient[attended.user.email].body
    guest_mail = by_recipient["speaker@partner.example"]
    # the guest's own link, in French (its signature carries the time: read it back)
    pattern = rf"/fr/events/{event.slug}/my-registration/([^/\s]+)/certificate\.pdf"
    token = re.search(pattern, guest_mail.body).group(1)
    assert services.registration_for_guest_token(token) == guest
    assert "certificate" not in by_recipient[absent.user.email].body
    assert "my-registration" not in by_recipient[absent.user.email].body


def test_emails_before_the_event_say_how_to_cancel(db, django_capture_on_commit_callbacks):
    event = _far_event()
    person = UserFactory(preferred_language="fr")
    _register(event, person, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.register_guest(event=event, name="G", email="g@partner.example", language="ar")
    member_mail, guest_mail = mail.outbox
    assert f"/fr/events/{event.slug}/" in member_mail.body  # cancel on the event page
    assert "/ar/events/" in guest_mail.body and "/my-registration/" in guest_mail.body
    assert "/my-registration/" in guest_mail.alternatives[0][0]
