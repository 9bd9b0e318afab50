"""Service levels: due dates per hub and priority, the overdue filter, and escalation
to the hub lead and then the Management Unit, once per stage."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from hubs import helpdesk_services as services
from hubs.models import HelpdeskNotification, ServiceLevel, Ticket
from hubs.tasks import escalate_overdue_tickets
from tests.factories import HubStaffFactory
from tests.hubs.factories import TicketFactory

pytestmark = pytest.mark.django_db


def open_urgent(network, user=None):
    return services.open_ticket(
        user=user or network.user("focal_a"),
        city=network.city_a,
        category="incident",
        priority="urgent",
        subject="Attack on a community centre",
        description="We need help with the response.",
        language="en",
    )


def test_due_dates_follow_the_hub_service_level(network):
    ServiceLevel.objects.create(
        hub=network.hub_a, priority="urgent", first_response_hours=2, resolution_hours=24
    )
    ticket = open_urgent(network)
    assert ticket.first_response_due - ticket.created_at == datetime.timedelta(hours=2)
    assert ticket.resolution_due - ticket.created_at == datetime.timedelta(hours=24)


def test_default_targets_apply_without_a_service_level(network):
    ticket = open_urgent(network)
    assert ticket.first_response_due - ticket.created_at == datetime.timedelta(hours=4)


def test_overdue_requests_escalate_to_the_lead_then_the_mu_once_each(
    network, django_capture_on_commit_callbacks
):
    expert = HubStaffFactory(hub=network.hub_a, role="expert").user
    ticket = open_urgent(network)
    mail.outbox.clear()
    created = ticket.created_at
    with django_capture_on_commit_callbacks(execute=True):
        # on time: nothing happens
        assert services.escalate_overdue_tickets(now=created + datetime.timedelta(hours=1)) == 0
        # first response overdue: the hub lead (not the expert) is told, once
        later = created + datetime.timedelta(hours=5)
        assert services.escalate_overdue_tickets(now=later) == 1
        assert services.escalate_overdue_tickets(now=later) == 0
    assert [m.to for m in mail.outbox] == [[network.user("hub_a").email]]
    assert expert.email not in {m.to[0] for m in mail.outbox}
    with django_capture_on_commit_callbacks(execute=True):
        # still unanswered a full target period later: the Management Unit, once
        muchlater = created + datetime.timedelta(hours=9)
        assert services.escalate_overdue_tickets(now=muchlater) == 1
        assert services.escalate_overdue_tickets(now=muchlater) == 0
        assert services.escalate_overdue_tickets(now=muchlater + datetime.timedelta(days=30)) == 0
    assert [m.to for m in mail.outbox][1:] == [[network.user("mu").email]]
    assert HelpdeskNotification.objects.filter(event="escalation").count() == 2
    ticket.refresh_from_db()
    assert ticket.escalation_stage == 2
    # the task is safe to run again
    assert escalate_overdue_tickets.delay().get() == 0


def test_answered_and_resolved_requests_are_not_escalated(network):
    ticket = open_urgent(network)
    services.reply_as_staff(ticket=ticket, user=network.user("hub_a"), body="On it", internal=False)
    assert (
        services.escalate_overdue_tickets(now=ticket.created_at + datetime.timedelta(hours=5)) == 0
    )
    services.change_status(ticket=ticket, user=network.user("hub_a"), status="resolved")
    assert (
        services.escalate_overdue_tickets(now=ticket.created_at + datetime.timedelta(days=30)) == 0
    )


def test_queue_filters_overdue_and_the_mu_summary_counts_them(network, client_as):
    late = TicketFactory(city=network.city_a, hub=network.hub_a)
    late.first_response_due = timezone.now() - datetime.timedelta(hours=1)
    late.save()
    on_time = TicketFactory(city=network.city_a, hub=network.hub_a)
    on_time.first_response_due = timezone.now() + datetime.timedelta(hours=1)
    on_time.save()
    page = client_as(network.user("hub_a")).get("/en/helpdesk/?overdue=on").context["page"]
    assert [t.reference for t in page] == [late.reference]
    summaries = client_as(network.user("mu")).get("/en/helpdesk/").context["summaries"]
    assert {row["hub"].slug: row["overdue"] for row in summaries}["hub-a"] == 1
    assert Ticket.objects.overdue().count() == 1
