"""Who is emailed when a helpdesk request changes, in which language, and only once."""

import pytest
from django.core import mail
from django.utils import translation

from hubs import helpdesk_services as services
from hubs.models import HelpdeskNotification, Ticket
from hubs.tasks import send_pending_helpdesk_notifications
from tests.factories import FocalPointFactory, HubStaffFactory, UserFactory
from tests.hubs.factories import TicketFactory

pytestmark = pytest.mark.django_db

Status = Ticket.Status


@pytest.fixture
def city_people(network):
    """City A's two focal points, one reading Arabic and one French."""
    arabic = network.user("focal_a")
    arabic.preferred_language = "ar"
    arabic.save()
    french = FocalPointFactory(
        city=network.city_a, is_primary=False, user=UserFactory(preferred_language="fr")
    ).user
    return {"ar": arabic, "fr": french}


def label(status, language):
    with translation.override(language):
        return str(Status(status).label)


def sent_to(person):
    return [m for m in mail.outbox if m.to == [person.email]]


@pytest.mark.parametrize(
    "path",
    [
        [Status.WAITING],
        [Status.RESOLVED],
        [Status.CLOSED],
        [Status.RESOLVED, Status.IN_PROGRESS],  # the hub reopens a resolved request
    ],
)
def test_the_city_is_told_of_each_status_change_that_concerns_it_in_its_language(
    network, ticket_a, city_people, django_capture_on_commit_callbacks, path
):
    staff = network.user("hub_a")
    for status in path:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.change_status(ticket=ticket_a, user=staff, status=status)
        assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in city_people.values())
        for language, person in city_people.items():
            (message,) = sent_to(person)
            assert label(status, language) in message.subject
            assert f"/{language}/helpdesk/{ticket_a.reference}/" in message.body
            assert ticket_a.reference in message.subject
        assert 'dir="rtl"' in sent_to(city_people["ar"])[0].alternatives[0][0]


def test_the_resolved_email_says_how_long_the_city_may_reopen(
    network, ticket_a, city_people, settings, django_capture_on_commit_callbacks
):
    settings.HELPDESK_REOPEN_DAYS = 9
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(ticket=ticket_a, user=network.user("hub_a"), status="resolved")
    assert "9" in sent_to(city_people["fr"])[0].body


@pytest.mark.parametrize("status", [Status.TRIAGED, Status.IN_PROGRESS])
def test_the_hubs_own_workflow_steps_send_the_city_nothing(
    network, ticket_a, city_people, django_capture_on_commit_callbacks, status
):
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(ticket=ticket_a, user=network.user("hub_a"), status=status)
    assert mail.outbox == []


def test_a_reply_that_resolves_sends_one_email_that_says_both(
    network, ticket_a, city_people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_as_staff(
            ticket=ticket_a,
            user=network.user("hub_a"),
            body="Here is the framework we recommend.",
            internal=False,
            new_status=Status.RESOLVED,
        )
    (message,) = sent_to(city_people["fr"])
    assert "Here is the framework we recommend." in message.body
    assert label(Status.RESOLVED, "fr") in message.body
    assert len(mail.outbox) == 2  # one per focal point


def test_an_internal_note_that_asks_the_city_to_wait_sends_only_the_status(
    network, ticket_a, city_people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_as_staff(
            ticket=ticket_a,
            user=network.user("hub_a"),
            body="INTERNAL: ask them for the budget",
            internal=True,
            new_status=Status.WAITING,
        )
    (message,) = sent_to(city_people["fr"])
    assert label(Status.WAITING, "fr") in message.subject
    assert all("INTERNAL" not in m.body and "INTERNAL" not in m.subject for m in mail.outbox)


def test_waiting_twice_is_two_emails_and_a_retry_sends_none(
    network, ticket_a, city_people, django_capture_on_commit_callbacks
):
    staff = network.user("hub_a")
    for status in (Status.WAITING, Status.IN_PROGRESS, Status.WAITING):
        with django_capture_on_commit_callbacks(execute=True):
            services.change_status(ticket=ticket_a, user=staff, status=status)
    assert len(sent_to(city_people["fr"])) == 2
    assert send_pending_helpdesk_notifications.delay().get() == 0
    for notification in HelpdeskNotification.objects.filter(event="status"):
        assert services.send_notification_email(notification.pk) is False
    assert len(sent_to(city_people["fr"])) == 2


def test_when_the_city_reopens_the_hub_is_told_and_the_city_is_not(
    network, ticket_a, city_people, django_capture_on_commit_callbacks
):
    staff = network.user("hub_a")
    services.change_status(ticket=ticket_a, user=staff, status=Status.RESOLVED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reopen(ticket=Ticket.objects.get(pk=ticket_a.pk), user=city_people["fr"])
    assert [m.to for m in mail.outbox] == [[staff.email]]  # the hub's staff (not hub B's)
    assert network.city_a.name in mail.outbox[0].subject
    # with an assignee, only the assignee
    ticket_a.refresh_from_db()
    other = HubStaffFactory(hub=network.hub_a).user
    services.assign(ticket=ticket_a, user=staff, assignee=other)
    services.change_status(ticket=ticket_a, user=staff, status=Status.RESOLVED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reopen(ticket=Ticket.objects.get(pk=ticket_a.pk), user=city_people["fr"])
    assert [m.to for m in mail.outbox] == [[other.email]]


def test_the_assignee_is_told_unless_they_took_it_themselves(
    network, ticket_a, django_capture_on_commit_callbacks
):
    staff = network.user("hub_a")
    colleague = HubStaffFactory(hub=network.hub_a, user=UserFactory(preferred_language="fr")).user
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(ticket=ticket_a, user=staff, assignee=staff)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(ticket=ticket_a, user=staff, assignee=colleague)
    (message,) = mail.outbox
    assert message.to == [colleague.email]
    assert "/fr/helpdesk/" in message.body


def test_the_nightly_closing_of_resolved_requests_sends_nothing(
    network, ticket_a, city_people, settings, django_capture_on_commit_callbacks
):
    settings.HELPDESK_REOPEN_DAYS = 0
    services.change_status(ticket=ticket_a, user=network.user("hub_a"), status=Status.RESOLVED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.close_resolved_tickets() == 1
    assert mail.outbox == []  # the "resolved" email said when the request closes by itself


def test_a_resolved_request_is_one_engagement_record_for_the_city(network, ticket_a):
    from members.models import EngagementRecord

    staff = network.user("hub_a")
    services.change_status(ticket=ticket_a, user=staff, status=Status.IN_PROGRESS)
    assert not EngagementRecord.objects.exists()
    services.change_status(ticket=ticket_a, user=staff, status=Status.RESOLVED)
    services.reopen(ticket=ticket_a, user=network.user("focal_a"))
    services.change_status(ticket=ticket_a, user=staff, status=Status.RESOLVED)
    record = EngagementRecord.objects.get()
    assert record.city == network.city_a and record.source == ticket_a
    assert record.kind == EngagementRecord.Kind.HELPDESK_TICKET
    # closing without resolving (a duplicate, say) counts for nothing
    other = TicketFactory(city=network.city_a, hub=network.hub_a)
    services.change_status(ticket=other, user=staff, status=Status.CLOSED)
    assert EngagementRecord.objects.count() == 1
