"""Accounts: invitations and the role bindings they create."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from strongcities.mail import send_templated_mail
from strongcities.models import Invitation
from strongcities.queue import enqueue_after_commit
from strongcities.text import absolute_url

INVITATION_SALT = "strongcities.invitation"
MANAGEMENT_UNIT_GROUP = "Management Unit"


def invite_person(
    *,
    email: str,
    display_name: str,
    role: str,
    invited_by,
    language: str = "en",
    city=None,
    hub=None,
    job_title: str = "",
) -> Invitation:
    """Record an invitation and queue its email (sent once, by a worker)."""
    if role in {Invitation.Role.FOCAL_POINT, Invitation.Role.COMMITTEE_MEMBER} and city is None:
        raise ValidationError({"city": _("Choose the city this person represents.")})
    if role == Invitation.Role.HUB_STAFF and hub is None:
        raise ValidationError({"hub": _("Choose the regional hub this person works for.")})
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        display_name=display_name,
        role=role,
        language=language,
        invited_by=invited_by,
        city=city,
        hub=hub,
        job_title=job_title,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    from strongcities.tasks import send_invitation

    enqueue_after_commit(send_invitation, invitation.pk)
    return invitation


def request_colleague_invitation(
    *, city, requested_by, email: str, display_name: str, job_title: str = "", language: str = "en"
) -> Invitation:
    """A focal point asks for a colleague to join as an additional focal point.

    Nothing is sent until Management Unit or hub staff approve the request.
    """
    email = email.strip().lower()
    if Invitation.objects.filter(
        city=city, email=email, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).exists():
        raise ValidationError({"email": _("This person has already been invited for your city.")})
    return Invitation.objects.create(
        email=email,
        display_name=display_name,
        role=Invitation.Role.FOCAL_POINT,
        language=language,
        invited_by=requested_by,
        city=city,
        job_title=job_title,
        needs_approval=True,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )


def approve_colleague_invitation(invitation: Invitation, *, approved_by) -> Invitation:
    """Staff approve a colleague request; the invitation email is then queued."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.needs_approval:
            return invitation
        invitation.needs_approval = False
        invitation.approved_by = approved_by
        # The approval restarts the clock: the invitee gets the full validity period.
        invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
        invitation.save(update_fields=["needs_approval", "approved_by", "expires_at"])
        from strongcities.tasks import send_invitation

        enqueue_after_commit(send_invitation, invitation.pk)
    return invitation


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link points at, or None if the link is forged or too old."""
    try:
        pk = signing.loads(
            token, salt=INVITATION_SALT, max_age=timedelta(days=settings.INVITATION_VALID_DAYS)
        )
    except signing.BadSignature:
        return None
    return Invitation.objects.filter(pk=pk).select_related("city", "hub").first()


def invitation_url(invitation: Invitation) -> str:
    with translation.override(invitation.language):
        path = reverse("accept-invitation", kwargs={"token": invitation_token(invitation)})
    return absolute_url(path)


def send_invitation_email(invitation_id: int) -> bool:
    """Send the invitation email unless it went out already. Returns True if sent.

    The row lock makes two workers running the same task send one email; if sending
    fails the transaction rolls back, sent_at stays empty and the sweep retries.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("invited_by", "city", "hub")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or invitation.sent_at or not invitation.is_usable:
            return False
        if invitation.needs_approval:
            return False  # a colleague request waits for staff
        with translation.override(invitation.language):
            send_templated_mail(
                template="emails/invitation",
                to=invitation.email,
                language=invitation.language,
                context={
                    "invitation": invitation,
                    "accept_url": invitation_url(invitation),
                    "role": invitation.get_role_display(),
                },
            )
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
    return True


def unsent_invitation_ids() -> list[int]:
    return list(
        Invitation.objects.filter(
            sent_at__isnull=True,
            accepted_at__isnull=True,
            needs_approval=False,
            expires_at__gt=timezone.now(),
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def accept_invitation(invitation: Invitation, *, display_name: str, password: str | None):
    """Create (or reuse) the account, mark its email verified, and grant the role."""
    if not invitation.is_usable:
        raise ValidationError(_("This invitation has expired or was already used."))
    User = get_user_model()
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User.objects.create_user(
            invitation.email,
            password,
            display_name=display_name or invitation.display_name,
            preferred_language=invitation.language,
        )
    # The link reached this inbox, so the address is proven.
    EmailAddress.objects.update_or_create(
        user=user, email=invitation.email, defaults={"verified": True, "primary": True}
    )
    grant_role(user, invitation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    return user


def grant_role(user, invitation: Invitation) -> None:
    role = invitation.role
    if role == Invitation.Role.FOCAL_POINT:
        from members.services import add_focal_point

        add_focal_point(city=invitation.city, user=user, job_title=invitation.job_title)
    elif role == Invitation.Role.HUB_STAFF:
        from hubs.services import add_hub_staff

        add_hub_staff(hub=invitation.hub, user=user)
    elif role == Invitation.Role.COMMITTEE_MEMBER:
        from steering.services import seat_committee_member

        seat_committee_member(user=user, city=invitation.city)
    elif role == Invitation.Role.MANAGEMENT_UNIT:
        make_management_unit_staff(user)


def make_management_unit_staff(user) -> None:
    user.is_management_unit = True
    user.is_staff = True  # the admin site is one of the Management Unit's tools
    user.save(update_fields=["is_management_unit", "is_staff"])
    user.groups.add(management_unit_group())


# The Management Unit runs the network's content in the admin, not accounts or schedules.
MANAGEMENT_UNIT_APPS = ["members", "hubs", "resources", "events", "steering", "surveys"]


def management_unit_group() -> Group:
    group, _created = Group.objects.get_or_create(name=MANAGEMENT_UNIT_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=MANAGEMENT_UNIT_APPS)
    permissions = permissions | Permission.objects.filter(
        content_type__app_label="strongcities", content_type__model="invitation"
    )
    group.permissions.set(permissions)
    return group


def reset_two_factor(user, *, by) -> int:
    """An administrator removes a person's two-factor methods (lost phone); staff set
    them up again at their next sign-in. Recorded as one audit entry; returns how many
    methods were removed."""
    from allauth.mfa.models import Authenticator
    from auditlog.context import disable_auditlog

    from audit import services as audit

    with transaction.atomic():
        with disable_auditlog():  # one entry for the reset, not one per method
            removed = Authenticator.objects.filter(user=user).delete()[0]
        audit.record(
            audit.Kind.MFA_RESET,
            actor=by,
            obj=user,
            subject_user=user,
            action=audit.Action.DELETE,
            details={"counts": {"two-factor methods": removed}},
        )
    return removed
