"""Technical Support Fund: members apply, the Management Unit decides, the hub delivers.

Everyone involved (the requester, the city's focal points, the hub's staff and the
Management Unit) is emailed once per change, in their own language.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from hubs.models import HubStaff, SupportFundNotification, SupportFundRequest
from members.models import FocalPoint
from strongcities.mail import send_templated_mail
from strongcities.queue import enqueue_after_commit

Status = SupportFundRequest.Status

# What the Management Unit may decide from each state; the hub only delivers.
DECISIONS: dict[str, set[str]] = {
    Status.SUBMITTED: {Status.UNDER_REVIEW, Status.APPROVED, Status.DECLINED},
    Status.UNDER_REVIEW: {Status.APPROVED, Status.DECLINED},
}


@transaction.atomic
def request_support(
    *,
    user,
    city,
    need: str,
    priority,
    support_asked: str,
    estimated_budget: Decimal,
) -> SupportFundRequest:
    if city.hub_id is None:
        raise ValidationError(_("This city is not yet covered by a regional hub."))
    fund_request = SupportFundRequest.objects.create(
        hub_id=city.hub_id,
        city=city,
        need=need,
        priority=priority,
        support_asked=support_asked,
        estimated_budget=estimated_budget,
        requested_by=user,
    )
    _notify(fund_request)
    return fund_request


@transaction.atomic
def decide(*, fund_request: SupportFundRequest, user, status: str, note: str = ""):
    """The Management Unit reviews, approves or declines (callers check the permission)."""
    fund_request = SupportFundRequest.objects.select_for_update().get(pk=fund_request.pk)
    if status not in DECISIONS.get(fund_request.status, set()):
        raise ValidationError(_("This decision is not possible at this stage."))
    fund_request.status = status
    fund_request.decision_note = note or fund_request.decision_note
    if status in {Status.APPROVED, Status.DECLINED}:
        fund_request.decided_by = user
        fund_request.decided_at = timezone.now()
    fund_request.save()
    _notify(fund_request)
    return fund_request


@transaction.atomic
def mark_delivered(*, fund_request: SupportFundRequest, user):
    fund_request = SupportFundRequest.objects.select_for_update().get(pk=fund_request.pk)
    if fund_request.status != Status.APPROVED:
        raise ValidationError(_("Only approved support can be marked as delivered."))
    fund_request.status = Status.DELIVERED
    fund_request.delivered_at = timezone.now()
    fund_request.save(update_fields=["status", "delivered_at"])
    _notify(fund_request)
    return fund_request


def people_involved(fund_request) -> list:
    User = get_user_model()
    ids = set(
        FocalPoint.objects.filter(city_id=fund_request.city_id, is_active=True).values_list(
            "user_id", flat=True
        )
    )
    ids |= set(
        HubStaff.objects.filter(hub_id=fund_request.hub_id, is_active=True).values_list(
            "user_id", flat=True
        )
    )
    ids |= set(User.objects.filter(is_management_unit=True).values_list("pk", flat=True))
    if fund_request.requested_by_id:
        ids.add(fund_request.requested_by_id)
    return list(User.objects.filter(pk__in=ids, is_active=True))


def _notify(fund_request) -> None:
    from hubs.tasks import send_support_fund_notification

    for recipient in people_involved(fund_request):
        key = f"fund:{fund_request.pk}:{fund_request.status}:{recipient.pk}"
        notification, created = SupportFundNotification.objects.get_or_create(
            key=key,
            defaults={
                "fund_request": fund_request,
                "status": fund_request.status,
                "recipient": recipient,
            },
        )
        if created:
            enqueue_after_commit(send_support_fund_notification, notification.pk)


def send_notification_email(notification_id: int) -> bool:
    with transaction.atomic():
        notification = (
            SupportFundNotification.objects.select_for_update(of=("self",))
            .select_related("fund_request__city", "fund_request__hub", "recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.sent_at:
            return False
        recipient = notification.recipient
        language = recipient.preferred_language or "en"
        with translation.override(language):
            path = reverse("helpdesk:fund-detail", kwargs={"pk": notification.fund_request_id})
            status_label = str(Status(notification.status).label)
        send_templated_mail(
            template="helpdesk/emails/fund_status",
            to=recipient.email,
            language=language,
            context={
                "fund_request": notification.fund_request,
                "status_label": status_label,
                "recipient": recipient,
                "path": path,
            },
        )
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
    return True


def unsent_notification_ids() -> list[int]:
    return list(
        SupportFundNotification.objects.filter(sent_at__isnull=True).values_list("pk", flat=True)
    )
