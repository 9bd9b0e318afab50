"""What hubs record about their members' needs, and the Technical Support Fund."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Need(models.Model):
    class Urgency(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        ADDRESSING = "addressing", _("Being addressed")
        MET = "met", _("Met")
        DROPPED = "dropped", _("No longer relevant")

    hub = models.ForeignKey("hubs.Hub", on_delete=models.CASCADE, related_name="needs")
    city = models.ForeignKey(
        "members.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="needs"
    )
    description = models.TextField(_("need"))
    priority = models.ForeignKey(
        "members.StrategicPriority",
        verbose_name=_("strategic priority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    urgency = models.CharField(
        _("urgency"), max_length=16, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IDENTIFIED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.city}: {self.description[:60]}"


class Consultation(models.Model):
    hub = models.ForeignKey("hubs.Hub", on_delete=models.CASCADE, related_name="consultations")
    city = models.ForeignKey(
        "members.City",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    held_on = models.DateField(_("date"))
    participants = models.TextField(_("participants"))
    summary = models.TextField(_("summary"))
    follow_ups = models.TextField(_("follow-ups"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-held_on"]

    def __str__(self):
        return f"{self.city} ({self.held_on})"


class SupportFundRequest(models.Model):
    """An application to the Technical Support Fund: the Management Unit decides,
    the hub delivers."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        DELIVERED = "delivered", _("Delivered")

    hub = models.ForeignKey(
        "hubs.Hub", on_delete=models.PROTECT, related_name="support_fund_requests"
    )
    city = models.ForeignKey(
        "members.City",
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="support_fund_requests",
    )
    need = models.TextField(_("need"))
    priority = models.ForeignKey(
        "members.StrategicPriority",
        verbose_name=_("strategic priority served"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    support_asked = models.TextField(_("support asked for"))
    estimated_budget = models.DecimalField(
        _("estimated budget (EUR)"), max_digits=10, decimal_places=2
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Technical Support Fund request")
        verbose_name_plural = _("Technical Support Fund requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.city}: {self.support_asked[:60]}"


class SupportFundNotification(models.Model):
    """One email about a change of a fund request to one person; sent once."""

    key = models.CharField(max_length=120, unique=True)
    fund_request = models.ForeignKey(
        SupportFundRequest, on_delete=models.CASCADE, related_name="notifications"
    )
    status = models.CharField(max_length=16, choices=SupportFundRequest.Status.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Technical Support Fund email")
        verbose_name_plural = _("Technical Support Fund emails")

    def __str__(self):
        return self.key
