"""Steering pages per role: the public committee page and plan summaries, and the
restricted meetings, papers, drafts and plan details."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steering.models import MeetingPaper
from tests.conftest import ROLES
from tests.factories import CityFactory, CommitteeMemberFactory, HubFactory, UserFactory
from tests.steering.factories import (
    ActionPlanFactory,
    DecisionFactory,
    MeetingFactory,
    MeetingPaperFactory,
    PlanPriorityFactory,
    ProgressUpdateFactory,
)

ALLOWED = {"mu", "committee", "admin"}
DENIED = {"focal_a", "focal_b", "hub_a", "hub_b"}


def expected_restricted(role):
    if role == "anonymous":
        return "login"
    return 200 if role in ALLOWED else 403


def outcome(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


@pytest.fixture
def meeting(network):
    meeting = MeetingFactory(title_en="June meeting")
    DecisionFactory(meeting=meeting, text_en="Adopt the second-half plan.")
    MeetingPaperFactory(meeting=meeting, title_en="Progress report")
    return meeting


# --- the public committee page ------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_the_committee_page_with_members_mandate_and_advisory_status(
    network, client_as, role
):
    html = client_as(network.user(role)).get("/en/steering/").content.decode()
    seat_holder = network.users["committee"]
    assert seat_holder.display_name in html
    assert str(network.city_a.name) in html
    assert "advisory only" in html and "no executive power" in html
    assert "Mandate" in html
    assert "Geographic spread" in html
    link = '/en/steering/meetings/"'
    assert (link in html) is (role in ALLOWED)


@pytest.mark.django_db
def test_committee_page_shows_the_spread_by_hub(client):
    hub_a, hub_b, _empty_hub = (
        HubFactory(name_en="Hub Alpha"),
        HubFactory(name_en="Hub Beta"),
        HubFactory(name_en="Hub Empty"),
    )
    for hub, n in ((hub_a, 2), (hub_b, 1)):
        for _ in range(n):
            CommitteeMemberFactory(city=CityFactory(hub=hub))
    response = client.get("/en/steering/")
    spread = {row.hub.name_en if row.hub else None: row.count for row in response.context["spread"]}
    assert spread == {"Hub Alpha": 2, "Hub Beta": 1, "Hub Empty": 0}
    assert "Hub Empty" in response.content.decode()


@pytest.mark.django_db
def test_committee_page_lists_current_members_only(client):
    current = CommitteeMemberFactory(user=UserFactory(display_name="Current Person"))
    CommitteeMemberFactory(
        user=UserFactory(display_name="Former Person"),
        term_start=datetime.date(2018, 1, 1),
        term_end=datetime.date(2020, 1, 1),
    )
    CommitteeMemberFactory(
        user=UserFactory(display_name="Future Person"), term_start=datetime.date(2999, 1, 1)
    )
    html = client.get("/en/steering/").content.decode()
    assert current.user.display_name in html
    assert "Former Person" not in html and "Future Person" not in html


@pytest.mark.django_db
def test_committee_page_is_translated(client):
    CommitteeMemberFactory()
    response = client.get("/ar/steering/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def committee_page_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "committee"])
def test_committee_page_makes_the_same_number_of_queries_for_5_or_20_members(
    network, client_as, role, django_assert_max_num_queries
):
    ActionPlanFactory()
    PlanPriorityFactory()
    hubs = [HubFactory() for _ in range(3)]

    def add(n):
        for i in range(n):
            CommitteeMemberFactory(city=CityFactory(hub=hubs[i % 3]))

    client = client_as(network.user(role))
    add(4)  # plus the fixture's committee member: 5
    small = committee_page_queries(client, "/en/steering/")
    add(15)
    with django_assert_max_num_queries(small):
        client.get("/en/steering/")


# --- action plans -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_plan_list_shows_drafts_only_to_the_committee_and_the_management_unit(
    plans, network, client_as, role
):
    response = client_as(network.user(role)).get("/en/steering/plans/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Published summary" in html
    assert ("Draft summary" in html) is (role in ALLOWED)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_published_plan_shows_the_summary_to_all_and_details_only_to_the_committee(
    plans, network, client_as, role
):
    response = client_as(network.user(role)).get("/en/steering/plans/2026/1/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Published summary" in html and "Public priority title" in html
    assert "Training and capacity-building topic" in html
    restricted = role in ALLOWED
    assert ("Restricted priority details" in html) is restricted
    assert ("Restricted progress note" in html) is restricted
    assert (network.users["committee"].display_name in html) is restricted


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_draft_plan_is_not_found_except_by_the_committee_and_the_management_unit(
    plans, network, client_as, role
):
    response = client_as(network.user(role)).get("/en/steering/plans/2027/1/")
    assert response.status_code == (200 if role in ALLOWED else 404)
    assert ("Draft priority title" in response.content.decode()) is (role in ALLOWED)


@pytest.mark.django_db
def test_an_unknown_plan_is_not_found(client):
    assert client.get("/en/steering/plans/2030/2/").status_code == 404


@pytest.mark.django_db
def test_plan_detail_links_progress_to_its_evidence(plans, network, client_as):
    from events.models import Event
    from resources.models import Resource

    published, _ = plans
    now = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    resource = Resource.objects.create(slug="toolkit-x", kind="toolkit", title_en="Toolkit X")
    event = Event.objects.create(
        slug="ws",
        kind="workshop",
        format="online",
        title_en="Workshop Y",
        starts_at=now,
        ends_at=now,
    )
    ProgressUpdateFactory(
        priority=published.priorities.first(),
        note_en="With evidence",
        resource=resource,
        event=event,
    )
    html = client_as(network.users["committee"]).get("/en/steering/plans/2026/1/").content.decode()
    assert "Toolkit X" in html and "Workshop Y" in html


@pytest.mark.django_db
def test_plan_detail_queries_do_not_grow_with_priorities(
    network, client_as, django_assert_max_num_queries
):
    plan = ActionPlanFactory()
    client = client_as(network.users["committee"])
    for _ in range(2):
        ProgressUpdateFactory(priority=PlanPriorityFactory(plan=plan, owner=UserFactory()))
    small = committee_page_queries(client, "/en/steering/plans/2026/1/")
    for _ in range(10):
        ProgressUpdateFactory(priority=PlanPriorityFactory(plan=plan, owner=UserFactory()))
    with django_assert_max_num_queries(small):
        client.get("/en/steering/plans/2026/1/")


# --- meetings and papers ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_meeting_list_is_for_the_committee_and_the_management_unit_only(
    meeting, network, client_as, role
):
    response = client_as(network.user(role)).get("/en/steering/meetings/")
    assert outcome(response) == expected_restricted(role)
    assert ("June meeting" in response.content.decode()) is (role in ALLOWED)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_meeting_detail_shows_agenda_minutes_decisions_and_papers_to_allowed_roles_only(
    meeting, network, client_as, role
):
    response = client_as(network.user(role)).get(f"/en/steering/meetings/{meeting.pk}/")
    assert outcome(response) == expected_restricted(role)
    html = response.content.decode()
    for secret in (
        "Secret agenda item",
        "Confidential minutes",
        "Adopt the second-half plan",
        "Progress report",
    ):
        assert (secret in html) is (role in ALLOWED)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_papers_are_served_only_to_the_committee_and_the_management_unit(
    meeting, network, client_as, role
):
    paper = meeting.papers.get()
    response = client_as(network.user(role)).get(f"/en/steering/papers/{paper.pk}/")
    assert outcome(response) == expected_restricted(role)
    if role in ALLOWED:
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF-")
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="progress-report.pdf"' in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_member_whose_term_ended_can_no_longer_read_papers(meeting, client):
    former = CommitteeMemberFactory(
        term_start=datetime.date(2020, 1, 1), term_end=datetime.date(2021, 1, 1)
    )
    client.force_login(former.user)
    paper = meeting.papers.get()
    assert client.get(f"/en/steering/papers/{paper.pk}/").status_code == 403
    assert client.get(f"/en/steering/meetings/{meeting.pk}/").status_code == 403


@pytest.mark.django_db
def test_papers_have_no_public_media_url(meeting, network, client_as, private_papers_root):
    paper = meeting.papers.get()
    html = (
        client_as(network.users["committee"])
        .get(f"/en/steering/meetings/{meeting.pk}/")
        .content.decode()
    )
    assert f"/en/steering/papers/{paper.pk}/" in html
    assert settings.MEDIA_URL not in html
    assert paper.file.url == f"/en/steering/papers/{paper.pk}/" or paper.file.url.endswith(
        f"/steering/papers/{paper.pk}/"
    )
    path = paper.file.path
    assert path.startswith(str(private_papers_root.resolve()))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert paper.file.storage.base_url is None


@pytest.mark.django_db
def test_a_paper_whose_file_is_missing_is_not_found(meeting, network, client_as):
    paper = meeting.papers.get()
    paper.file.storage.delete(paper.file.name)
    response = client_as(network.users["committee"]).get(f"/en/steering/papers/{paper.pk}/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_unknown_meeting_and_paper_are_not_found_for_allowed_roles(network, client_as):
    client = client_as(network.users["mu"])
    assert client.get("/en/steering/meetings/999999/").status_code == 404
    assert client.get("/en/steering/papers/999999/").status_code == 404
    assert MeetingPaper.objects.count() == 0


@pytest.mark.django_db
def test_meeting_list_queries_do_not_grow_with_meetings(
    network, client_as, django_assert_max_num_queries
):
    client = client_as(network.users["committee"])
    for _ in range(2):
        MeetingPaperFactory()
    small = committee_page_queries(client, "/en/steering/meetings/")
    for _ in range(10):
        MeetingPaperFactory()
    with django_assert_max_num_queries(small):
        client.get("/en/steering/meetings/")


@pytest.mark.django_db
def test_deleting_a_meeting_removes_its_paper_files(django_capture_on_commit_callbacks):
    paper = MeetingPaperFactory()
    storage, name = paper.file.storage, paper.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        paper.meeting.delete()
    assert not storage.exists(name)


@pytest.mark.django_db
def test_publishing_a_plan_dates_it():
    from steering.models import ActionPlan

    plan = ActionPlanFactory(year=2031, status=ActionPlan.Status.DRAFT, published_at=None)
    assert plan.published_at is None
    plan.status = ActionPlan.Status.PUBLISHED
    plan.save()
    assert plan.published_at is not None


@pytest.mark.django_db
def test_management_unit_staff_without_two_factor_are_sent_to_set_it_up(client, meeting):
    staff = UserFactory(is_management_unit=True)
    client.force_login(staff)
    response = client.get(f"/en/steering/meetings/{meeting.pk}/")
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate/" in response["Location"]
