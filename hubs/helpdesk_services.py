"""Helpdesk verbs: open a request, reply, add an internal note, assign, move it along.

Views check `strongcities.permissions.can()` before calling these; the services keep
the rules that hold whoever calls them (an internal note never reaches the city, a
closed request is reopened only within the window, emails go out once).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from hubs.models import HelpdeskNotification, HubStaff, Ticket, TicketAttachment, TicketMessage
from hubs.models.helpdesk import reopen_window, targets_for
from members.models import EngagementRecord, FocalPoint
from members.services import record_engagement
from strongcities.mail import send_templated_mail
from strongcities.queue import enqueue_after_commit
from strongcities.uploads import policy as upload_policy
from strongcities.uploads import safe_filename

Status = Ticket.Status

# Where hub staff may move a request. The city moves it only by replying (waiting ->
# in progress) and by reopening.
STAFF_TRANSITIONS: dict[str, set[str]] = {
    Status.NEW: {
        Status.TRIAGED,
        Status.IN_PROGRESS,
        Status.WAITING,
        Status.RESOLVED,
        Status.CLOSED,
    },
    Status.TRIAGED: {Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.CLOSED},
    Status.IN_PROGRESS: {Status.WAITING, Status.RESOLVED, Status.CLOSED},
    Status.WAITING: {Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED},
    Status.RESOLVED: {Status.IN_PROGRESS, Status.CLOSED},
    Status.CLOSED: set(),
}


def _save_attachments(*, ticket, message, files: Iterable, user) -> None:
    ticket_attachment = upload_policy("ticket_attachment")
    for upload in files:
        if getattr(upload, "checked_kind", None) is None:  # not checked by a form field
            ticket_attachment.clean(upload)
        TicketAttachment.objects.create(
            ticket=ticket,
            message=message,
            file=upload,
            original_name=safe_filename(upload.name, max_length=200),
            content_type=upload.checked_kind.content_type,
            size=upload.size,
            uploaded_by=user,
        )


@transaction.atomic
def open_ticket(
    *,
    user,
    city,
    category: str,
    subject: str,
    description: str,
    language: str,
    priority: str = Ticket.Priority.NORMAL,
    files: Iterable = (),
) -> Ticket:
    """A focal point asks for help; the request goes to the city's hub."""
    if city.hub_id is None:
        raise ValidationError(
            _(
                "Your city is not yet covered by a regional hub. Please write to the "
                "Management Unit instead."
            )
        )
    ticket = Ticket(
        hub_id=city.hub_id,
        city=city,
        opened_by=user,
        category=category,
        priority=priority,
        subject=subject,
        description=description,
        language=language,
    )
    ticket.set_due_dates()
    ticket.save()
    _save_attachments(ticket=ticket, message=None, files=files, user=user)
    _notify(HelpdeskNotification.Event.NEW_TICKET, ticket, None, _hub_staff(ticket))
    return ticket


@transaction.atomic
def reply_as_city(*, ticket: Ticket, user, body: str, files: Iterable = ()) -> TicketMessage:
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if not ticket.is_open:
        raise ValidationError(_("This request is closed. Reopen it to reply."))
    message = TicketMessage.objects.create(
        ticket=ticket, author=user, body=body, from_city=True, visibility="public"
    )
    _save_attachments(ticket=ticket, message=message, files=files, user=user)
    if ticket.status == Status.WAITING:
        ticket.status = Status.IN_PROGRESS
        ticket.save(update_fields=["status", "updated_at"])
    recipients = [ticket.assignee] if ticket.assignee_id else _hub_staff(ticket)
    _notify(HelpdeskNotification.Event.CITY_REPLY, ticket, message, recipients)
    return message


@transaction.atomic
def reply_as_staff(
    *,
    ticket: Ticket,
    user,
    body: str,
    internal: bool,
    files: Iterable = (),
    resources: Iterable = (),
    new_status: str | None = None,
) -> TicketMessage:
    """A public reply (emailed to the city's focal points) or an internal note (never)."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    visibility = TicketMessage.Visibility.INTERNAL if internal else TicketMessage.Visibility.PUBLIC
    message = TicketMessage.objects.create(
        ticket=ticket, author=user, body=body, visibility=visibility, from_city=False
    )
    _save_attachments(ticket=ticket, message=message, files=files, user=user)
    if resources:
        message.resources.set(resources)
    announced = ""
    if new_status and new_status != ticket.status:
        # With a public reply, the reply's email tells the city of the new status too:
        # one email, not two.
        previous = ticket.status
        change_status(ticket=ticket, user=user, status=new_status, notify=internal)
        announced = new_status if _city_should_know(new_status, previous) else ""
    if not internal:
        if ticket.first_response_at is None:
            ticket.first_response_at = message.created_at
            ticket.save(update_fields=["first_response_at", "updated_at"])
        _notify(
            HelpdeskNotification.Event.STAFF_REPLY,
            ticket,
            message,
            _focal_points(ticket),
            status=announced,
        )
    return message


# Status changes the city is emailed about: it has to act (waiting on city, resolved:
# rate or reopen within the window), or its request ends or starts again (the hub
# reopens a resolved one). Triage and starting work are the hub's own workflow; the
# first public reply tells the city. The nightly closing of resolved requests sends
# nothing: the "resolved" email said when it happens.
CITY_STATUS_NOTICES = {Status.WAITING, Status.RESOLVED, Status.CLOSED}


def _city_should_know(status: str, previous: str) -> bool:
    return status in CITY_STATUS_NOTICES or (
        status == Status.IN_PROGRESS and previous == Status.RESOLVED
    )


@transaction.atomic
def change_status(*, ticket: Ticket, user, status: str, notify: bool = True) -> Ticket:
    """Hub staff move a request along; the city's focal points are emailed of the changes
    that concern them, in their language (`notify=False`: the caller's email says it)."""
    previous = ticket.status
    if status not in STAFF_TRANSITIONS.get(ticket.status, set()):
        raise ValidationError(
            _("A request that is “%(current)s” cannot become “%(new)s”.")
            % {
                "current": ticket.get_status_display(),
                "new": dict(Status.choices).get(status, status),
            }
        )
    now = timezone.now()
    ticket.status = status
    if status == Status.RESOLVED:
        ticket.resolved_at = now
    elif status == Status.CLOSED:
        ticket.closed_at = now
        ticket.resolved_at = ticket.resolved_at or now
    else:
        ticket.resolved_at = ticket.closed_at = None
    ticket.save(update_fields=["status", "resolved_at", "closed_at", "updated_at"])
    if status == Status.RESOLVED:
        # A resolved request is an engagement fact for the city (once per request: a
        # request resolved again after reopening keeps one record, with the new date).
        record_engagement(
            city=ticket.city,
            kind=EngagementRecord.Kind.HELPDESK_TICKET,
            occurred_on=timezone.localdate(now),
            source=ticket,
            title=ticket.subject[:250],
            recorded_by=user,
        )
    if notify and _city_should_know(status, previous):
        _notify(
            HelpdeskNotification.Event.STATUS,
            ticket,
            None,
            _focal_points(ticket),
            status=status,
            change=_change_mark(ticket),
        )
    return ticket


def _change_mark(ticket: Ticket) -> str:
    """Tells one change of a request from another (a request may wait on the city twice)."""
    return str(int(ticket.updated_at.timestamp() * 1_000_000))


@transaction.atomic
def assign(*, ticket: Ticket, user, assignee) -> Ticket:
    """Give the request to a member of its hub's staff (or to nobody)."""
    if (
        assignee is not None
        and not HubStaff.objects.filter(
            hub_id=ticket.hub_id, user=assignee, is_active=True
        ).exists()
    ):
        raise ValidationError(_("Only staff of this request's hub can be assigned to it."))
    previous = ticket.assignee_id
    ticket.assignee = assignee
    fields = ["assignee", "updated_at"]
    if assignee is not None and ticket.status == Status.NEW:
        ticket.status = Status.TRIAGED
        fields.append("status")
    ticket.save(update_fields=fields)
    # The new assignee is told, unless they took the request themselves.
    if assignee is not None and assignee.pk not in {previous, getattr(user, "pk", None)}:
        _notify(
            HelpdeskNotification.Event.ASSIGNED,
            ticket,
            None,
            [assignee],
            change=_change_mark(ticket),
        )
    return ticket


@transaction.atomic
def reopen(*, ticket: Ticket, user) -> Ticket:
    if not ticket.may_be_reopened:
        raise ValidationError(_("This request can no longer be reopened. Please open a new one."))
    ticket.status = Status.IN_PROGRESS
    ticket.resolved_at = ticket.closed_at = None
    # A reopened request gets a fresh resolution target and escalation.
    _first, resolution_hours = targets_for(ticket.hub_id, ticket.priority)
    ticket.resolution_due = timezone.now() + timedelta(hours=resolution_hours)
    ticket.escalation_stage = 0
    ticket.save(
        update_fields=[
            "status",
            "resolved_at",
            "closed_at",
            "resolution_due",
            "escalation_stage",
            "updated_at",
        ]
    )
    recipients = [ticket.assignee] if ticket.assignee_id else _hub_staff(ticket)
    _notify(
        HelpdeskNotification.Event.REOPENED,
        ticket,
        None,
        recipients,
        status=ticket.status,
        change=_change_mark(ticket),
    )
    return ticket


def rate(*, ticket: Ticket, user, score: int, comment: str = "") -> Ticket:
    if ticket.is_open:
        raise ValidationError(_("You can rate the answer once the request is resolved."))
    if not 1 <= int(score) <= 5:
        raise ValidationError(_("Choose a rating from 1 to 5."))
    ticket.satisfaction = int(score)
    ticket.satisfaction_comment = comment
    ticket.save(update_fields=["satisfaction", "satisfaction_comment", "updated_at"])
    return ticket


def close_resolved_tickets(now=None) -> int:
    """Close resolved requests whose reopen window has passed (periodic task)."""
    now = now or timezone.now()
    return Ticket.objects.filter(
        status=Status.RESOLVED, resolved_at__lt=now - reopen_window()
    ).update(status=Status.CLOSED, closed_at=now)


# --- promoting a good answer to the resource hub ---------------------------------------

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_RE = re.compile(r"\+?\d[\d ().-]{6,}\d")


def scrub_personal_details(text: str, *, names: Iterable[str] = ()) -> str:
    """Remove email addresses, phone numbers and the names of the people involved."""
    text = EMAIL_RE.sub("[…]", text)
    text = PHONE_RE.sub("[…]", text)
    for name in names:
        if name and len(name) > 2:
            text = re.sub(re.escape(name), "[…]", text, flags=re.IGNORECASE)
    return text


@transaction.atomic
def promote_to_resource(*, ticket: Ticket, user, message: TicketMessage):
    """Turn a good public answer into a draft resource in the staff review queue, in the
    request's language, with the question and the answer and no personal details."""
    from resources.models import Resource
    from resources.services import submit_resource

    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.promoted_resource_id:
        raise ValidationError(_("This request was already promoted to the resource hub."))
    if message.ticket_id != ticket.pk or not message.is_public or message.from_city:
        raise ValidationError(_("Only a public answer of the hub can be promoted."))
    people = [
        u.display_name for u in [ticket.opened_by, message.author, ticket.assignee] if u is not None
    ]
    question = scrub_personal_details(ticket.description, names=people)
    answer = scrub_personal_details(message.body, names=people)
    with translation.override(ticket.language):
        body = f"{_('Question')}\n\n{question}\n\n{_('Answer')}\n\n{answer}"
    resource = submit_resource(
        city=ticket.city,
        submitted_by=user,
        language=ticket.language,
        kind=Resource.Kind.TOOLKIT,
        title=scrub_personal_details(ticket.subject, names=people)[:250],
        summary=question[:500],
        body=body,
    )
    ticket.promoted_resource = resource
    ticket.save(update_fields=["promoted_resource", "updated_at"])
    return resource


# --- service levels ------------------------------------------------------------------


def _escalate_to_management_unit(ticket: Ticket, now) -> bool:
    """Still overdue a full target period after the lead was told."""
    missed = []
    if ticket.first_response_at is None and ticket.first_response_due:
        missed.append(ticket.first_response_due)
    if ticket.resolution_due:
        missed.append(ticket.resolution_due)
    missed = [due for due in missed if due < now]
    return any(now >= due + (due - ticket.created_at) for due in missed)


def escalate_overdue_tickets(now=None) -> int:
    """Tell the hub lead of an overdue request, then the Management Unit; once each."""
    from django.contrib.auth import get_user_model

    now = now or timezone.now()
    escalated = 0
    candidates = Ticket.objects.overdue(now).filter(escalation_stage__lt=2)
    for ticket_id in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            ticket = Ticket.objects.select_for_update().get(pk=ticket_id)
            if not ticket.is_open or ticket.escalation_stage >= 2:
                continue
            if ticket.escalation_stage == 0:
                recipients = [
                    s.user
                    for s in HubStaff.objects.filter(
                        hub_id=ticket.hub_id, role=HubStaff.Role.LEAD, is_active=True
                    ).select_related("user")
                ]
                stage = 1
            elif _escalate_to_management_unit(ticket, now):
                recipients = list(
                    get_user_model().objects.filter(is_management_unit=True, is_active=True)
                )
                stage = 2
            else:
                continue
            ticket.escalation_stage = stage
            ticket.save(update_fields=["escalation_stage", "updated_at"])
            _notify(HelpdeskNotification.Event.ESCALATION, ticket, None, recipients, stage=stage)
            escalated += 1
    return escalated


# --- email -----------------------------------------------------------------------


def _hub_staff(ticket) -> list:
    return [
        s.user
        for s in HubStaff.objects.filter(
            hub_id=ticket.hub_id, is_active=True, user__is_active=True
        ).select_related("user")
    ]


def _focal_points(ticket) -> list:
    return [
        fp.user
        for fp in FocalPoint.objects.filter(
            city_id=ticket.city_id, is_active=True, user__is_active=True
        ).select_related("user")
    ]


def _notify(
    event: str,
    ticket: Ticket,
    message: TicketMessage | None,
    recipients,
    stage: int = 0,
    status: str = "",
    change: str = "",
) -> None:
    """Record one email per recipient (once per event, message, stage and change) and
    queue it."""
    from hubs.tasks import send_helpdesk_notification

    for recipient in {r.pk: r for r in recipients if r is not None}.values():
        key = f"{event}:{ticket.pk}:{message.pk if message else 0}:{stage}:{recipient.pk}"
        if change:
            key += f":{change}"
        notification, created = HelpdeskNotification.objects.get_or_create(
            key=key,
            defaults={
                "event": event,
                "ticket": ticket,
                "message": message,
                "recipient": recipient,
                "status": status,
            },
        )
        if created:
            enqueue_after_commit(send_helpdesk_notification, notification.pk)


def send_notification_email(notification_id: int) -> bool:
    """Send one recorded helpdesk email unless it went out already. True if sent."""
    with transaction.atomic():
        notification = (
            HelpdeskNotification.objects.select_for_update(of=("self",))
            .select_related("ticket__city", "ticket__hub", "message__author", "recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.sent_at:
            return False
        message = notification.message
        if message is not None and not message.is_public:
            # Belt and braces: internal notes are never emailed to anyone.
            return False
        recipient = notification.recipient
        language = recipient.preferred_language or "en"
        with translation.override(language):
            path = reverse(
                "helpdesk:ticket-detail", kwargs={"reference": notification.ticket.reference}
            )
        send_templated_mail(
            template=f"helpdesk/emails/{notification.event}",
            to=recipient.email,
            language=language,
            context={
                "ticket": notification.ticket,
                "message": message,
                "recipient": recipient,
                "ticket_path": path,
                "status": notification.status,
                "status_label": _status_label(notification.status, language),
                "reopen_days": reopen_window().days,
            },
        )
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
    return True


def _status_label(status: str, language: str) -> str:
    if not status:
        return ""
    with translation.override(language):
        return str(Status(status).label)


def unsent_notification_ids() -> list[int]:
    return list(
        HelpdeskNotification.objects.filter(sent_at__isnull=True).values_list("pk", flat=True)
    )
