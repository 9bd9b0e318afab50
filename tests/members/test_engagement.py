"""Engagement status: expectations checked against the facts, with reasons in words."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members import services
from members.engagement import Status, engagement_rows
from members.models import City, GuidingPrinciples
from tests.factories import CityFactory, FocalPointFactory

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year


@pytest.fixture
def published_principles(db):
    return GuidingPrinciples.objects.create(
        version=1, text_en="v1", published_on=datetime.date(2023, 9, 20)
    )


def row_for(city, year=THIS_YEAR):
    [row] = engagement_rows(City.objects.filter(pk=city.pk), year)
    return row


def test_a_member_with_everything_done_meets_expectations(network, published_principles):
    city = network.city_a
    services.agree_to_principles(city=city, user=network.users["focal_a"])
    services.record_engagement(
        city=city, kind="event_attended", occurred_on=datetime.date(THIS_YEAR, 1, 15)
    )
    row = row_for(city)
    assert row.status == Status.MEETS
    assert row.reasons == []
    assert [item.met for item in row.checklist] == [True, True, True]


def test_this_year_a_missing_event_is_at_risk_with_the_reason(network, published_principles):
    services.agree_to_principles(city=network.city_a, user=network.users["focal_a"])
    row = row_for(network.city_a)
    assert row.status == Status.AT_RISK
    assert row.reasons == [f"No network event attended in {THIS_YEAR}"]


def test_a_past_year_without_an_event_is_not_meeting(network, published_principles):
    services.agree_to_principles(city=network.city_a, user=network.users["focal_a"])
    row = row_for(network.city_a, THIS_YEAR - 1)
    assert row.status == Status.NOT_MEETING


def test_no_focal_point_and_no_agreement_are_not_meeting_at_once(published_principles):
    city = CityFactory()
    row = row_for(city)
    assert row.status == Status.NOT_MEETING
    assert "Guiding Principles version 1 not agreed" in row.reasons
    assert "No reachable focal point" in row.reasons


def test_additional_expectations_count_only_where_agreed(network, published_principles):
    city = network.city_a
    services.agree_to_principles(city=city, user=network.users["focal_a"])
    services.record_engagement(
        city=city, kind="event_attended", occurred_on=datetime.date(THIS_YEAR, 2, 1)
    )
    services.set_agreed_expectations(city=city, year=THIS_YEAR, additional=["answer_surveys"])
    row = row_for(city)
    assert row.status == Status.AT_RISK
    assert row.reasons == [f"No survey answered in {THIS_YEAR}"]
    services.record_engagement(
        city=city, kind="survey_answered", occurred_on=datetime.date(THIS_YEAR, 3, 1)
    )
    assert row_for(city).status == Status.MEETS


def test_an_event_from_another_year_does_not_count(network, published_principles):
    services.agree_to_principles(city=network.city_a, user=network.users["focal_a"])
    services.record_engagement(
        city=network.city_a, kind="event_attended", occurred_on=datetime.date(THIS_YEAR - 1, 12, 31)
    )
    assert row_for(network.city_a).status == Status.AT_RISK


def make_members(n, hub):
    for i in range(n):
        city = CityFactory(hub=hub)
        FocalPointFactory(city=city)
        services.record_engagement(
            city=city, kind="event_attended", occurred_on=datetime.date(THIS_YEAR, 1, 1 + i % 28)
        )
        services.set_agreed_expectations(city=city, year=THIS_YEAR, additional=["answer_surveys"])


def test_the_dashboard_costs_the_same_queries_for_5_and_60_members(
    network, client_as, django_assert_max_num_queries, published_principles
):
    client = client_as(network.users["mu"])
    url = reverse("engagement:dashboard")
    make_members(5, network.hub_a)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    make_members(55, network.hub_b)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["totals"]["count"] == 62


def test_hub_staff_see_their_own_region_only(network, client_as):
    response = client_as(network.users["hub_a"]).get(reverse("engagement:dashboard"))
    cities = [row.city for row in response.context["page"]]
    assert network.city_a in cities
    assert network.city_b not in cities
    csv = client_as(network.users["hub_a"]).get(reverse("engagement:export", args=["csv"]))
    assert network.city_a.name in csv.content.decode("utf-8-sig")
    assert network.city_b.name not in csv.content.decode("utf-8-sig")


def test_the_status_filter_keeps_only_that_status(network, client_as, published_principles):
    services.agree_to_principles(city=network.city_a, user=network.users["focal_a"])
    client = client_as(network.users["mu"])
    at_risk = client.get(reverse("engagement:dashboard"), {"status": Status.AT_RISK})
    assert [row.city for row in at_risk.context["page"]] == [network.city_a]


def test_exports_carry_the_checklist_in_the_readers_language(
    network, client_as, published_principles
):
    import io

    from openpyxl import load_workbook

    client = client_as(network.users["mu"])
    with_language = "/fr" + reverse("engagement:export", args=["xlsx"])[3:]
    response = client.get(with_language)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "Ville"
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {network.city_a.name, network.city_b.name}


def test_a_formula_in_a_city_name_is_not_run_by_spreadsheets(network, client_as):
    network.city_a.name_en = '=HYPERLINK("http://evil.example")'
    network.city_a.save()
    content = client_as(network.users["mu"]).get(reverse("engagement:export", args=["csv"]))
    assert "'=HYPERLINK" in content.content.decode("utf-8-sig")


def test_the_timeline_lists_what_the_city_did(network, client_as):
    services.record_engagement(
        city=network.city_a,
        kind="survey_answered",
        occurred_on=datetime.date(THIS_YEAR, 5, 5),
        title="Annual needs survey",
    )
    url = reverse(
        "engagement:city", args=[network.city_a.country.code.lower(), network.city_a.slug]
    )
    page = client_as(network.users["hub_a"]).get(url)
    assert "Annual needs survey" in page.content.decode()
    assert client_as(network.users["hub_b"]).get(url).status_code == 404


def test_staff_agree_expectations_in_a_form(network, client_as):
    city = network.city_a
    url = reverse("engagement:expectations", args=[city.country.code.lower(), city.slug])
    response = client_as(network.users["mu"]).post(
        f"{url}?year={THIS_YEAR}", {"additional": ["city_exchanges"], "notes": "Twinning"}
    )
    assert response.status_code == 302
    assert city.agreed_expectations.get(year=THIS_YEAR).additional == ["city_exchanges"]
    assert client_as(network.users["hub_a"]).post(url, {"notes": "x"}).status_code == 403


def test_the_dashboard_lists_members_without_a_reachable_focal_point(network, client_as):
    from members.models import FocalPoint

    FocalPoint.objects.filter(city=network.city_a).update(is_active=False)
    page = client_as(network.users["mu"]).get(reverse("engagement:dashboard"))
    assert page.context["attention"] == [network.city_a]


def test_the_dashboard_needs_at_most_twelve_queries(
    network, client_as, django_assert_max_num_queries
):
    make_members(10, network.hub_a)
    client = client_as(network.users["mu"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("engagement:dashboard")).status_code == 200
