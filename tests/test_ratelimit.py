"""Rate limits: past the limit, a translated 429 page (never a 500) and nothing saved."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from hubs.models import Ticket
from resources.models import Resource
from strongcities.ratelimit import client_ip, parse_rate
from surveys import services as survey_services
from surveys.models import Response
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db


def ticket_form(network, subject):
    return {
        "city": network.city_a.pk,
        "category": "policy_advice",
        "priority": "normal",
        "subject": subject,
        "description": "Advice, please.",
        "language": "en",
    }


def assert_limited(response, lang="en"):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert [t.name for t in response.templates][0] == "429.html"
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html


def test_parse_rate():
    assert parse_rate("10/h") == (10, 3600)
    assert parse_rate("5/15m") == (5, 900)
    assert parse_rate("100/d") == (100, 86400)


def test_opening_requests_is_limited_per_person(network, client_as, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "helpdesk_ticket": "2/h"}
    client = client_as(network.user("focal_a"))
    for n in range(2):
        assert client.post("/en/helpdesk/new/", ticket_form(network, f"Q{n}")).status_code == 302
    response = client.post("/fr/helpdesk/new/", ticket_form(network, "One too many"))
    assert_limited(response, "fr")
    assert Ticket.objects.count() == 2
    # reading is never limited, and another person has their own allowance
    assert client.get("/en/helpdesk/new/").status_code == 200
    other = client_as(network.user("mu"))
    assert other.get("/en/helpdesk/").status_code == 200


def test_the_api_shares_the_page_limit(network, client_as, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "helpdesk_ticket": "1/h"}
    client = client_as(network.user("focal_a"))
    assert client.post("/en/helpdesk/new/", ticket_form(network, "Q")).status_code == 302
    response = client.post(
        "/api/v1/helpdesk/tickets/",
        {"subject": "Q2", "description": "x", "category": "policy_advice", "language": "en"},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert Ticket.objects.count() == 1


def test_resource_submissions_are_limited(network, client_as, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "resource_submission": "1/h"}
    client = client_as(network.user("focal_a"))
    data = {
        "city": network.city_a.pk,
        "language": "en",
        "kind": "policy",
        "title": "Youth council policy",
        "summary": "How the city set up a youth council.",
    }
    assert client.post("/en/resources/submit/", data).status_code == 302
    files = {"attachments": [SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")]}
    assert_limited(client.post("/en/resources/submit/", {**data, **files}))
    assert Resource.objects.count() == 1


def test_survey_answers_are_limited(network, client_as, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "survey_answer": "1/h"}
    survey = make_survey()
    survey_services.open_survey(survey, opened_by=network.users["mu"])
    url = f"/en/surveys/{survey.pk}/city/{network.city_a.pk}/"
    client = client_as(network.user("focal_a"))
    assert client.post(url, {}).status_code in (200, 302)  # saved or shown with errors
    assert_limited(client.post(url, {}))
    assert client.get(url).status_code == 200
    assert Response.objects.filter(city=network.city_a).count() <= 1


def test_invitation_acceptance_is_limited_per_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invitation_accept": "3/h"}
    url = "/en/accounts/invitation/forged-token/"
    for _ in range(3):
        assert client.post(url, {"display_name": "x"}).status_code == 404
    assert_limited(client.post(url, {"display_name": "x"}))
    # another address is counted apart
    other = client.post(url, {"display_name": "x"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 404


def test_password_reset_requests_are_limited_per_email(client, network):
    """allauth's own limit (ACCOUNT_RATE_LIMITS), answered with the portal's 429 page."""
    email = network.user("focal_a").email
    for _ in range(3):
        response = client.post("/en/accounts/password/reset/", {"email": email})
        assert response.status_code == 302
    response = client.post("/en/accounts/password/reset/", {"email": email})
    assert response.status_code == 429
    assert "429.html" in [t.name for t in response.templates]
    assert len(mail.outbox) == 3


def test_the_client_address_behind_trusted_proxies(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2", REMOTE_ADDR="10.0.0.3")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.3"  # a header anyone can write is not trusted
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.2"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "203.0.113.9"
