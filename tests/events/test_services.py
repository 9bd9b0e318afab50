"""Registration, the waiting list, approvals and attendance."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events import services
from events.models import Event, Registration
from members.models import EngagementRecord
from tests.events.conftest import make_event
from tests.factories import FocalPointFactory, UserFactory

Status = Registration.Status


@pytest.fixture
def colleague(network):
    """A second focal point of city A."""
    return FocalPointFactory(city=network.city_a, is_primary=False).user


def test_focal_point_registers_and_is_confirmed_while_seats_last(network):
    event = make_event(capacity=1)
    first = services.register(
        event=event, person=network.user("focal_a"), registered_by=network.user("focal_a")
    )
    second = services.register(
        event=event, person=network.user("focal_b"), registered_by=network.user("focal_b")
    )
    assert first.status == Status.CONFIRMED and first.city == network.city_a
    assert second.status == Status.WAITING and second.queued_at is not None


def test_focal_point_registers_a_colleague_of_their_city(network, colleague):
    event = make_event()
    registration = services.register(
        event=event, person=colleague, registered_by=network.user("focal_a")
    )
    assert registration.user == colleague
    assert registration.registered_by == network.user("focal_a")
    assert registration.city == network.city_a


def test_focal_point_cannot_register_someone_of_another_city(network):
    event = make_event()
    with pytest.raises(ValidationError):
        services.register(
            event=event, person=network.user("focal_b"), registered_by=network.user("focal_a")
        )
    assert not Registration.objects.exists()


def test_double_registration_is_refused_with_a_clear_message(network):
    event = make_event()
    person = network.user("focal_a")
    services.register(event=event, person=person, registered_by=person)
    with pytest.raises(ValidationError, match="already registered"):
        services.register(event=event, person=person, registered_by=person)
    assert Registration.objects.count() == 1


def test_registration_after_close_is_refused(network):
    event = make_event(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    person = network.user("focal_a")
    with pytest.raises(ValidationError, match="closed"):
        services.register(event=event, person=person, registered_by=person)
    assert not Registration.objects.exists()


def test_registration_before_it_opens_is_refused(network):
    event = make_event(registration_opens_at=timezone.now() + datetime.timedelta(days=1))
    person = network.user("focal_a")
    with pytest.raises(ValidationError):
        services.register(event=event, person=person, registered_by=person)


def test_an_unoffered_interpretation_language_is_refused(network):
    event = make_event(interpretation_languages=["fr"])
    person = network.user("focal_a")
    with pytest.raises(ValidationError, match="interpretation"):
        services.register(
            event=event,
            person=person,
            registered_by=person,
            answers=services.Answers(interpretation_language="ar"),
        )
    registration = services.register(
        event=event,
        person=person,
        registered_by=person,
        answers=services.Answers(interpretation_language="fr", dietary_needs="Vegetarian"),
    )
    assert registration.interpretation_language == "fr"
    assert registration.dietary_needs == "Vegetarian"


def test_members_only_event_is_not_open_to_a_signed_in_outsider(network):
    event = make_event(audience=Event.Audience.MEMBERS)
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        services.register(event=event, person=outsider, registered_by=outsider)
    services.register(
        event=event, person=network.user("focal_a"), registered_by=network.user("focal_a")
    )


def test_drafts_take_no_registrations(network):
    event = make_event(is_published=False)
    with pytest.raises(PermissionDenied):
        services.register(
            event=event, person=network.user("focal_a"), registered_by=network.user("focal_a")
        )


def test_cancelling_promotes_the_waiting_list_in_order_and_tells_them(
    network, colleague, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    holder = UserFactory()
    services.register(event=event, person=holder, registered_by=holder)
    first = services.register(
        event=event, person=network.user("focal_b"), registered_by=network.user("focal_b")
    )
    second = services.register(event=event, person=colleague, registered_by=colleague)
    mail.outbox.clear()
    holder_registration = Registration.objects.get(user=holder)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(
            registration=holder_registration, cancelled_by=holder
        )
    assert promoted == [first]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.CONFIRMED
    assert second.status == Status.WAITING
    assert [m.to for m in mail.outbox] == [[network.user("focal_b").email]]
    assert "A seat is yours" in mail.outbox[0].subject


def test_someone_cannot_cancel_another_citys_registration(network):
    event = make_event()
    registration = services.register(
        event=event, person=network.user("focal_b"), registered_by=network.user("focal_b")
    )
    with pytest.raises(PermissionDenied):
        services.cancel_registration(
            registration=registration, cancelled_by=network.user("focal_a")
        )
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_a_focal_point_cancels_a_colleagues_registration(network, colleague):
    event = make_event()
    registration = services.register(event=event, person=colleague, registered_by=colleague)
    services.cancel_registration(registration=registration, cancelled_by=network.user("focal_a"))
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_registering_again_after_cancelling_reuses_the_row(network):
    event = make_event()
    person = network.user("focal_a")
    registration = services.register(event=event, person=person, registered_by=person)
    services.cancel_registration(registration=registration, cancelled_by=person)
    again = services.register(event=event, person=person, registered_by=person)
    assert again.pk == registration.pk and again.status == Status.CONFIRMED


def test_invitation_only_events_wait_for_staff_approval(network):
    event = make_event(audience=Event.Audience.INVITATION, hub=network.hub_a, capacity=1)
    person = network.user("focal_a")
    registration = services.register(event=event, person=person, registered_by=person)
    assert registration.status == Status.PENDING
    with pytest.raises(PermissionDenied):
        services.decide_registration(registration=registration, approve=True, decided_by=person)
    with pytest.raises(PermissionDenied):
        services.decide_registration(
            registration=registration, approve=True, decided_by=network.user("hub_b")
        )
    services.decide_registration(
        registration=registration, approve=True, decided_by=network.user("hub_a")
    )
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    other = services.register(
        event=event, person=network.user("focal_b"), registered_by=network.user("focal_b")
    )
    services.decide_registration(registration=other, approve=True, decided_by=network.user("mu"))
    other.refresh_from_db()
    assert other.status == Status.WAITING  # approved, but the only seat is taken


def test_capacity_cannot_drop_below_confirmed_and_raising_it_promotes(network):
    event = make_event(capacity=1)
    for role in ("focal_a", "focal_b"):
        services.register(event=event, person=network.user(role), registered_by=network.user(role))
    with pytest.raises(ValidationError, match="already confirmed"):
        services.set_capacity(event=event, capacity=0)
    event.capacity = 0
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "capacity" in error.value.message_dict
    promoted = services.set_capacity(event=event, capacity=2)
    assert [r.user for r in promoted] == [network.user("focal_b")]


def test_an_event_cannot_end_before_it_starts(db):
    now = timezone.now()
    event = Event(
        slug="backwards",
        kind="webinar",
        format="online",
        title_en="Backwards",
        starts_at=now,
        ends_at=now - datetime.timedelta(hours=1),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "ends_at" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_an_unknown_time_zone_is_refused(db):
    event = make_event(time_zone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "time_zone" in error.value.message_dict


# --- attendance ---------------------------------------------------------------------


def _started_event(**fields):
    now = timezone.now()
    return make_event(
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now + datetime.timedelta(hours=1),
        **fields,
    )


def test_marking_attendance_records_one_engagement_per_city_and_event(network, colleague):
    event = _started_event(hub=network.hub_a, time_zone="Africa/Nairobi")
    mine = services.register(
        event=event, person=network.user("focal_a"), registered_by=network.user("focal_a")
    )
    theirs = services.register(event=event, person=colleague, registered_by=colleague)
    staff = network.user("hub_a")
    services.mark_attendance(registration=mine, attended=True, marked_by=staff)
    services.mark_attendance(registration=theirs, attended=True, marked_by=staff)
    records = EngagementRecord.objects.filter(city=network.city_a)
    assert records.count() == 1
    record = records.get()
    assert record.kind == EngagementRecord.Kind.EVENT_ATTENDED
    assert record.source == event
    assert record.occurred_on == event.starts_at.astimezone(event.zone).date()
    # Correcting one of two attendees keeps the fact; correcting both withdraws it.
    services.mark_attendance(registration=mine, attended=False, marked_by=staff)
    assert records.count() == 1
    services.mark_attendance(registration=theirs, attended=False, marked_by=staff)
    assert records.count() == 0
    mine.refresh_from_db()
    assert mine.status == Status.NO_SHOW


def test_only_the_organisers_mark_attendance(network):
    event = _started_event(hub=network.hub_a)
    registration = services.register(
        event=event, person=network.user("focal_a"), registered_by=network.user("focal_a")
    )
    for role in ("focal_a", "hub_b", "committee"):
        with pytest.raises(PermissionDenied):
            services.mark_attendance(
                registration=registration, attended=True, marked_by=network.user(role)
            )
    services.mark_attendance(registration=registration, attended=True, marked_by=network.user("mu"))
    assert EngagementRecord.objects.filter(city=network.city_a).count() == 1


def test_attendance_cannot_be_marked_before_the_event_starts(network):
    event = make_event(hub=network.hub_a)
    registration = services.register(
        event=event, person=network.user("focal_a"), registered_by=network.user("focal_a")
    )
    with pytest.raises(ValidationError):
        services.mark_attendance(
            registration=registration, attended=True, marked_by=network.user("mu")
        )
    assert not EngagementRecord.objects.exists()


def test_waiting_list_people_cannot_be_checked_in(network):
    event = _started_event(capacity=0)
    registration = services.register(
        event=event, person=network.user("focal_a"), registered_by=network.user("focal_a")
    )
    assert registration.status == Status.WAITING
    with pytest.raises(ValidationError):
        services.mark_attendance(
            registration=registration, attended=True, marked_by=network.user("mu")
        )


def test_an_attendee_without_a_city_is_marked_without_an_engagement_record(network):
    event = _started_event()
    guest = UserFactory()
    registration = services.register(event=event, person=guest, registered_by=guest)
    services.mark_attendance(registration=registration, attended=True, marked_by=network.user("mu"))
    registration.refresh_from_db()
    assert registration.status == Status.ATTENDED
    assert not EngagementRecord.objects.exists()
