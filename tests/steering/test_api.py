"""The steering API applies the same rules as the pages, per role."""

import pytest

from tests.conftest import ROLES
from tests.factories import CommitteeMemberFactory
from tests.steering.factories import DecisionFactory, MeetingFactory, MeetingPaperFactory
from tests.steering.test_views import ALLOWED


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_everyone_lists_the_current_members(network, client_as, role):
    rows = client_as(network.user(role)).get("/api/v1/steering/members/").json()
    assert [row["name"] for row in rows] == [network.users["committee"].display_name]
    assert rows[0]["hub"] == network.hub_a.slug
    assert rows[0]["country"] == network.city_a.country.code


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_plans_api_hides_drafts_and_details_from_the_public(plans, network, client_as, role):
    client = client_as(network.user(role))
    listed = client.get("/api/v1/steering/plans/").json()["results"]
    periods = {(p["year"], p["half"]) for p in listed}
    restricted = role in ALLOWED
    assert periods == ({(2026, 1), (2027, 1)} if restricted else {(2026, 1)})

    detail = client.get("/api/v1/steering/plans/2026-1/").json()
    assert detail["priorities"][0]["title"] == "Public priority title"
    assert ("description" in detail["priorities"][0]) is restricted
    if restricted:
        assert detail["priorities"][0]["updates"][0]["note"] == "Restricted progress note"
    draft = client.get("/api/v1/steering/plans/2027-1/")
    assert draft.status_code == (200 if restricted else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_meetings_api_is_for_the_committee_and_the_management_unit_only(network, client_as, role):
    meeting = MeetingFactory(title_en="API meeting")
    DecisionFactory(meeting=meeting, text_en="Decided")
    paper = MeetingPaperFactory(meeting=meeting)
    client = client_as(network.user(role))
    listing = client.get("/api/v1/steering/meetings/")
    detail = client.get(f"/api/v1/steering/meetings/{meeting.pk}/")
    if role in ALLOWED:
        assert listing.status_code == detail.status_code == 200
        body = detail.json()
        assert body["decisions"] == [{"text": "Decided"}]
        assert body["papers"][0]["download_url"].endswith(f"/steering/papers/{paper.pk}/")
    else:
        assert listing.status_code == detail.status_code == 403
        assert "API meeting" not in listing.content.decode() + detail.content.decode()


@pytest.mark.django_db
def test_former_members_lose_the_meetings_api(client):
    import datetime

    former = CommitteeMemberFactory(
        term_start=datetime.date(2020, 1, 1), term_end=datetime.date(2021, 1, 1)
    )
    client.force_login(former.user)
    assert client.get("/api/v1/steering/meetings/").status_code == 403


@pytest.mark.django_db
def test_members_api_makes_the_same_number_of_queries_for_5_or_20_members(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):
        CommitteeMemberFactory()
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/steering/members/")
    for _ in range(15):
        CommitteeMemberFactory()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get("/api/v1/steering/members/").json()) == 20
