"""Retention rules run nightly: closed requests' free text, invitations never accepted,
expired sessions. Each is idempotent."""

import datetime
import os

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from audit.models import AuditEntry
from hubs.models import Ticket, TicketAttachment, TicketMessage
from privacy import retention, tasks
from strongcities.models import Invitation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def ticket(network, *, status="closed", closed_days_ago=None, language="en"):
    closed_at = timezone.now() - closed_days_ago * DAY if closed_days_ago is not None else None
    made = Ticket.objects.create(
        hub=network.hub_a,
        city=network.city_a,
        opened_by=network.users["focal_a"],
        category="incident",
        subject="After the attack",
        description="Names of the people involved",
        language=language,
        status=status,
        closed_at=closed_at,
        satisfaction=5,
        satisfaction_comment="Thank you, Fictional Person",
    )
    TicketMessage.objects.create(ticket=made, author=network.users["hub_a"], body="Details")
    attachment = TicketAttachment(
        ticket=made, original_name="list.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("list.pdf", ContentFile(b"%PDF-1.4 x"), save=True)
    return made


def test_closed_requests_lose_their_text_after_the_period(
    network, settings, django_capture_on_commit_callbacks
):
    settings.HELPDESK_TEXT_RETENTION_DAYS = 365
    old = ticket(network, closed_days_ago=400)
    recent = ticket(network, closed_days_ago=100)
    still_open = ticket(network, status="in_progress")
    stored = TicketAttachment.objects.get(ticket=old)
    path = stored.file.path
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.clear_closed_ticket_text() == 1
    old.refresh_from_db()
    assert old.description == "[removed after the retention period]"
    assert old.satisfaction_comment == ""
    # what the hub's figures and the city's engagement need stays
    assert (old.subject, old.status, old.satisfaction, old.city) == (
        "After the attack",
        "closed",
        5,
        network.city_a,
    )
    assert TicketMessage.objects.get(ticket=old).body == old.description
    assert not TicketAttachment.objects.filter(ticket=old).exists()
    assert not os.path.exists(path)
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.description == "Names of the people involved"
        assert TicketAttachment.objects.filter(ticket=kept).exists()
    assert retention.clear_closed_ticket_text() == 0  # nothing left the second time


def test_the_label_is_in_the_requests_language(network, settings):
    settings.HELPDESK_TEXT_RETENTION_DAYS = 30
    french = ticket(network, closed_days_ago=60, language="fr")
    retention.clear_closed_ticket_text()
    french.refresh_from_db()
    from privacy.labels import removed_text_label

    assert french.description == removed_text_label("fr")


def invitation(network, *, expired_days_ago, accepted=False):
    return Invitation.objects.create(
        email=f"invitee{expired_days_ago}{accepted}@example.org",
        display_name="Invited Person",
        role="focal_point",
        city=network.city_a,
        expires_at=timezone.now() - expired_days_ago * DAY,
        accepted_at=timezone.now() - 100 * DAY if accepted else None,
    )


def test_invitations_never_accepted_go_after_the_period(network, settings):
    settings.INVITATION_RETENTION_DAYS = 90
    stale = invitation(network, expired_days_ago=91)
    recently_expired = invitation(network, expired_days_ago=30)
    pending = invitation(network, expired_days_ago=-5)
    accepted = invitation(network, expired_days_ago=200, accepted=True)
    assert retention.delete_stale_invitations() == 1
    remaining = set(Invitation.objects.values_list("pk", flat=True))
    assert stale.pk not in remaining
    assert {recently_expired.pk, pending.pk, accepted.pk} <= remaining
    # the deletion does not leave the address behind in the audit trail
    assert not AuditEntry.objects.filter(
        content_type__model="invitation", object_pk=str(stale.pk), action=2
    ).exists()


def test_expired_sessions_go(db):
    live, dead = SessionStore(), SessionStore()
    live.create()
    dead.create()
    Session.objects.filter(session_key=dead.session_key).update(expire_date=timezone.now() - DAY)
    assert retention.delete_expired_sessions() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_the_nightly_task_applies_every_rule(network, settings):
    settings.HELPDESK_TEXT_RETENTION_DAYS = 10
    settings.INVITATION_RETENTION_DAYS = 10
    ticket(network, closed_days_ago=20)
    invitation(network, expired_days_ago=20)
    result = tasks.apply_retention.delay().get()
    assert result == {"closed_ticket_text": 1, "stale_invitations": 1, "expired_sessions": 0}
    assert tasks.apply_retention.delay().get() == {
        "closed_ticket_text": 0,
        "stale_invitations": 0,
        "expired_sessions": 0,
    }


def test_the_rules_are_scheduled_nightly():
    task = PeriodicTask.objects.get(task="privacy.tasks.apply_retention")
    assert task.enabled and task.crontab.hour == "2"


def test_the_defaults(settings):
    assert settings.HELPDESK_TEXT_RETENTION_DAYS == 730
    assert settings.INVITATION_RETENTION_DAYS == 90


def test_workers_know_the_retention_tasks():
    from strongcities.celery import app

    app.loader.import_default_modules()
    assert {"privacy.tasks.apply_retention", "audit.tasks.delete_expired_audit_entries"} <= set(
        app.tasks
    )
