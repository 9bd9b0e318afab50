"""Everything the portal holds about one person, for them to download.

personal_data() returns sections of records; each value is labelled in the active
language (for the HTML page) and keyed in English (for the JSON file). Other people's
details are left out: an invitation the person sent says which role and city, not whom.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


@dataclass
class Value:
    key: str
    label: str
    value: object

    @property
    def display(self) -> str:
        """The value as a reader sees it, in the active language."""
        return _readable(self.value)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """A mapping (answers to questions, changes to fields) as readable pairs."""
        if not isinstance(self.value, dict):
            return []
        changes = self.key == "changes"
        return [(str(key), _readable(value, change=changes)) for key, value in self.value.items()]


def _readable(value, *, change: bool = False) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, list | tuple):
        if change and len(value) == 2:
            return f"{_readable(value[0])} → {_readable(value[1])}"  # before → after
        return ", ".join(_readable(v) for v in value)
    if isinstance(value, dict):  # a change to a list of related records
        return ", ".join(str(v) for v in value.get("objects", [])) or "–"
    return str(value)


@dataclass
class Section:
    key: str
    title: str
    records: list[list[Value]] = field(default_factory=list)

    def add(self, *values: tuple[str, str, object]) -> None:
        self.records.append([Value(key, str(label), value) for key, label, value in values])


@dataclass
class PersonalData:
    generated_at: datetime.datetime
    sections: list[Section]

    def as_json(self) -> dict:
        return {
            "generated_at": self.generated_at.isoformat(),
            "portal": settings.SITE_URL,
            **{
                section.key: [
                    {value.key: _jsonable(value.value) for value in record}
                    for record in section.records
                ]
                for section in self.sections
            },
        }


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def personal_data(user) -> PersonalData:
    sections = [
        _account(user),
        _roles(user),
        _invitations(user),
        _helpdesk(user),
        _events(user),
        _surveys(user),
        _contributions(user),
        _audit(user),
    ]
    return PersonalData(generated_at=timezone.now(), sections=sections)


def _account(user) -> Section:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from privacy.labels import role_names
    from strongcities.permissions import grants_for
    from surveys.models import ReminderOptOut

    section = Section("account", _("Your account"))
    section.add(
        ("email", _("Email address"), user.email),
        ("display_name", _("Name"), user.display_name),
        ("preferred_language", _("Preferred language"), user.get_preferred_language_display()),
        ("date_joined", _("Account created"), user.date_joined),
        ("last_login", _("Last sign-in"), user.last_login),
        ("roles", _("Roles"), role_names(grants_for(user).roles)),
        ("email_bouncing_since", _("Email bouncing since"), user.email_bounced_at),
        (
            "reminders_opted_out",
            _("No more reminders asked"),
            ReminderOptOut.objects.filter(user=user).exists(),
        ),
    )
    for address in EmailAddress.objects.filter(user=user):
        section.add(
            ("email_address", _("Email address"), address.email),
            ("verified", _("Verified"), address.verified),
            ("primary", _("Primary"), address.primary),
        )
    for method in Authenticator.objects.filter(user=user):
        # which methods, never their secrets
        section.add(
            ("two_factor_method", _("Two-factor method"), method.get_type_display()),
            ("set_up", _("Set up"), method.created_at),
            ("last_used", _("Last used"), method.last_used_at),
        )
    return section


def _roles(user) -> Section:
    from hubs.models import HubStaff
    from members.models import FocalPoint
    from steering.models import CommitteeMember

    section = Section("roles", _("Your roles"))
    for fp in FocalPoint.objects.filter(user=user).select_related("city"):
        section.add(
            ("role", _("Role"), _("Focal point")),
            ("city", _("City"), fp.city.name),
            ("job_title", _("Job title"), fp.job_title),
            ("primary", _("Primary"), fp.is_primary),
            ("active", _("Active"), fp.is_active),
            ("since", _("Since"), fp.since),
        )
    for hub_role in HubStaff.objects.filter(user=user).select_related("hub"):
        section.add(
            ("role", _("Role"), hub_role.get_role_display()),
            ("hub", _("Regional hub"), hub_role.hub.name),
            ("active", _("Active"), hub_role.is_active),
        )
    for seat in CommitteeMember.objects.filter(user=user).select_related("city"):
        section.add(
            ("role", _("Role"), _("Steering Committee member")),
            ("committee_role", _("Committee role"), seat.get_role_display()),
            ("city", _("City"), seat.city.name),
            ("position", _("Position"), seat.position),
            ("term_start", _("Term start"), seat.term_start),
            ("term_end", _("Term end"), seat.term_end),
        )
    return section


def _invitations(user) -> Section:
    from strongcities.models import Invitation

    section = Section("invitations", _("Invitations"))
    received = Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_user=user))
    for inv in received.select_related("city", "hub").order_by("created_at"):
        section.add(
            ("direction", _("Invitation"), _("received")),
            ("role", _("Role"), inv.get_role_display()),
            ("city", _("City"), inv.city.name if inv.city else ""),
            ("hub", _("Regional hub"), inv.hub.name if inv.hub else ""),
            ("name", _("Name"), inv.display_name),
            ("job_title", _("Job title"), inv.job_title),
            ("created", _("Created"), inv.created_at),
            ("sent", _("Sent"), inv.sent_at),
            ("accepted", _("Accepted"), inv.accepted_at),
        )
    sent = Invitation.objects.filter(invited_by=user).select_related("city", "hub")
    for inv in sent.order_by("created_at"):
        section.add(
            ("direction", _("Invitation"), _("sent by you")),
            ("role", _("Role"), inv.get_role_display()),
            ("city", _("City"), inv.city.name if inv.city else ""),
            ("hub", _("Regional hub"), inv.hub.name if inv.hub else ""),
            ("created", _("Created"), inv.created_at),
        )
    return section


def _helpdesk(user) -> Section:
    from hubs.models import (
        PeerExchange,
        SupportFundRequest,
        Ticket,
        TicketAttachment,
        TicketMessage,
    )

    section = Section("helpdesk", _("Helpdesk requests and messages you wrote"))
    for ticket in Ticket.objects.filter(opened_by=user).select_related("city", "hub"):
        section.add(
            ("type", _("Type"), _("Helpdesk request")),
            ("reference", _("Reference"), ticket.reference),
            ("city", _("City"), ticket.city.name),
            ("subject", _("Subject"), ticket.subject),
            ("description", _("Description"), ticket.description),
            ("status", _("Status"), ticket.get_status_display()),
            ("opened", _("Opened"), ticket.created_at),
            ("comment_on_the_answer", _("Comment on the answer"), ticket.satisfaction_comment),
        )
    messages = TicketMessage.objects.filter(author=user).select_related("ticket")
    for message in messages.order_by("created_at"):
        section.add(
            ("type", _("Type"), _("Message")),
            ("reference", _("Reference"), message.ticket.reference),
            ("visibility", _("Visibility"), message.get_visibility_display()),
            ("written", _("Written"), message.created_at),
            ("text", _("Text"), message.body),
        )
    files = TicketAttachment.objects.filter(uploaded_by=user).select_related("ticket")
    for attachment in files:
        section.add(
            ("type", _("Type"), _("File")),
            ("reference", _("Reference"), attachment.ticket.reference),
            ("file_name", _("File name"), attachment.original_name),
            ("size", _("Size in bytes"), attachment.size),
            ("uploaded", _("Uploaded"), attachment.uploaded_at),
        )
    for fund in SupportFundRequest.objects.filter(requested_by=user).select_related("city"):
        section.add(
            ("type", _("Type"), _("Technical Support Fund request")),
            ("city", _("City"), fund.city.name),
            ("need", _("Need"), fund.need),
            ("support_asked", _("Support asked for"), fund.support_asked),
            ("status", _("Status"), fund.get_status_display()),
            ("created", _("Created"), fund.created_at),
        )
    for exchange in PeerExchange.objects.filter(requested_by=user).select_related("city"):
        section.add(
            ("type", _("Type"), _("Peer exchange")),
            ("city", _("City"), exchange.city.name),
            ("topic", _("Topic"), exchange.topic),
            ("goals", _("What the city wants to learn"), exchange.goals),
            ("status", _("Status"), exchange.get_status_display()),
            ("created", _("Created"), exchange.created_at),
        )
    return section


def _events(user) -> Section:
    from events.models import Registration

    section = Section("event_registrations", _("Event registrations"))
    mine = Registration.objects.filter(
        Q(user=user) | Q(user__isnull=True, guest_email__iexact=user.email)
    )
    for reg in mine.select_related("event", "city").order_by("created_at"):
        section.add(
            ("event", _("Event"), reg.event.title),
            ("starts", _("Starts"), reg.event.starts_at),
            ("status", _("Status"), reg.get_status_display()),
            ("city", _("City"), reg.city.name if reg.city else ""),
            ("as_guest", _("As a guest"), reg.is_guest),
            ("organisation", _("Organisation"), reg.guest_organisation),
            ("accessibility_needs", _("Accessibility needs"), reg.accessibility_needs),
            ("dietary_needs", _("Dietary needs"), reg.dietary_needs),
            (
                "interpretation",
                _("Interpretation language"),
                reg.get_interpretation_language_display(),
            ),
            ("registered", _("Registered"), reg.created_at),
        )
    return section


def _surveys(user) -> Section:
    from surveys.models import Question, Response
    from surveys.selectors import answers_by_response, readable

    section = Section("survey_answers", _("Survey answers you submitted"))
    responses = list(
        Response.objects.filter(submitted_by=user).select_related("survey", "city").order_by("pk")
    )
    stored = answers_by_response(responses)
    questions = {
        q.pk: q for q in Question.objects.filter(survey__in={r.survey_id for r in responses})
    }
    for response in responses:
        answers = {
            questions[qid].text: readable(questions[qid], value)
            for qid, value in stored.get(response.pk, {}).items()
            if qid in questions
        }
        section.add(
            ("survey", _("Survey"), response.survey.title),
            ("city", _("City"), response.city.name),
            ("submitted", _("Submitted"), response.submitted_at),
            ("answers", _("Answers"), answers),
        )
    return section


def _contributions(user) -> Section:
    from members.models import FocalPointHandover, PrinciplesAgreement, ProfileRevision
    from resources.models import Resource

    section = Section("contributions", _("What you did for your city"))
    for resource in Resource.objects.filter(submitted_by=user).select_related("submitted_city"):
        section.add(
            ("type", _("Type"), _("Resource submitted")),
            ("title", _("Title"), str(resource)),
            ("city", _("City"), resource.submitted_city.name if resource.submitted_city else ""),
            ("status", _("Status"), resource.get_status_display()),
            ("created", _("Created"), resource.created_at),
        )
    for agreement in PrinciplesAgreement.objects.filter(agreed_by=user).select_related(
        "city", "principles"
    ):
        section.add(
            ("type", _("Type"), _("Guiding Principles agreed")),
            ("city", _("City"), agreement.city.name),
            ("version", _("Version"), agreement.principles.version),
            ("name_given", _("Name given"), agreement.agreed_by_name),
            ("agreed", _("Agreed"), agreement.agreed_at),
        )
    handovers = FocalPointHandover.objects.filter(Q(from_user=user) | Q(to_user=user))
    for handover in handovers.select_related("city"):
        section.add(
            ("type", _("Type"), _("Focal point handover")),
            ("city", _("City"), handover.city.name),
            (
                "direction",
                _("Direction"),
                _("from you") if handover.from_user_id == user.pk else _("to you"),
            ),
            ("note", _("Note"), handover.note),
            ("date", _("Date"), handover.handed_over_at),
        )
    revisions = ProfileRevision.objects.filter(changed_by=user).select_related("city")
    for revision in revisions.order_by("changed_at"):
        section.add(
            ("type", _("Type"), _("City profile edited")),
            ("city", _("City"), revision.city.name),
            ("fields", _("Fields changed"), sorted(revision.changes)),
            ("date", _("Date"), revision.changed_at),
        )
    return section


def _audit(user) -> Section:
    from audit.models import AuditEntry
    from audit.selectors import ACTION_LABELS

    section = Section("audit_entries", _("Audit trail entries about you or made by you"))
    entries = (
        AuditEntry.objects.filter(Q(subject_user=user) | Q(actor=user))
        .select_related("content_type")
        .order_by("timestamp", "pk")
    )
    for entry in entries.iterator(1000):
        model = entry.content_type.model_class() if entry.content_type else None
        section.add(
            ("when", _("When"), entry.timestamp),
            ("kind", _("Kind"), entry.get_kind_display()),
            ("action", _("Action"), ACTION_LABELS.get(entry.action, "")),
            ("record", _("Record"), model._meta.verbose_name if model else ""),
            ("object", _("Object"), entry.object_repr),
            ("by_you", _("Done by you"), entry.actor_id == user.pk),
            ("from_address", _("From address"), entry.remote_addr),
            # the values changed on your own account and roles, not on other records
            ("changes", _("Changes"), entry.changes if entry.subject_user_id == user.pk else None),
        )
    return section
