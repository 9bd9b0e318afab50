"""Guests without an account register with the organisers' invitation link."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext

from events import services
from events.models import Event, Registration
from tests.events.conftest import make_event


def _link(event):
    return f"/fr/events/{event.slug}/guest/{services.guest_invitation_token(event)}/"


def test_a_guest_registers_for_an_invitation_only_event_with_the_link(
    client, db, django_capture_on_commit_callbacks
):
    event = make_event(audience=Event.Audience.INVITATION, interpretation_languages=["ar", "fr"])
    assert client.get(f"/fr/events/{event.slug}/").status_code == 404  # not public
    page = client.get(_link(event))
    assert page.status_code == 200 and event.title_fr in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _link(event),
            {
                "name": "Amina Fictional",
                "email": "Amina@Partner.example",
                "organisation": "Ministry of the Interior (fictional)",
                "language": "ar",
                "interpretation_language": "ar",
            },
            follow=True,
        )
    assert response.status_code == 200
    registration = Registration.objects.get()
    assert registration.is_guest and registration.status == Registration.Status.CONFIRMED
    assert registration.email == "amina@partner.example"
    assert mail.outbox[0].to == ["amina@partner.example"]
    assert event.title_ar in mail.outbox[0].subject  # in the guest's language


def test_a_guest_cannot_register_twice_or_after_close(client, db):
    event = make_event()
    data = {"name": "Guest", "email": "guest@example.org", "language": "en"}
    client.post(_link(event), data)
    response = client.post(_link(event), {**data, "email": "GUEST@example.org"})
    assert "est déjà inscrit à cet événement" in response.content.decode()  # the page is French
    assert Registration.objects.count() == 1


def test_a_full_event_puts_guests_on_the_waiting_list(client, db):
    event = make_event(capacity=0)
    client.post(_link(event), {"name": "G", "email": "g@example.org", "language": "fr"})
    assert Registration.objects.get().status == Registration.Status.WAITING


@pytest.mark.parametrize("token", ["forged", None])
def test_a_forged_or_foreign_link_is_not_found(client, db, token):
    event = make_event()
    other = make_event()
    token = token or services.guest_invitation_token(other)
    assert client.get(f"/en/events/{event.slug}/guest/{token}/").status_code == 404


def test_a_draft_takes_no_guests(client, db):
    event = make_event(is_published=False)
    assert client.get(_link(event)).status_code == 404


def test_bad_guest_input_gets_clear_errors(client, db):
    event = make_event()
    response = client.post(_link(event), {"name": "", "email": "not-an-email", "language": "xx"})
    assert response.status_code == 200
    assert response.content.decode().count('class="errorlist"') >= 3
    assert not Registration.objects.exists()


def test_organisers_see_guests_and_the_link_in_the_participant_list(client_as, network):
    event = make_event(hub=network.hub_a)
    services.register_guest(
        event=event, name="Guest Speaker", email="speaker@example.org", organisation="UN-Habitat"
    )
    html = client_as(network.user("hub_a")).get(f"/en/events/{event.slug}/participants/")
    html = html.content.decode()
    assert "Guest Speaker" in html and "UN-Habitat" in html
    # the invitation link (its signature carries the time, so read it from the page)
    token = re.search(rf"/events/{event.slug}/guest/([^/\s\"]+)/", html).group(1)
    assert services.event_for_guest_token(token) == event
    csv_text = client_as(network.user("hub_a")).get(f"/en/events/{event.slug}/participants.csv")
    assert "speaker@example.org" in csv_text.content.decode("utf-8-sig")


# --- a guest's own link: see, cancel, certificate ------------------------------------


def _links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def _own_link(message, event) -> str:
    """The guest's own link, from an email, as a path."""
    marker = f"/events/{event.slug}/my-registration/"
    link = next(link for link in _links_in(message) if marker in link)
    return link[link.index(marker) - 3 :]  # keep the language prefix


def test_a_guest_cancels_with_the_link_in_their_confirmation_and_the_seat_moves_on(
    client, db, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register_guest(
            event=event, name="Nadia Guest", email="nadia@partner.example", language="ar"
        )
        second = services.register_guest(
            event=event, name="Omar Guest", email="omar@partner.example", language="fr"
        )
    assert second.status == Registration.Status.WAITING
    confirmation = next(m for m in mail.outbox if m.to == ["nadia@partner.example"])
    link = _own_link(confirmation, event)
    assert link.startswith("/ar/")  # in the guest's language
    page = client.get(link)
    assert page.status_code == 200
    assert "Nadia Guest" in page.content.decode() and 'dir="rtl"' in page.content.decode()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, follow=True)
    assert response.status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CANCELLED
    assert second.status == Registration.Status.CONFIRMED  # promoted in order
    assert [m.to for m in mail.outbox] == [["omar@partner.example"]]
    # a second click explains, and changes nothing
    again = client.post(link, follow=True).content.decode()
    with translation.override("ar"):
        assert gettext("This registration can no longer be cancelled.") in again


def test_a_guests_link_works_only_for_its_own_event(client, db):
    event, other = make_event(), make_event()
    guest = services.register_guest(event=event, name="G", email="g@partner.example")
    token = services.guest_registration_token(guest)
    assert client.get(f"/en/events/{event.slug}/my-registration/{token}/").status_code == 200
    assert client.get(f"/en/events/{other.slug}/my-registration/{token}/").status_code == 404
    client.post(f"/en/events/{other.slug}/my-registration/{token}/")
    guest.refresh_from_db()
    assert guest.status == Registration.Status.CONFIRMED


def test_an_attended_guest_cannot_cancel_but_finds_the_certificate(client, network):
    now = timezone.now()
    event = make_event(
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=1)
    )
    guest = services.register_guest(event=event, name="G", email="g@partner.example")
    services.mark_attendance(registration=guest, attended=True, marked_by=network.user("mu"))
    url = f"/en/events/{event.slug}/my-registration/{services.guest_registration_token(guest)}/"
    html = client.get(url).content.decode()
    assert "Cancel my registration" not in html
    assert f"{url}certificate.pdf" in html
    client.post(url)
    guest.refresh_from_db()
    assert guest.status == Registration.Status.ATTENDED


def test_the_cancel_service_takes_only_guest_registrations(network):
    event = make_event()
    person = network.user("focal_a")
    registration = services.register(event=event, person=person, registered_by=person)
    with pytest.raises(PermissionDenied):
        services.cancel_guest_registration(registration=registration)
