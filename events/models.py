from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True, audience=Event.Audience.PUBLIC)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")


class Event(models.Model):
    """A convening of the network: workshop, exchange, summit, webinar, training."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        NATIONAL_EXCHANGE = "national_exchange", _("National exchange")
        REGIONAL_EXCHANGE = "regional_exchange", _("Regional exchange")
        INTERREGIONAL_EXCHANGE = "interregional_exchange", _("Inter-regional exchange")
        MAYORAL = "mayoral", _("Mayoral leadership initiative")
        SUMMIT = "summit", _("Global Summit")
        WEBINAR = "webinar", _("Webinar or briefing")
        TRAINING = "training", _("Training")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")
        INVITATION = "invitation", _("Invitation only")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC
    )
    hub = models.ForeignKey(
        "hubs.Hub", verbose_name=_("regional hub"), null=True, blank=True, on_delete=models.SET_NULL
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    is_published = models.BooleanField(_("published"), default=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["is_published", "audience", "ends_at"], name="event_public_idx")
        ]

    def __str__(self):
        return self.title
