"""Every events page, as every role, including the forbidden ones."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from events import services
from events.models import Event, Registration
from members.models import EngagementRecord, ThematicArea
from tests.conftest import ROLES
from tests.events.conftest import make_event
from tests.factories import HubFactory, UserFactory

ONLINE_URL = "https://meet.example.org/members-room-4711"


@pytest.fixture
def events(network):
    now = timezone.now()
    return {
        "public": make_event(title_en="Open regional exchange", hub=network.hub_a, capacity=10),
        "members": make_event(
            title_en="Members webinar",
            audience=Event.Audience.MEMBERS,
            format=Event.Format.ONLINE,
            online_url=ONLINE_URL,
            hub=network.hub_a,
        ),
        "draft": make_event(title_en="Draft summit", is_published=False, hub=network.hub_a),
        "started": make_event(
            title_en="Workshop under way",
            hub=network.hub_a,
            starts_at=now - datetime.timedelta(hours=1),
            ends_at=now + datetime.timedelta(hours=2),
        ),
    }


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if "/accounts/login/" in location:
            return "login"
        if "/2fa/" in location:
            return "mfa"
        return "redirect"
    return response.status_code


def run(client_as, network, url, method="get", data=None):
    results = {}
    for role in ROLES:
        client = client_as(network.user(role))
        response = getattr(client, method)(url, data or {})
        results[role] = outcome(response)
    return results


def test_calendar_shows_each_role_what_it_may_see(client_as, network, events):
    seen = {}
    for role in ROLES:
        html = client_as(network.user(role)).get("/en/events/").content.decode()
        seen[role] = {name for name, e in events.items() if e.title_en in html}
    assert seen["anonymous"] == {"public", "started"}
    for role in ("focal_a", "focal_b", "committee", "hub_b"):
        assert seen[role] == {"public", "members", "started"}, role
    for role in ("hub_a", "mu", "admin"):
        assert seen[role] == {"public", "members", "started", "draft"}, role


def test_event_pages_per_role(client_as, network, events):
    public = run(client_as, network, f"/en/events/{events['public'].slug}/")
    assert set(public.values()) == {200}
    members = run(client_as, network, f"/en/events/{events['members'].slug}/")
    assert members == {**dict.fromkeys(ROLES, 200), "anonymous": 404}
    draft = run(client_as, network, f"/en/events/{events['draft'].slug}/")
    assert draft == {
        **dict.fromkeys(ROLES, 404),
        "hub_a": 200,
        "mu": 200,
        "admin": 200,
    }
    assert client_as(None).get("/en/events/no-such-event/").status_code == 404


STAFF_ONLY = {
    "anonymous": "login",
    "focal_a": 403,
    "focal_b": 403,
    "hub_a": 200,
    "hub_b": 403,
    "mu": 200,
    "committee": 403,
    "admin": 200,
}


@pytest.mark.parametrize("suffix", ["participants/", "participants.csv"])
def test_participant_lists_are_for_the_organisers(client_as, network, events, suffix):
    assert run(client_as, network, f"/en/events/{events['public'].slug}/{suffix}") == STAFF_ONLY


def test_my_registrations_needs_sign_in(client_as, network):
    results = run(client_as, network, "/en/events/mine/")
    assert results == {**dict.fromkeys(ROLES, 200), "anonymous": "login"}


def test_registering_per_role(client_as, network, events):
    url = f"/en/events/{events['members'].slug}/register/"
    results = run(client_as, network, url, "post", {"person": ""})
    # Everyone but the anonymous visitor reaches the form; an empty choice is an error.
    assert results == {**dict.fromkeys(ROLES, "redirect"), "anonymous": "login"}
    assert not Registration.objects.exists()
    for role in ROLES[1:]:
        user = network.user(role)
        client_as(user).post(url, {"person": user.pk})
    registered = set(Registration.objects.values_list("user_id", flat=True))
    assert registered == {network.user(role).pk for role in ROLES[1:]}
    draft_url = f"/en/events/{events['draft'].slug}/register/"
    draft = run(client_as, network, draft_url, "post", {"person": 1})
    assert draft["focal_a"] == 404 and draft["anonymous"] == "login"
    assert not Registration.objects.filter(event=events["draft"]).exists()


def test_register_and_cancel_only_answer_post(client_as, network, events):
    registration = services.register(
        event=events["public"],
        person=network.user("focal_a"),
        registered_by=network.user("focal_a"),
    )
    slug = events["public"].slug
    for url in (
        f"/en/events/{slug}/register/",
        f"/en/events/{slug}/registrations/{registration.pk}/cancel/",
        f"/en/events/{slug}/registrations/{registration.pk}/status/",
    ):
        assert set(run(client_as, network, url).values()) == {405}


def test_cancelling_per_role(client_as, network, events):
    event = events["public"]
    expected = {
        "anonymous": "login",
        "focal_a": "redirect",
        "focal_b": 403,
        "hub_a": "redirect",
        "hub_b": 403,
        "mu": "redirect",
        "committee": 403,
        "admin": "redirect",
    }
    for role in ROLES:
        registration = Registration.objects.filter(user=network.user("focal_a")).first()
        if registration:
            registration.delete()
        registration = services.register(
            event=event, person=network.user("focal_a"), registered_by=network.user("focal_a")
        )
        url = f"/en/events/{event.slug}/registrations/{registration.pk}/cancel/"
        assert outcome(client_as(network.user(role)).post(url)) == expected[role], role
        registration.refresh_from_db()
        cancelled = registration.status == Registration.Status.CANCELLED
        assert cancelled == (expected[role] == "redirect"), role


def test_checking_in_per_role(client_as, network, events):
    event = events["started"]
    registration = services.register(
        event=event, person=network.user("focal_a"), registered_by=network.user("focal_a")
    )
    url = f"/en/events/{event.slug}/registrations/{registration.pk}/status/"
    results = run(client_as, network, url, "post", {"action": "attended"})
    assert results == {**STAFF_ONLY, "hub_a": "redirect", "mu": "redirect", "admin": "redirect"}
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ATTENDED
    assert EngagementRecord.objects.filter(
        city=network.city_a, kind=EngagementRecord.Kind.EVENT_ATTENDED
    ).exists()


def test_the_online_link_is_shown_only_to_confirmed_participants_and_organisers(
    client_as, network, events
):
    event = events["members"]
    services.register(
        event=event, person=network.user("focal_a"), registered_by=network.user("focal_a")
    )
    waiting_event = make_event(
        audience=Event.Audience.MEMBERS,
        format=Event.Format.ONLINE,
        online_url=ONLINE_URL + "-full",
        capacity=0,
    )
    services.register(
        event=waiting_event, person=network.user("focal_b"), registered_by=network.user("focal_b")
    )
    shown = {}
    for role in ROLES:
        client = client_as(network.user(role))
        html = client.get(f"/en/events/{event.slug}/").content.decode()
        shown[role] = ONLINE_URL in html
        ics = client.get(f"/en/events/{event.slug}/event.ics").content.decode()
        assert ONLINE_URL not in ics.replace("\r\n ", "") or role == "focal_a"
    assert shown == {
        "anonymous": False,
        "focal_a": True,  # registered and confirmed
        "focal_b": False,
        "hub_a": True,  # organising hub
        "hub_b": False,
        "mu": True,
        "committee": False,
        "admin": True,
    }
    html = client_as(network.user("focal_b")).get(f"/en/events/{waiting_event.slug}/")
    assert ONLINE_URL + "-full" not in html.content.decode()


def test_registration_after_close_shows_a_clear_error_and_keeps_nothing(client_as, network):
    event = make_event(registration_closes_at=timezone.now() - datetime.timedelta(minutes=5))
    client = client_as(network.user("focal_a"))
    response = client.post(
        f"/en/events/{event.slug}/register/", {"person": network.user("focal_a").pk}, follow=True
    )
    assert response.status_code == 200
    assert "Registration for this event is closed." in response.content.decode()
    assert not Registration.objects.exists()


def test_a_focal_point_registers_a_colleague_from_the_event_page(client_as, network):
    from tests.factories import FocalPointFactory

    colleague = FocalPointFactory(city=network.city_a, is_primary=False).user
    event = make_event(capacity=1)
    client = client_as(network.user("focal_a"))
    page = client.get(f"/en/events/{event.slug}/").content.decode()
    assert colleague.display_name in page
    response = client.post(
        f"/en/events/{event.slug}/register/",
        {"person": colleague.pk, "dietary_needs": "Halal"},
        follow=True,
    )
    assert "is registered" in response.content.decode()
    registration = Registration.objects.get(user=colleague)
    assert registration.dietary_needs == "Halal" and registration.city == network.city_a
    # Myself next: the event is full, so the waiting list.
    response = client.post(
        f"/en/events/{event.slug}/register/", {"person": network.user("focal_a").pk}, follow=True
    )
    assert "waiting list" in response.content.decode()


def test_the_event_page_shows_the_events_local_time_and_zone(client, db):
    start = datetime.datetime(2027, 3, 10, 7, 0, tzinfo=datetime.UTC)
    event = make_event(
        time_zone="Africa/Nairobi", starts_at=start, ends_at=start + datetime.timedelta(hours=8)
    )
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "10:00–18:00" in html and "Africa/Nairobi" in html
    assert 'data-event-start="2027-03-10T07:00:00+00:00"' in html


def test_calendar_filters_and_past_events(client, network):
    theme = ThematicArea.objects.create(slug="young-cities", name_en="Young Cities")
    now = timezone.now()
    make_event(title_en="Youth webinar", kind=Event.Kind.WEBINAR, format="online", themes=[theme])
    make_event(title_en="Balkans workshop", hub=network.hub_b)
    make_event(
        title_en="Nairobi conference 2022",
        kind=Event.Kind.SUMMIT,
        starts_at=now - datetime.timedelta(days=900),
        ends_at=now - datetime.timedelta(days=899),
    )

    def titles(query):
        html = client.get(f"/en/events/?{query}").content.decode()
        return {
            t for t in ("Youth webinar", "Balkans workshop", "Nairobi conference 2022") if t in html
        }

    assert titles("") == {"Youth webinar", "Balkans workshop"}
    assert titles("kind=webinar") == {"Youth webinar"}
    assert titles("format=online") == {"Youth webinar"}
    assert titles("theme=young-cities") == {"Youth webinar"}
    assert titles(f"hub={network.hub_b.slug}") == {"Balkans workshop"}
    assert titles("when=past") == {"Nairobi conference 2022"}
    assert titles("when=past&kind=webinar") == set()
    # Nonsense filters are ignored or match nothing; never an error.
    assert client.get("/en/events/?kind=<script>&page=zzz&hub=x" * 3).status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "focal_a", "mu"])
def test_calendar_makes_the_same_number_of_queries_for_5_or_60_events(
    client_as, network, role, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hub = HubFactory()
    themes = [ThematicArea.objects.create(slug=f"t{i}", name_en=f"Theme {i}") for i in range(3)]
    people = [UserFactory() for _ in range(3)]

    def add(n):
        for i in range(n):
            event = make_event(hub=hub, themes=themes[: i % 3 + 1], capacity=2)
            for person in people:
                Registration.objects.create(event=event, user=person, status="confirmed")

    client = client_as(network.user(role))
    add(5)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/en/events/").status_code == 200
    add(55)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/en/events/")
    assert response.status_code == 200
    assert response.content.decode().count("Full: waiting list") == 20  # one page, all full


def test_participant_list_csv_and_attendance_import(client_as, network, events):
    event = events["started"]
    people = {}
    for role in ("focal_a", "focal_b"):
        people[role] = services.register(
            event=event,
            person=network.user(role),
            registered_by=network.user(role),
            answers=services.Answers(accessibility_needs="=HYPERLINK(1)"),
        )
    client = client_as(network.user("hub_a"))
    page = client.get(f"/en/events/{event.slug}/participants/").content.decode()
    assert network.user("focal_b").display_name in page
    csv_text = client.get(f"/en/events/{event.slug}/participants.csv").content.decode("utf-8-sig")
    assert network.user("focal_a").email in csv_text
    assert "'=HYPERLINK(1)" in csv_text  # not run as a formula
    upload = SimpleUploadedFile(
        "attendance.csv",
        (
            f"email,attended\n{network.user('focal_a').email},yes\n"
            f"{network.user('focal_b').email},no\nnobody@example.org,yes\n"
        ).encode(),
        content_type="text/csv",
    )
    response = client.post(f"/en/events/{event.slug}/participants/", {"file": upload}, follow=True)
    html = response.content.decode()
    assert "Attendance marked for 2 people." in html and "nobody@example.org" in html
    people["focal_a"].refresh_from_db()
    people["focal_b"].refresh_from_db()
    assert people["focal_a"].status == Registration.Status.ATTENDED
    assert people["focal_b"].status == Registration.Status.NO_SHOW
    assert EngagementRecord.objects.filter(city=network.city_a).count() == 1
    assert not EngagementRecord.objects.filter(city=network.city_b).exists()


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("list.txt", b"email,attended\n", "is not a file of an accepted type (CSV)"),
        ("list.csv", b"name,present\nx,y\n", "column"),
        ("list.csv", b"email,attended\na@example.org,maybe\n", "must be yes or no"),
        ("list.csv", b"\xff\xfe\x00bad", "is not what its name says (.csv)"),
    ],
)
def test_a_bad_attendance_file_gets_a_clear_error(
    client_as, network, events, name, content, message
):
    client = client_as(network.user("mu"))
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    response = client.post(f"/en/events/{events['started'].slug}/participants/", {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_staff_approve_an_invitation_request_from_the_participant_list(client_as, network):
    event = make_event(audience=Event.Audience.INVITATION, hub=network.hub_a)
    registration = services.register(
        event=event, person=network.user("focal_a"), registered_by=network.user("focal_a")
    )
    assert registration.status == Registration.Status.PENDING
    url = f"/en/events/{event.slug}/registrations/{registration.pk}/status/"
    assert client_as(network.user("hub_b")).post(url, {"action": "approve"}).status_code == 403
    client_as(network.user("hub_a")).post(url, {"action": "approve"})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    response = client_as(network.user("hub_a")).post(url, {"action": "explode"}, follow=True)
    assert "Unknown action." in response.content.decode()


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_event_pages_render_in_every_language(client, db, language):
    event = make_event()
    html = client.get(f"/{language}/events/{event.slug}/").content.decode()
    assert getattr(event, f"title_{language}") in html
    list_html = client.get(f"/{language}/events/").content.decode()
    assert getattr(event, f"title_{language}") in list_html
    if language == "ar":
        assert 'dir="rtl"' in html


def test_an_event_shown_in_another_language_is_marked_so(client, db):
    event = make_event(title_ar="", title_fr="", title_en="Regional workshop",
                       description_en="Bring your city's plan.")  # fmt: skip
    arabic = client.get(f"/ar/events/{event.slug}/").content.decode()
    assert '<h1 lang="en" dir="ltr">Regional workshop</h1>' in arabic
    assert '<div class="event-description" lang="en" dir="ltr">' in arabic
    calendar = client.get("/ar/events/").content.decode()
    assert '<h2 lang="en" dir="ltr"><a href="/ar/events/' in calendar
    english = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "<h1>Regional workshop</h1>" in english
