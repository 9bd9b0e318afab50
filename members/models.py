from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class StrategicPriority(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("strategic priority")
        verbose_name_plural = _("strategic priorities")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class ThematicArea(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")
        ordering = ["sort_order", "slug"]

    def __str__(self):
        return self.name


class GuidingPrinciples(models.Model):
    """A published version of the Guiding Principles members agree to."""

    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    text = models.TextField(_("text"))
    published_on = models.DateField(_("published on"))

    class Meta:
        verbose_name = _("Guiding Principles")
        verbose_name_plural = _("Guiding Principles")
        ordering = ["-version"]

    def __str__(self):
        return f"{_('Guiding Principles')} v{self.version}"


class CityQuerySet(models.QuerySet):
    def members(self):
        return self.filter(membership_status=City.MembershipStatus.MEMBER)

    def publicly_listed(self):
        # Prospective and former members are not shown on public pages.
        return self.filter(
            membership_status__in=[City.MembershipStatus.MEMBER, City.MembershipStatus.SUSPENDED]
        )


class City(models.Model):
    """A member city: any sub-national authority."""

    class AuthorityType(models.TextChoices):
        CAPITAL = "capital", _("Capital city")
        MUNICIPALITY = "municipality", _("Municipality")
        SMALL_RURAL = "small_rural", _("Small or rural municipality")
        COUNTY_DISTRICT = "county_district", _("County or district")
        REGION = "region", _("Region")
        PROVINCE_STATE = "province_state", _("Province or state")

    class MembershipStatus(models.TextChoices):
        PROSPECTIVE = "prospective", _("Prospective member")
        MEMBER = "member", _("Member")
        SUSPENDED = "suspended", _("Suspended")
        FORMER = "former", _("Former member")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80)
    country = CountryField(_("country"), db_index=True)
    authority_type = models.CharField(
        _("authority type"), max_length=32, choices=AuthorityType.choices
    )
    hub = models.ForeignKey(
        "hubs.Hub",
        verbose_name=_("regional hub"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cities",
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True)
    website = models.URLField(_("website"), blank=True)
    membership_status = models.CharField(
        _("membership status"),
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PROSPECTIVE,
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    summary = models.TextField(_("approach in short"), blank=True)
    priorities = models.ManyToManyField(
        StrategicPriority, verbose_name=_("strategic priorities"), blank=True
    )
    themes = models.ManyToManyField(ThematicArea, verbose_name=_("thematic areas"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CityQuerySet.as_manager()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "slug"], name="city_slug_unique_per_country")
        ]
        indexes = [
            models.Index(fields=["membership_status", "hub"], name="city_status_hub_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "members:city-detail", kwargs={"country": self.country.code.lower(), "slug": self.slug}
        )


class FocalPoint(models.Model):
    """A person who speaks for a city in the network. A city may have several; one is primary."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focal_points"
    )
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="focal_points")
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    is_primary = models.BooleanField(_("primary focal point"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [
            models.UniqueConstraint(fields=["user", "city"], name="focalpoint_unique"),
            models.UniqueConstraint(
                fields=["city"],
                condition=Q(is_primary=True, is_active=True),
                name="one_primary_focal_point_per_city",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.city}"


class EngagementRecord(models.Model):
    """One engagement fact about a member city, reported by the app where it happened.

    Other apps write here only through `members.services.record_engagement`, which
    is idempotent per (city, kind, source): reporting the same fact twice keeps one row.
    """

    class Kind(models.TextChoices):
        EVENT_ATTENDED = "event_attended", _("Network event attended")
        SURVEY_ANSWERED = "survey_answered", _("Survey answered")
        RESOURCE_SHARED = "resource_shared", _("Good practice or resource shared")
        EXCHANGE_JOINED = "exchange_joined", _("Exchange joined")
        TRAINING_JOINED = "training_joined", _("Training joined")
        HELPDESK_TICKET = "helpdesk_ticket", _("Helpdesk request opened")
        OTHER = "other", _("Other engagement")

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="engagement_records")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    source_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL
    )
    source_id = models.CharField(max_length=64, blank=True, default="")
    source = GenericForeignKey("source_type", "source_id")
    # What the timeline shows; kept so the record reads well after its source is gone.
    title = models.CharField(_("title"), max_length=250, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("engagement record")
        verbose_name_plural = _("engagement records")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "kind", "source_type", "source_id"],
                condition=Q(source_type__isnull=False),
                name="engagement_once_per_source",
            )
        ]
        indexes = [models.Index(fields=["city", "occurred_on"], name="engagement_city_date_idx")]

    def __str__(self):
        return f"{self.city} – {self.get_kind_display()} ({self.occurred_on})"
