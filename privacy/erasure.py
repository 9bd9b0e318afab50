"""Erasing a person who has left.

Their account is closed and every place the portal stores them is decided in
PERSON_FIELDS below: their name becomes a neutral label, their addresses become
undeliverable ones, their own free text (job title, accessibility needs) is emptied,
and the city's records they took part in (requests, answers, attendance, engagement)
stay, still attributed to the city and linked to the closed account, which now shows the
label. Inside the city's free text (a request, a consultation's participants, minutes)
their name and addresses are replaced by the label.

tests/privacy/test_erasure_coverage.py fails when a model gains a column that can hold a
person and is not listed here, so nobody adds one without deciding what erasure does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module

from allauth.account.models import EmailAddress
from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.labels import Scrubber, erased_address, erased_person_label, is_erased_address

KEEP = "keep: the link stays; the closed account shows the label"
LABEL = "label: replaced by the neutral label"
ADDRESS = "address: replaced by an undeliverable address"
CLEAR = "clear: emptied"
DELETE = "delete: the row served only this person"
SCRUB = "scrub: the person's name and addresses inside the text become the label"
UNSENT = "unsent: messages not sent yet are dropped, sent ones kept as records"
NOT_A_PERSON = "not a person (an organisation, a place, a title)"
OFFICE_HOLDER = "a public office holder, kept in the city's public profile"

PERSON_FIELDS: dict[str, dict[str, str]] = {
    "strongcities.User": {
        "email": ADDRESS,
        "display_name": LABEL,
        "email_bounced_at": CLEAR,
        "groups": CLEAR,
        "user_permissions": CLEAR,
    },
    "strongcities.Invitation": {
        "email": ADDRESS,
        "display_name": LABEL,
        "job_title": CLEAR,
        "invited_by": KEEP,
        "approved_by": KEEP,
        "accepted_user": KEEP,
    },
    "account.EmailAddress": {"user": DELETE, "email": DELETE},
    "account.EmailConfirmation": {"email_address": DELETE},
    "mfa.Authenticator": {"user": DELETE},
    "admin.LogEntry": {"user": KEEP, "object_repr": SCRUB, "change_message": SCRUB},
    "audit.AuditEntry": {
        "actor": KEEP,
        "actor_email": CLEAR,
        "subject_user": KEEP,
        "object_repr": SCRUB,
        "changes": SCRUB,
        "remote_addr": CLEAR,
    },
    "members.City": {"name": NOT_A_PERSON, "contact_page": NOT_A_PERSON},
    "members.StrategicPriority": {"name": NOT_A_PERSON},
    "members.ThematicArea": {"name": NOT_A_PERSON},
    "members.Leader": {"name": OFFICE_HOLDER},
    "members.FocalPoint": {"user": KEEP, "job_title": CLEAR},
    "members.EngagementRecord": {"recorded_by": KEEP, "title": SCRUB, "note": SCRUB},
    "members.FocalPointHandover": {
        "from_user": KEEP,
        "to_user": KEEP,
        "recorded_by": KEEP,
        "note": SCRUB,
    },
    "members.PrinciplesAgreement": {"agreed_by": KEEP, "agreed_by_name": LABEL},
    "members.AgreedExpectations": {"updated_by": KEEP, "notes": SCRUB},
    "members.ProfileRevision": {"changed_by": KEEP},
    "hubs.Hub": {"name": NOT_A_PERSON, "contact_email": NOT_A_PERSON},
    "hubs.HubStaff": {"user": KEEP},
    "hubs.Stakeholder": {
        "name": NOT_A_PERSON,
        "contact_name": CLEAR,
        "email": CLEAR,
        "phone": CLEAR,
        "notes": SCRUB,
    },
    "hubs.Ticket": {
        "opened_by": KEEP,
        "assignee": KEEP,  # open requests assigned to them go back to the hub's queue
        "subject": SCRUB,
        "description": SCRUB,
        "satisfaction_comment": SCRUB,
    },
    "hubs.TicketMessage": {"author": KEEP, "body": SCRUB},
    "hubs.TicketAttachment": {"uploaded_by": KEEP, "original_name": SCRUB},
    "hubs.HelpdeskNotification": {"recipient": UNSENT},
    "hubs.Need": {"recorded_by": KEEP, "description": SCRUB},
    "hubs.Consultation": {
        "recorded_by": KEEP,
        "participants": SCRUB,
        "summary": SCRUB,
        "follow_ups": SCRUB,
    },
    "hubs.PeerExchange": {
        "requested_by": KEEP,
        "goals": SCRUB,
        "outcome": SCRUB,
        "lessons_learned": SCRUB,
    },
    "hubs.SupportFundRequest": {
        "requested_by": KEEP,
        "decided_by": KEEP,
        "need": SCRUB,
        "support_asked": SCRUB,
        "decision_note": SCRUB,
    },
    "hubs.SupportFundNotification": {"recipient": UNSENT},
    "resources.Resource": {
        "submitted_by": KEEP,
        "contact_point": SCRUB,
        "quote_attribution": SCRUB,
    },
    "events.Event": {"partner_name": NOT_A_PERSON, "location_name": NOT_A_PERSON},
    "events.Registration": {
        "user": KEEP,  # attendance stays the city's engagement
        "guest_name": LABEL,
        "guest_email": ADDRESS,
        "guest_organisation": CLEAR,
        "accessibility_needs": CLEAR,
        "dietary_needs": CLEAR,
        "registered_by": KEEP,
        "attendance_marked_by": KEEP,
    },
    "events.EventNotice": {"registration": UNSENT},
    "events.CalendarFeed": {"user": DELETE},
    "steering.CommitteeMember": {"user": KEEP},  # the seat ends today
    "steering.PlanPriority": {"owner": KEEP},
    "steering.ProgressUpdate": {"note": SCRUB},
    "steering.Meeting": {"agenda": SCRUB, "minutes": SCRUB},
    "steering.Decision": {"text": SCRUB},
    "steering.Indicator": {"name": NOT_A_PERSON},
    "steering.IndicatorValue": {"entered_by": KEEP},
    "surveys.Survey": {"opened_by": KEEP},
    "surveys.Response": {"updated_by": KEEP, "submitted_by": KEEP},
    "surveys.Answer": {"value": SCRUB},
    "surveys.ReminderRule": {"name": NOT_A_PERSON},
    "surveys.SurveyDelivery": {"recipient": UNSENT, "last_error": SCRUB},
    "surveys.ReminderDelivery": {"recipient": UNSENT, "last_error": SCRUB},
    "surveys.ReminderOptOut": {"user": DELETE},
}


@dataclass
class Erasure:
    person_id: int | None
    counts: Counter = field(default_factory=Counter)


def _scrub_rows(model_label: str, scrubber: Scrubber, counts: Counter, queryset=None) -> None:
    """Replace the person's name and addresses in every SCRUB column of a model (all its
    language columns too). Only rows that mention them are read and written."""
    from django.apps import apps

    if not scrubber:
        return
    model = apps.get_model(model_label)
    names = [n for n, rule in PERSON_FIELDS[model_label].items() if rule == SCRUB]
    columns = []
    for name in names:
        columns.append(name)
        columns += [
            f.name
            for f in model._meta.concrete_fields
            if f.name.startswith(f"{name}_") and f.name[len(name) + 1 :] in ("ar", "en", "fr")
        ]
    queryset = model._base_manager.all() if queryset is None else queryset
    mentions = Q()
    for column in columns:
        for needle in scrubber.needles:
            mentions |= Q(**{f"{column}__icontains": needle})
    changed = []
    for row in queryset.filter(mentions).only("pk", *columns):
        for column in columns:
            value = getattr(row, column)
            new = scrubber.json(value) if not isinstance(value, str) else scrubber.text(value)
            if new != value:
                setattr(row, column, new)
        changed.append(row)
    if changed:
        model._base_manager.bulk_update(changed, columns, batch_size=500)
        counts[model_label] += len(changed)


def _addresses_of(person) -> set[str]:
    from strongcities.models import Invitation

    emails = {person.email.lower()}
    emails |= {
        e.lower() for e in EmailAddress.objects.filter(user=person).values_list("email", flat=True)
    }
    emails |= {
        e.lower()
        for e in Invitation.objects.filter(accepted_user=person).values_list("email", flat=True)
    }
    return {e for e in emails if e and not is_erased_address(e)}


def _close_account(person, label: str, counts: Counter) -> None:
    User = get_user_model()
    password = User(pk=person.pk)
    password.set_unusable_password()
    # An update, not save(): the trail must not keep the name as a "before" value.
    User.objects.filter(pk=person.pk).update(
        email=erased_address("person", person.pk),
        display_name=label,
        password=password.password,
        is_active=False,
        is_staff=False,
        is_superuser=False,
        is_management_unit=False,
        email_bounced_at=None,
    )
    person.refresh_from_db()
    # remove(), not clear(): auditlog records a clear() as "every group removed"
    person.groups.remove(*person.groups.all())
    person.user_permissions.remove(*person.user_permissions.all())
    counts["account.EmailAddress"] += EmailAddress.objects.filter(user=person).delete()[0]
    from allauth.mfa.models import Authenticator

    counts["mfa.Authenticator"] += Authenticator.objects.filter(user=person).delete()[0]
    counts["sessions"] += _end_sessions(person.pk)


def _end_sessions(user_id: int) -> int:
    ended = 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user_id):
            store().delete(session.session_key)  # the cached copy too, not only the row
            ended += 1
    return ended


def _end_roles(person, counts: Counter) -> None:
    """Through the apps' services: a city left without a focal point raises its alert."""
    from hubs.models import HubStaff, Ticket
    from members.models import FocalPoint
    from members.services import deactivate_focal_point
    from steering.models import CommitteeMember
    from steering.services import end_committee_seat

    for focal_point in FocalPoint.objects.filter(user=person, is_active=True):
        deactivate_focal_point(focal_point)
        counts["members.FocalPoint"] += 1
    FocalPoint.objects.filter(user=person).exclude(job_title="").update(job_title="")
    for hub_role in HubStaff.objects.filter(user=person, is_active=True):
        hub_role.is_active = False
        hub_role.save(update_fields=["is_active"])
        counts["hubs.HubStaff"] += 1
    today = timezone.localdate()
    for seat in CommitteeMember.objects.filter(user=person).filter(
        Q(term_end__isnull=True) | Q(term_end__gt=today)
    ):
        end_committee_seat(seat, on=today)
        counts["steering.CommitteeMember"] += 1
    counts["hubs.Ticket"] += Ticket.objects.open().filter(assignee=person).update(assignee=None)


def _drop_unsent(person, counts: Counter) -> None:
    from events.models import EventNotice
    from hubs.models import HelpdeskNotification, SupportFundNotification
    from surveys.models import ReminderDelivery, SurveyDelivery

    for model in (HelpdeskNotification, SupportFundNotification):
        counts[model._meta.label] += model.objects.filter(
            recipient=person, sent_at__isnull=True
        ).delete()[0]
    for model in (SurveyDelivery, ReminderDelivery):
        counts[model._meta.label] += model.objects.filter(
            recipient=person, status=model.Status.PENDING
        ).update(status=model.Status.FAILED, last_error="The person was erased.")
    counts["events.EventNotice"] += EventNotice.objects.filter(
        registration__user=person, sent_at__isnull=True, skipped_at__isnull=True
    ).update(skipped_at=timezone.now())


def _own_records(person, label: str, counts: Counter) -> None:
    from events.models import CalendarFeed, Registration
    from members.models import PrinciplesAgreement
    from surveys.models import ReminderOptOut

    counts["events.Registration"] += Registration.objects.filter(user=person).update(
        accessibility_needs="", dietary_needs=""
    )
    counts["events.CalendarFeed"] += CalendarFeed.objects.filter(user=person).delete()[0]
    counts["surveys.ReminderOptOut"] += ReminderOptOut.objects.filter(user=person).delete()[0]
    counts["members.PrinciplesAgreement"] += PrinciplesAgreement.objects.filter(
        agreed_by=person
    ).update(agreed_by_name=label)


def _records_by_address(emails: set[str], label: str, counts: Counter) -> None:
    """Rows that hold the person by address only: invitations, guest registrations,
    stakeholder contacts (also used for people who never had an account)."""
    from events.models import EventNotice, Registration
    from hubs.models import Stakeholder
    from strongcities.models import Invitation

    if not emails:
        return
    by_email = Q()
    for email in emails:
        by_email |= Q(email__iexact=email)
    for invitation in Invitation.objects.filter(by_email):
        invitation.email = erased_address("invitation", invitation.pk)
        invitation.display_name = label
        invitation.job_title = ""
        # an invitation never accepted can no longer be
        invitation.expires_at = min(invitation.expires_at, timezone.now())
        invitation.save(update_fields=["email", "display_name", "job_title", "expires_at"])
        counts["strongcities.Invitation"] += 1
    guest = Q()
    for email in emails:
        guest |= Q(guest_email__iexact=email)
    guests = Registration.objects.filter(guest, user__isnull=True)
    EventNotice.objects.filter(
        registration__in=guests, sent_at__isnull=True, skipped_at__isnull=True
    ).update(skipped_at=timezone.now())
    for registration in guests:
        registration.guest_name = label
        registration.guest_email = erased_address("guest", registration.pk)
        registration.guest_organisation = ""
        registration.accessibility_needs = ""
        registration.dietary_needs = ""
        registration.save(
            update_fields=[
                "guest_name",
                "guest_email",
                "guest_organisation",
                "accessibility_needs",
                "dietary_needs",
            ]
        )
        counts["events.Registration"] += 1
    contact = Q()
    for email in emails:
        contact |= Q(email__iexact=email)
    counts["hubs.Stakeholder"] += Stakeholder.objects.filter(contact).update(
        contact_name="", email="", phone=""
    )


def _free_text(scrubber: Scrubber, counts: Counter) -> None:
    for model_label, rules in PERSON_FIELDS.items():
        if SCRUB in rules.values() and not model_label.startswith(("audit.", "admin.")):
            _scrub_rows(model_label, scrubber, counts)


def _trail(person, scrubber: Scrubber, counts: Counter) -> None:
    """The audit trail keeps what happened and when, not who the person was."""
    from django.contrib.admin.models import LogEntry as AdminLogEntry

    from audit.models import AuditEntry

    if person is not None:
        AuditEntry.objects.filter(actor=person).update(actor_email="", remote_addr=None)
    _scrub_rows("audit.AuditEntry", scrubber, counts)
    _scrub_rows("admin.LogEntry", scrubber, counts, AdminLogEntry.objects.all())


def erase_person(person, *, by, reason: str = "") -> Erasure:
    """Close the account of a person who has left and replace them everywhere."""
    from audit import services as audit

    if by is not None and person.pk == by.pk:
        raise ValidationError(_("You cannot erase your own account."))
    User = get_user_model()
    label = erased_person_label()
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        if is_erased_address(person.email):
            raise ValidationError(_("This person has already been erased."))
        emails = _addresses_of(person)
        scrubber = Scrubber(names=[person.display_name], emails=emails, label=label)
        erasure = Erasure(person_id=person.pk)
        counts = erasure.counts
        _close_account(person, label, counts)
        # Role changes are traced as usual (the account already shows the label).
        _end_roles(person, counts)
        with disable_auditlog():
            _drop_unsent(person, counts)
            _own_records(person, label, counts)
            _records_by_address(emails, label, counts)
            _free_text(scrubber, counts)
            _trail(person, scrubber, counts)
        audit.record(
            audit.Kind.ERASURE,
            actor=by,
            obj=person,
            subject_user=person,
            action=audit.Action.UPDATE,
            summary=label,
            details={"counts": dict(counts), "reason": reason[:500]},
        )
    _refresh_public_pages()
    return erasure


def erase_address(email: str, *, by, reason: str = "") -> Erasure:
    """Someone who never had an account (an event guest, a stakeholder contact, an
    invitee who never accepted): every row that holds them by address."""
    from audit import services as audit

    email = email.strip().lower()
    if get_user_model().objects.filter(email__iexact=email).exists():
        raise ValidationError(_("This address belongs to an account: erase the person instead."))
    label = erased_person_label()
    erasure = Erasure(person_id=None)
    with transaction.atomic():
        with disable_auditlog():
            names = _names_by_address(email)
            scrubber = Scrubber(names=names, emails=[email], label=label)
            _records_by_address({email}, label, erasure.counts)
            _free_text(scrubber, erasure.counts)
            _trail(None, scrubber, erasure.counts)
        audit.record(
            audit.Kind.ERASURE,
            actor=by,
            action=audit.Action.UPDATE,
            summary=label,
            details={"counts": dict(erasure.counts), "reason": reason[:500]},
        )
    _refresh_public_pages()
    return erasure


def _refresh_public_pages() -> None:
    """Erasure rewrites rows in bulk (no save signals): no cached public page may keep
    the erased name. Every area, as erasures are rare."""
    from strongcities.pagecache import bump_generation

    bump_generation()


def _names_by_address(email: str) -> list[str]:
    from events.models import Registration
    from hubs.models import Stakeholder
    from strongcities.models import Invitation

    names = set(
        Invitation.objects.filter(email__iexact=email).values_list("display_name", flat=True)
    )
    names |= set(
        Registration.objects.filter(guest_email__iexact=email).values_list("guest_name", flat=True)
    )
    names |= set(
        Stakeholder.objects.filter(email__iexact=email).values_list("contact_name", flat=True)
    )
    return [n for n in names if n]


@dataclass
class Found:
    """What an administrator sees before erasing: where the address appears."""

    account: object | None
    invitations: int
    guest_registrations: int
    stakeholder_contacts: int

    @property
    def anything(self) -> bool:
        return bool(
            self.account
            or self.invitations
            or self.guest_registrations
            or self.stakeholder_contacts
        )


def find_by_address(email: str) -> Found:
    from events.models import Registration
    from hubs.models import Stakeholder
    from strongcities.models import Invitation

    email = email.strip()
    account = get_user_model().objects.filter(email__iexact=email).first()
    if account is None:
        address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        account = address.user if address else None
    return Found(
        account=account,
        invitations=Invitation.objects.filter(email__iexact=email).count(),
        guest_registrations=Registration.objects.filter(
            guest_email__iexact=email, user__isnull=True
        ).count(),
        stakeholder_contacts=Stakeholder.objects.filter(email__iexact=email).count(),
    )
