from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Hub(models.Model):
    """A regional hub: a small team of local experts serving the members of a region."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        LAUNCHING = "launching", _("Launching")
        PLANNED = "planned", _("Planned")

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    launched_year = models.PositiveSmallIntegerField(_("launched in"), null=True, blank=True)
    contact_email = models.EmailField(_("contact address"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("regional hub")
        verbose_name_plural = _("regional hubs")
        ordering = ["sort_order", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("hubs:hub-detail", kwargs={"slug": self.slug})


class HubCountry(models.Model):
    """A country covered by a hub; a member city's hub follows from its country."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="countries")
    country = CountryField(_("country"), unique=True)

    class Meta:
        verbose_name = _("country covered")
        verbose_name_plural = _("countries covered")
        ordering = ["country"]

    def __str__(self):
        return f"{self.country.name} ({self.hub})"


class HubStaff(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Hub lead")
        EXPERT = "expert", _("Expert")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_roles"
    )
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="staff")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.EXPERT)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("hub staff member")
        verbose_name_plural = _("hub staff")
        constraints = [models.UniqueConstraint(fields=["user", "hub"], name="hubstaff_unique")]

    def __str__(self):
        return f"{self.user} – {self.hub}"
