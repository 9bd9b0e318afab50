"""The International Steering Committee: seats, semi-annual action plans and meetings.

The committee is advisory only. Seats are written through steering.services, which
enforces the limit of MAX_ACTIVE_MEMBERS under a row lock on the Committee row.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steering.papers import PaperFileField, paper_upload_to, papers_storage, validate_paper

# The committee counts "up to 25 mayors and other local leaders" (DOMAIN.md).
MAX_ACTIVE_MEMBERS = 25


class Committee(models.Model):
    """The committee itself: one row, holding its mandate and serving as the seat lock."""

    mandate = models.TextField(
        _("mandate"),
        blank=True,
        help_text=_(
            "Shown on the public committee page. Plain text; blank lines start a paragraph."
        ),
    )

    class Meta:
        verbose_name = _("committee mandate")
        verbose_name_plural = _("committee mandate")

    def __str__(self):
        return str(_("International Steering Committee"))


class CommitteeMemberQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=on), term_start__lte=on)

    def overlapping(self, start, end):
        """Seats whose term shares at least one day with [start, end] (end None: open)."""
        queryset = self.filter(Q(term_end__isnull=True) | Q(term_end__gte=start))
        if end is not None:
            queryset = queryset.filter(term_start__lte=end)
        return queryset


class CommitteeMember(models.Model):
    """A seat on the International Steering Committee (advisory only)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        CO_CHAIR = "co_chair", _("Co-chair")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="committee_seats",
    )
    city = models.ForeignKey(
        "members.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    position = models.CharField(
        _("position"), max_length=150, blank=True, help_text=_("For example: Mayor, Deputy Mayor.")
    )
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), null=True, blank=True)

    objects = CommitteeMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["role", "term_start"]
        indexes = [models.Index(fields=["term_start", "term_end"], name="committee_term_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="committee_term_ends_after_start",
                violation_error_message=_("A term cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.city})"

    def is_active(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.term_start <= on and (self.term_end is None or self.term_end >= on)


class ActionPlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ActionPlan.Status.PUBLISHED)


class ActionPlan(models.Model):
    """The committee's semi-annual action plan, e.g. "2026, first half"."""

    class Half(models.IntegerChoices):
        FIRST = 1, _("first half")
        SECOND = 2, _("second half")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("half-year"), choices=Half.choices)
    summary = models.TextField(
        _("public summary"), blank=True, help_text=_("Shown to the public once published.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-year", "-half"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "half"],
                name="one_action_plan_per_half_year",
                violation_error_message=_("There is already an action plan for this half-year."),
            )
        ]

    def __str__(self):
        return self.period_label

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("steering:plan-detail", kwargs={"year": self.year, "half": self.half})

    @property
    def period_label(self) -> str:
        if self.half == self.Half.FIRST:
            return str(_("%(year)s, first half") % {"year": self.year})
        return str(_("%(year)s, second half") % {"year": self.year})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class PlanPriority(models.Model):
    """A priority of an action plan: a training topic, a partnership or an advocacy aim."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training and capacity-building topic")
        PARTNERSHIP = "partnership", _("Partnership")
        ADVOCACY = "advocacy", _("Advocacy")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        ON_HOLD = "on_hold", _("On hold")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="priorities")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(
        _("details"), blank=True, help_text=_("Seen only by the committee and the Management Unit.")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("action plan priority")
        verbose_name_plural = _("action plan priorities")
        ordering = ["kind", "sort_order", "pk"]

    def __str__(self):
        return self.title


class ProgressUpdate(models.Model):
    """A dated note on a priority, optionally linked to its evidence."""

    priority = models.ForeignKey(PlanPriority, on_delete=models.CASCADE, related_name="updates")
    occurred_on = models.DateField(_("date"))
    note = models.TextField(_("progress"))
    resource = models.ForeignKey(
        "resources.Resource",
        verbose_name=_("evidence: resource"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("evidence: event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["occurred_on", "pk"]

    def __str__(self):
        return f"{self.occurred_on}: {self.priority}"


class Meeting(models.Model):
    """A committee meeting; everything about it is for the committee and the Management Unit."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    title = models.CharField(_("title"), max_length=250)
    held_on = models.DateField(_("date"))
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.ONLINE
    )
    location = models.CharField(_("location"), max_length=250, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.held_on}: {self.title}"

    def get_absolute_url(self):
        return reverse("steering:meeting-detail", kwargs={"pk": self.pk})


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text[:80]


class MeetingPaper(models.Model):
    """A paper for a meeting. Stored outside MEDIA_ROOT; served only by a checked view."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(_("title"), max_length=250)
    file = PaperFileField(
        _("file"),
        storage=papers_storage,
        upload_to=paper_upload_to,
        max_length=255,
        validators=[validate_paper],
    )
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting paper")
        verbose_name_plural = _("meeting papers")
        ordering = ["pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("steering:paper-download", kwargs={"pk": self.pk})

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


# --- monitoring, evaluation and learning (MEL) indicators ------------------------------


class Indicator(models.Model):
    """A key indicator the Management Unit reports on, with a target per year.

    Its value for a year is computed from the portal's data when it has a rule
    (steering.indicators.RULES), or entered by hand with its source (IndicatorValue).
    """

    class Unit(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENT = "percent", _("Percentage")
        EUR = "eur", _("Euros")
        HOURS = "hours", _("Hours")

    class Rule(models.TextChoices):
        MANUAL = "manual", _("Entered by hand, with a source")
        MEMBERS = "members", _("Members at the end of the year")
        NEW_MEMBERS = "new_members", _("New members in the year")
        SHARE_MEETING = "share_meeting", _("Share of members meeting expectations")
        EVENTS_HELD = "events_held", _("Events held")
        EVENT_ATTENDANCE = "event_attendance", _("Participants who attended events")
        TICKETS_RESOLVED = "tickets_resolved", _("Helpdesk requests resolved")
        RESOURCES_PUBLISHED = "resources_published", _("Resources published")
        FUND_REQUESTS_APPROVED = "fund_approved", _("Technical Support Fund requests approved")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, default=Unit.NUMBER)
    rule = models.CharField(
        _("how the value is found"), max_length=24, choices=Rule.choices, default=Rule.MANUAL
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown on the report"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    @property
    def is_computed(self) -> bool:
        return self.rule != self.Rule.MANUAL


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2015), MaxValueValidator(2100)]
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_per_year")
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.target}"


class IndicatorValue(models.Model):
    """A value entered by hand: for an indicator without a rule, or to record the value
    a computed indicator had at the end of a past year (the report uses it for years
    other than the one it computes)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2015), MaxValueValidator(2100)]
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Where the figure comes from: a survey, an evaluation, a partner's report."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicator_value_per_year")
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"
