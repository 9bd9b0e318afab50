"""The admin: the 25-member limit with a clear message, and checked paper uploads."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from steering.demo import demo_pdf
from steering.models import MAX_ACTIVE_MEMBERS, CommitteeMember, Meeting, MeetingPaper
from tests.factories import CityFactory, CommitteeMemberFactory, UserFactory
from tests.upload_samples import docx_bytes, svg_bytes

ADD_SEAT = "/admin/steering/committeemember/add/"
ADD_MEETING = "/admin/steering/meeting/add/"


def seat_form(user, city, **extra):
    return {
        "user": user.pk,
        "city": city.pk,
        "role": "member",
        "position_en": "Mayor",
        "position_ar": "",
        "position_fr": "",
        "term_start": "2026-01-01",
        "term_end": "",
        **extra,
    }


@pytest.fixture
def mu_client(network, client_as):
    return client_as(network.users["mu"])


@pytest.mark.django_db
def test_management_unit_adds_a_member_in_the_admin(network, mu_client):
    user, city = UserFactory(), CityFactory()
    response = mu_client.post(ADD_SEAT, seat_form(user, city))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CommitteeMember.objects.filter(user=user, city=city, position_en="Mayor").exists()


@pytest.mark.django_db
def test_the_admin_refuses_a_26th_active_member_with_a_clear_message(network, mu_client):
    city = CityFactory()
    # the fixture already seats one member
    for _ in range(MAX_ACTIVE_MEMBERS - 1):
        CommitteeMemberFactory(city=city, term_start=datetime.date(2025, 1, 1))
    newcomer = UserFactory()
    response = mu_client.post(ADD_SEAT, seat_form(newcomer, city))
    assert response.status_code == 200
    html = response.content.decode()
    assert "it may have at most 25 at any time" in html
    assert not CommitteeMember.objects.filter(user=newcomer).exists()


@pytest.mark.django_db
def test_the_admin_can_still_edit_a_member_of_a_full_committee(network, mu_client):
    city = CityFactory()
    seats = [
        CommitteeMemberFactory(city=city, term_start=datetime.date(2025, 1, 1))
        for _ in range(MAX_ACTIVE_MEMBERS - 1)
    ]
    seat = seats[0]
    data = seat_form(seat.user, city, role="co_chair", term_start="2025-01-01")
    response = mu_client.post(f"/admin/steering/committeemember/{seat.pk}/change/", data)
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.role == "co_chair"


@pytest.mark.django_db
def test_the_admin_refuses_a_term_ending_before_it_starts(network, mu_client):
    response = mu_client.post(
        ADD_SEAT, seat_form(UserFactory(), CityFactory(), term_end="2025-01-01")
    )
    assert response.status_code == 200
    assert "A term cannot end before it starts." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["focal_a", "hub_a", "committee"])
def test_only_central_staff_reach_the_steering_admin(network, client_as, role):
    response = client_as(network.user(role)).get(ADD_SEAT)
    assert response.status_code == 403


def meeting_form(upload=None, title="Budget paper"):
    data = {
        "title_en": "Meeting with papers",
        "title_ar": "",
        "title_fr": "",
        "held_on": "2026-06-11",
        "format": "online",
        "location_en": "",
        "agenda_en": "1. Welcome",
        "minutes_en": "",
        "decisions-TOTAL_FORMS": "0",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "1000",
        "papers-TOTAL_FORMS": "1" if upload else "0",
        "papers-INITIAL_FORMS": "0",
        "papers-MIN_NUM_FORMS": "0",
        "papers-MAX_NUM_FORMS": "1000",
    }
    if upload:
        data.update({"papers-0-title_en": title, "papers-0-file": upload})
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,content",
    [("budget.pdf", demo_pdf("Budget")), ("budget.docx", docx_bytes())],
)
def test_the_admin_stores_a_pdf_or_office_paper_privately(
    network, mu_client, private_papers_root, name, content
):
    response = mu_client.post(ADD_MEETING, meeting_form(SimpleUploadedFile(name, content)))
    assert response.status_code == 302, response.content.decode()[:3000]
    paper = MeetingPaper.objects.get()
    assert paper.size == len(content)
    assert paper.file.name.startswith("meetings/") and "budget" not in paper.file.name
    assert paper.file.path.startswith(str(private_papers_root.resolve()))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,content,message",
    [
        ("tool.exe", b"MZ\x90\x00", "is not a file of an accepted type (PDF, Word"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "is not what its name says (.pdf)"),
        ("fake.docx", b"PK\x03\x04 broken zip", "is not what its name says (.docx)"),
        ("diagram.svg", svg_bytes(), "SVG image"),
    ],
)
def test_the_admin_refuses_papers_of_the_wrong_type(network, mu_client, name, content, message):
    response = mu_client.post(ADD_MEETING, meeting_form(SimpleUploadedFile(name, content)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()
    assert not MeetingPaper.objects.exists()


@pytest.mark.django_db
def test_the_admin_refuses_a_paper_over_the_size_limit(network, mu_client, settings):
    settings.STEERING_PAPER_MAX_BYTES = 1024
    content = demo_pdf("Big") + b"0" * 2048
    response = mu_client.post(ADD_MEETING, meeting_form(SimpleUploadedFile("big.pdf", content)))
    assert response.status_code == 200
    assert "is larger than 1.0\xa0KB" in response.content.decode()
    assert not MeetingPaper.objects.exists()


@pytest.mark.django_db
def test_the_admin_links_a_paper_to_the_checked_download_view(network, mu_client):
    from tests.steering.factories import MeetingPaperFactory

    paper = MeetingPaperFactory()
    html = mu_client.get(f"/admin/steering/meeting/{paper.meeting.pk}/change/").content.decode()
    assert f"/steering/papers/{paper.pk}/" in html
    assert "/media/" not in html
