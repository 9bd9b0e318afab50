import secrets
import zoneinfo
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from strongcities.choices import ChoiceLabels
from strongcities.text import comma_join

# Languages the network can offer interpretation into (codes, as in the event form).
INTERPRETATION_LANGUAGES = [
    ("ar", _("Arabic")),
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("sq", _("Albanian")),
    ("bs", _("Bosnian, Croatian, Serbian")),
    ("mk", _("Macedonian")),
    ("sw", _("Swahili")),
    ("ur", _("Urdu")),
    ("ne", _("Nepali")),
    ("bn", _("Bengali")),
]
INTERPRETATION_LANGUAGE_CODES = {code for code, _label in INTERPRETATION_LANGUAGES}


@lru_cache(maxsize=1)
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in known_time_zones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone, such as Africa/Nairobi."),
            params={"value": value},
        )


def validate_interpretation_languages(value) -> None:
    if not isinstance(value, list) or not set(value) <= INTERPRETATION_LANGUAGE_CODES:
        raise ValidationError(_("Choose interpretation languages from the list."))


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def public(self):
        return self.filter(is_published=True, audience=Event.Audience.PUBLIC)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")

    def past(self):
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")


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

    class Organiser(models.TextChoices):
        NETWORK = "network", _("Strong Cities Network")
        HUB = "hub", _("Regional hub")
        PARTNER = "partner", _("Partner")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC
    )
    organiser = models.CharField(
        _("organised by"), max_length=16, choices=Organiser.choices, default=Organiser.NETWORK
    )
    partner_name = models.CharField(
        _("partner organisation"),
        max_length=200,
        blank=True,
        help_text=_("When a partner organises the event."),
    )
    hub = models.ForeignKey(
        "hubs.Hub",
        verbose_name=_("regional hub"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    themes = models.ManyToManyField(
        "members.ThematicArea", verbose_name=_("thematic areas"), blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    city = models.ForeignKey(
        "members.City",
        verbose_name=_("host city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    location_name = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("City and country, when the host city is not a member in the directory."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Where the event takes place, e.g. Africa/Nairobi; times are shown in it."),
    )
    # Stored in UTC (USE_TZ); shown in `time_zone`.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Shown only to people whose registration is confirmed."),
    )
    interpretation_languages = models.JSONField(
        _("interpretation offered"),
        default=list,
        blank=True,
        validators=[validate_interpretation_languages],
    )
    feedback_url = models.URLField(
        _("feedback survey link"), blank=True, help_text=_("Sent to attendees after the event.")
    )
    resources = models.ManyToManyField(
        "resources.Resource",
        verbose_name=_("agenda, slides and recordings"),
        blank=True,
        related_name="events",
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["is_published", "audience", "ends_at"], name="event_public_idx"),
            # The calendar's upcoming events in date order: read in order from the index,
            # what they filter on included, and stop after a page (instead of sorting
            # every upcoming event on each request).
            models.Index(
                fields=["starts_at", "id"],
                include=["ends_at", "audience"],
                condition=Q(is_published=True),
                name="event_calendar_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The event cannot end before it starts.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes < opens:
            errors["registration_closes_at"] = _("Registration cannot close before it opens.")
        if self.organiser == self.Organiser.HUB and not self.hub_id:
            errors["hub"] = _("Choose the regional hub that organises the event.")
        if self.organiser == self.Organiser.PARTNER and not self.partner_name:
            errors["partner_name"] = _("Name the partner that organises the event.")
        if self.capacity is not None and self.pk:
            taken = self.registrations.filter(status__in=Registration.SEAT_STATUSES).count()
            if self.capacity < taken:
                errors["capacity"] = _(
                    "%(count)s people are already confirmed; the capacity cannot be lower."
                ) % {"count": taken}
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def is_online(self) -> bool:
        return self.format in {self.Format.ONLINE, self.Format.HYBRID}

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.is_published or now >= self.ends_at:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now > self.registration_closes_at)

    @property
    def place(self) -> str:
        if self.city_id:
            return comma_join((self.city.name, self.city.country.name))
        return self.location_name

    def interpretation_language_labels(self) -> list[str]:
        labels = dict(INTERPRETATION_LANGUAGES)
        return [str(labels[code]) for code in self.interpretation_languages if code in labels]


class Registration(ChoiceLabels, models.Model):
    """A person's place at an event (or in its waiting list)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not attend")

    # Statuses that hold one of the event's seats.
    SEAT_STATUSES = (Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW)
    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITING, *SEAT_STATUSES[1:])

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    # Guests (speakers, partners, national officials) register with the event's invitation
    # link, without a portal account.
    guest_name = models.CharField(_("guest's name"), max_length=150, blank=True)
    guest_email = models.EmailField(_("guest's email address"), blank=True)
    guest_organisation = models.CharField(_("guest's organisation"), max_length=200, blank=True)
    guest_language = models.CharField(
        _("guest's language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    city = models.ForeignKey(
        "members.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=250, blank=True)
    interpretation_language = models.CharField(
        _("interpretation language"), max_length=8, blank=True, choices=INTERPRETATION_LANGUAGES
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    # The waiting list is served in this order (then by id).
    queued_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_once_per_event"),
            models.UniqueConstraint(
                "event",
                Lower("guest_email"),
                condition=Q(user__isnull=True),
                name="guest_registration_once_per_event",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(guest_email=""),
                name="registration_person_or_guest",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"], name="registration_queue_idx"),
            models.Index(fields=["user", "status"], name="registration_user_idx"),
        ]

    def __str__(self):
        return f"{self.person_name} – {self.event}"

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def person_name(self) -> str:
        return self.guest_name if self.is_guest else self.user.display_name

    @property
    def email(self) -> str:
        return self.guest_email if self.is_guest else self.user.email

    @property
    def language(self) -> str:
        return (self.guest_language or "en") if self.is_guest else self.user.preferred_language

    @property
    def holds_seat(self) -> bool:
        return self.status in self.SEAT_STATUSES

    @property
    def sees_online_link(self) -> bool:
        return self.status in {self.Status.CONFIRMED, self.Status.ATTENDED}


class EventNotice(models.Model):
    """One email about a registration. The unique constraint makes each kind go out once:
    a re-run or a retried task finds the row already sent, and a broker outage only
    delays the rows the sweep finds unsent."""

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("Registration confirmed")
        WAITING = "waiting", _("Placed on the waiting list")
        PENDING = "pending", _("Registration awaiting approval")
        PROMOTED = "promoted", _("Seat freed: promoted from the waiting list")
        REMINDER_7D = "reminder_7d", _("Reminder a week before")
        REMINDER_1D = "reminder_1d", _("Reminder a day before")
        THANK_YOU = "thank_you", _("Thank you and feedback survey")
        NO_SHOW = "no_show", _("Sorry we missed you")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # Set when the notice no longer applies (e.g. a reminder for a cancelled registration).
    skipped_at = models.DateTimeField(_("skipped"), null=True, blank=True)

    class Meta:
        verbose_name = _("event email")
        verbose_name_plural = _("event emails")
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="event_notice_once")
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True, skipped_at__isnull=True),
                name="event_notice_unsent_idx",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.registration}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a person's own calendar feed; resetting it revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("personal calendar feed")
        verbose_name_plural = _("personal calendar feeds")

    def __str__(self):
        return str(self.user)
