"""The helpdesk: focal points ask their regional hub for help, hub staff answer."""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from strongcities.choices import ChoiceLabels
from strongcities.uploads import PrivateFileField, RandomName, UploadValidator

# No 0/O or 1/I/L: references are read out on the phone and typed from emails.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 12  # ~59 bits: unguessable, even knowing other references


def new_reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"HD-{body[:4]}-{body[4:8]}-{body[8:]}"


def reopen_window() -> timedelta:
    return timedelta(days=getattr(settings, "HELPDESK_REOPEN_DAYS", 14))


# Hours to the first public reply and to resolution, per priority, where a hub has
# not set its own (ServiceLevel rows, editable in the admin).
DEFAULT_TARGETS = {
    "urgent": (4, 48),
    "high": (24, 5 * 24),
    "normal": (2 * 24, 10 * 24),
    "low": (3 * 24, 20 * 24),
}


class ServiceLevel(models.Model):
    """A hub's first-response and resolution targets for one priority."""

    hub = models.ForeignKey("hubs.Hub", on_delete=models.CASCADE, related_name="service_levels")
    priority = models.CharField(
        _("priority"),
        max_length=16,
        choices=[
            ("low", _("Low")),
            ("normal", _("Normal")),
            ("high", _("High")),
            ("urgent", _("Urgent")),
        ],
    )
    first_response_hours = models.PositiveIntegerField(_("first response within (hours)"))
    resolution_hours = models.PositiveIntegerField(_("resolution within (hours)"))

    class Meta:
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")
        constraints = [
            models.UniqueConstraint(fields=["hub", "priority"], name="service_level_per_priority")
        ]

    def __str__(self):
        return f"{self.hub} – {self.priority}"


def targets_for(hub_id: int, priority: str) -> tuple[int, int]:
    level = ServiceLevel.objects.filter(hub_id=hub_id, priority=priority).first()
    if level is not None:
        return level.first_response_hours, level.resolution_hours
    return DEFAULT_TARGETS.get(priority, DEFAULT_TARGETS["normal"])


# A request in one of these is no longer open (Ticket.Status.RESOLVED and CLOSED): the
# one list for the queue's filter, its partial index and Ticket.is_open.
FINISHED_STATUSES = ["resolved", "closed"]


def is_overdue(status, first_response_at, first_response_due, resolution_due, now) -> bool:
    """An open request past its first-response or resolution deadline (the rule of
    TicketQuerySet.overdue(), for one request's values)."""
    if status in FINISHED_STATUSES:
        return False
    late_answer = first_response_at is None and (
        first_response_due is not None and first_response_due < now
    )
    return late_answer or (resolution_due is not None and resolution_due < now)


class TicketQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=FINISHED_STATUSES)

    def overdue(self, now=None):
        now = now or timezone.now()
        return self.open().filter(
            models.Q(first_response_at__isnull=True, first_response_due__lt=now)
            | models.Q(resolution_due__lt=now)
        )


class Ticket(ChoiceLabels, models.Model):
    """A request from a member city to its hub."""

    class Category(models.TextChoices):
        POLICY_ADVICE = "policy_advice", _("Policy advice")
        TRAINING = "training", _("Training request")
        SUPPORT_FUND = "support_fund", _("Technical Support Fund")
        EVENTS = "events", _("Events and exchanges")
        RESOURCE = "resource", _("Resource request")
        INCIDENT = "incident", _("Incident response support")
        OTHER = "other", _("Other")

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        TRIAGED = "triaged", _("Triaged")
        IN_PROGRESS = "in_progress", _("In progress")
        WAITING = "waiting", _("Waiting on city")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_reference, editable=False
    )
    hub = models.ForeignKey(
        "hubs.Hub", verbose_name=_("regional hub"), on_delete=models.PROTECT, related_name="tickets"
    )
    city = models.ForeignKey(
        "members.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="tickets"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    priority = models.CharField(
        _("priority"), max_length=16, choices=Priority.choices, default=Priority.NORMAL
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    created_at = models.DateTimeField(_("opened"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    first_response_due = models.DateTimeField(_("first response due"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("resolution due"), null=True, blank=True)
    # 0: on time or not yet looked at; 1: the hub lead was told; 2: the MU was told.
    escalation_stage = models.PositiveSmallIntegerField(_("escalation stage"), default=0)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    promoted_resource = models.ForeignKey(
        "resources.Resource",
        verbose_name=_("promoted to the resource hub as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    satisfaction_comment = models.TextField(_("comment on the answer"), blank=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("helpdesk request")
        verbose_name_plural = _("helpdesk requests")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["hub", "status", "created_at"], name="ticket_queue_idx"),
            # The queue's default view (open requests, newest first) and its count: an
            # index-only scan, not a pass over every request the hub ever had.
            models.Index(
                fields=["hub", "-created_at"],
                condition=~models.Q(status__in=FINISHED_STATUSES),
                name="ticket_open_queue_idx",
            ),
            models.Index(fields=["city", "created_at"], name="ticket_city_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="ticket_satisfaction_1_to_5",
            )
        ]

    def __str__(self):
        return f"{self.reference}: {self.subject}"

    def get_absolute_url(self):
        return reverse("helpdesk:ticket-detail", kwargs={"reference": self.reference})

    def set_due_dates(self) -> None:
        first_response_hours, resolution_hours = targets_for(self.hub_id, self.priority)
        self.first_response_due = self.created_at + timedelta(hours=first_response_hours)
        self.resolution_due = self.created_at + timedelta(hours=resolution_hours)

    @property
    def is_overdue(self) -> bool:
        return is_overdue(
            self.status,
            self.first_response_at,
            self.first_response_due,
            self.resolution_due,
            timezone.now(),
        )

    @property
    def is_open(self) -> bool:
        return self.status not in FINISHED_STATUSES

    @property
    def may_be_reopened(self) -> bool:
        """The city may reopen a resolved or closed request within the reopen window."""
        return (
            not self.is_open
            and self.resolved_at is not None
            and timezone.now() - self.resolved_at <= reopen_window()
        )


class TicketMessage(models.Model):
    """A public reply (the city sees it) or an internal note (hub staff only)."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public reply")
        INTERNAL = "internal", _("Internal note")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    from_city = models.BooleanField(_("written by the city"), default=False)
    body = models.TextField(_("message"))
    resources = models.ManyToManyField(
        "resources.Resource", verbose_name=_("linked resources"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("helpdesk message")
        verbose_name_plural = _("helpdesk messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.ticket.reference} #{self.pk}"

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC


def attachment_path(instance, filename: str) -> str:
    # The stored name is random: the original name is kept in a field, never in the path.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"helpdesk/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class TicketAttachment(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    # None: attached when the request was opened. An attachment on an internal note
    # is as internal as the note.
    message = models.ForeignKey(
        TicketMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    # Outside MEDIA_ROOT under a random name: only the checked view serves it.
    file = PrivateFileField(
        _("file"),
        upload_to=RandomName("helpdesk/%Y/%m"),
        validators=[UploadValidator("ticket_attachment")],
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def is_public(self) -> bool:
        return self.message_id is None or self.message.is_public

    def get_download_url(self) -> str:
        return reverse(
            "helpdesk:attachment", kwargs={"reference": self.ticket.reference, "pk": self.pk}
        )


class CannedReply(models.Model):
    """A hub's ready-made answer, written in Arabic, English and French."""

    hub = models.ForeignKey(
        "hubs.Hub",
        verbose_name=_("regional hub"),
        on_delete=models.CASCADE,
        related_name="canned_replies",
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")
        ordering = ["hub", "title"]

    def __str__(self):
        return self.title

    def body_in(self, language: str) -> str:
        return getattr(self, f"body_{language}", "") or self.body


class HelpdeskNotification(models.Model):
    """One email about a helpdesk request to one person; sent once (see services)."""

    class Event(models.TextChoices):
        NEW_TICKET = "new_ticket", _("New request")
        CITY_REPLY = "city_reply", _("Reply from the city")
        STAFF_REPLY = "staff_reply", _("Reply from the hub")
        STATUS = "status", _("Status changed")
        REOPENED = "reopened", _("Reopened by the city")
        ASSIGNED = "assigned", _("Assigned")
        ESCALATION = "escalation", _("Overdue request escalated")

    key = models.CharField(max_length=120, unique=True)
    event = models.CharField(max_length=16, choices=Event.choices)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="notifications")
    message = models.ForeignKey(
        TicketMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The status the email announces, as it was at the change (the request may have
    # moved on by the time the email goes out).
    status = models.CharField(max_length=16, choices=Ticket.Status.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("helpdesk email")
        verbose_name_plural = _("helpdesk emails")
        indexes = [models.Index(fields=["sent_at"], name="helpdesk_unsent_idx")]

    def __str__(self):
        return self.key
