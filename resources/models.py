from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Resource.Status.PUBLISHED)


class Resource(models.Model):
    """An item of the online resource hub. Only published resources are public."""

    class Kind(models.TextChoices):
        GOOD_PRACTICE = "good_practice", _("Good practice")
        TOOLKIT = "toolkit", _("Toolkit or guide")
        TRAINING = "training", _("Training module")
        POLICY = "policy", _("Local policy")
        SPOTLIGHT = "spotlight", _("City spotlight")
        RESEARCH = "research", _("Report or research")
        RECORDING = "recording", _("Webinar recording")
        STRATEGY = "strategy", _("Strategy document")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    themes = models.ManyToManyField(
        "members.ThematicArea", verbose_name=_("thematic areas"), blank=True
    )

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_at"]
        indexes = [models.Index(fields=["status", "-published_at"], name="resource_public_idx")]

    def __str__(self):
        return self.title
