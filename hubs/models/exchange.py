"""Peer exchanges: a city asks to learn from peer cities; its hub brokers the exchange."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeerExchange(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        BROKERING = "brokering", _("Being brokered")
        AGREED = "agreed", _("Agreed")
        HELD = "held", _("Held")
        REPORTED = "reported", _("Reported")
        DECLINED = "declined", _("Declined")

    class Format(models.TextChoices):
        VISIT = "visit", _("Study visit")
        ONLINE = "online", _("Online exchange")
        WORKSHOP = "workshop", _("Joint workshop")

    hub = models.ForeignKey("hubs.Hub", on_delete=models.PROTECT, related_name="exchanges")
    city = models.ForeignKey(
        "members.City",
        verbose_name=_("requesting city"),
        on_delete=models.PROTECT,
        related_name="exchanges_requested",
    )
    peers = models.ManyToManyField(
        "members.City", verbose_name=_("peer cities"), related_name="exchanges_as_peer"
    )
    topic = models.CharField(_("topic"), max_length=200)
    goals = models.TextField(_("what the city wants to learn"))
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.VISIT
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    agreed_dates = models.CharField(_("agreed dates"), max_length=100, blank=True)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("peer exchange")
        verbose_name_plural = _("peer exchanges")
        ordering = ["-created_at"]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("helpdesk:exchange-detail", kwargs={"pk": self.pk})
