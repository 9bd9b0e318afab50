"""A person downloads everything the portal holds about them, as JSON and as a page to
read, in their language; nobody else's data comes with it."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from events.models import Registration
from hubs.models import Ticket, TicketMessage
from privacy.export import personal_data
from strongcities.models import Invitation
from surveys.models import Answer, Question, Response, Survey
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def focal_with_records(network):
    """City A's focal point with a request, a message, a registration and an answer."""
    focal = network.users["focal_a"]
    ticket = Ticket.objects.create(
        hub=network.hub_a,
        city=network.city_a,
        opened_by=focal,
        category="policy_advice",
        subject="Youth council advice",
        description="How do other cities run youth councils?",
        language="en",
    )
    TicketMessage.objects.create(ticket=ticket, author=focal, from_city=True, body="Any update?")
    TicketMessage.objects.create(
        ticket=ticket, author=network.users["hub_a"], visibility="internal", body="Hub-only note"
    )
    event = make_event(title_en="Regional workshop")
    Registration.objects.create(
        event=event, user=focal, city=network.city_a, status="confirmed", dietary_needs="Halal"
    )
    survey = Survey.objects.create(
        title_en="Needs survey",
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2026, 2, 1),
        status="open",
    )
    question = Question.objects.create(survey=survey, text_en="Biggest need?", kind="short")
    response = Response.objects.create(
        survey=survey,
        city=network.city_a,
        status="submitted",
        submitted_by=focal,
        submitted_at=timezone.now(),
    )
    Answer.objects.create(response=response, question=question, value="Training")
    Invitation.objects.create(
        email="colleague@example.org",
        display_name="Secret Colleague",
        role="focal_point",
        city=network.city_a,
        invited_by=focal,
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )
    return focal


def test_the_export_has_every_section(focal_with_records, network):
    data = personal_data(focal_with_records).as_json()
    assert data["account"][0]["email"] == focal_with_records.email
    assert "focal_point" in " ".join(data["account"][0]["roles"]).lower().replace(" ", "_")
    assert data["roles"][0]["city"] == network.city_a.name
    helpdesk = data["helpdesk"]
    assert any(r.get("description") == "How do other cities run youth councils?" for r in helpdesk)
    assert any(r.get("text") == "Any update?" for r in helpdesk)
    assert data["event_registrations"][0]["event"] == "Regional workshop"
    assert data["event_registrations"][0]["dietary_needs"] == "Halal"
    assert data["survey_answers"][0]["answers"] == {"Biggest need?": "Training"}
    # the fixture bound them to the city: an audit entry about them
    assert any(e["record"] == "focal point" for e in data["audit_entries"])


def test_other_peoples_details_are_left_out(focal_with_records):
    text = json.dumps(personal_data(focal_with_records).as_json(), ensure_ascii=False)
    assert "Hub-only note" not in text  # someone else's message
    assert "colleague@example.org" not in text and "Secret Colleague" not in text
    assert "secret" not in text.lower()  # no TOTP secret or recovery code


def test_the_json_file_downloads_and_is_recorded(focal_with_records, client_as):
    client = client_as(focal_with_records)
    response = client.get(reverse("privacy:my-data"), {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="strongcities-my-data-')
    assert json.loads(response.content)["account"][0]["email"] == focal_with_records.email
    entry = AuditEntry.objects.get(kind=AuditEntry.Kind.PERSONAL_DATA)
    assert entry.actor == focal_with_records and entry.subject_user == focal_with_records
    assert entry.additional_data == {"format": "json"}


@pytest.mark.parametrize("language", ["ar", "en", "fr"])
def test_the_readable_file_is_in_the_readers_language(focal_with_records, client_as, language):
    client = client_as(focal_with_records)
    path = "/" + language + reverse("privacy:my-data")[3:]
    response = client.get(path, {"format": "html"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language == "ar")
    assert "Youth council advice" in html
    # interface words come from the reader's catalogue (a word the portal already had)
    assert {"ar": "المدينة", "en": "City", "fr": "Ville"}[language] in html


def test_the_page_shows_the_same_data(focal_with_records, client_as):
    page = client_as(focal_with_records).get(reverse("privacy:my-data"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "How do other cities run youth councils?" in html and "Halal" in html
    assert not AuditEntry.objects.filter(kind=AuditEntry.Kind.PERSONAL_DATA).exists()


def test_staff_download_their_own_data_too(network, client_as):
    response = client_as(network.users["hub_a"]).get(reverse("privacy:my-data"), {"format": "json"})
    data = json.loads(response.content)
    assert data["roles"][0]["hub"] == network.hub_a.name


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("privacy:my-data"), {"format": "json"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_account_page_links_to_the_data_and_the_privacy_page(network, client_as):
    html = client_as(network.users["focal_a"]).get(reverse("account-settings")).content.decode()
    assert reverse("privacy:my-data") in html and reverse("privacy:policy") in html


def test_the_page_shows_dates_and_changes_for_people(focal_with_records, client_as):
    html = client_as(focal_with_records).get(reverse("privacy:my-data")).content.decode()
    # the binding to the city, as a change from nothing to "yes"
    assert "– → yes" in html
    assert "+00:00" not in html  # dates are formatted, not raw timestamps
