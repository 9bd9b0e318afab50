from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from strongcities.uploads import UploadValidator


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

    class EngagementLevel(models.TextChoices):
        CORE = "core", _("Core: the expectations of every member")
        ACTIVE = "active", _("Active: additional expectations agreed")
        LEADING = "leading", _("Leading: helps deliver the network's work")

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
    # The hub follows from the country (the countries each hub covers) unless staff
    # chose it by hand; see members.services.settle_city_hub.
    hub_overridden = models.BooleanField(
        _("hub chosen by hand"),
        default=False,
        help_text=_(
            "Keep this hub whatever hub covers the country. Untick to follow the country again."
        ),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    membership_status = models.CharField(
        _("membership status"),
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PROSPECTIVE,
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    languages_of_work = models.JSONField(_("languages of work"), default=list, blank=True)
    logo = models.ImageField(
        _("logo"), upload_to="cities/logos/", blank=True, validators=[UploadValidator("city_logo")]
    )
    engagement_level = models.CharField(
        _("engagement level"),
        max_length=16,
        choices=EngagementLevel.choices,
        default=EngagementLevel.CORE,
        help_text=_("Chosen by the city: how closely it takes part in the network."),
    )
    # The translated public profile.
    summary = models.TextField(_("approach in short"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    local_priorities = models.TextField(_("local priorities"), blank=True)
    contact_page = models.URLField(_("contact page"), blank=True)
    # Bumped on every profile save: the edit form sends the version it started from,
    # so a second person's save over a newer version is refused, not silently applied.
    version = models.PositiveIntegerField(default=1, editable=False)
    profile_reviewed_at = models.DateTimeField(_("profile last reviewed"), null=True, blank=True)
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
            models.UniqueConstraint(
                fields=["country", "slug"], name="city_slug_unique_per_country"
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90) | Q(latitude__isnull=True),
                name="city_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180) | Q(longitude__isnull=True),
                name="city_longitude_range",
            ),
        ]
        indexes = [
            models.Index(fields=["membership_status", "hub"], name="city_status_hub_idx"),
            # Lists of cities are in name order in the page's language (the directory, the
            # engagement dashboard's 10,000 members): read in order from an index, with
            # what they filter on, instead of sorting the table on each request.
            *[
                models.Index(
                    fields=[f"name_{language}", "id"],
                    include=["membership_status", "hub"],
                    name=f"city_name_{language}_idx",
                )
                for language in settings.MODELTRANSLATION_LANGUAGES
            ],
            # ... and within one hub (a hub page, the directory filtered by hub, a hub
            # team's engagement dashboard): without it, the 786 cities of a hub were found
            # by reading all 10,000 in name order (5.6 ms against 0.5 ms).
            *[
                models.Index(
                    fields=["hub", f"name_{language}", "id"],
                    include=["membership_status"],
                    name=f"city_hub_name_{language}_idx",
                )
                for language in settings.MODELTRANSLATION_LANGUAGES
            ],
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "members:city-detail", kwargs={"country": self.country.code.lower(), "slug": self.slug}
        )

    @property
    def language_names(self) -> list[str]:
        from django.conf import global_settings
        from django.utils.translation import gettext

        names = dict(global_settings.LANGUAGES)
        return [gettext(names[code]) for code in self.languages_of_work if code in names]


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
        EXCHANGE_JOINED = "exchange_joined", _("City exchange or peer learning joined")
        TRAINING_JOINED = "training_joined", _("Training joined")
        TOOLS_CONTRIBUTED = "tools_contributed", _("Contributed to tools or training")
        CAPACITY_BUILDING = "capacity_building", _("Deep-dive or capacity-building taken up")
        HELPDESK_TICKET = "helpdesk_ticket", _("Helpdesk request resolved")
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


class FocalPointHandover(models.Model):
    """A focal point handing the city over to a successor; kept so continuity is not lost."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="handovers")
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("handover note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    handed_over_at = models.DateTimeField(_("handed over"), default=timezone.now)

    class Meta:
        verbose_name = _("focal point handover")
        verbose_name_plural = _("focal point handovers")
        ordering = ["-handed_over_at"]

    def __str__(self):
        return f"{self.city}: {self.from_user} → {self.to_user}"


class ContinuityAlert(models.Model):
    """Raised when a member is left without an active, reachable focal point."""

    class Reason(models.TextChoices):
        NONE_LEFT = "none_left", _("No focal point left")
        DEACTIVATED = "deactivated", _("The last focal point was deactivated")
        BOUNCING = "bouncing", _("The focal points' email is bouncing")

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="continuity_alerts")
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    raised_at = models.DateTimeField(_("raised"), default=timezone.now)
    notified_at = models.DateTimeField(_("hub and Management Unit told"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("continuity alert")
        verbose_name_plural = _("continuity alerts")
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["city"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_alert_per_city",
            )
        ]

    def __str__(self):
        return f"{self.city}: {self.get_reason_display()}"


class Leader(models.Model):
    """The city's mayor or head of authority, with their term."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=120, help_text=_("For example: Mayor"))
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), null=True, blank=True)

    class Meta:
        verbose_name = _("mayor or head of authority")
        verbose_name_plural = _("mayors and heads of authority")
        ordering = ["-term_start"]
        indexes = [models.Index(fields=["city", "-term_start"], name="leader_city_term_idx")]

    def __str__(self):
        return f"{self.name} ({self.title})"


class PrinciplesAgreement(models.Model):
    """A member agreeing to one version of the Guiding Principles."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="principles_agreements")
    principles = models.ForeignKey(
        GuidingPrinciples, on_delete=models.PROTECT, related_name="agreements"
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text: the agreement must still say who agreed after the account is gone.
    agreed_by_name = models.CharField(_("agreed on the city's behalf by"), max_length=200)
    agreed_at = models.DateTimeField(_("agreed"), default=timezone.now)

    class Meta:
        verbose_name = _("agreement to the Guiding Principles")
        verbose_name_plural = _("agreements to the Guiding Principles")
        ordering = ["-agreed_at"]
        indexes = [models.Index(fields=["city", "-agreed_at"], name="agreement_city_idx")]

    def __str__(self):
        return f"{self.city}: {self.principles}"


class Expectation(models.TextChoices):
    """What the network expects of members (DOMAIN.md): three core, five additional."""

    PRINCIPLES = "principles", _("Agree to the Guiding Principles")
    FOCAL_POINT = "focal_point", _("Name a focal point")
    ANNUAL_EVENT = "annual_event", _("Take part in one network event or regional workshop a year")
    SHARE_RESOURCES = "share_resources", _("Share policies and programmes for the resource hub")
    ANSWER_SURVEYS = "answer_surveys", _("Answer network surveys and information requests")
    CONTRIBUTE_TOOLS = "contribute_tools", _("Contribute to tools and training")
    CITY_EXCHANGES = "city_exchanges", _("Take part in city exchanges and peer learning")
    CAPACITY_BUILDING = "capacity_building", _("Take up deep-dive and capacity-building")


CORE_EXPECTATIONS = (Expectation.PRINCIPLES, Expectation.FOCAL_POINT, Expectation.ANNUAL_EVENT)
ADDITIONAL_EXPECTATIONS = tuple(e for e in Expectation if e not in CORE_EXPECTATIONS)


class AgreedExpectations(models.Model):
    """What the Management Unit agreed with a member for one year, beyond the core."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="agreed_expectations")
    year = models.PositiveSmallIntegerField(_("year"))
    additional = models.JSONField(_("additional expectations"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agreed expectations")
        verbose_name_plural = _("agreed expectations")
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="agreed_expectations_per_year")
        ]

    def __str__(self):
        return f"{self.city} {self.year}"

    @property
    def expectations(self) -> list[str]:
        return [*CORE_EXPECTATIONS, *[e for e in ADDITIONAL_EXPECTATIONS if e in self.additional]]


class ProfileRevision(models.Model):
    """One saved change to a city's profile or agreed expectations: who, when, what."""

    class Subject(models.TextChoices):
        PROFILE = "profile", _("City profile")
        EXPECTATIONS = "expectations", _("Agreed expectations")

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="revisions")
    subject = models.CharField(max_length=16, choices=Subject.choices, default=Subject.PROFILE)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=0)
    # {"field": {"before": ..., "after": ...}}
    changes = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("profile revision")
        verbose_name_plural = _("profile revisions")
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["city", "-changed_at"], name="revision_city_idx")]

    def __str__(self):
        return f"{self.city} v{self.version}"
