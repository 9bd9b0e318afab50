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


class Stakeholder(models.Model):
    """Someone a hub works with in its region; a directory for hub staff only."""

    class Kind(models.TextChoices):
        NATIONAL_GOVERNMENT = "national_government", _("National government")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        EMBASSY = "embassy", _("Embassy")
        MULTILATERAL = "multilateral", _("Multilateral body")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="stakeholders")
    kind = models.CharField(_("type"), max_length=32, choices=Kind.choices)
    name = models.CharField(_("organisation"), max_length=200)
    country = CountryField(_("country"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name
