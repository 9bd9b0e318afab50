"""Surveys, their answers, reminder rules, and the record of every message sent.

Every email this app sends is a delivery row keyed by what makes it unique (survey,
city, recipient, kind and reminder number; or rule, city, recipient, period), created
in the transaction that decided it; workers send pending rows under a row lock, so a
re-run, a retried task or a duplicate broker message never sends twice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Survey(models.Model):
    class Audience(models.TextChoices):
        ALL_MEMBERS = "all", _("All members")
        HUBS = "hubs", _("Members in the chosen regional hubs")
        CITIES = "cities", _("The chosen cities")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=8, choices=Audience.choices, default=Audience.ALL_MEMBERS
    )
    hubs = models.ManyToManyField(
        "hubs.Hub", verbose_name=_("regional hubs"), blank=True, related_name="+"
    )
    cities = models.ManyToManyField(
        "members.City", verbose_name=_("cities"), blank=True, related_name="+"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    reminder_max_count = models.PositiveSmallIntegerField(
        _("reminders at most"),
        default=2,
        help_text=_("Cities that have not answered get at most this many reminders."),
    )
    reminder_min_days = models.PositiveSmallIntegerField(
        _("days between reminders"),
        default=7,
        help_text=_("The least number of days between two messages to the same city."),
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gt=models.F("opens_on")),
                name="survey_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on <= self.opens_on:
            raise ValidationError({"closes_on": _("A survey must close after it opens.")})


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SHORT = "short", _("Short text")
        LONG = "long", _("Long text")
        NUMBER = "number", _("Number")
        SCALE = "scale", _("Scale")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices, default=Kind.SHORT)
    required = models.BooleanField(_("required"), default=True)
    # One choice per line, in the same order in every language; answers store the
    # line's number, so a translation fixed later still reads the same answers.
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("Single and multiple choice: one choice per line.")
    )
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in (self.choices or "").splitlines() if line.strip()]

    def clean(self):
        # errors name the per-language field (choices_en...): that is what forms show
        if self.kind in self.CHOICE_KINDS:
            counts = {
                code: len(
                    [
                        line
                        for line in (getattr(self, f"choices_{code}", "") or "").splitlines()
                        if line.strip()
                    ]
                )
                for code, _name in settings.LANGUAGES
            }
            default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
            if max(counts.values()) < 2:
                raise ValidationError(
                    {f"choices_{default}": _("Give at least two choices, one per line.")}
                )
            # answers keep the line number, so every language must list the same choices
            reference = counts[default] or max(counts.values())
            for code, count in counts.items():
                if count and count != reference:
                    raise ValidationError(
                        {f"choices_{code}": _("Give the same number of choices in every language.")}
                    )
        if self.kind == self.Kind.SCALE and self.scale_max <= self.scale_min:
            raise ValidationError({"scale_max": _("The scale must end above where it starts.")})


class Response(models.Model):
    """A city's one answer to a survey: any of its focal points drafts and submits it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    city = models.ForeignKey("members.City", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["survey", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "city"], name="one_response_per_city")
        ]

    def __str__(self):
        return f"{self.survey} – {self.city}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # text for short/long, a number for number/scale, a choice index or list of them
    value = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"{self.question}: {self.value}"


class ReminderRule(models.Model):
    """A reminder the network sends by itself: a trigger over members' records, an
    audience, and the message in each language. Its schedule is a django-celery-beat
    periodic task (editable in the admin)."""

    class Trigger(models.TextChoices):
        NO_EVENT_THIS_YEAR = "no_event_this_year", _("No network event attended this year")
        PROFILE_NOT_REVIEWED = (
            "profile_not_reviewed_12_months",
            _("City profile not reviewed for 12 months"),
        )
        PRINCIPLES_NOT_AGREED = (
            "principles_not_agreed",
            _("Current Guiding Principles not agreed"),
        )

    class Audience(models.TextChoices):
        ALL_MEMBERS = "all", _("All members")
        HUBS = "hubs", _("Members in the chosen regional hubs")

    class Repeat(models.TextChoices):
        YEARLY = "year", _("At most once a year")
        QUARTERLY = "quarter", _("At most once a quarter")
        MONTHLY = "month", _("At most once a month")

    name = models.CharField(_("name"), max_length=150, unique=True)
    trigger = models.CharField(_("trigger"), max_length=40, choices=Trigger.choices)
    audience = models.CharField(
        _("audience"), max_length=8, choices=Audience.choices, default=Audience.ALL_MEMBERS
    )
    hubs = models.ManyToManyField(
        "hubs.Hub", verbose_name=_("regional hubs"), blank=True, related_name="+"
    )
    repeat = models.CharField(
        _("repeat"),
        max_length=8,
        choices=Repeat.choices,
        default=Repeat.QUARTERLY,
        help_text=_("Each person gets this reminder at most once in each period."),
    )
    tell_hub = models.BooleanField(
        _("tell the hub lead"),
        default=False,
        help_text=_("Also tell the city's hub lead, so a person follows up."),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("message"),
        help_text=_("Plain text. {city}, {name} and {link} are replaced for each person."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    schedule = models.OneToOneField(
        "django_celery_beat.PeriodicTask",
        verbose_name=_("schedule"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Delivery(models.Model):
    """One email to one person; pending until a worker sends it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        # not sent, on purpose: the person unsubscribed, left, or their address bounces
        SKIPPED = "skipped", _("Not sent")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    city = models.ForeignKey("members.City", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # A worker took this row to send it until then; if that worker dies, the row is
    # free again afterwards (surveys.delivery).
    claimed_until = models.DateTimeField(_("being sent until"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_optional(self) -> bool:
        """Non-essential: honours the person's unsubscribe, carries List-Unsubscribe."""
        return self.kind in self.OPTIONAL_KINDS

    @property
    def message_id(self) -> str:
        """The same Message-ID however often this row is sent, so a mail system that
        sees a message twice (a worker killed after SMTP accepted it) shows it once."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "localhost"
        return f"<{self._meta.label_lower}.{self.pk}@{domain}>"


class SurveyDelivery(Delivery):
    class Kind(models.TextChoices):
        REQUEST = "request", _("Survey request")
        REMINDER = "reminder", _("Survey reminder")
        ESCALATION = "escalation", _("Hub lead told after the last reminder")

    OPTIONAL_KINDS = (Kind.REMINDER,)

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # 0 for the request and the escalation, 1..n for the reminders
    number = models.PositiveSmallIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("survey email")
        verbose_name_plural = _("survey emails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "city", "recipient", "kind", "number"],
                name="survey_message_once",
            )
        ]
        indexes = [models.Index(fields=["status", "survey"], name="survey_delivery_status_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number or ''} → {self.recipient_id}"


class ReminderDelivery(Delivery):
    class Kind(models.TextChoices):
        MEMBER = "member", _("Reminder to the focal point")
        HUB = "hub", _("Notice to the hub lead")

    OPTIONAL_KINDS = (Kind.MEMBER,)

    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.MEMBER)
    period = models.CharField(_("period"), max_length=10)
    # A focal point's reminder is about its city; a hub lead gets one notice per rule
    # and period listing the cities reminded (not one email per city).
    city = models.ForeignKey(
        "members.City", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    cities = models.JSONField(_("cities"), default=list, blank=True)

    class Meta:
        verbose_name = _("reminder email")
        verbose_name_plural = _("reminder emails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "city", "recipient", "kind", "period"],
                name="reminder_once_per_period",
            ),
            models.UniqueConstraint(
                fields=["rule", "recipient", "period"],
                condition=Q(kind="hub"),
                name="hub_notice_once_per_period",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="reminder_delivery_status_idx")]

    def __str__(self):
        return f"{self.rule} {self.period} → {self.recipient_id}"


class ReminderOptOut(models.Model):
    """A person who asked, through the link in a reminder, to get no more reminders.
    Survey requests, hub-lead notices and account emails still go."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_out"
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder opt-out")
        verbose_name_plural = _("reminder opt-outs")

    def __str__(self):
        return str(self.user)
