"""Survey pages, per role: focal points answer for their city, staff follow the results."""

import csv
import io
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import EngagementRecord
from surveys import services
from surveys.models import Response, Survey, SurveyDelivery
from surveys.tasks import send_pending_deliveries
from tests.factories import CityFactory, FocalPointFactory, HubFactory
from tests.surveys.conftest import make_survey, questions

pytestmark = pytest.mark.django_db

ALL_ROLES = ["anonymous", "focal_a", "focal_b", "hub_a", "hub_b", "mu", "committee", "admin"]


@pytest.fixture
def opened(network):
    survey = make_survey()
    services.open_survey(survey, opened_by=network.users["mu"])
    send_pending_deliveries()
    return survey


def answer_url(survey, city, lang="en"):
    from django.utils import translation

    with translation.override(lang):
        return reverse("surveys:answer", kwargs={"pk": survey.pk, "city_id": city.pk})


def form_data(survey, **extra):
    q = questions(survey)
    return {
        f"q{q[0].pk}": "1",
        f"q{q[1].pk}": ["0", "2"],
        f"q{q[2].pk}": '=HYPERLINK("http://evil.example")',
        f"q{q[3].pk}": "5",
        f"q{q[4].pk}": "12",
        **extra,
    }


def status_of(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_open_city_as_answer_page(network, opened, client_as, role):
    response = client_as(network.user(role)).get(answer_url(opened, network.city_a))
    expected = {"anonymous": "login", "focal_a": 200}.get(role, 403)
    assert status_of(response) == expected


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_see_the_survey_list_of_their_city(network, opened, client_as, role):
    response = client_as(network.user(role)).get(reverse("surveys:my-surveys"))
    expected = {"anonymous": "login", "focal_a": 200, "focal_b": 200}.get(role, 403)
    assert status_of(response) == expected
    if expected == 200:
        assert "Needs assessment" in response.content.decode()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_read_results_and_answers(network, opened, client_as, role):
    services.save_response(
        survey=opened,
        city=network.city_a,
        user=network.users["focal_a"],
        values={questions(opened)[2].pk: "Our answer"},
        submit=False,
    )
    city_a_response = Response.objects.get(city=network.city_a)
    client = client_as(network.user(role))
    results = client.get(reverse("surveys:results", kwargs={"pk": opened.pk}))
    detail = client.get(
        reverse("surveys:response", kwargs={"pk": opened.pk, "response_id": city_a_response.pk})
    )
    export = client.get(reverse("surveys:export", kwargs={"pk": opened.pk, "fmt": "csv"}))
    staff = {"hub_a", "hub_b", "mu", "admin"}
    expected = "login" if role == "anonymous" else 200 if role in staff else 403
    assert status_of(results) == expected
    assert status_of(export) == expected
    expected_detail = 404 if role == "hub_b" else expected
    assert status_of(detail) == expected_detail
    if expected_detail == 200:
        assert "Our answer" in detail.content.decode()
    if role == "hub_b":  # hub staff see their own region's answers only
        assert str(network.city_a.name) not in export.content.decode("utf-8-sig")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_management_unit_opens_closes_and_sees_the_outbox(network, client_as, role):
    survey = make_survey()
    client = client_as(network.user(role))
    opened = client.post(reverse("surveys:open", kwargs={"pk": survey.pk}))
    outbox = client.get(reverse("surveys:outbox"))
    central = role in {"mu", "admin"}
    if role == "anonymous":
        assert status_of(opened) == "login" and status_of(outbox) == "login"
    elif central:
        assert opened.status_code == 302 and outbox.status_code == 200
    else:
        # hub staff do not even learn that a draft exists
        assert opened.status_code in (403, 404) and outbox.status_code == 403
    survey.refresh_from_db()
    assert survey.status == ("open" if central else "draft")
    closed = client.post(reverse("surveys:close", kwargs={"pk": survey.pk}))
    survey.refresh_from_db()
    assert survey.status == ("closed" if central else "draft")
    if not central and role != "anonymous":
        assert closed.status_code in (403, 404)


def test_a_focal_point_saves_a_draft_then_a_colleague_submits(network, opened, client_as):
    colleague = FocalPointFactory(city=network.city_a, is_primary=False).user
    url = answer_url(opened, network.city_a)
    client = client_as(network.users["focal_a"])
    response = client.post(url, {**form_data(opened), "save": "1"})
    assert response.status_code == 302
    draft = Response.objects.get(survey=opened, city=network.city_a)
    assert draft.status == Response.Status.DRAFT
    assert draft.updated_by == network.users["focal_a"]
    page = client_as(colleague).get(url).content.decode()
    assert 'value="12"' in page  # the colleague continues the draft
    response = client_as(colleague).post(url, {**form_data(opened), "submit": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Response.Status.SUBMITTED
    assert draft.submitted_by == colleague
    assert EngagementRecord.objects.filter(city=network.city_a, kind="survey_answered").exists()
    page = client_as(network.users["focal_a"]).get(url).content.decode()
    assert "Submitted by" in page and 'name="submit"' not in page


def test_a_missing_required_answer_shows_a_translated_error_and_keeps_the_input(
    network, opened, client_as
):
    q = questions(opened)
    data = form_data(opened, **{f"q{q[0].pk}": "", "submit": "1"})
    response = client_as(network.users["focal_a"]).post(
        answer_url(opened, network.city_a, "fr"), data
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Avez-vous un plan de prévention" in html
    assert "12" in html  # what was typed is still there
    assert Response.objects.get(city=network.city_a).status == Response.Status.DRAFT


def test_bad_input_is_an_error_not_a_crash(network, opened, client_as):
    q = questions(opened)
    data = form_data(opened, **{f"q{q[4].pk}": "twelve", f"q{q[0].pk}": "99", "submit": "1"})
    response = client_as(network.users["focal_a"]).post(answer_url(opened, network.city_a), data)
    assert response.status_code == 200
    assert response.content.decode().count('class="errors"') >= 2
    assert not Response.objects.filter(city=network.city_a).exists()


def test_no_answer_after_the_survey_closed(network, opened, client_as):
    services.close_survey(opened)
    response = client_as(network.users["focal_a"]).post(
        answer_url(opened, network.city_a), {**form_data(opened), "submit": "1"}
    )
    assert response.status_code == 200
    assert "This survey is closed" in response.content.decode()
    assert not Response.objects.filter(city=network.city_a).exists()


def test_a_city_outside_the_audience_cannot_answer(network, client_as):
    survey = make_survey(audience=Survey.Audience.CITIES)
    survey.cities.set([network.city_b])
    services.open_survey(survey)
    response = client_as(network.users["focal_a"]).get(answer_url(survey, network.city_a))
    assert response.status_code == 404


def test_the_personal_link_leads_to_the_answer_page(network, opened, client):
    email = next(m for m in mail.outbox if m.to == [network.users["focal_a"].email])
    delivery = SurveyDelivery.objects.get(recipient=network.users["focal_a"])
    # the emailed link itself (its signature carries the second it was made: not rebuilt here)
    token = re.search(r"/en/surveys/link/([^/\s]+)/", email.body).group(1)
    assert services.read_personal_token(token) == {
        "s": opened.pk,
        "c": network.city_a.pk,
        "u": network.users["focal_a"].pk,
    }
    url = reverse("surveys:personal-link", kwargs={"token": token})
    assert delivery.city_id == network.city_a.pk
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(network.users["focal_a"])
    response = client.get(url)
    assert response["Location"] == answer_url(opened, network.city_a)


def test_exports_neutralise_formulas(network, opened, client_as):
    services.save_response(
        survey=opened,
        city=network.city_a,
        user=network.users["focal_a"],
        values={
            q.pk: v for q, v in zip(questions(opened), [1, [0, 2], "=1+2", 5, 12], strict=True)
        },
        submit=True,
    )
    client = client_as(network.users["mu"])
    content = client.get(reverse("surveys:export", kwargs={"pk": opened.pk, "fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(content.content.decode("utf-8-sig"))))
    assert rows[0][6] == "Do you have a prevention plan?"
    city_row = next(r for r in rows if r[0] == str(network.city_a.name))
    assert city_row[6:] == ["No", "Youth; Incident response", "'=1+2", "5", "12"]
    assert city_row[4] == str(network.users["focal_a"])
    xlsx = client.get(reverse("surveys:export", kwargs={"pk": opened.pk, "fmt": "xlsx"}))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "'=1+2" in next(r for r in values if r[0] == str(network.city_a.name))
    assert (
        client.get(reverse("surveys:export", kwargs={"pk": opened.pk, "fmt": "pdf"})).status_code
        == 404
    )


def test_hub_staff_see_rates_for_their_region_only(network, opened, client_as):
    html = (
        client_as(network.users["hub_a"])
        .get(reverse("surveys:results", kwargs={"pk": opened.pk}))
        .content.decode()
    )
    assert str(network.hub_a.name) in html
    assert str(network.hub_b.name) not in html
    html = (
        client_as(network.users["mu"])
        .get(reverse("surveys:results", kwargs={"pk": opened.pk}))
        .content.decode()
    )
    assert str(network.hub_a.name) in html and str(network.hub_b.name) in html


def test_a_failed_email_is_shown_and_can_be_sent_again(network, opened, client_as):
    delivery = SurveyDelivery.objects.first()
    SurveyDelivery.objects.filter(pk=delivery.pk).update(
        status="failed", sent_at=None, last_error="SMTPServerDisconnected: gone"
    )
    client = client_as(network.users["mu"])
    page = client.get(reverse("surveys:outbox") + "?status=failed").content.decode()
    assert "SMTPServerDisconnected" in page
    mail.outbox.clear()
    response = client.post(reverse("surveys:resend", kwargs={"kind": "survey", "pk": delivery.pk}))
    assert response.status_code == 302
    send_pending_deliveries()
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert len(mail.outbox) == 1


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", ["mu", "hub_a"])
def test_the_results_page_makes_the_same_queries_for_5_or_60_cities(
    network, client_as, django_assert_max_num_queries, role
):
    hubs = [network.hub_a, HubFactory()]
    survey = make_survey()

    def add(n):
        for i in range(n):
            city = CityFactory(hub=hubs[i % 2])
            focal = FocalPointFactory(city=city).user
            Response.objects.create(
                survey=survey, city=city, status="submitted", submitted_by=focal
            )

    add(5)
    services.open_survey(survey)
    client = client_as(network.users[role])
    url = reverse("surveys:results", kwargs={"pk": survey.pk})
    small = _count(client, url)
    add(55)
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200
    export = reverse("surveys:export", kwargs={"pk": survey.pk, "fmt": "csv"})
    with django_assert_max_num_queries(small):
        assert client.get(export).status_code == 200
