"""Guests without an account register with the organisers' invitation link."""

import pytest
from django.core import mail

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
    assert services.guest_invitation_token(event) in html
    csv_text = client_as(network.user("hub_a")).get(f"/en/events/{event.slug}/participants.csv")
    assert "speaker@example.org" in csv_text.content.decode("utf-8-sig")
