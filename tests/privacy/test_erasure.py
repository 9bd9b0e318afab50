"""Erasing a person who has left, checked in every app that stores a person: the account
is closed, the name and addresses are replaced by the neutral label everywhere, their
own notes are emptied, and the city's records stay intact and attributed to the city."""

import datetime
import json
from importlib import import_module

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit import services as audit
from audit.models import AuditEntry
from events.models import CalendarFeed, EventNotice, Registration
from hubs.models import (
    Consultation,
    HelpdeskNotification,
    HubStaff,
    Stakeholder,
    Ticket,
    TicketMessage,
)
from members.models import ContinuityAlert, EngagementRecord, FocalPoint, PrinciplesAgreement
from members.services import record_engagement
from privacy.erasure import erase_address, erase_person
from privacy.labels import ERASED_DOMAIN, erased_person_label
from resources.models import Resource
from steering.models import CommitteeMember, Meeting
from strongcities.models import Invitation
from surveys.models import (
    Answer,
    Question,
    ReminderOptOut,
    Response,
    Survey,
    SurveyDelivery,
)
from tests.events.conftest import make_event
from tests.factories import PASSWORD, HubStaffFactory, enable_mfa

pytestmark = pytest.mark.django_db

NAME = "Amina Haddad-Fictional"
EMAIL = "amina.haddad@example.org"


@pytest.fixture
def person(network):
    """City A's focal point, with records in every app, about to leave."""
    user = network.users["focal_a"]
    user.display_name, user.email = NAME, EMAIL
    user.save()
    EmailAddress.objects.filter(user=user).update(email=EMAIL)
    EmailAddress.objects.create(user=user, email="amina.private@example.org", verified=True)
    FocalPoint.objects.filter(user=user).update(job_title="Prevention adviser", is_primary=True)
    enable_mfa(user)
    return user


@pytest.fixture
def label():
    return erased_person_label()


def erase(person, network, reason="Left the city's administration"):
    return erase_person(person, by=network.users["admin"], reason=reason)


# --- the account ----------------------------------------------------------------------


def test_the_account_is_closed(person, network, client, label):
    client.force_login(person)
    assert Session.objects.count() == 1
    session_key = client.session.session_key
    erase(person, network)
    person.refresh_from_db()
    assert person.display_name == label
    assert person.email == f"person-{person.pk}@{ERASED_DOMAIN}"
    assert not person.is_active and not person.has_usable_password()
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    assert Session.objects.count() == 0
    # sessions are read from the cache first: the cached copy goes too
    assert not import_module(settings.SESSION_ENGINE).SessionStore().exists(session_key)
    # nor can anyone sign in with the old address
    client.logout()
    response = client.post("/en/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert "_auth_user_id" not in client.session and response.status_code == 200


def test_staff_flags_and_groups_go(network, label):
    mu = network.users["mu"]
    assert mu.groups.exists()
    erase(mu, network)
    mu.refresh_from_db()
    assert not (mu.is_staff or mu.is_superuser or mu.is_management_unit or mu.groups.exists())


def test_the_label_reads_in_every_language(label):
    assert label.startswith("Former participant")
    assert all(part for part in label.split(" · "))


def test_nobody_erases_themselves_or_someone_twice(person, network):
    admin = network.users["admin"]
    with pytest.raises(ValidationError):
        erase_person(admin, by=admin)
    erase(person, network)
    with pytest.raises(ValidationError):
        erase(person, network)


# --- members ----------------------------------------------------------------------------


def test_members_roles_end_and_the_city_is_flagged(person, network, label):
    city = network.city_a
    engagement = record_engagement(
        city=city, kind="event_attended", occurred_on=datetime.date.today()
    )
    from members.models import GuidingPrinciples

    principles = GuidingPrinciples.objects.create(
        version=1, text_en="x", published_on=datetime.date.today()
    )
    agreement = PrinciplesAgreement.objects.create(
        city=city, principles=principles, agreed_by=person, agreed_by_name=NAME
    )
    erase(person, network)
    focal_point = FocalPoint.objects.get(user=person)
    assert not focal_point.is_active and not focal_point.is_primary
    assert focal_point.job_title == ""
    assert ContinuityAlert.objects.filter(city=city, resolved_at__isnull=True).exists()
    agreement.refresh_from_db()
    assert agreement.agreed_by_name == label and agreement.city == city
    # the city's engagement is untouched
    assert EngagementRecord.objects.filter(pk=engagement.pk, city=city).exists()


# --- hubs and the helpdesk ---------------------------------------------------------------


def test_requests_stay_with_the_city_and_lose_the_persons_name(person, network, label):
    ticket = Ticket.objects.create(
        hub=network.hub_a,
        city=network.city_a,
        opened_by=person,
        category="policy_advice",
        subject="Advice",
        description=f"Please call me, {NAME}, at {EMAIL}.",
        language="en",
    )
    reply = TicketMessage.objects.create(
        ticket=ticket, author=network.users["hub_a"], body=f"Dear {NAME}, here is the answer."
    )
    HelpdeskNotification.objects.create(
        key="k1", event="staff_reply", ticket=ticket, recipient=person
    )
    sent = HelpdeskNotification.objects.create(
        key="k2", event="status", ticket=ticket, recipient=person, sent_at=timezone.now()
    )
    consultation = Consultation.objects.create(
        hub=network.hub_a,
        city=network.city_a,
        held_on=datetime.date.today(),
        participants=f"{NAME}; the deputy mayor",
        summary="Youth work",
    )
    erase(person, network)
    ticket.refresh_from_db()
    reply.refresh_from_db()
    consultation.refresh_from_db()
    assert ticket.city == network.city_a and ticket.opened_by == person
    assert str(ticket.opened_by) == label
    assert ticket.description == f"Please call me, {label}, at {label}."
    assert reply.body == f"Dear {label}, here is the answer."
    assert consultation.participants == f"{label}; the deputy mayor"
    # an email not sent yet is dropped; the record of a sent one stays
    assert list(HelpdeskNotification.objects.filter(recipient=person)) == [sent]


def test_a_leaving_hub_expert_gives_back_their_open_requests(network):
    expert = HubStaffFactory(hub=network.hub_a).user
    open_ticket = Ticket.objects.create(
        hub=network.hub_a,
        city=network.city_a,
        category="training",
        subject="Open",
        description="x",
        language="en",
        assignee=expert,
    )
    closed = Ticket.objects.create(
        hub=network.hub_a,
        city=network.city_a,
        category="training",
        subject="Closed",
        description="x",
        language="en",
        assignee=expert,
        status=Ticket.Status.CLOSED,
    )
    erase(expert, network)
    open_ticket.refresh_from_db()
    closed.refresh_from_db()
    assert open_ticket.assignee is None
    assert closed.assignee == expert  # who answered, as a record
    assert not HubStaff.objects.get(user=expert).is_active


def test_stakeholder_contacts_with_the_address_are_cleared(person, network):
    contact = Stakeholder.objects.create(
        hub=network.hub_a,
        kind="civil_society",
        name="Youth NGO",
        contact_name=NAME,
        email=EMAIL.upper(),
        phone="+254 700 000 000",
    )
    erase(person, network)
    contact.refresh_from_db()
    assert (contact.contact_name, contact.email, contact.phone) == ("", "", "")
    assert contact.name == "Youth NGO"


# --- events -------------------------------------------------------------------------------


def test_attendance_stays_the_citys_and_needs_go(person, network, label):
    event = make_event()
    registration = Registration.objects.create(
        event=event,
        user=person,
        city=network.city_a,
        status="attended",
        accessibility_needs="Wheelchair access",
        dietary_needs="Vegetarian",
    )
    EventNotice.objects.create(registration=registration, kind="reminder_1d")
    CalendarFeed.objects.create(user=person)
    as_guest = Registration.objects.create(
        event=make_event(), guest_name=NAME, guest_email=EMAIL, status="confirmed"
    )
    erase(person, network)
    registration.refresh_from_db()
    as_guest.refresh_from_db()
    assert registration.status == "attended" and registration.city == network.city_a
    assert registration.accessibility_needs == registration.dietary_needs == ""
    assert registration.person_name == label
    assert EventNotice.objects.get(registration=registration).skipped_at is not None
    assert not CalendarFeed.objects.filter(user=person).exists()
    # the same person registered as a guest before they had an account
    assert as_guest.guest_name == label and as_guest.guest_email.endswith(ERASED_DOMAIN)


def test_a_guest_without_an_account_is_erased_by_address(network, label):
    guest = Registration.objects.create(
        event=make_event(),
        guest_name="Visiting Official",
        guest_email="official@ministry.example",
        guest_organisation="Ministry",
        status="attended",
    )
    other = Registration.objects.create(
        event=make_event(), guest_name="Someone Else", guest_email="else@example.org"
    )
    erase_address("Official@Ministry.example", by=network.users["admin"], reason="asked")
    guest.refresh_from_db()
    other.refresh_from_db()
    assert guest.guest_name == label and guest.guest_organisation == ""
    assert guest.guest_email == f"guest-{guest.pk}@{ERASED_DOMAIN}"
    assert guest.status == "attended"
    assert other.guest_name == "Someone Else"
    entry = AuditEntry.objects.get(kind=AuditEntry.Kind.ERASURE)
    assert entry.actor == network.users["admin"] and entry.subject_user is None
    assert "official@ministry.example" not in json.dumps(entry.additional_data)


def test_an_address_of_an_account_is_erased_as_a_person(person, network):
    with pytest.raises(ValidationError):
        erase_address(EMAIL, by=network.users["admin"])


# --- surveys -------------------------------------------------------------------------------


def test_answers_stay_the_citys_and_pending_emails_are_dropped(person, network, label):
    survey = Survey.objects.create(
        title_en="Needs",
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2026, 2, 1),
        status="open",
    )
    question = Question.objects.create(survey=survey, text_en="Who leads?", kind="short")
    response = Response.objects.create(
        survey=survey, city=network.city_a, status="submitted", submitted_by=person
    )
    answer = Answer.objects.create(response=response, question=question, value=f"{NAME} does")
    pending = SurveyDelivery.objects.create(
        survey=survey, city=network.city_a, recipient=person, kind="reminder", number=1
    )
    ReminderOptOut.objects.create(user=person)
    erase(person, network)
    response.refresh_from_db()
    answer.refresh_from_db()
    pending.refresh_from_db()
    assert response.city == network.city_a and response.status == "submitted"
    assert answer.value == f"{label} does"
    assert pending.status == "failed"
    assert not ReminderOptOut.objects.filter(user=person).exists()


# --- steering, resources, invitations ---------------------------------------------------------


def test_a_committee_seat_ends_and_minutes_lose_the_name(network, label):
    member = network.users["committee"]
    seat = CommitteeMember.objects.get(user=member)
    meeting = Meeting.objects.create(
        title_en="Spring",
        held_on=datetime.date.today(),
        minutes_en=f"{member.display_name} chaired.",
    )
    name = member.display_name
    erase(member, network)
    seat.refresh_from_db()
    meeting.refresh_from_db()
    assert seat.term_end == timezone.localdate()
    assert meeting.minutes_en == f"{label} chaired." and name not in meeting.minutes_en


def test_a_submitted_resource_stays_without_the_contact(person, network, label):
    resource = Resource.objects.create(
        slug="youth",
        kind="good_practice",
        title_en="Youth councils",
        contact_point_en=f"{NAME}, {EMAIL}",
        submitted_by=person,
        submitted_city=network.city_a,
    )
    erase(person, network)
    resource.refresh_from_db()
    assert resource.contact_point_en == f"{label}, {label}"
    assert resource.submitted_city == network.city_a and resource.title_en == "Youth councils"


def test_invitations_to_the_person_are_erased(person, network, label):
    sent_to_them = Invitation.objects.create(
        email=EMAIL,
        display_name=NAME,
        role="focal_point",
        city=network.city_a,
        job_title="Adviser",
        expires_at=timezone.now() + datetime.timedelta(days=5),
    )
    sent_by_them = Invitation.objects.create(
        email="colleague@example.org",
        display_name="A Colleague",
        role="focal_point",
        city=network.city_a,
        invited_by=person,
        expires_at=timezone.now() + datetime.timedelta(days=5),
    )
    erase(person, network)
    sent_to_them.refresh_from_db()
    sent_by_them.refresh_from_db()
    assert sent_to_them.display_name == label and sent_to_them.job_title == ""
    assert sent_to_them.email.endswith(ERASED_DOMAIN) and not sent_to_them.is_usable
    assert sent_by_them.display_name == "A Colleague" and sent_by_them.invited_by == person


# --- the audit trail ----------------------------------------------------------------------------


def test_the_trail_keeps_what_happened_but_not_who_the_person_was(person, network, label):
    audit.record(AuditEntry.Kind.EXPORT, actor=person, summary="engagement.csv")
    entry = AuditEntry.objects.filter(actor=person).first()
    AuditEntry.objects.filter(pk=entry.pk).update(remote_addr="192.0.2.8", actor_email=EMAIL)
    LogEntry.objects.create(
        user=network.users["admin"],
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=str(person.pk),
        object_repr=NAME,
        action_flag=CHANGE,
        change_message="[]",
    )
    erase(person, network)
    everything = json.dumps(
        list(AuditEntry.objects.values("object_repr", "changes", "actor_email", "additional_data")),
        ensure_ascii=False,
        default=str,
    ).lower()
    assert NAME.lower() not in everything
    assert EMAIL not in everything and "amina.private@example.org" not in everything
    entry.refresh_from_db()
    assert entry.actor == person and entry.remote_addr is None
    assert LogEntry.objects.get(object_id=str(person.pk)).object_repr == label


def test_the_erasure_is_itself_audited(person, network):
    erase(person, network)
    entry = AuditEntry.objects.get(kind=AuditEntry.Kind.ERASURE)
    assert entry.actor == network.users["admin"] and entry.subject_user == person
    assert entry.additional_data["reason"] == "Left the city's administration"
    assert entry.additional_data["counts"]["members.FocalPoint"] == 1
    # the role it ended is traced as a role change, under the label
    ended = AuditEntry.objects.filter(
        kind=AuditEntry.Kind.ROLE_CHANGE, subject_user=person, content_type__model="focalpoint"
    ).latest("pk")
    assert ended.changes["is_active"] == [True, False]


# --- the pages -----------------------------------------------------------------------------------


def test_an_administrator_erases_through_the_page(person, network, client_as):
    client = client_as(network.users["admin"])
    page = client.get(reverse("privacy:erase-person", args=[person.pk]))
    assert page.status_code == 200 and EMAIL in page.content.decode()
    refused = client.post(reverse("privacy:erase-person", args=[person.pk]), {"reason": "left"})
    assert refused.status_code == 200
    assert "Tick the box to confirm the erasure." in refused.content.decode()
    assert "left" in refused.content.decode()  # the form keeps what was typed
    done = client.post(
        reverse("privacy:erase-person", args=[person.pk]), {"reason": "left", "confirm": "on"}
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("audit:person", args=[person.pk])
    person.refresh_from_db()
    assert not person.is_active


@pytest.mark.parametrize("role", ["focal_b", "hub_a", "mu", "committee"])
def test_only_administrators_erase(person, network, client_as, role):
    client = client_as(network.user(role))
    response = client.post(
        reverse("privacy:erase-person", args=[person.pk]), {"confirm": "on", "reason": "x"}
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.is_active


def test_the_search_finds_an_account_or_a_guest(person, network, client_as):
    Registration.objects.create(
        event=make_event(), guest_name="Guest Person", guest_email="guest@example.org"
    )
    client = client_as(network.users["admin"])
    search = reverse("privacy:erase")
    page = client.post(search, {"email": EMAIL, "step": "find"})
    assert reverse("privacy:erase-person", args=[person.pk]) in page.content.decode()
    page = client.post(search, {"email": "guest@example.org", "step": "find"})
    assert page.context["found"].guest_registrations == 1 and page.context["erase"]
    unconfirmed = client.post(search, {"email": "guest@example.org", "step": "erase"})
    assert "Tick the box to confirm the erasure." in unconfirmed.content.decode()
    assert Registration.objects.filter(guest_email="guest@example.org").exists()
    done = client.post(
        search, {"email": "guest@example.org", "step": "erase", "confirm": "on", "reason": "x"}
    )
    assert done.status_code == 302
    assert not Registration.objects.filter(guest_email="guest@example.org").exists()
    nothing = client.post(search, {"email": "nobody@example.org", "step": "find"})
    assert "The portal holds nothing under this address." in nothing.content.decode()
    bad = client.post(search, {"email": "not an address", "step": "find"})
    assert bad.status_code == 200 and bad.context["find"].errors


def test_no_email_goes_to_an_erased_person(person, network, mailoutbox):
    from strongcities.services import send_invitation_email

    waiting = Invitation.objects.create(
        email=EMAIL,
        display_name=NAME,
        role="committee_member",
        city=network.city_a,
        expires_at=timezone.now() + datetime.timedelta(days=5),
    )
    erase(person, network)
    assert send_invitation_email(waiting.pk) is False
    assert all(EMAIL not in m.to for m in mail.outbox)
