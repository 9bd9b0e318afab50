from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Email is the login; roles come from their bindings
    (focal point of a city, hub staff, committee member) and the two flags below."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin site access"),
        default=False,
        help_text=_("Lets this person use the administration site."),
    )
    is_management_unit = models.BooleanField(_("Management Unit staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when mail to this address bounces; a focal point whose mail bounces is unreachable.
    email_bounced_at = models.DateTimeField(_("email bouncing since"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.display_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name


class Invitation(models.Model):
    """Staff invite people; there is no open sign-up. The link in the email is a
    signed token derived from the id, so a resend never needs a stored secret."""

    class Role(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Focal point")
        HUB_STAFF = "hub_staff", _("Regional hub staff")
        MANAGEMENT_UNIT = "management_unit", _("Management Unit staff")
        COMMITTEE_MEMBER = "committee_member", _("Steering Committee member")

    email = models.EmailField(_("email address"))
    display_name = models.CharField(_("display name"), max_length=150)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    city = models.ForeignKey(
        "members.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.CASCADE
    )
    hub = models.ForeignKey(
        "hubs.Hub", verbose_name=_("regional hub"), null=True, blank=True, on_delete=models.CASCADE
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    # A focal point may ask to add a colleague; staff approve before anything is sent.
    needs_approval = models.BooleanField(_("waiting for staff approval"), default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["sent_at", "accepted_at"], name="invitation_outbox_idx")]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
