from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommitteeMemberQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=on), term_start__lte=on)


class CommitteeMember(models.Model):
    """A seat on the International Steering Committee (advisory only)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        CO_CHAIR = "co_chair", _("Co-chair")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="committee_seats"
    )
    city = models.ForeignKey(
        "members.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), null=True, blank=True)

    objects = CommitteeMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["role", "term_start"]
        indexes = [models.Index(fields=["term_start", "term_end"], name="committee_term_idx")]

    def __str__(self):
        return f"{self.user} ({self.city})"
